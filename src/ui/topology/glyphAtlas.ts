/**
 * GlyphAtlas: each message kind's glyph as a bitmap, for drawing thousands of messages in flight on
 * one canvas (a large cluster; see MessageOverlay and density.ts). The bitmaps are rasterised from
 * the glyphs' own SVG definitions in the page (`<g id="msg-KIND">`, MessageGlyph's glyphId, whose colours are attributes), so
 * the canvas shows the same shapes and colours as the legend. Each is drawn once per size on screen:
 * copying a bitmap is cheap, drawing an SVG image thousands of times a frame is not.
 */
import { glyphId } from './MessageGlyph';

/** GLYPH_BOX is the extent (glyph units, centred on 0) a bitmap holds: every glyph fits ±14. */
export const GLYPH_BOX = 28;
/** The SVG images' side (px) before they are drawn into bitmaps of the size on screen. */
const IMAGE_PX = 96;

export class GlyphAtlas {
  /** The SVG image of each kind (null: the page defines no such glyph). */
  private readonly images = new Map<string, HTMLImageElement | null>();
  /** Bitmaps by kind and side in device px. */
  private readonly bitmaps = new Map<string, HTMLCanvasElement>();

  /**
   * get gives kind `kind`'s glyph as a bitmap `px` device px square, or null until its image has
   * loaded (the caller draws a dot meanwhile). The first call starts loading it from `#msg-KIND`.
   */
  get(kind: string, px: number): HTMLCanvasElement | null {
    const side = Math.max(4, Math.min(256, Math.round(px)));
    const key = `${kind}@${side}`;
    const done = this.bitmaps.get(key);
    if (done) return done;
    const img = this.image(kind);
    if (!img || !img.complete || img.naturalWidth === 0) return null;
    const c = document.createElement('canvas');
    c.width = side;
    c.height = side;
    c.getContext('2d')?.drawImage(img, 0, 0, side, side);
    this.bitmaps.set(key, c);
    return c;
  }

  private image(kind: string): HTMLImageElement | null {
    const known = this.images.get(kind);
    if (known !== undefined) return known;
    const def = document.getElementById(glyphId(kind));
    if (!def) {
      this.images.set(kind, null);
      return null;
    }
    const h = GLYPH_BOX / 2;
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="${-h} ${-h} ${GLYPH_BOX} ${GLYPH_BOX}" width="${IMAGE_PX}" height="${IMAGE_PX}">${def.innerHTML}</svg>`;
    const img = new Image(IMAGE_PX, IMAGE_PX);
    img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
    this.images.set(kind, img);
    return img;
  }
}
