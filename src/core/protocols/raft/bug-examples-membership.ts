/**
 * The stories of the two membership teaching bugs (bugs.ts: `concurrent-changes`,
 * `skip-own-term-commit`), in the style of bug-examples.ts: fixed 10 ms links, elections only when
 * the timeline forces them, a violation of Figure 3 with the bug on and a clean run with it off.
 */
import type { RaftBug } from './bugs';

const COMMON = {
  version: 1,
  protocol: 'raft',
  seed: 1,
  network: { latencyMs: [10, 10], loss: 0, duplicate: 0 },
} as const;
const SLOW_ELECTIONS = { electionTimeoutMs: [1000, 2000], heartbeatMs: 50 };

/** MEMBERSHIP_BUG_RAW gives the raw scenarios of the membership bugs, validated where they are built. */
export const MEMBERSHIP_BUG_RAW: Record<Extract<RaftBug, 'concurrent-changes' | 'skip-own-term-commit'>, Record<string, unknown>> = {
  'concurrent-changes': {
    name: 'Bug: two membership changes at once',
    description:
      'n1 leads {n1, n2, n3}. A partition leaves n1 with the new servers n4 and n5, and n1 is told to add both. With the bug it does not ' +
      'wait for one change to commit before the next: it adds them as learners, then makes n4 a voter, then n5, all uncommitted. ' +
      'n2 and n3 still hold {n1, n2, n3}, where 2 votes win; n4, n5 and n1 hold {n1 … n5}, where 3 win. Both sides elect a leader ' +
      'of term 2 with majorities that do not overlap (Election Safety, thesis §4.1). Without the bug the learners stay learners and ' +
      'cannot campaign.',
    ...COMMON,
    nodes: 5,
    until: 1000,
    config: { ...SLOW_ELECTIONS, members: ['n1', 'n2', 'n3'], bugs: ['concurrent-changes'] },
    timeline: [
      { at: 100, action: 'timeout', node: 'n1' },
      { at: 300, action: 'partition', groups: [['n1', 'n4', 'n5'], ['n2', 'n3']] },
      { at: 310, action: 'input', node: 'n1', name: 'add-server', args: { servers: ['n4', 'n5'] } },
      { at: 600, action: 'timeout', node: 'n4' },
      { at: 600, action: 'timeout', node: 'n2' },
      { at: 700, action: 'request', client: 'c1', node: 'n4', op: { f: 'put', key: 'x', value: '1' } },
      { at: 700, action: 'request', client: 'c2', node: 'n2', op: { f: 'put', key: 'x', value: '2' } },
    ],
  },
  'skip-own-term-commit': {
    name: 'Bug: a configuration change before the leader\'s own entry commits (2015)',
    description:
      'Ongaro\'s 2015 counterexample. n1 leads {n1 … n4} in term 1 and adds n5; the entry making n5 a voter (D) reaches n5 only, and ' +
      'n1 crashes. n2 wins term 2 with n3 and n4, but its link to n4 fails. Told to remove n1, with the bug it appends {n2, n3, n4} ' +
      '(E) before its no-op has committed, and commits E with n3 alone. n1 returns and wins term 3 with n4 and n5, a majority of D that ' +
      'never saw term 2, and overwrites the committed entries (Leader Completeness, State Machine Safety). Without the bug n2 refuses ' +
      'the change until an entry of its term commits, which would have reached n4.',
    ...COMMON,
    nodes: 5,
    until: 800,
    config: { ...SLOW_ELECTIONS, members: ['n1', 'n2', 'n3', 'n4'], catchUpRounds: 2, bugs: ['skip-own-term-commit'] },
    timeline: [
      { at: 100, action: 'timeout', node: 'n1' },
      { at: 200, action: 'input', node: 'n1', name: 'add-server', args: { servers: ['n5'] } },
      { at: 285, action: 'partition', groups: [['n1', 'n5'], ['n2', 'n3', 'n4']] },
      { at: 400, action: 'crash', node: 'n1' },
      { at: 500, action: 'timeout', node: 'n2' },
      { at: 511, action: 'link', from: 'n2', to: 'n4', cut: true },
      { at: 521, action: 'input', node: 'n2', name: 'remove-server', args: { servers: ['n1'] } },
      { at: 600, action: 'restart', node: 'n1' },
      { at: 600, action: 'partition', groups: [['n1', 'n4', 'n5'], ['n2', 'n3']] },
      { at: 610, action: 'timeout', node: 'n1' },
      { at: 630, action: 'timeout', node: 'n1' },
    ],
  },
};
