/**
 * The CRDT message kinds. State-based anti-entropy is teal: a `State` is a filled square (a whole
 * state on the move), its answer a hollow one. Op-based delivery is amber: an `Op` a disc with an
 * arrow out, a `Digest` (routine) a small ring, an `Ops` repair a disc with a plus.
 */
import type { MessageKindLook } from '../types';

const ARROW_OUT = 'M-5 0 H4 M1 -3.5 L4.5 0 L1 3.5';

/** CRDT_KINDS lists the kinds in the protocol's order. */
export const CRDT_KINDS: readonly MessageKindLook[] = [
  {
    kind: 'state',
    label: 'State: anti-entropy sends a replica’s whole state to a random peer, which merges it (RR-7506 §2.2.1)',
    short: 'state',
    color: '#0f766e',
    glyph: () => <rect x={-8.5} y={-8.5} width={17} height={17} rx={3} fill="#0f766e" stroke="#042f2e" strokeWidth={2} />,
  },
  {
    kind: 'state-reply',
    label: 'State reply: the peer answers with its own state when it holds updates the sender lacks',
    short: 'state reply',
    color: '#14b8a6',
    glyph: () => <rect x={-7.5} y={-7.5} width={15} height={15} rx={3} fill="#fff" stroke="#0f766e" strokeWidth={3.5} />,
  },
  {
    kind: 'op',
    label: 'Op: an op-based update broadcast with its vector clock (RR-7506 §2.2.2)',
    short: 'op',
    color: '#d97706',
    glyph: () => (
      <g>
        <circle r={9.5} fill="#d97706" stroke="#78350f" strokeWidth={2} />
        <path d={ARROW_OUT} fill="none" stroke="#fff" strokeWidth={2.5} strokeLinecap="round" strokeLinejoin="round" />
      </g>
    ),
  },
  {
    kind: 'digest',
    label: 'Digest: a replica’s delivered vector clock, asking a peer for the ops it lacks',
    short: 'digest',
    color: '#a8a29e',
    routine: true,
    glyph: () => <circle r={6.5} fill="#fff" stroke="#78716c" strokeWidth={3} />,
  },
  {
    kind: 'ops',
    label: 'Ops: the ops the asker lacks, answering a Digest',
    short: 'ops',
    color: '#b45309',
    glyph: () => (
      <g>
        <circle r={9.5} fill="#b45309" stroke="#451a03" strokeWidth={2} />
        <path d="M-5 0 H5 M0 -5 V5" stroke="#fff" strokeWidth={2.5} />
      </g>
    ),
  },
];

/** CRDT_DRAW_ORDER: routine digests underneath. */
export const CRDT_DRAW_ORDER: readonly string[] = ['other', 'digest', 'state-reply', 'state', 'ops', 'op'];

/** classifyCrdt gives a message's kind: by type, a State answering a State as a reply. */
export function classifyCrdt(type: string, msg: Readonly<Record<string, unknown>>): string | undefined {
  switch (type) {
    case 'State':
      return msg.reply ? 'state-reply' : 'state';
    case 'Op':
      return 'op';
    case 'Digest':
      return 'digest';
    case 'Ops':
      return 'ops';
    default:
      return undefined;
  }
}
