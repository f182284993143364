/** Glyph parts shared by protocol looks: a check mark and a cross, drawn in white on a disc. */

/** CHECK is a check mark path centred on (0, 0). */
export const CHECK = 'M-4.5 0.5 L-1.5 3.5 L4.5 -3';
/** CROSS is an × path centred on (0, 0). */
export const CROSS = 'M-3.5 -3.5 L3.5 3.5 M3.5 -3.5 L-3.5 3.5';
/** DIAMOND is a 24 px diamond (Raft's RequestVote, PBFT's ViewChange: asking to change who leads). */
export const DIAMOND = 'M0 -12 L12 0 L0 12 L-12 0 Z';

/** markedDisc draws a disc of `fill` with rim `stroke` and a white `mark` path (CHECK or CROSS). */
export function markedDisc(fill: string, stroke: string, mark: string) {
  return () => (
    <g>
      <circle r={10} fill={fill} stroke={stroke} strokeWidth={2} />
      <path d={mark} fill="none" stroke="#fff" strokeWidth={2.5} strokeLinecap="round" />
    </g>
  );
}
