/**
 * Delegation's message kinds. Failure detection is grey and routine (Heartbeat and its ack); the
 * bully election is orange (Election and Answer as diamonds, Announce, Report and Reject as a crown);
 * task traffic is blue (Assign a square with an arrow, AssignAck a small check), a finished attempt
 * green (Done a ring, Commit a filled check), the done-record's Accept/Accepted violet and routine,
 * and a fenced-off stale attempt red (Abort, a cross).
 */
import { CHECK, CROSS, DIAMOND } from '../glyphs';
import type { MessageKindLook } from '../types';

const ARROW_OUT = 'M-5 0 H4 M1 -3.5 L4.5 0 L1 3.5';
const CROWN = 'M-8 5 L-8 -4 L-4 0 L0 -7 L4 0 L8 -4 L8 5 Z';

/** DELEGATION_KINDS lists delegation's kinds in the protocol's order. */
export const DELEGATION_KINDS: readonly MessageKindLook[] = [
  {
    kind: 'heartbeat',
    label: 'Heartbeat / HeartbeatAck: the coordinator and its followers watch each other (fixed-timeout failure detection)',
    short: 'heartbeat',
    color: '#94a3b8',
    routine: true,
    glyph: () => <circle r={6} fill="#cbd5e1" stroke="#475569" strokeWidth={1.5} />,
  },
  {
    kind: 'election',
    label: 'Election / Answer: a node that suspects the coordinator asks the higher ranks; a live one answers (bully, Garcia-Molina 1982)',
    short: 'election',
    color: '#ea580c',
    glyph: () => <path d={DIAMOND} transform="scale(0.75)" fill="#fed7aa" stroke="#c2410c" strokeWidth={2.5} />,
  },
  {
    kind: 'announce',
    label: 'Announce / Report / Reject: a node claims a new epoch; followers report their tasks, or refuse a lower epoch',
    short: 'announce',
    color: '#d97706',
    glyph: () => <path d={CROWN} fill="#f59e0b" stroke="#78350f" strokeWidth={1.8} strokeLinejoin="round" />,
  },
  {
    kind: 'assign',
    label: 'Assign: the coordinator hands a task to a follower under a fencing token (epoch, attempt)',
    short: 'assign',
    color: '#2563eb',
    glyph: () => (
      <g>
        <rect x={-9} y={-9} width={18} height={18} rx={3} fill="#2563eb" stroke="#1e3a8a" strokeWidth={2} />
        <path d={ARROW_OUT} fill="none" stroke="#fff" strokeWidth={2.5} strokeLinecap="round" strokeLinejoin="round" />
      </g>
    ),
  },
  {
    kind: 'assign-ack',
    label: 'AssignAck: the follower took the attempt (the client now hears "accepted")',
    short: 'ack',
    color: '#60a5fa',
    glyph: () => (
      <g>
        <circle r={7} fill="#60a5fa" stroke="#1e3a8a" strokeWidth={1.5} />
        <path d={CHECK} fill="none" stroke="#fff" strokeWidth={2} strokeLinecap="round" transform="scale(0.8)" />
      </g>
    ),
  },
  {
    kind: 'done',
    label: 'Done: a follower finished its attempt and asks to commit it',
    short: 'done',
    color: '#16a34a',
    glyph: () => <circle r={8} fill="#fff" stroke="#16a34a" strokeWidth={3.5} />,
  },
  {
    kind: 'accept',
    label: 'Accept / Accepted: a majority keeps the coordinator’s done-record before the commit',
    short: 'accept',
    color: '#7c3aed',
    routine: true,
    glyph: () => <rect x={-6.5} y={-6.5} width={13} height={13} rx={2} fill="#ede9fe" stroke="#5b21b6" strokeWidth={2} />,
  },
  {
    kind: 'commit',
    label: 'Commit: the attempt is committed; the follower applies the task’s effect, once per task id',
    short: 'commit',
    color: '#15803d',
    glyph: () => (
      <g>
        <circle r={9.5} fill="#15803d" stroke="#052e16" strokeWidth={2} />
        <path d={CHECK} fill="none" stroke="#fff" strokeWidth={2.5} strokeLinecap="round" />
      </g>
    ),
  },
  {
    kind: 'abort',
    label: 'Abort: a stale attempt is fenced off (the task was reassigned or is done)',
    short: 'abort',
    color: '#dc2626',
    glyph: () => (
      <g>
        <circle r={9} fill="#dc2626" stroke="#450a0a" strokeWidth={2} />
        <path d={CROSS} fill="none" stroke="#fff" strokeWidth={2.5} strokeLinecap="round" />
      </g>
    ),
  },
];

/** DELEGATION_DRAW_ORDER: routine traffic underneath, tasks on top. */
export const DELEGATION_DRAW_ORDER: readonly string[] = ['other', 'heartbeat', 'accept', 'election', 'announce', 'assign-ack', 'done', 'assign', 'commit', 'abort'];

const KIND_OF_TYPE: Readonly<Record<string, string>> = {
  Heartbeat: 'heartbeat',
  HeartbeatAck: 'heartbeat',
  Election: 'election',
  Answer: 'election',
  Announce: 'announce',
  Report: 'announce',
  Reject: 'announce',
  Assign: 'assign',
  AssignAck: 'assign-ack',
  Done: 'done',
  Accept: 'accept',
  Accepted: 'accept',
  Commit: 'commit',
  Abort: 'abort',
};

/** classifyDelegation gives a delegation message's kind by its type. */
export const classifyDelegation = (type: string): string | undefined => KIND_OF_TYPE[type];
