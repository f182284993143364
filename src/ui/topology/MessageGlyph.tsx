/**
 * MessageGlyph draws one message kind of the running protocol's look centred on (0, 0), in SVG.
 * The overlay clones these shapes (as <g>s in <defs> referenced by <use>, ids from glyphId) and
 * the legend draws them inline. The shapes themselves are the look's (src/ui/protocols/<name>/).
 */
import type { ProtocolLook } from '../protocols/types';

/** glyphId gives the SVG id of kind `kind`'s glyph definition: `msg-<kind>`, any character outside [A-Za-z0-9_-] as `_`. */
export const glyphId = (kind: string): string => `msg-${kind.replace(/[^A-Za-z0-9_-]/g, '_')}`;

/** MessageGlyph draws a kind in a small standalone SVG (legend). */
export function MessageGlyph({ look, kind, size = 26 }: { look: ProtocolLook; kind: string; size?: number }) {
  return (
    <svg width={size} height={size} viewBox="-14 -14 28 28" aria-hidden="true" className="glyph">
      {look.kind(kind).glyph()}
    </svg>
  );
}
