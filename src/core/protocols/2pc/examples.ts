/**
 * Two-phase commit's example scenarios, each telling one story of Gray 1978, Bernstein, Hadzilacos
 * & Goodman ch. 7 or Skeen 1981, plus one per teaching bug. Raw scenarios (protocol `2pc`), checked
 * by examples.test.ts under their seeds.
 *
 * Every story runs four nodes: coordinator n1 and participants n2, n3, n4, which own keys x, y and z
 * (keys.ts), over 10 ms links, with forced log writes of 10 ms. A transaction asked of n1 at 100 ms
 * reaches it at 110; its prepares arrive at 120; the participants are prepared and vote at 130; the
 * votes arrive at 140; the decision is durable and sent at 150, arrives at 160, and is acked at 180.
 * Times (`at`, `until`) are virtual ms.
 */
import type { TwoPcBug } from './config';

/** txn is a timeline request: client `client` asks `node` (default n1) at `at` to write `writes`. */
const txn = (at: number, client: string, writes: Record<string, string>, node = 'n1') => ({ at, action: 'request', client, node, op: { f: 'txn', writes } });
const XYZ = { x: '1', y: '2', z: '3' };
const COMMON = { version: 1, protocol: '2pc', seed: 1, nodes: 4, network: { latencyMs: [10, 10], loss: 0, duplicate: 0 } } as const;

/** RawScenario is an unparsed scenario, as in a scenario file. */
export type RawScenario = Record<string, unknown>;

/** STORIES are the protocol's stories, in menu order. */
const STORIES: Record<string, RawScenario> = {
  '2pc-commit': {
    ...COMMON, until: 1500,
    name: '2PC: a clean commit',
    description: 'Coordinator n1 sends prepare to n2, n3 and n4 (owners of x, y and z). Each forces "prepared" to its log, locks its key and votes commit; n1 forces commit and sends global-commit; each applies and acks. The second transaction is sent to n3, which redirects the client to the coordinator; the third writes only x and y, so only n2 and n3 take part.',
    timeline: [txn(100, 'c1', XYZ), txn(600, 'c2', { x: '4', z: '5' }, 'n3'), txn(1000, 'c3', { x: '6', y: '7' })],
  },
  '2pc-random-abort': {
    ...COMMON, seed: 3, until: 3000, config: { abortRate: 0.3 },
    name: '2PC: a participant votes abort',
    description: 'Each participant votes abort on 3 prepares in 10, at random. One abort vote is enough: the coordinator decides global-abort, every participant releases its locks, and the client is told "aborted" with the reason. Only transactions on which every participant voted commit are committed.',
    timeline: [txn(100, 'c1', XYZ), txn(500, 'c2', { x: 'a', y: 'b' }), txn(900, 'c3', { y: 'c', z: 'd' }), txn(1300, 'c1', XYZ), txn(1700, 'c2', { x: 'e', z: 'f' })],
  },
  '2pc-coordinator-crash': {
    ...COMMON, until: 4000,
    name: '2PC: the coordinator crashes, the participants block',
    description: 'Every participant votes commit, but coordinator n1 crashes at 135 ms, before the votes arrive. The participants are prepared: they may neither commit nor abort on their own. At 730 ms each asks the others (cooperative termination), but all are uncertain: they are blocked, holding their locks on x, y and z. When n1 restarts at 2500 ms its log holds begin but no decision, so it aborts (presumed abort) and the participants are released.',
    timeline: [txn(100, 'c1', XYZ), { at: 135, action: 'crash', node: 'n1' }, { at: 2500, action: 'restart', node: 'n1' }],
  },
  '2pc-participant-recovery': {
    ...COMMON, until: 2000,
    name: '2PC: a participant recovers from its log',
    description: 'Participant n3 votes commit at 130 ms and crashes at 135 ms, before global-commit arrives; n2 and n4 commit. When n3 restarts at 1000 ms its log says "prepared" with its write y=2, so it locks y again and asks n1 for the outcome; n1 answers committed, and n3 commits. A last transaction at 1500 ms (x, a and z: n3 owns a) commits everywhere.',
    timeline: [txn(100, 'c1', XYZ), { at: 135, action: 'crash', node: 'n3' }, { at: 1000, action: 'restart', node: 'n3' }, txn(1500, 'c2', { x: '4', a: '5', z: '6' })],
  },
  '2pc-cooperative-termination': {
    ...COMMON, until: 3000,
    name: '2PC: cooperative termination',
    description: 'The link n1 → n4 is cut at 135 ms, after n4 voted commit, and coordinator n1 crashes at 200 ms, after sending global-commit to n2 and n3. n4 is uncertain; at 730 ms it asks n1, n2 and n3 for the outcome. n2 and n3 know it committed and say so, and n4 commits without waiting for the coordinator.',
    timeline: [txn(100, 'c1', XYZ), { at: 135, action: 'link', from: 'n1', to: 'n4', cut: true }, { at: 200, action: 'crash', node: 'n1' }, { at: 2000, action: 'heal' }, { at: 2000, action: 'restart', node: 'n1' }, txn(2500, 'c2', { x: '4', y: '5', z: '6' })],
  },
  '2pc-3pc-partition': {
    ...COMMON, until: 3500, config: { variant: '3pc' },
    name: '3PC: a partition breaks atomicity',
    description: 'Three-phase commit is nonblocking under crashes but not under partitions (Skeen 1981). All vote yes; n1 pre-commits, but its links to n3 and n4 slow down and the network splits into {n1, n2} and {n3, n4} at 160 ms, so only n2 becomes committable. n1 hears no pre-commit-ack from n3 and n4, presumes them crashed and commits with n2. n3 and n4 are alive: n3 becomes backup coordinator, finds every reachable participant uncertain, and aborts. The Atomicity lamp goes red. After the heal at 2500 ms a new transaction commits everywhere, but c1#1 stays split.',
    timeline: [
      txn(100, 'c1', XYZ),
      { at: 135, action: 'link', from: 'n1', to: 'n3', latencyMs: [200, 200] },
      { at: 135, action: 'link', from: 'n1', to: 'n4', latencyMs: [200, 200] },
      { at: 160, action: 'partition', groups: [['n1', 'n2'], ['n3', 'n4']] },
      { at: 2500, action: 'heal' },
      txn(2700, 'c2', { x: '4', y: '5', z: '6' }),
    ],
  },
  '2pc-3pc-coordinator-crash': {
    ...COMMON, until: 3500, config: { variant: '3pc' },
    name: '3PC: no blocking when the coordinator crashes',
    description: 'All vote yes and n1 sends pre-commit, then crashes at 155 ms before the acks arrive. Unlike 2PC nobody blocks: n2, listed first, times out and becomes backup coordinator, finds n3 and n4 committable, and commits; the others follow. When n1 restarts at 2000 ms it asks the participants and learns the commit.',
    timeline: [txn(100, 'c1', XYZ), { at: 155, action: 'crash', node: 'n1' }, { at: 2000, action: 'restart', node: 'n1' }],
  },
};

