/**
 * Named lease-lock example scenarios, each one story of Kleppmann 2016 or of majority quorums;
 * examples.test.ts checks each story happens. Raw scenarios, validated by the scenario schema; node
 * ids name their parts (the first lockNodes nodes are the lock service, the last is storage).
 * Times (`at`, `until`) are virtual ms.
 */

/** write is a timeline request: client `client` has node `node` write `value`, at `at` (virtual ms). */
const write = (at: number, node: string, value: string, client: string) => ({ at, action: 'request', client, node, op: { f: 'write', value } });

/** pauseStory is Kleppmann's story: alice takes the lock, pauses past her lease, bob takes it and writes, alice wakes and writes. */
const pauseStory = (fencing: boolean) => ({
  name: fencing ? 'Lease-lock: a paused client is fenced off' : 'Lease-lock bug: without fencing a paused client overwrites its successor',
  description: fencing
    ? 'alice takes the lock (token 1) and starts working; at 250 ms she pauses for 1.5 s, a long GC pause. Her 500 ms lease expires at the lock; bob takes the lock (token 2) and writes B. alice wakes at 1.75 s: her overdue work timer fires before her lease timer, so her check passes and she writes A with token 1. Storage has seen token 2 and rejects it: the fencing token saves the data (Kleppmann 2016).'
    : 'Teaching bug no-fencing: the same story with storage that does not check tokens (as config fencing: false). alice wakes from her pause, believes she still holds the lock and writes A with token 1 after bob\'s B with token 2: storage accepts it, two holders\' writes interleave, and Mutual exclusion in effect turns red. A lease alone cannot make a lock safe.',
  version: 1, protocol: 'lease-lock', seed: 1, nodes: ['lock', 'alice', 'bob', 'storage'], until: 3500,
  network: { latencyMs: [10, 20], loss: 0, duplicate: 0 },
  clients: { timeoutMs: 5000 },
  // Without fencing: the teaching bug no-fencing, the same as config fencing: false.
  config: { service: 'single', lockNodes: 1, leaseMs: 500, renewMs: 150, workMs: 300, ...(fencing ? {} : { bugs: ['no-fencing'] }) },
  // Then, with the story told, each writes once more, in turn, with fresh tokens.
  timeline: [write(100, 'alice', 'A', 'c1'), { at: 250, action: 'pause', node: 'alice', ms: 1500 }, write(700, 'bob', 'B', 'c2'), write(2200, 'bob', 'C', 'c3'), write(2500, 'alice', 'D', 'c4')],
});

/** splitBrain is a 2 | 3 partition of five lock nodes, with alice on the minority side. */
const splitBrain = (bug: boolean) => ({
  name: bug ? 'Lease-lock bug: a minority grants the lease' : 'Lease-lock: split brain, and the minority cannot grant',
  description: bug
    ? 'Teaching bug minority-grant: a client takes the first promise as the lease. Across the 2 | 3 partition alice is granted by L1 alone while bob is granted by L3, L4 and L5: No grant by a minority turns red.'
    : 'Five lock nodes split 2 | 3 at 100 ms: L1, L2 and alice on one side; L3, L4, L5, bob and storage on the other. alice asks again and again but only two lock nodes answer: no majority, no grant. bob gets a majority and writes. When the partition heals at 2.5 s, alice gets her grant with a higher token.',
  version: 1, protocol: 'lease-lock', seed: 2, nodes: ['L1', 'L2', 'L3', 'L4', 'L5', 'alice', 'bob', 'storage'], until: 5000,
  network: { latencyMs: [10, 20], loss: 0, duplicate: 0 },
  clients: { timeoutMs: 5000 },
  config: { service: 'majority', lockNodes: 5, leaseMs: 500, renewMs: 150, workMs: 200, ...(bug ? { bugs: ['minority-grant'] } : {}) },
  timeline: [
    { at: 100, action: 'partition', groups: [['L1', 'L2', 'alice'], ['L3', 'L4', 'L5', 'bob', 'storage']] },
    write(200, 'alice', 'A', 'c1'),
    write(250, 'bob', 'B', 'c2'),
    { at: 2500, action: 'heal' },
  ],
});

/** LEASE_LOCK_EXAMPLES maps an example id to a raw scenario, in menu order. */
export const LEASE_LOCK_EXAMPLES: Record<string, Record<string, unknown>> = {
  'lease-pause-fenced': pauseStory(true),
  'lease-pause-unfenced': pauseStory(false),
  'lease-split-brain': splitBrain(false),
  'lease-clock-skew': {
    name: 'Lease-lock: a slow clock stretches a lease',
    description: 'alice\'s clock runs at a quarter of real speed (skew ×0.25). She takes the lock for 500 ms, but by her clock her 300 ms of work take 1.2 real seconds, and her lease looks good for 2 s. The lock\'s clock is right: the lease expires at about 0.6 s and bob takes it (token 2) and writes. alice then writes with token 1, sure she still holds the lock; storage rejects the stale token. Leases need a bound on clock rates (Gray & Cheriton 1989; Chubby §2.8), and fencing covers the rest.',
    version: 1, protocol: 'lease-lock', seed: 3, nodes: ['lock', 'alice', 'bob', 'storage'], until: 3000,
    network: { latencyMs: [10, 20], loss: 0, duplicate: 0 },
  clients: { timeoutMs: 5000 },
    config: { service: 'single', lockNodes: 1, leaseMs: 500, renewMs: 0, workMs: 300 },
    timeline: [{ at: 50, action: 'skew', node: 'alice', rate: 0.25 }, write(100, 'alice', 'A', 'c1'), write(700, 'bob', 'B', 'c2'), write(1800, 'bob', 'C', 'c3'), write(2200, 'bob', 'D', 'c4')],
  },
  'lease-bug-minority-grant': splitBrain(true),
};
