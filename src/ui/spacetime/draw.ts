/**
 * Canvas drawing of the space-time diagram. Pure given a 2D context: no DOM lookups, no React, so
 * it can be timed in Node on a stub context. Strokes are batched: one path per (kind, line style,
 * past/future, dimmed) bucket, so 10,000 arrows cost a few dozen stroke calls.
 *
 * Coordinates are CSS px; the caller scales the context for devicePixelRatio beforehand.
 */
import { lookOfProtocol } from '../protocols/registry';
import type { ProtocolLook } from '../protocols/types';
import { visibleArrows, type ArrowGeom, type LineStyle } from './geometry';
import { relationOfMessage } from './causality';
import { crossPath, drawAxis, drawCausality, drawCursor, drawLabels, drawLanes, drawMarks, drawTints, type Ctx, type MarkGeom, type Scene } from './drawParts';
import { DANGER, DIM_ALPHA, FONT, FUTURE_ALPHA, INK, shortType } from './palette';

export type { Ctx, MarkGeom, Scene } from './drawParts';
export { roleAtCursor } from './drawParts';

/** DrawResult is what was drawn, for hit-testing: arrows in draw order, marks. */
export interface DrawResult {
  arrows: ArrowGeom[];
  marks: MarkGeom[];
}

/** Above this many arrows in view, arrowheads are skipped and lines drawn one device pixel wide. */
export const HEAD_LIMIT = 4000;
/** At or below this many arrows, each gets a short type label. */
export const LABEL_LIMIT = 60;
const STYLES: readonly LineStyle[] = ['solid', 'flight', 'dup'];
const DASH: Record<LineStyle, number[]> = { solid: [], flight: [6, 4], dup: [2, 3] };

/** drawSpaceTime draws a frame of scene `s` on `ctx`; returns the geometry drawn. */
export function drawSpaceTime(ctx: Ctx, s: Scene): DrawResult {
  const L = s.layout;
  ctx.save();
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, L.width, L.height);
  drawLanes(ctx, s);
  ctx.save();
  ctx.beginPath();
  ctx.rect(L.plotLeft, 0, L.plotRight - L.plotLeft, L.plotBottom + 1);
  ctx.clip();
  drawTints(ctx, s);
  drawCausality(ctx, s);
  const arrows = drawArrows(ctx, s);
  const marks = drawMarks(ctx, s);
  drawCursor(ctx, s);
  ctx.restore();
  drawAxis(ctx, L);
  drawLabels(ctx, s);
  ctx.restore();
  return { arrows, marks };
}

/** Flat [x1, y1, x2, y2, …] lists, one per bucket. */
type Buckets = number[][];

function bucketOf(kind: number, style: number, future: boolean, dim: boolean): number {
  return ((kind * 3 + style) * 2 + (future ? 1 : 0)) * 2 + (dim ? 1 : 0);
}

function drawArrows(ctx: Ctx, s: Scene): ArrowGeom[] {
  const arrows = visibleArrows(s.index, s.layout, s.cursor);
  const look = lookOfProtocol(s.index.protocol);
  const order = look.drawOrder;
  const kindIndex = new Map<string, number>(order.map((k, i) => [k, i]));
  const nk = order.length;
  const lines: Buckets = Array.from({ length: nk * 3 * 2 * 2 }, () => []);
  const heads: Buckets = Array.from({ length: nk * 2 * 2 }, () => []);
  const crosses: Buckets = [[], [], [], []];
  const hover = s.hoverNode;
  const causal = s.causality ?? null;
  for (const g of arrows) {
    const k = kindIndex.get(g.m.kind) ?? 0;
    const st = STYLES.indexOf(g.style);
    // With a message selected, what is concurrent with its send is dimmed; else what the hovered lane does not touch.
    const dim = causal ? relationOfMessage(causal, g.m) === 'concurrent' : hover !== null && g.m.from !== hover && g.m.to !== hover;
    const xm = g.x1 + (g.x2 - g.x1) * g.pastFrac;
    const ym = g.y1 + (g.y2 - g.y1) * g.pastFrac;
    if (g.pastFrac > 0) lines[bucketOf(k, st, false, dim)]!.push(g.x1, g.y1, xm, ym);
    if (g.pastFrac < 1) lines[bucketOf(k, st, true, dim)]!.push(xm, ym, g.x2, g.y2);
    const hb = (g.headPast ? 0 : 1) * 2 + (dim ? 1 : 0);
    if (g.head === 'arrow' && arrows.length <= HEAD_LIMIT) heads[k * 4 + hb]!.push(g.x1, g.y1, g.x2, g.y2);
    else if (g.head === 'cross') crosses[hb]!.push(g.x2, g.y2);
  }
  ctx.lineCap = 'butt';
  // Dense: one device pixel (a hairline: an order of magnitude faster to rasterize on the CPU).
  ctx.lineWidth = arrows.length > HEAD_LIMIT ? 1 / (s.pixelRatio ?? 1) : 1.5;
  for (const future of [true, false]) {
    for (let k = 0; k < nk; k++) {
      const color = look.kind(order[k]!).color;
      for (let st = 0; st < 3; st++) {
        for (const dim of [true, false]) {
          const b = lines[bucketOf(k, st, future, dim)]!;
          if (b.length === 0) continue;
          ctx.globalAlpha = (future ? FUTURE_ALPHA : 1) * (dim ? DIM_ALPHA : 1);
          ctx.strokeStyle = color;
          ctx.setLineDash(DASH[STYLES[st]!]);
          ctx.beginPath();
          for (let i = 0; i < b.length; i += 4) {
            ctx.moveTo(b[i]!, b[i + 1]!);
            ctx.lineTo(b[i + 2]!, b[i + 3]!);
          }
          ctx.stroke();
        }
      }
      for (let hb = 0; hb < 4; hb++) {
        const h = heads[k * 4 + hb]!;
        if (h.length === 0) continue;
        ctx.globalAlpha = (hb >= 2 ? FUTURE_ALPHA : 1) * (hb % 2 ? DIM_ALPHA : 1);
        ctx.fillStyle = color;
        ctx.beginPath();
        for (let i = 0; i < h.length; i += 4) headPath(ctx, h[i]!, h[i + 1]!, h[i + 2]!, h[i + 3]!, 7);
        ctx.fill();
      }
    }
  }
  ctx.setLineDash([]);
  ctx.strokeStyle = DANGER;
  ctx.lineWidth = 2;
  for (let hb = 0; hb < 4; hb++) {
    const c = crosses[hb]!;
    if (c.length === 0) continue;
    ctx.globalAlpha = (hb >= 2 ? FUTURE_ALPHA : 1) * (hb % 2 ? DIM_ALPHA : 1);
    ctx.beginPath();
    for (let i = 0; i < c.length; i += 2) crossPath(ctx, c[i]!, c[i + 1]!, 4);
    ctx.stroke();
  }
  ctx.globalAlpha = 1;
  if (arrows.length <= LABEL_LIMIT) drawArrowLabels(ctx, s, arrows, look);
  const sel = s.selectedMsg === null ? undefined : arrows.find((g) => g.m.id === s.selectedMsg);
  if (sel) drawSelected(ctx, sel, look);
  return arrows;
}

