/**
 * Raft's example scenarios: each tells one story of the Raft paper (Ongaro & Ousterhout 2014), and
 * the tests (src/core/scenario/examples.test.ts) check that each really happens under its seed.
 * Raw scenarios, validated when loaded; listed by Raft's registry entry (entry.ts).
 */
const put = (at: number, key: string, value: string, extra: Record<string, unknown> = {}) => ({
  at, action: 'request', op: { f: 'put', key, value }, ...extra,
});
const get = (at: number, key: string, extra: Record<string, unknown> = {}) => ({ at, action: 'request', op: { f: 'get', key }, ...extra });

/** RAFT_EXAMPLES maps an id to a raw scenario (validated when loaded). */
export const RAFT_EXAMPLES: Record<string, Record<string, unknown>> = {
  election: {
    name: 'Leader election',
    description: 'Five nodes start as followers; the first to time out asks for votes and becomes leader. Then a client writes x = 1 and it commits everywhere.',
    version: 1, protocol: 'raft', seed: 7, nodes: 5, until: 6000,
    config: { electionTimeoutMs: [150, 300], heartbeatMs: 50 },
    network: { latencyMs: [10, 30], loss: 0, duplicate: 0 },
    timeline: [put(1000, 'x', '1', { client: 'c1' }), get(1500, 'x', { client: 'c1' })],
  },
  'split-vote': {
    name: 'Split vote',
    description: 'n1 and n3 time out together. The links n1→n2 and n3→n4 are slow, so n2 hears n3 first and n4 hears n1 first: the votes split 2–2, nobody wins term 1, and randomized election timeouts break the tie in a later term (Raft §5.2).',
    version: 1, protocol: 'raft', seed: 3, nodes: 4, until: 4000,
    config: { electionTimeoutMs: [150, 300], heartbeatMs: 50 },
    network: { latencyMs: [20, 20], loss: 0, duplicate: 0 },
    timeline: [
      { at: 50, action: 'link', from: 'n1', to: 'n2', latencyMs: [40, 40] },
      { at: 50, action: 'link', from: 'n3', to: 'n4', latencyMs: [40, 40] },
      { at: 100, action: 'timeout', node: 'n1' },
      { at: 100, action: 'timeout', node: 'n3' },
    ],
  },
  'leader-isolated': {
    name: 'Leader isolated',
    description: 'The leader is cut off from everyone. The majority elects a new leader in a higher term and keeps committing; the old leader accepts a write it can never commit. On healing it steps down and its uncommitted entry is overwritten.',
    version: 1, protocol: 'raft', seed: 11, nodes: 5, until: 8000,
    timeline: [
      put(800, 'x', '1', { client: 'c1' }),
      { at: 2000, action: 'isolate', node: 'leader' },
      put(2100, 'x', '2', { client: 'c2', node: 'leader' }),
      put(3500, 'x', '3', { client: 'c3' }),
      { at: 5000, action: 'heal' },
      get(6000, 'x', { client: 'c4' }),
    ],
  },
  'minority-partition': {
    name: 'Minority partition cannot commit',
    description: 'Two nodes are split from three. Whichever side the leader is on, only the side of three can commit: a write sent to the minority waits until the partition heals.',
    version: 1, protocol: 'raft', seed: 5, nodes: 5, until: 8000,
    timeline: [
      put(800, 'x', '1', { client: 'c1' }),
      { at: 1500, action: 'partition', groups: [['n1', 'n2'], ['n3', 'n4', 'n5']] },
      put(2000, 'y', 'minority', { client: 'c2', node: 'n1' }),
      put(2000, 'z', 'majority', { client: 'c3', node: 'n4' }),
      { at: 5000, action: 'heal' },
    ],
  },
  'crash-restart': {
    name: 'Leader crash and restart',
    description: 'The leader crashes; the others elect a new one. The old leader restarts with only its persistent state (currentTerm, votedFor, log) and catches up as a follower.',
    version: 1, protocol: 'raft', seed: 21, nodes: 5, until: 8000,
    timeline: [
      put(800, 'x', '1', { client: 'c1' }),
      { at: 1500, action: 'crash', node: 'leader' },
      put(2500, 'x', '2', { client: 'c1' }),
      { at: 4000, action: 'restart' },
      put(5000, 'x', '3', { client: 'c1' }),
    ],
  },
  'lossy-network': {
    name: 'Lossy, duplicating network',
    description: 'A fifth of messages are lost and a tenth duplicated. Raft retries AppendEntries, clients retry with the same request id, and every write takes effect exactly once.',
    version: 1, protocol: 'raft', seed: 9, nodes: 5, until: 10000,
    network: { latencyMs: [10, 40], loss: 0.2, duplicate: 0.1 },
    timeline: [
      put(1000, 'x', '1', { client: 'c1' }),
      { at: 1200, action: 'request', client: 'c2', op: { f: 'append', key: 'log', value: 'a' } },
      { at: 1400, action: 'request', client: 'c2', op: { f: 'append', key: 'log', value: 'b' } },
      { at: 2000, action: 'request', client: 'c1', op: { f: 'cas', key: 'x', expected: '1', value: '2' } },
      get(3000, 'x', { client: 'c3' }),
      get(3000, 'log', { client: 'c4' }),
    ],
  },
};

