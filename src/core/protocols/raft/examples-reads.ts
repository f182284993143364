/**
 * Example stories of explicit storage and reads outside the log (storage.ts, reads.ts; thesis
 * §6.4, §10.2.1). Raw scenarios, validated when loaded; listed by Raft's registry entry (entry.ts)
 * and checked under their seeds by examples-reads.test.ts.
 */
import type { ExampleSet } from '../plugin';

const put = (at: number, client: string, key: string, value: string, node?: string) => ({ at, action: 'request', client, op: { f: 'put', key, value }, ...(node ? { node } : {}) });
const get = (at: number, client: string, key: string, node?: string) => ({ at, action: 'request', client, op: { f: 'get', key }, ...(node ? { node } : {}) });

/**
 * The shared plot of the two skew stories: n1 leads and writes x = 1; its clock is slowed to a
 * quarter (the `skew` action) and it is cut off; the others elect a new leader, which writes x = 2;
 * then a client reads x at n1, which still believes it leads.
 */
const skewPlot = (reads: 'lease' | 'read-index') => ({
  version: 1,
  protocol: 'raft',
  seed: 5,
  nodes: 3,
  until: 5000,
  // Slow enough to follow: heartbeats every 100 ms, a lease of 600 / 1.5 = 400 ms on n1's own clock.
  config: { electionTimeoutMs: [600, 900], heartbeatMs: 100, reads, clockDriftBound: 1.5 },
  network: { latencyMs: [10, 10], loss: 0, duplicate: 0 },
  clients: { timeoutMs: 1000 },
  timeline: [
    { at: 100, action: 'timeout', node: 'n1' },
    put(400, 'c1', 'x', '1', 'n1'),
    { at: 900, action: 'skew', node: 'n1', rate: 0.25 },
    { at: 1050, action: 'isolate', node: 'n1' },
    // n2 and n3 time out together and split the vote; n3 tries again and wins term 3.
    { at: 1060, action: 'timeout', node: 'n2' },
    { at: 1060, action: 'timeout', node: 'n3' },
    { at: 1150, action: 'timeout', node: 'n3' },
    put(1300, 'c2', 'x', '2', 'n3'),
    get(1500, 'c3', 'x', 'n1'),
  ],
});

/** READ_EXAMPLES maps an id to a raw scenario. */
export const READ_EXAMPLES: Record<string, Record<string, unknown>> = {
  'lease-read-skew': {
    ...skewPlot('lease'),
    name: 'Lease read under clock skew',
    description:
      'Lease reads (thesis §6.4.1): after a quorum acknowledges a heartbeat sent at `start`, the leader n1 answers reads alone until ' +
      'start + 600 / 1.5 = 400 ms on its own clock. At 900 its clock is slowed to a quarter, beyond the drift bound of 1.5, and at 1050 ' +
      'it is cut off. Its last lease now lasts 1,600 real ms. n2 and n3 time out, elect a new leader and commit x = 2; at 2600 a client ' +
      'reads x at n1, whose lease has not yet run out by its clock: it answers x = 1, a stale read. The linearizability lamp turns red ' +
      'and the history chart shows the read of 1 after the write of 2 completed.',
  },
  'read-index-skew': {
    ...skewPlot('read-index'),
    name: 'ReadIndex under the same clock skew',
    description:
      'The same story with ReadIndex reads (thesis §6.4): n1 must confirm it still leads with a heartbeat round a majority ' +
      'acknowledges before it answers, whatever its clock says. Cut off, it hears from nobody, so the read at n1 waits; the client ' +
      'times out, retries at the new leader and reads x = 2. Linearizable, at the price of a round trip per read.',
  },
  'power-loss-synced': {
    name: 'Power loss with a slow disk',
    description:
      'Every disk takes 100 ms to sync (config.syncLatencyMs). Followers write entries at once but acknowledge them only when they ' +
      'are durable, and a leader counts its own copy once synced (Figure 2; thesis §10.2.1). The power fails across the whole ' +
      'cluster right after a write is acknowledged: unsynced writes are lost (the node panel shows syncedThrough), but nothing ' +
      'committed is, and the cluster comes back with x = 1. Compare the teaching bug "acknowledge before sync".',
    version: 1,
    protocol: 'raft',
    seed: 1,
    nodes: 3,
    until: 2500,
    config: { electionTimeoutMs: [1000, 2000], heartbeatMs: 50, syncLatencyMs: 100 },
    network: { latencyMs: [10, 10], loss: 0, duplicate: 0 },
    timeline: [
      { at: 100, action: 'timeout', node: 'n1' },
      put(500, 'c1', 'x', '1', 'n1'),
      ...['n1', 'n2', 'n3'].map((node) => ({ at: 740, action: 'crash', node, loseUnsynced: true })),
      { at: 900, action: 'restart' },
      { at: 950, action: 'timeout', node: 'n2' },
      get(1700, 'c2', 'x', 'n2'),
    ],
  },
};

/** READ_EXAMPLE_SET is the examples menu's set of these stories. */
export const READ_EXAMPLE_SET: ExampleSet = { title: 'Raft storage and reads', examples: READ_EXAMPLES };
