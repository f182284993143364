/**
 * Named CRDT example scenarios, each telling one story of Shapiro et al. 2011 (RR-7506);
 * examples.test.ts checks that each story happens under its seed. Raw scenarios (protocol `crdt`),
 * listed under "CRDTs". Times (`at`, `until`) are virtual ms; every request names its replica.
 */

/** req is a timeline request: client `client` sends `op` to replica `node` at `at` (virtual ms). */
const req = (at: number, node: string, op: Record<string, unknown>, client = `c${at}`) => ({ at, action: 'request', client, op, node });

/** ids gives n`from`…n`to`. */
const ids = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `n${from + i}`);

/** addWins is the OR-Set story: x added everywhere, then removed on one side of a partition while re-added on the other. */
const addWins = (bugs: string[]) => ({
  version: 1, protocol: 'crdt', seed: 4, nodes: 4, until: 7000,
  config: { type: 'or-set', periodMs: 200, bugs },
  timeline: [
    req(200, 'n1', { f: 'add', elem: 'x' }),
    req(300, 'n2', { f: 'add', elem: 'y' }),
    { at: 1500, action: 'partition', groups: [['n1', 'n2'], ['n3', 'n4']] },
    req(1800, 'n1', { f: 'remove', elem: 'x' }),
    req(1900, 'n3', { f: 'add', elem: 'x' }),
    { at: 3000, action: 'heal' },
  ],
});

/** skewStory is the LWW story: n3's clock runs at a quarter speed; n1 writes A, later n3 writes B. */
const skewStory = (bugs: string[]) => ({
  version: 1, protocol: 'crdt', seed: 6, nodes: 3, until: 5000,
  config: { type: 'lww-register', periodMs: 200, bugs },
  timeline: [
    { at: 50, action: 'skew', node: 'n3', rate: 0.25 },
    req(1500, 'n1', { f: 'set', value: 'A' }),
    req(3000, 'n3', { f: 'set', value: 'B' }),
    req(4500, 'n2', { f: 'read' }),
  ],
});

/** causal is the op-based story: n1 → n3 is slow, so n2's remove of x reaches n3 before n1's add. */
const causal = (bugs: string[]) => ({
  version: 1, protocol: 'crdt', seed: 8, nodes: 3, until: 8000,
  config: { type: 'op-or-set', periodMs: 300, bugs },
  timeline: [
    { at: 1, action: 'link', from: 'n1', to: 'n3', latencyMs: [600, 600] },
    req(200, 'n1', { f: 'add', elem: 'x' }),
    req(300, 'n2', { f: 'remove', elem: 'x' }),
    req(400, 'n2', { f: 'add', elem: 'y' }),
    req(1200, 'n1', { f: 'add', elem: 'z' }),
    req(1300, 'n3', { f: 'remove', elem: 'y' }),
    { at: 1400, action: 'link', from: 'n1', to: 'n3', latencyMs: [10, 30] },
  ],
});

/** CRDT_EXAMPLES maps an example id to a raw scenario, in menu order. */
export const CRDT_EXAMPLES: Record<string, Record<string, unknown>> = {
  'crdt-counters-partition': {
    name: 'CRDT: counters on both sides of a partition',
    description: 'A PN-Counter on six replicas, split 3 | 3 at 0.3 s. Clients increment and decrement on both sides; each side converges on its own sum. At 3 s the partition heals, anti-entropy merges the vectors (pointwise max, Spec. 7), and all six agree on the sum of every update: no increment is lost, none counted twice.',
    version: 1, protocol: 'crdt', seed: 3, nodes: 6, until: 7000,
    config: { type: 'pn-counter', periodMs: 200 },
    timeline: [
      { at: 300, action: 'partition', groups: [ids(1, 3), ids(4, 6)] },
      req(500, 'n1', { f: 'inc', by: 5 }),
      req(700, 'n2', { f: 'inc', by: 2 }),
      req(900, 'n5', { f: 'inc', by: 10 }),
      req(1100, 'n6', { f: 'dec', by: 3 }),
      req(1300, 'n3', { f: 'dec', by: 1 }),
      { at: 3000, action: 'heal' },
      req(6500, 'n4', { f: 'read' }),
    ],
  },
  'crdt-or-set-add-wins': {
    ...addWins([]),
    name: 'CRDT: OR-Set, a concurrent add wins',
    description: 'An OR-Set on four replicas. x is added and spreads; at 1.5 s the replicas split 2 | 2. n1 removes x (the tags it observed) while n3 adds x again with a fresh tag. At the heal the remove kills only the tag it saw: the concurrent add wins and x stays (Spec. 15).',
  },
  'crdt-bug-remove-wins': {
    ...addWins(['remove-wins']),
    name: 'CRDT bug: remove wins over a concurrent add',
    description: 'Teaching bug remove-wins: the same story, but a merged remove also kills tags it never saw. The replica that merges the remove into its concurrent add drops x, one that merges the other way keeps it: two replicas with the same updates hold different sets (the lamp), and in the end x is gone though add-wins keeps it.',
  },
  'crdt-lww-skew': {
    ...skewStory(['lww-skew-loses-write']),
    name: 'CRDT bug: LWW under clock skew loses a write',
    description: 'Teaching bug lww-skew-loses-write: n3’s clock runs at a quarter speed. n1 writes A at 1.5 s, stamped 1500; it reaches n3. At 3 s n3 writes B, stamped by its slow clock about 830: below A. n3 acknowledges B, and last-writer-wins throws it away on the spot. That is LWW’s own semantics with a raw clock; the check flags the lost acknowledged write.',
  },
  'crdt-lww-causal': {
    ...skewStory([]),
    name: 'CRDT: LWW with causal timestamps under the same skew',
    description: 'The same skewed clock, but a write is stamped at least one past every timestamp its replica has seen (Spec. 8 asks timestamps to respect causality). n3’s B is stamped 1501 and wins: the read returns B.',
  },
  'crdt-op-or-set-causal': {
    ...causal([]),
    name: 'CRDT: op-based OR-Set with causal buffering',
    description: 'An op-based OR-Set: ops are broadcast with their vector clocks. The link n1 → n3 is slow (600 ms), so n2’s remove of x, which observed n1’s add, reaches n3 first. n3 buffers it (shown as buffering) until the add is delivered, then applies both in causal order. All three end with {z}.',
  },
  'crdt-bug-vclock-min-merge': {
    ...causal(['vclock-min-merge']),
    name: 'CRDT bug: vector clocks merged by the minimum',
    description: 'Teaching bug vclock-min-merge: the same ops, but a replica merges each delivered op’s vector clock into its own by the minimum. Its clock forgets deliveries, so old ops look new and are delivered again (a re-delivered add brings x back) while the clocks say nothing was delivered. The lamp flags a replica whose state no longer matches its clock, and at the end the replicas hold a set the ops do not give: strong eventual consistency fails.',
  },
  'crdt-20-replicas': {
    name: 'CRDT: 20 replicas converge by anti-entropy',
    description: 'A G-Counter on twenty replicas; each replica takes one increment in the first second. Every 200 ms each replica sends its vector to one random peer, which merges it and answers with its own: in a few rounds all twenty hold the full vector and the sum, 20 (Spec. 6).',
    version: 1, protocol: 'crdt', seed: 20, nodes: 20, until: 5000,
    config: { type: 'g-counter', periodMs: 200 },
    timeline: ids(1, 20).map((n, i) => req(100 + i * 40, n, { f: 'inc', by: 1 })),
  },
};
