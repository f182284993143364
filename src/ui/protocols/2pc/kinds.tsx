/**
 * Two-phase commit's message kinds, one per message type (Bernstein, Hadzilacos & Goodman ch. 7;
 * Skeen 1981 for pre-commit). The coordinator's questions are blue squares (prepare) and teal
 * (3PC pre-commit); votes are discs, green with a check for commit and red with a cross for abort;
 * decisions are stars in the same colours, bigger than votes; acks are small grey dots (routine);
 * the termination protocol's questions and answers are amber, like a participant in doubt.
 */
import { CHECK, CROSS, DIAMOND, markedDisc } from '../glyphs';
import type { MessageKindLook } from '../types';

const STAR = 'M0 -12 L3.3 -3.5 L12.4 -3.1 L5.2 2.7 L7.6 11.6 L0 6.5 L-7.6 11.6 L-5.2 2.7 L-12.4 -3.1 L-3.3 -3.5 Z';

/** star draws a decision: a star of `fill` with a white `mark`. */
const star = (fill: string, stroke: string, mark: string) => () => (
  <g>
    <path d={STAR} fill={fill} stroke={stroke} strokeWidth={2} strokeLinejoin="round" />
    <path d={mark} fill="none" stroke="#fff" strokeWidth={2.2} strokeLinecap="round" transform="translate(0 1) scale(0.8)" />
  </g>
);

/** TWO_PC_KINDS lists the kinds in the order of the protocol. */
export const TWO_PC_KINDS: readonly MessageKindLook[] = [
  {
    kind: 'prepare',
    label: 'prepare: the coordinator asks a participant to prepare its writes (phase 1)',
    short: 'prepare',
    color: '#1d4ed8',
    glyph: () => (
      <g>
        <rect x={-10} y={-9} width={20} height={18} rx={3} fill="#1d4ed8" stroke="#172554" strokeWidth={2} />
        <path d="M-3.5 -3 A3.5 3.5 0 1 1 0 1 V3 M0 5.5 V6" fill="none" stroke="#fff" strokeWidth={2.2} strokeLinecap="round" />
      </g>
    ),
  },
  { kind: 'vote-commit', label: 'vote-commit: prepared and logged, the participant votes yes', short: 'vote commit', color: '#16a34a', glyph: markedDisc('#16a34a', '#14532d', CHECK) },
  { kind: 'vote-abort', label: 'vote-abort: the participant refuses and aborts', short: 'vote abort', color: '#dc2626', glyph: markedDisc('#dc2626', '#7f1d1d', CROSS) },
  { kind: 'global-commit', label: 'global-commit: the decision is commit (phase 2)', short: 'global-commit', color: '#15803d', glyph: star('#15803d', '#052e16', CHECK) },
  { kind: 'global-abort', label: 'global-abort: the decision is abort (phase 2)', short: 'global-abort', color: '#b91c1c', glyph: star('#b91c1c', '#450a0a', CROSS) },
  { kind: 'ack', label: 'ack: the participant logged and applied the decision', short: 'ack', color: '#64748b', glyph: () => <circle r={5} fill="#94a3b8" stroke="#334155" strokeWidth={2} />, routine: true },
  {
    kind: 'pre-commit',
    label: 'pre-commit (3PC): every vote was yes; become committable',
    short: 'pre-commit',
    color: '#0d9488',
    glyph: () => (
      <g>
        <rect x={-10} y={-9} width={20} height={18} rx={3} fill="#0d9488" stroke="#042f2e" strokeWidth={2} />
        <path d={CHECK} fill="none" stroke="#fff" strokeWidth={2.5} strokeLinecap="round" />
      </g>
    ),
  },
  { kind: 'pre-commit-ack', label: 'pre-commit-ack (3PC): the participant is committable', short: 'pre-commit ack', color: '#14b8a6', glyph: () => <circle r={6} fill="#5eead4" stroke="#042f2e" strokeWidth={2} /> },
  { kind: 'decision-request', label: 'decision-request: a participant in doubt (or a 3PC backup) asks what the receiver knows', short: 'decision request', color: '#d97706', glyph: () => <path d={DIAMOND} fill="#fbbf24" stroke="#78350f" strokeWidth={2.5} transform="scale(0.8)" /> },
  { kind: 'decision-reply', label: 'decision-reply: committed, aborted, uncertain or committable', short: 'decision reply', color: '#b45309', glyph: () => <circle r={7} fill="#d97706" stroke="#451a03" strokeWidth={2} /> },
];

/** TWO_PC_DRAW_ORDER draws acks under everything and decisions on top. */
export const TWO_PC_DRAW_ORDER: readonly string[] = ['other', 'ack', 'pre-commit-ack', 'decision-request', 'decision-reply', 'prepare', 'vote-commit', 'vote-abort', 'pre-commit', 'global-commit', 'global-abort'];

const KINDS = new Set(TWO_PC_KINDS.map((k) => k.kind));

/** classifyTwoPc gives a message's kind: its type, which is already kebab-case. */
export const classifyTwoPc = (type: string): string | undefined => (KINDS.has(type) ? type : undefined);
