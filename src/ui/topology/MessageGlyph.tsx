/**
 * MessageGlyph draws one message kind centred on (0, 0), in SVG. The overlay clones these shapes
 * (as <symbol>s referenced by <use>) and the legend draws them inline.
 */
import type { ReactElement } from 'react';
import type { MsgKind } from './messageKinds';

const CHECK = 'M-4.5 0.5 L-1.5 3.5 L4.5 -3';
const CROSS = 'M-3.5 -3.5 L3.5 3.5 M3.5 -3.5 L-3.5 3.5';

/** glyphShape gives the SVG content for a kind (no wrapper). */
export function glyphShape(kind: MsgKind): ReactElement {
  switch (kind) {
    case 'rv':
      return <path d="M0 -12 L12 0 L0 12 L-12 0 Z" fill="#f59e0b" stroke="#78350f" strokeWidth={2.5} />;
    case 'rv-yes':
      return (
        <g>
          <circle r={10} fill="#15803d" stroke="#052e16" strokeWidth={2} />
          <path d={CHECK} fill="none" stroke="#fff" strokeWidth={2.5} strokeLinecap="round" />
        </g>
      );
    case 'rv-no':
      return (
        <g>
          <circle r={10} fill="#dc2626" stroke="#450a0a" strokeWidth={2} />
          <path d={CROSS} fill="none" stroke="#fff" strokeWidth={2.5} strokeLinecap="round" />
        </g>
      );
    case 'ae-hb':
      return <circle r={6.5} fill="#60a5fa" stroke="#1e3a8a" strokeWidth={2} />;
    case 'ae-data':
      return (
        <g>
          <rect x={-11} y={-9} width={22} height={18} rx={2} fill="#1d4ed8" stroke="#172554" strokeWidth={2} />
          <path d="M-6 -3 H6 M-6 2 H6" stroke="#fff" strokeWidth={2} />
        </g>
      );
    case 'aer-ok':
      return <path d="M0 -8 L8 6 L-8 6 Z" fill="#2dd4bf" stroke="#134e4a" strokeWidth={2} />;
    case 'aer-no':
      return (
        <g>
          <path d="M0 -10 L10 7 L-10 7 Z" fill="#fb7185" stroke="#881337" strokeWidth={2.5} />
          <path d="M0 -4 V1.5 M0 3.5 V4.5" stroke="#881337" strokeWidth={2} />
        </g>
      );
    default:
      return <circle r={6} fill="#94a3b8" stroke="#334155" strokeWidth={2} />;
  }
}

/** MessageGlyph draws a kind in a small standalone SVG (legend). */
export function MessageGlyph({ kind, size = 26 }: { kind: MsgKind; size?: number }) {
  return (
    <svg width={size} height={size} viewBox="-14 -14 28 28" aria-hidden="true" className="glyph">
      {glyphShape(kind)}
    </svg>
  );
}
