/**
 * Named quorum example scenarios, each telling one story of weighted voting (Gifford 1979;
 * more-protocols.md §6) or of the original design's quorum decisions; examples.test.ts checks that
 * each story happens under its seed. Raw scenarios (protocol `quorum`), validated by the scenario
 * schema. Times are virtual ms; every request names the node it goes to, and clients wait 10 s
 * before trying another node, so a request to the minority side of a partition stays there.
 */
import { stanceAction } from './step';
import type { Stance } from './config';

type Raw = Record<string, unknown>;

/** request is a timeline request from `client` to `node` at `at` (virtual ms). */
const request = (at: number, client: string, node: string, op: Record<string, unknown>) => ({ at, action: 'request', client, node, op });
const propose = (at: number, client: string, node: string, id: string, value: string) => request(at, client, node, { f: 'propose', id, value });
const put = (at: number, client: string, node: string, key: string, value: string) => request(at, client, node, { f: 'put', key, value });
const get = (at: number, client: string, node: string, key: string) => request(at, client, node, { f: 'get', key });
const stance = (at: number, node: string, s: Stance) => ({ at, action: 'input', node, name: stanceAction(s) });
const split = (at: number) => ({ at, action: 'partition', groups: [['n1', 'n2'], ['n3', 'n4', 'n5']] });

/** COMMON: protocol, seed, a quiet network and patient clients. */
const COMMON = { version: 1, protocol: 'quorum', seed: 1, network: { latencyMs: [10, 30], loss: 0, duplicate: 0 }, clients: { timeoutMs: 10_000 } };

/**
 * staleReadStory is the r + w ≤ V lesson on `nodes` replicas: x = 1 written, a split
 * {n1, n2} | the rest at 500 ms, x = 2 written on the larger side, then x read on {n1, n2}.
 */
const staleReadStory = (nodes: number, config: Raw): Raw => ({
  ...COMMON,
  nodes,
  until: 3000,
  config,
  timeline: [
    put(100, 'c1', 'n1', 'x', '1'),
    { at: 500, action: 'partition', groups: [['n1', 'n2'], Array.from({ length: nodes - 2 }, (_, i) => `n${i + 3}`)] },
    put(700, 'c2', 'n3', 'x', '2'),
    get(1200, 'c3', 'n1', 'x'),
  ],
});

/** byzantineSeven is the original design's scenario: 7 voters, threshold 5, n6 and n7 approve a forged value claiming 10× their votes. */
const byzantineSeven = (bugs: string[]): Raw => ({
  ...COMMON,
  nodes: 7,
  until: 2000,
  config: { threshold: 5, byzantine: { n6: 'claim-weight', n7: 'claim-weight' }, bugs },
  timeline: [propose(200, 'c1', 'n1', 'p1', 'x')],
});