/** headPath adds an arrowhead of length `size` CSS px at (x2, y2), pointing along (x1, y1)→(x2, y2). */
export function headPath(ctx: Pick<Ctx, 'moveTo' | 'lineTo' | 'closePath'>, x1: number, y1: number, x2: number, y2: number, size: number): void {
  const dx = x2 - x1;
  const dy = y2 - y1;
  const len = Math.sqrt(dx * dx + dy * dy) || 1;
  const ux = dx / len;
  const uy = dy / len;
  const bx = x2 - ux * size;
  const by = y2 - uy * size;
  const hw = size * 0.45;
  ctx.moveTo(x2, y2);
  ctx.lineTo(bx - uy * hw, by + ux * hw);
  ctx.lineTo(bx + uy * hw, by - ux * hw);
  ctx.closePath();
}

function drawArrowLabels(ctx: Ctx, s: Scene, arrows: readonly ArrowGeom[], look: ProtocolLook): void {
  ctx.font = `600 10px ${FONT}`;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.lineWidth = 3;
  ctx.strokeStyle = '#fff';
  for (const g of arrows) {
    const len = Math.hypot(g.x2 - g.x1, g.y2 - g.y1);
    if (len < 46) continue;
    const dim = s.hoverNode !== null && g.m.from !== s.hoverNode && g.m.to !== s.hoverNode;
    ctx.globalAlpha = (g.pastFrac >= 0.5 ? 1 : FUTURE_ALPHA) * (dim ? DIM_ALPHA : 1);
    const x = (g.x1 + g.x2) / 2;
    const y = (g.y1 + g.y2) / 2;
    const text = shortType(g.m.type);
    ctx.strokeText(text, x, y);
    ctx.fillStyle = look.kind(g.m.kind).color;
    ctx.fillText(text, x, y);
  }
  ctx.globalAlpha = 1;
}

function drawSelected(ctx: Ctx, g: ArrowGeom, look: ProtocolLook): void {
  ctx.globalAlpha = 1;
  ctx.setLineDash([]);
  ctx.lineCap = 'round';
  ctx.strokeStyle = 'rgba(15, 23, 42, 0.85)';
  ctx.lineWidth = 6;
  ctx.beginPath();
  ctx.moveTo(g.x1, g.y1);
  ctx.lineTo(g.x2, g.y2);
  ctx.stroke();
  ctx.strokeStyle = look.kind(g.m.kind).color;
  ctx.lineWidth = 3;
  ctx.stroke();
  if (g.head === 'arrow') {
    ctx.fillStyle = INK;
    ctx.beginPath();
    headPath(ctx, g.x1, g.y1, g.x2, g.y2, 11);
    ctx.fill();
  } else if (g.head === 'cross') {
    ctx.strokeStyle = DANGER;
    ctx.lineWidth = 3;
    ctx.beginPath();
    crossPath(ctx, g.x2, g.y2, 6);
    ctx.stroke();
  }
  ctx.font = `700 11px ${FONT}`;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'bottom';
  ctx.lineWidth = 4;
  ctx.strokeStyle = '#fff';
  const x = (g.x1 + g.x2) / 2;
  const y = Math.min(g.y1, g.y2) + Math.abs(g.y2 - g.y1) / 2 - 6;
  ctx.strokeText(g.m.label, x, y);
  ctx.fillStyle = INK;
  ctx.fillText(g.m.label, x, y);
  ctx.lineCap = 'butt';
}

