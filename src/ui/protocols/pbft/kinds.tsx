/**
 * PBFT's message kinds, one per message type, Fetch and State together as state transfer (Castro &
 * Liskov 1999, §4). The three phases grow in weight (blue proposal, purple prepare, teal commit
 * with a check); client traffic is an envelope (light: request, dark: reply); view changes are
 * amber like the view-change role, the new view a star.
 */
import { CHECK, DIAMOND, markedDisc } from '../glyphs';
import type { MessageKindLook } from '../types';

const ENVELOPE = 'M-10 -7 H10 V7 H-10 Z';
const FLAP = 'M-10 -7 L0 1 L10 -7';
const STAR = 'M0 -11.5 L3.1 -3.2 L11.9 -2.9 L4.9 2.6 L7.3 11.1 L0 6.2 L-7.3 11.1 L-4.9 2.6 L-11.9 -2.9 L-3.1 -3.2 Z';

/** envelope draws a letter: `fill` body, `ink` outline and flap. */
const envelope = (fill: string, stroke: string, flap: string) => () => (
  <g>
    <path d={ENVELOPE} fill={fill} stroke={stroke} strokeWidth={2} strokeLinejoin="round" />
    <path d={FLAP} fill="none" stroke={flap} strokeWidth={2} strokeLinejoin="round" />
  </g>
);

/** PBFT_KINDS lists PBFT's kinds in the order of the protocol. */
export const PBFT_KINDS: readonly MessageKindLook[] = [
  { kind: 'request', label: 'Request: a client operation, forwarded to the primary (§4.1)', short: 'request', color: '#0891b2', glyph: envelope('#cffafe', '#0e7490', '#0e7490') },
  {
    kind: 'pre-prepare',
    label: 'PrePrepare: the primary assigns a sequence number (§4.2)',
    short: 'pre-prepare',
    color: '#1d4ed8',
    glyph: () => (
      <g>
        <rect x={-11} y={-9} width={22} height={18} rx={4} fill="#1d4ed8" stroke="#172554" strokeWidth={2} />
        <path d="M-6 0 H6 M0 -5 V5" stroke="#fff" strokeWidth={2.5} />
      </g>
    ),
  },
  { kind: 'prepare', label: 'Prepare: a backup agrees with the order (§4.2)', short: 'prepare', color: '#a855f7', glyph: () => <circle r={7.5} fill="#a855f7" stroke="#3b0764" strokeWidth={2} /> },
  { kind: 'commit', label: 'Commit: a replica holds a prepared certificate (§4.2)', short: 'commit', color: '#0f766e', glyph: markedDisc('#0f766e', '#042f2e', CHECK) },
  { kind: 'reply', label: 'Reply: the result of an executed request (§4.1)', short: 'reply', color: '#334155', glyph: envelope('#334155', '#0f172a', '#fff') },
  {
    kind: 'checkpoint',
    label: 'Checkpoint: a digest of the state at a sequence number (§4.3)',
    short: 'checkpoint',
    color: '#db2777',
    glyph: () => <path d="M-7 -10 H7 V10 L0 4 L-7 10 Z" fill="#db2777" stroke="#500724" strokeWidth={2} strokeLinejoin="round" />,
  },
  {
    kind: 'view-change',
    label: 'ViewChange: a replica asks to move to the next view (§4.4)',
    short: 'view-change',
    color: '#f59e0b',
    glyph: () => <path d={DIAMOND} fill="#f59e0b" stroke="#78350f" strokeWidth={2.5} />,
  },
  {
    kind: 'new-view',
    label: 'NewView: the new primary starts its view (§4.4)',
    short: 'new-view',
    color: '#ea580c',
    glyph: () => <path d={STAR} fill="#ea580c" stroke="#431407" strokeWidth={2} strokeLinejoin="round" />,
  },
  {
    kind: 'transfer',
    label: 'Fetch / State: state transfer to a replica that fell behind',
    short: 'state transfer',
    color: '#78716c',
    glyph: () => (
      <g>
        <path d="M-9 -6 V6 A9 3.5 0 0 0 9 6 V-6" fill="#a8a29e" stroke="#292524" strokeWidth={2} />
        <ellipse cy={-6} rx={9} ry={3.5} fill="#e7e5e4" stroke="#292524" strokeWidth={2} />
        <path d="M-9 0 A9 3.5 0 0 0 9 0" fill="none" stroke="#292524" strokeWidth={1.5} />
      </g>
    ),
  },
];

/** PBFT_DRAW_ORDER lists the kinds for the space-time diagram: checkpoints and client traffic under the phases, view changes on top. */
export const PBFT_DRAW_ORDER: readonly string[] = ['other', 'checkpoint', 'request', 'reply', 'prepare', 'commit', 'pre-prepare', 'transfer', 'view-change', 'new-view'];

const KIND_OF_TYPE: Readonly<Record<string, string>> = {
  PrePrepare: 'pre-prepare',
  Prepare: 'prepare',
  Commit: 'commit',
  Request: 'request',
  Reply: 'reply',
  Checkpoint: 'checkpoint',
  ViewChange: 'view-change',
  NewView: 'new-view',
  Fetch: 'transfer',
  State: 'transfer',
};

/** classifyPbft gives a PBFT message's kind by its type alone. */
export const classifyPbft = (type: string): string | undefined => KIND_OF_TYPE[type];