/** QUORUM_EXAMPLES maps example id → raw scenario, stories then teaching bugs, in menu order. */
export const QUORUM_EXAMPLES: Record<string, Raw> = {
  'quorum-majority-split': {
    ...COMMON,
    name: 'Quorum: only the majority side decides (2 | 3)',
    description:
      'Five voters of one vote each; a decision needs 3. At 100 ms they split 2 | 3. p1, proposed on the two-node side, gathers 2 votes and stays undecided; p2, proposed on the three-node side, is approved there, and a put there completes with a write quorum of 3. Nothing is decided twice: the sides cannot both reach a majority.',
    nodes: 5,
    until: 3000,
    config: {},
    timeline: [split(100), propose(300, 'c1', 'n1', 'p1', 'left'), propose(300, 'c2', 'n4', 'p2', 'right'), put(500, 'c3', 'n4', 'x', 'right')],
  },
  'quorum-weighted': {
    ...COMMON,
    name: 'Quorum: heavy voters decide',
    description:
      'n1 and n2 hold 3 votes each, n3–n5 one each: V = 9, and every quorum needs 5. n3–n5 reject p1 but n1 and n2 approve it, 6 votes to 3: approved. After a 2 | 3 split at 1 s the two heavy replicas alone form a write quorum (6 votes): their put of x completes, the light side’s put cannot (3 votes), and a read on the heavy side sees the heavy write.',
    nodes: 5,
    until: 4000,
    config: { weights: { n1: 3, n2: 3 }, stances: { n3: 'reject', n4: 'reject', n5: 'reject' } },
    timeline: [propose(200, 'c1', 'n3', 'p1', 'ship'), split(1000), put(1200, 'c2', 'n1', 'x', 'heavy'), put(1200, 'c3', 'n4', 'x', 'light'), get(1800, 'c4', 'n2', 'x')],
  },
  'quorum-abstentions': {
    ...COMMON,
    name: 'Quorum: decisions with abstentions',
    description:
      'Five voters; approval needs 3 approving votes and a decision needs 4 votes cast (abstentions count as cast, not as approving). p1: 3 approve, 2 abstain: approved. p2, after n3 turns to abstaining: 2 approve, 3 abstain, all 5 cast: rejected, since approval can no longer reach 3. p3, after n3 approves again but n4 and n5 crash: 3 approve, but only 3 votes are cast of the 4 needed: undecided.',
    nodes: 5,
    until: 4000,
    config: { threshold: 3, quorum: 4, stances: { n4: 'abstain', n5: 'abstain' } },
    timeline: [
      propose(200, 'c1', 'n1', 'p1', 'a'),
      stance(1000, 'n3', 'abstain'),
      propose(1200, 'c2', 'n1', 'p2', 'b'),
      stance(2000, 'n3', 'approve'),
      { at: 2000, action: 'crash', node: 'n4' },
      { at: 2000, action: 'crash', node: 'n5' },
      propose(2200, 'c3', 'n1', 'p3', 'c'),
    ],
  },
  'quorum-byzantine-seven': {
    name: 'Quorum: two liars among seven voters',
    description:
      'Seven voters of one vote each; approval needs 5. n6 and n7 are Byzantine: they approve a value nobody proposed (forged-p1) and claim 10 votes each. Tallies take weights from the configuration, never from a claim, so the forged value has 2 votes and x, approved by the five honest voters, is decided everywhere. Every honest tally flags both liars.',
    ...byzantineSeven([]),
  },
  'quorum-rw-stale-read': {
    name: 'Quorum: r + w ≤ V gives a stale read',
    description:
      'Five replicas of one vote, r = w = 2: r + w = 4 is not more than V = 5 (nor is 2w), which the panel warns about. x = 1 is written; at 500 ms the replicas split 2 | 3 and x = 2 is written on the three. A read on n1 gathers n1 and n2, a read quorum that misses that write quorum, and returns 1 after 2 was written: the linearizability check fails (more-protocols.md §6).',
    ...staleReadStory(5, { r: 2, w: 2 }),
  },
  'quorum-rw-read-waits': {
    name: 'Quorum: r + w > V, the read waits for a quorum',
    description:
      'The same story with majorities, r = w = 3: r + w = 6 > V = 5, so every read quorum meets every write quorum. x = 2 is written on the three-node side; the read on n1 cannot gather 3 votes from n1 and n2 and waits rather than answer stale data (its client would try another node after 10 s). The history stays linearizable.',
    ...staleReadStory(5, { r: 3, w: 3 }),
  },
  'quorum-bug-count-claimed-weight': {
    name: 'Quorum bug: a tally counts claimed weights',
    description:
      'Teaching bug count-claimed-weight: the two liars of the seven-voter story claim 10 votes each and the tallies believe them, so forged-p1 reaches the threshold of 5 at once. The Validity lamp turns red: a value nobody proposed is approved.',
    ...byzantineSeven(['count-claimed-weight']),
  },
  'quorum-bug-count-duplicates': {
    ...COMMON,
    name: 'Quorum bug: a tally counts duplicate votes',
    description:
      'Teaching bug count-duplicates: five voters, approval needs 3; n5 is down, n3 and n4 reject, n1 and n2 approve p1, and n2 is Byzantine and votes twice. Counted once each, p1 has 2 approving votes and waits for n5; the buggy tallies count n2 twice and approve it. The Quorum rule lamp turns red: a proposal decided without its threshold.',
    nodes: 5,
    until: 2000,
    config: { threshold: 3, quorum: 3, stances: { n3: 'reject', n4: 'reject' }, byzantine: { n2: 'vote-twice' }, bugs: ['count-duplicates'] },
    timeline: [{ at: 100, action: 'crash', node: 'n5' }, propose(200, 'c1', 'n1', 'p1', 'x')],
  },
  'quorum-bug-read-first-reply': {
    name: 'Quorum bug: a read takes the first copy that answers',
    description:
      'Teaching bug read-first-reply, on the stale-read story with five replicas and sound majorities (r = w = 3): x = 2 is written on n3–n5, then the read on n1 returns its own copy, x = 1, without gathering r votes. The Quorum rule lamp and the linearizability check both fail.',
    ...staleReadStory(5, { bugs: ['read-first-reply'] }),
  },
};
