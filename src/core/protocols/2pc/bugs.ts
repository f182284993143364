/** Two-phase commit's teaching bugs (config.bugs), each breaking one rule of the protocol. */
import type { TeachingBug } from '../../protocol';
import type { TwoPcBug } from './config';

/** TWO_PC_BUGS describes each teaching bug, in TWO_PC_BUG_IDS order. */
export const TWO_PC_BUGS: readonly (TeachingBug & { id: TwoPcBug })[] = [
  {
    id: 'decide-early',
    title: 'Coordinator decides before every vote is in',
    description: 'The coordinator commits once every vote but the last is in and says commit, as if the last would say yes too.',
    rule: 'Commit only if every participant voted commit (Bernstein, Hadzilacos & Goodman §7.2, AC3; Gray 1978)',
    expected: 'Commit validity',
  },
  {
    id: 'forget-prepared',
    title: 'Participant forgets "prepared" on restart',
    description: 'A participant restarts without the prepared records of undecided transactions, so it presumes them aborted although it voted commit.',
    rule: 'A participant force-writes "prepared" before voting commit and recovers it (Bernstein, Hadzilacos & Goodman §7.3)',
    expected: 'Atomicity',
  },
  {
    id: 'send-before-log',
    title: 'Coordinator sends its decision before logging it',
    description: 'The coordinator sends global-commit before its log write completes; if it crashes in between, it restarts with no decision and aborts.',
    rule: 'The coordinator force-writes its decision before sending it (Bernstein, Hadzilacos & Goodman §7.3; Gray 1978)',
    expected: 'Atomicity',
  },
];
