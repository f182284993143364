/**
 * "Raft in production: elections": the stories of pre-vote (thesis §9.6), CheckQuorum (§6.2) and
 * leadership transfer (§3.10). Each pair runs the same seed and timeline with a switch off and on,
 * so a teacher can show the difference side by side. Raw scenarios, validated when loaded; listed by
 * Raft's registry entry (entry.ts), checked by examples-production.test.ts.
 */
import type { ExampleSet } from '../plugin';

const put = (at: number, key: string, value: string, client: string, extra: Record<string, unknown> = {}) => ({
  at, action: 'request', client, op: { f: 'put', key, value }, ...extra,
});

/**
 * rejoin: n5 is cut off from 1500 to 4000 ms while x = 2 is written without it, then comes back.
 * Without pre-vote it has been raising its term at every election timeout.
 */
const rejoin = (preVote: boolean) => ({
  version: 1, protocol: 'raft', seed: 7, nodes: 5, until: 6000,
  config: { preVote },
  timeline: [
    put(800, 'x', '1', 'c1'),
    { at: 1500, action: 'isolate', node: 'n5' },
    put(2000, 'x', '2', 'c1'),
    { at: 4000, action: 'heal' },
    put(5000, 'x', '3', 'c1'),
  ],
});

/**
 * cutOffLeader: the leader is cut off from everyone at 1500 ms; a client writes to it; healed at
 * 5000 ms. Pre-vote is on in both, so that only CheckQuorum differs and the healing is quiet.
 */
const cutOffLeader = (checkQuorum: boolean) => ({
  version: 1, protocol: 'raft', seed: 11, nodes: 5, until: 6500,
  config: { preVote: true, checkQuorum },
  timeline: [
    put(800, 'x', '1', 'c1'),
    { at: 1500, action: 'isolate', node: 'leader' },
    put(1600, 'x', '2', 'c2', { node: 'leader' }),
    put(2500, 'y', '1', 'c3'),
    { at: 5000, action: 'heal' },
  ],
});

/** RAFT_PRODUCTION_EXAMPLES is the example set "Raft in production: elections". */
export const RAFT_PRODUCTION_EXAMPLES: ExampleSet = {
  title: 'Raft in production: elections',
  examples: {
    'rejoin-without-prevote': {
      name: 'A node rejoins with a high term (no pre-vote)',
      description: 'n5 is cut off for 2.5 s. Alone, it times out again and again, each time raising its term. When the partition heals, its high term reaches the healthy leader, which steps down: the cluster holds a needless election (n5 cannot win, its log is behind). Compare with pre-vote on (thesis §9.6).',
      ...rejoin(false),
    },
    'rejoin-with-prevote': {
      name: 'A node rejoins with its old term (pre-vote)',
      description: 'The same story with config.preVote on: cut off, n5 only asks for pre-votes and never raises its term, since nobody answers. When the partition heals it simply follows the leader again, who was never disturbed (thesis §9.6).',
      ...rejoin(true),
    },
    'cut-off-leader-without-checkquorum': {
      name: 'A cut-off leader keeps believing it leads',
      description: 'The leader is isolated at 1.5 s. The majority elects a new leader in a higher term, but the old leader hears nothing that tells it so: it stays leader, takes a write it can never commit, until the partition heals at 5 s. Pre-vote is on; CheckQuorum is off. Compare with CheckQuorum on (thesis §6.2).',
      ...cutOffLeader(false),
    },
    'cut-off-leader-with-checkquorum': {
      name: 'A cut-off leader steps down (CheckQuorum)',
      description: 'The same story with config.checkQuorum on: within one election timeout of being cut off, the old leader notices that it heard from no quorum and steps down to follower (record quorum-lost), sending its client elsewhere (thesis §6.2).',
      ...cutOffLeader(true),
    },
    'leader-gc-pause': {
      name: 'The leader pauses (a GC pause)',
      description: 'The leader stops for 1.5 s at 1.5 s, as in a long garbage-collection pause: it keeps its state but handles nothing. The others stop hearing heartbeats and elect a new leader in a higher term, which commits x = 2. When the old leader wakes it still believes it leads, until the first message of the higher term reaches it and it steps down (§5.1). The write c2 sent to it while it slept gets no answer; c2 times out and retries with the new leader. Two nodes believe they lead for a moment, and Election Safety holds: they lead different terms.',
      version: 1, protocol: 'raft', seed: 7, nodes: 5, until: 5000,
      timeline: [
        put(800, 'x', '1', 'c1'),
        { at: 1500, action: 'pause', node: 'leader', ms: 1500 },
        put(1600, 'y', '1', 'c2', { node: 'leader' }),
        put(2500, 'x', '2', 'c1'),
      ],
    },
    'leadership-transfer': {
      name: 'Leadership transfer',
      description: 'At 1.5 s the user asks n3 to become leader ("Make this node leader"). n3 forwards the request to the leader, which stops taking client requests, makes sure n3 has its whole log, and sends it TimeoutNow. n3 campaigns at once and wins the next term; the write sent meanwhile is retried with the new leader (thesis §3.10).',
      version: 1, protocol: 'raft', seed: 7, nodes: 5, until: 4000,
      config: { preVote: true, checkQuorum: true },
      timeline: [
        put(800, 'x', '1', 'c1'),
        { at: 1500, action: 'input', node: 'n3', name: 'make-leader' },
        put(1530, 'x', '2', 'c1'),
        put(2500, 'x', '3', 'c1'),
      ],
    },
    'transfer-to-lagging-follower': {
      name: 'Leadership transfer to a lagging follower',
      description: 'n3 is down while three writes commit, and is asked to become leader right after it restarts. The leader first sends it the entries it missed (AppendEntries + entries) and only once n3\'s matchIndex reaches the leader\'s last index sends TimeoutNow: a new leader always has every committed entry (thesis §3.10).',
      version: 1, protocol: 'raft', seed: 7, nodes: 5, until: 4000,
      timeline: [
        { at: 900, action: 'crash', node: 'n3' },
        put(1000, 'x', '1', 'c1', { node: 'leader' }),
        put(1100, 'y', '2', 'c2', { node: 'leader' }),
        put(1200, 'z', '3', 'c3', { node: 'leader' }),
        { at: 1500, action: 'restart', node: 'n3' },
        { at: 1560, action: 'input', node: 'n3', name: 'make-leader' },
        put(2500, 'x', '4', 'c1', { node: 'leader' }),
      ],
    },
  },
};
