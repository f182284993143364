/**
 * Bully's message kinds (Garcia-Molina 1982): ELECTION is an amber disc with an arrow up (to the
 * higher nodes), ANSWER (OK) a green disc with a check, COORDINATOR a dark green crown, and the
 * Heartbeat a small grey heart, routine traffic the event log can hide.
 */
import { CHECK } from '../glyphs';
import type { MessageKindLook } from '../types';

const ARROW_UP = 'M0 5 V-4 M-3.5 -1 L0 -4.5 L3.5 -1';
const CROWN = 'M-8 5 L-8 -4 L-4 0 L0 -6 L4 0 L8 -4 L8 5 Z';
const HEART = 'M0 5 C-7 0 -6 -5 -3 -5 C-1.5 -5 0 -4 0 -2.5 C0 -4 1.5 -5 3 -5 C6 -5 7 0 0 5 Z';

/** BULLY_KINDS lists bully's kinds in the protocol's order. */
export const BULLY_KINDS: readonly MessageKindLook[] = [
  {
    kind: 'election',
    label: 'ELECTION: a candidate asks every higher-ranked node whether it is alive (rule 1)',
    short: 'election',
    color: '#d97706',
    glyph: () => (
      <g>
        <circle r={9.5} fill="#f59e0b" stroke="#78350f" strokeWidth={2} />
        <path d={ARROW_UP} fill="none" stroke="#fff" strokeWidth={2.5} strokeLinecap="round" strokeLinejoin="round" />
      </g>
    ),
  },
  {
    kind: 'answer',
    label: 'ANSWER (OK): a higher node is alive and takes over the election (rule 4)',
    short: 'answer (OK)',
    color: '#16a34a',
    glyph: () => (
      <g>
        <circle r={8.5} fill="#16a34a" stroke="#14532d" strokeWidth={2} />
        <path d={CHECK} fill="none" stroke="#fff" strokeWidth={2.5} strokeLinecap="round" strokeLinejoin="round" />
      </g>
    ),
  },
  {
    kind: 'coordinator',
    label: 'COORDINATOR: the winner announces itself to everyone (rules 1, 2)',
    short: 'coordinator',
    color: '#15803d',
    glyph: () => (
      <g>
        <circle r={10.5} fill="#14532d" stroke="#052e16" strokeWidth={1.5} />
        <path d={CROWN} fill="#facc15" stroke="#713f12" strokeWidth={1.2} strokeLinejoin="round" />
      </g>
    ),
  },
  {
    kind: 'heartbeat',
    label: 'Heartbeat: “I am alive”, with the sender’s score; every node watches every other with its failure detector',
    short: 'heartbeat',
    color: '#94a3b8',
    routine: true,
    glyph: () => <path d={HEART} fill="#94a3b8" stroke="#334155" strokeWidth={1.2} strokeLinejoin="round" />,
  },
];

const BY_TYPE: Record<string, string> = { Election: 'election', Answer: 'answer', Coordinator: 'coordinator', Heartbeat: 'heartbeat' };

/** classifyBully maps a message onto its kind. */
export const classifyBully = (type: string): string | undefined => BY_TYPE[type];

/** BULLY_DRAW_ORDER draws heartbeats underneath. */
export const BULLY_DRAW_ORDER = ['heartbeat', 'answer', 'election', 'coordinator'] as const;
