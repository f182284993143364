/**
 * Two-phase commit's look (Gray 1978; Bernstein, Hadzilacos & Goodman ch. 7; Skeen 1981 for 3PC):
 * the coordinator in the leader's colour, participants by their phase (prepared amber, committable
 * blue, blocked purple); one glyph per message; the participant's decision timeout and the
 * coordinator's vote/ack deadline drawn round the node; the transaction in doubt on the canvas; a
 * panel of transactions, locks and who waits for whom; a transaction request form.
 */
import type { NodeSummary } from '../../../core/types';
import type { NodeLineItem, UiPlugin } from '../types';
import { classifyTwoPc, TWO_PC_DRAW_ORDER, TWO_PC_KINDS } from './kinds';
import { TwoPcPanel } from './TwoPcPanel';
import { TxnRequestForm } from './TxnRequestForm';

/**
 * twoPcNodeLine shows, under the role (which already says prepared, blocked, …), the transaction the
 * node is busy with (`txn c1#3`), the keys a participant holds locked, and the coordinator's
 * undecided transactions. Short, to fit inside the node's disc.
 */
export function twoPcNodeLine(s: NodeSummary): readonly NodeLineItem[] {
  const f = s.fields ?? {};
  const out: NodeLineItem[] = [];
  if (f.txn) out.push({ label: 'txn', value: String(f.txn) });
  if (typeof f.locks === 'number' && f.locks > 0) out.push({ label: 'locks', value: f.locks });
  if (s.role === 'coordinator' && typeof f.open === 'number' && f.open > 0) out.push({ label: 'open', value: f.open });
  return out;
}

export const twoPcLook: UiPlugin = {
  roles: [
    { role: 'coordinator', label: 'coordinator', tone: 'leader', description: 'Collects the votes, logs the decision and sends it (phase 2)' },
    { role: 'participant', label: 'participant', tone: 'follower', description: 'Owns a share of the keys; in no transaction’s doubt now' },
    { role: 'prepared', label: 'prepared (uncertain)', short: 'prepared', tone: 'candidate', description: 'Voted commit and waits for the decision, holding its locks' },
    { role: 'committable', label: 'committable (3PC)', short: 'committable', tone: 'informed', description: 'Got pre-commit: every vote was yes (Skeen 1981)' },
    { role: 'blocked', label: 'blocked', tone: 'blocked', description: 'The decision is late and nobody it asked knows it: it holds its locks until someone does' },
  ],
  defaultRole: 'participant',
  leaderWord: 'the coordinator',
  messageKinds: TWO_PC_KINDS,
  classify: classifyTwoPc,
  drawOrder: TWO_PC_DRAW_ORDER,
  legend: [
    { kinds: ['prepare'], text: 'prepare', title: TWO_PC_KINDS[0]!.label },
    { kinds: ['vote-commit', 'vote-abort'], text: 'vote commit / abort', title: `${TWO_PC_KINDS[1]!.label}\n${TWO_PC_KINDS[2]!.label}` },
    { kinds: ['global-commit', 'global-abort'], text: 'global-commit / abort', title: `${TWO_PC_KINDS[3]!.label}\n${TWO_PC_KINDS[4]!.label}` },
    { kinds: ['ack'], text: 'ack', title: TWO_PC_KINDS[5]!.label },
    { kinds: ['pre-commit', 'pre-commit-ack'], text: 'pre-commit / ack (3PC)', title: `${TWO_PC_KINDS[6]!.label}\n${TWO_PC_KINDS[7]!.label}` },
    { kinds: ['decision-request', 'decision-reply'], text: 'decision request / reply', title: `${TWO_PC_KINDS[8]!.label}\n${TWO_PC_KINDS[9]!.label}` },
  ],
  timers: [
    { name: 'decision', label: 'decision timeout: then it asks the others (termination)' },
    { name: 'votes', label: 'the coordinator’s deadline: missing votes abort, missing acks are re-sent' },
  ],
  nodeLine: twoPcNodeLine,
  epoch: null,
  persists: 'its write-ahead log (prepared, decisions) and committed data',
  tolerance: () => '2PC blocks if the coordinator crashes after every vote was yes; 3PC does not, but a partition breaks it',
  panel: TwoPcPanel,
  requestForm: TxnRequestForm,
  routineWords: 'acks',
};
