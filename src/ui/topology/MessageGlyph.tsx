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
      return pbftShape(kind) ?? <circle r={6} fill="#94a3b8" stroke="#334155" strokeWidth={2} />;
  }
}

const ENVELOPE = 'M-10 -7 H10 V7 H-10 Z';
const FLAP = 'M-10 -7 L0 1 L10 -7';
const STAR = 'M0 -11.5 L3.1 -3.2 L11.9 -2.9 L4.9 2.6 L7.3 11.1 L0 6.2 L-7.3 11.1 L-4.9 2.6 L-11.9 -2.9 L-3.1 -3.2 Z';

/**
 * pbftShape gives the SVG content for a PBFT kind, null for other kinds. The three phases grow in
 * weight (blue proposal, purple prepare, teal commit with a check); client traffic is an envelope
 * (light: request, dark: reply); view changes are amber like the view-change role, the new view a star.
 */
function pbftShape(kind: MsgKind): ReactElement | null {
  switch (kind) {
    case 'pre-prepare':
      return (
        <g>
          <rect x={-11} y={-9} width={22} height={18} rx={4} fill="#1d4ed8" stroke="#172554" strokeWidth={2} />
          <path d="M-6 0 H6 M0 -5 V5" stroke="#fff" strokeWidth={2.5} />
        </g>
      );
    case 'prepare':
      return <circle r={7.5} fill="#a855f7" stroke="#3b0764" strokeWidth={2} />;
    case 'commit':
      return (
        <g>
          <circle r={10} fill="#0f766e" stroke="#042f2e" strokeWidth={2} />
          <path d={CHECK} fill="none" stroke="#fff" strokeWidth={2.5} strokeLinecap="round" />
        </g>
      );
    case 'request':
      return (
        <g>
          <path d={ENVELOPE} fill="#cffafe" stroke="#0e7490" strokeWidth={2} strokeLinejoin="round" />
          <path d={FLAP} fill="none" stroke="#0e7490" strokeWidth={2} strokeLinejoin="round" />
        </g>
      );
    case 'reply':
      return (
        <g>
          <path d={ENVELOPE} fill="#334155" stroke="#0f172a" strokeWidth={2} strokeLinejoin="round" />
          <path d={FLAP} fill="none" stroke="#fff" strokeWidth={2} strokeLinejoin="round" />
        </g>
      );
    case 'checkpoint':
      return <path d="M-7 -10 H7 V10 L0 4 L-7 10 Z" fill="#db2777" stroke="#500724" strokeWidth={2} strokeLinejoin="round" />;
    case 'view-change':
      return <path d="M0 -12 L12 0 L0 12 L-12 0 Z" fill="#f59e0b" stroke="#78350f" strokeWidth={2.5} />;
    case 'new-view':
      return <path d={STAR} fill="#ea580c" stroke="#431407" strokeWidth={2} strokeLinejoin="round" />;
    case 'transfer':
      return (
        <g>
          <path d="M-9 -6 V6 A9 3.5 0 0 0 9 6 V-6" fill="#a8a29e" stroke="#292524" strokeWidth={2} />
          <ellipse cy={-6} rx={9} ry={3.5} fill="#e7e5e4" stroke="#292524" strokeWidth={2} />
          <path d="M-9 0 A9 3.5 0 0 0 9 0" fill="none" stroke="#292524" strokeWidth={1.5} />
        </g>
      );
    default:
      return null;
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