/** BugExample is one teaching bug's story and the property it is expected to break. */
export interface BugExample {
  id: string;
  bug: TwoPcBug;
  property: 'Atomicity' | 'Commit validity';
  raw: RawScenario;
}

/** BUG_EXAMPLES gives each teaching bug's story; the same timeline without the bug runs clean. */
export const BUG_EXAMPLES: Record<TwoPcBug, BugExample> = {
  'decide-early': {
    id: '2pc-bug-decide-early', bug: 'decide-early', property: 'Commit validity',
    raw: {
      ...COMMON, until: 1500, config: { refuse: ['n4'], bugs: ['decide-early'] },
      name: 'Bug: the coordinator decides before every vote is in',
      description: 'n4 refuses the transaction, but its link to n1 is slow: its vote-abort arrives at 220 ms. With the bug, n1 commits at 140 ms on the votes of n2 and n3 alone, while n4 has aborted: Commit validity and Atomicity break. Without the bug n1 waits for n4, and aborts.',
      timeline: [{ at: 0, action: 'link', from: 'n4', to: 'n1', latencyMs: [100, 100] }, txn(100, 'c1', XYZ), txn(800, 'c2', { x: '4', y: '5' }), txn(1100, 'c3', { x: '6', y: '7' })],
    },
  },
  'forget-prepared': {
    id: '2pc-bug-forget-prepared', bug: 'forget-prepared', property: 'Atomicity',
    raw: {
      ...COMMON, until: 2000, config: { bugs: ['forget-prepared'] },
      name: 'Bug: a participant forgets "prepared" on restart',
      description: 'n3 votes commit and crashes at 135 ms; n1 commits. n3 restarts at 500 ms, but with the bug its log has lost the prepared record: when n1 re-sends global-commit, n3 knows nothing of the transaction and presumes abort. Atomicity breaks. Without the bug n3 restarts prepared and commits.',
      timeline: [txn(100, 'c1', XYZ), { at: 135, action: 'crash', node: 'n3' }, { at: 500, action: 'restart', node: 'n3' }, txn(1500, 'c2', { x: '4', y: '5', z: '6' })],
    },
  },
  'send-before-log': {
    id: '2pc-bug-send-before-log', bug: 'send-before-log', property: 'Atomicity',
    raw: {
      ...COMMON, until: 2000, config: { bugs: ['send-before-log'] },
      name: 'Bug: the coordinator sends its decision before logging it',
      description: 'n1 crashes at 145 ms, 5 ms into the 10 ms write of its commit decision. With the bug it had already sent global-commit, and the participants commit; it restarts at 500 ms with no decision in its log and aborts. Atomicity breaks. Without the bug nothing was sent before the crash, and everyone aborts.',
      timeline: [txn(100, 'c1', XYZ), { at: 145, action: 'crash', node: 'n1' }, { at: 500, action: 'restart', node: 'n1' }, txn(1500, 'c2', { x: '4', y: '5', z: '6' })],
    },
  },
};

/** withoutBugs gives `raw` with config.bugs emptied: the same story with the bug off. */
export const withoutBugs = (raw: RawScenario): RawScenario => ({ ...raw, config: { ...(raw.config as object), bugs: [] } });

/** TWO_PC_EXAMPLES maps example id → raw scenario, stories then bugs, in menu order. */
export const TWO_PC_EXAMPLES: Record<string, RawScenario> = {
  ...STORIES,
  ...Object.fromEntries(Object.values(BUG_EXAMPLES).map((b) => [b.id, b.raw])),
};
