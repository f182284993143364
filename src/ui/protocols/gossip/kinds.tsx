/**
 * Gossip's message kinds (Demers et al. 1987). Rumour mongering is blue: a Push is a filled disc
 * with an arrow out, a pull (a PullRequest, or a push-pull Push with nothing hot) a hollow ring, a
 * PullReply a disc with an arrow back, and the receiver's Feedback a small grey check (routine).
 * Anti-entropy is violet and square: a Digest (routine) and a Repair with a plus.
 */
import { CHECK } from '../glyphs';
import type { MessageKindLook } from '../types';

const ARROW_OUT = 'M-5 0 H4 M1 -3.5 L4.5 0 L1 3.5';
const ARROW_BACK = 'M5 0 H-4 M-1 -3.5 L-4.5 0 L-1 3.5';

/** GOSSIP_KINDS lists gossip's kinds in the protocol's order. */
export const GOSSIP_KINDS: readonly MessageKindLook[] = [
  {
    kind: 'push',
    label: 'Push: a node sends its hot rumours to a partner (§1.4)',
    short: 'push',
    color: '#0284c7',
    glyph: () => (
      <g>
        <circle r={9.5} fill="#0284c7" stroke="#0c4a6e" strokeWidth={2} />
        <path d={ARROW_OUT} fill="none" stroke="#fff" strokeWidth={2.5} strokeLinecap="round" strokeLinejoin="round" />
      </g>
    ),
  },
  {
    kind: 'pull',
    label: 'PullRequest: a node asks a partner for its hot rumours (§1.3); also a push-pull Push with nothing hot',
    short: 'pull',
    color: '#0e7490',
    glyph: () => <circle r={8} fill="#fff" stroke="#0e7490" strokeWidth={3.5} />,
  },
  {
    kind: 'pull-reply',
    label: 'PullReply: the partner answers a pull with its hot rumours (§1.3)',
    short: 'pull reply',
    color: '#0e7490',
    glyph: () => (
      <g>
        <circle r={9.5} fill="#0e7490" stroke="#083344" strokeWidth={2} />
        <path d={ARROW_BACK} fill="none" stroke="#fff" strokeWidth={2.5} strokeLinecap="round" strokeLinejoin="round" />
      </g>
    ),
  },
  {
    kind: 'feedback',
    label: 'Feedback: “I already knew these”, counted towards losing interest (§1.4)',
    short: 'feedback',
    color: '#94a3b8',
    routine: true,
    glyph: () => (
      <g>
        <circle r={7} fill="#94a3b8" stroke="#334155" strokeWidth={1.5} />
        <path d={CHECK} fill="none" stroke="#fff" strokeWidth={2} strokeLinecap="round" transform="scale(0.8)" />
      </g>
    ),
  },
  {
    kind: 'digest',
    label: 'Digest: anti-entropy lists every value a node holds (§1.2)',
    short: 'digest',
    color: '#7c3aed',
    routine: true,
    glyph: () => <rect x={-7.5} y={-7.5} width={15} height={15} rx={2} fill="#ede9fe" stroke="#5b21b6" strokeWidth={2.5} />,
  },
  {
    kind: 'repair',
    label: 'Repair: anti-entropy sends the values the partner lacks (§1.2)',
    short: 'repair',
    color: '#7c3aed',
    glyph: () => (
      <g>
        <rect x={-9} y={-9} width={18} height={18} rx={2} fill="#7c3aed" stroke="#2e1065" strokeWidth={2} />
        <path d="M-5 0 H5 M0 -5 V5" stroke="#fff" strokeWidth={2.5} />
      </g>
    ),
  },
];

/** GOSSIP_DRAW_ORDER: routine feedback and digests underneath, rumours on top. */
export const GOSSIP_DRAW_ORDER: readonly string[] = ['other', 'feedback', 'digest', 'pull', 'repair', 'pull-reply', 'push'];

const KIND_OF_TYPE: Readonly<Record<string, string>> = {
  Push: 'push',
  PullRequest: 'pull',
  PullReply: 'pull-reply',
  Feedback: 'feedback',
  Digest: 'digest',
  Repair: 'repair',
};

/** classifyGossip gives a gossip message's kind: by type, except that a Push carrying nothing is a pull. */
export function classifyGossip(type: string, msg: Readonly<Record<string, unknown>>): string | undefined {
  if (type === 'Push' && Array.isArray(msg.rumours) && msg.rumours.length === 0) return 'pull';
  return KIND_OF_TYPE[type];
}
