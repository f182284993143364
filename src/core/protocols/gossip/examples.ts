/**
 * Named gossip example scenarios, each telling one story of Demers et al. 1987; examples.test.ts
 * checks that each story happens under its seed. Raw scenarios (protocol `gossip`, with `name` and
 * `description` for the menu), validated by the scenario schema; the examples menu lists them under
 * "Gossip". Times (`at`, `until`) are virtual ms; every broadcast names the node it starts at.
 */

/** broadcast is a timeline request: client `client` broadcasts `value` at node `node`, at `at` (virtual ms). */
const broadcast = (at: number, value: string, node: string, client = 'c1') => ({ at, action: 'request', client, op: { f: 'broadcast', value }, node });

/** ids gives n`from`…n`to`. */
const ids = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `n${from + i}`);

/** oneRumour is the race of the three modes: 30 nodes, one value at n1, no anti-entropy, same seed. */
const oneRumour = (mode: string, words: string) => ({
  name: `Gossip: ${mode} on 30 nodes`,
  description: `One value, broadcast at n1, spreads to 30 nodes by ${mode} rumour mongering (fanout 1, k = 2, no anti-entropy). ${words} Open the gossip panel to watch the infection wave and the fraction informed against the log n curve.`,
  version: 1, protocol: 'gossip', seed: 7, nodes: 30, until: 4000,
  config: { mode, fanout: 1, periodMs: 100, k: 2, antiEntropyMs: 0 },
  timeline: [broadcast(200, 'v1', 'n1')],
});

/**
 * GOSSIP_EXAMPLES maps an example id to a raw scenario, in menu order.
 */
export const GOSSIP_EXAMPLES: Record<string, Record<string, unknown>> = {
  'gossip-push': oneRumour('push', 'Push is quick at first, when most partners are susceptible, and slow in the tail: the susceptible fraction only shrinks by about e⁻¹ a cycle (§1.3). Here one node never hears the rumour (the residue, §1.4), and with no anti-entropy to repair it the Eventual delivery check fails.'),
  'gossip-pull': oneRumour('pull', 'Pull starts slowly, since few partners have anything to give, and finishes the tail fast: the susceptible fraction squares every cycle (§1.3).'),
  'gossip-push-pull': oneRumour('push-pull', 'Push-pull does both in one exchange: fast start and fast tail.'),
  'gossip-residue-repaired': {
    name: 'Gossip: small k leaves a residue, anti-entropy repairs it',
    description: 'Push rumour mongering that loses interest after one unneeded send (k = 1) stops while some nodes never heard the rumour: about 20% in the paper’s model (§1.4). Anti-entropy, run first at about 3 s and then every 3 s, compares whole databases with a random partner and repairs the residue (§1.5).',
    version: 1, protocol: 'gossip', seed: 3, nodes: 30, until: 12000,
    config: { mode: 'push', fanout: 1, periodMs: 100, k: 1, antiEntropyMs: 3000 },
    timeline: [broadcast(100, 'v1', 'n1'), broadcast(150, 'v2', 'n17', 'c2')],
  },
  'gossip-partition-heals': {
    name: 'Gossip: a partition that heals',
    description: 'At 300 ms the 30 nodes split 20 | 10. A value broadcast on each side reaches its own side only. At 3 s the partition heals, and rumour mongering plus anti-entropy carry each side’s value to the other.',
    version: 1, protocol: 'gossip', seed: 5, nodes: 30, until: 8000,
    config: { mode: 'push-pull', fanout: 2, periodMs: 100, k: 2, antiEntropyMs: 1000 },
    timeline: [
      { at: 300, action: 'partition', groups: [ids(1, 20), ids(21, 30)] },
      broadcast(500, 'left', 'n3'),
      broadcast(600, 'right', 'n25', 'c2'),
      { at: 3000, action: 'heal' },
    ],
  },
  'gossip-100-nodes': {
    name: 'Gossip: 100 nodes',
    description: 'A hundred nodes, twenty broadcasts a second at random nodes for 4 s, push-pull with fanout 2. Each value reaches all hundred in about log n cycles; the panel plots each value’s fraction informed against the expected curve, and counts messages per broadcast.',
    version: 1, protocol: 'gossip', seed: 11, nodes: 100, until: 6000,
    config: { mode: 'push-pull', fanout: 2, periodMs: 100, k: 2, antiEntropyMs: 1000 },
    timeline: Array.from({ length: 80 }, (_, i) => broadcast(200 + i * 50, `v${i + 1}`, `n${((i * 37) % 100) + 1}`, `c${(i % 4) + 1}`)),
  },
  'gossip-bug-give-up-at-once': {
    name: 'Gossip bug: a node gives up at once',
    description: 'Teaching bug give-up-at-once: a node loses interest in a rumour the moment it learns it. With anti-entropy off nothing spreads beyond n1, and the Eventual delivery check fails at the end of the run.',
    version: 1, protocol: 'gossip', seed: 2, nodes: 20, until: 5000,
    config: { mode: 'push-pull', fanout: 2, periodMs: 100, k: 3, antiEntropyMs: 0, bugs: ['give-up-at-once'] },
    timeline: [broadcast(200, 'v1', 'n1')],
  },
  'gossip-bug-no-forward-pulled': {
    name: 'Gossip bug: pulled values are never passed on',
    description: 'Teaching bug no-forward-pulled: a node that learns a value by pull never makes it a hot rumour. Only n1, where the value was broadcast, ever serves it; once n1 loses interest the rest wait forever, and Eventual delivery fails.',
    version: 1, protocol: 'gossip', seed: 2, nodes: 20, until: 5000,
    config: { mode: 'pull', fanout: 1, periodMs: 100, k: 1, antiEntropyMs: 0, bugs: ['no-forward-pulled'] },
    timeline: [broadcast(200, 'v1', 'n1')],
  },
};
