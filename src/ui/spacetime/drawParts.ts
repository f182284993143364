/**
 * Canvas drawing of the space-time diagram's parts other than the arrows: lanes with term shading,
 * tints (future, forgotten), lane marks, the cursor, the time axis and lane labels; plus the types
 * the drawing shares. Coordinates are CSS px.
 */
import { format } from 'd3';
import type { NodeId } from '../../core/types';
import { termColor } from '../panels/termColors';
import { lookOfProtocol } from '../protocols/registry';
import { crowdedTimers, labelPlacer, labelPriority, type Cursor, type Layout } from './geometry';
import type { LaneMark, SpaceTimeIndex } from './model';
import type { Causality } from './causality';
import {
  ACCENT, CRASHED_FILL, CRASHED_HATCH, PAUSE_EDGE, PAUSE_FILL, HATCH_GAP, DANGER, FAULT, FONT, FUTURE_ALPHA, INK, LINE, MUTED, RESTART, roleColor, TERM_ALPHA, TIMER,
} from './palette';

/** Ctx is the part of CanvasRenderingContext2D the drawing uses. */
export type Ctx = Pick<
  CanvasRenderingContext2D,
  | 'save' | 'restore' | 'beginPath' | 'moveTo' | 'lineTo' | 'closePath' | 'stroke' | 'fill' | 'rect' | 'clip' | 'arc'
  | 'fillRect' | 'fillText' | 'strokeText' | 'setLineDash'
  | 'fillStyle' | 'strokeStyle' | 'lineWidth' | 'globalAlpha' | 'font' | 'textAlign' | 'textBaseline' | 'lineCap' | 'lineJoin'
>;

/** Scene is everything one frame shows. */
export interface Scene {
  index: SpaceTimeIndex;
  layout: Layout;
  cursor: Cursor;
  /** Bus id of the selected message, drawn thick. */
  selectedMsg: number | null;
  /** Hovered node: its lane is highlighted, other traffic dimmed. */
  hoverNode: NodeId | null;
  /**
   * Causality of the selected message's send (causality.ts), or null: each lane is banded up to
   * its last event in the causal past and from its first in the causal future, and concurrent
   * traffic is dimmed.
   */
  causality?: Causality | null;
  /**
   * Device pixels per CSS px the context is scaled by (default 1). Dense views stroke one device
   * pixel wide, which browsers rasterize as fast hairlines.
   */
  pixelRatio?: number;
}

/** MarkGeom is a lane mark's position, CSS px (y is NaN for a cluster-wide mark). */
export interface MarkGeom {
  mark: LaneMark;
  x: number;
  y: number;
}

/** At or below this many marks, role and fault marks get text. */
const MARK_LABEL_LIMIT = 200;

const fmt = format(',');

/** roleAtCursor gives node `node`'s role at the cursor (its last span opened before cursor.rec). */
export function roleAtCursor(index: SpaceTimeIndex, node: NodeId, rec: number, initial = 'follower'): string {
  const spans = index.spansOf(node);
  for (let i = spans.length - 1; i >= 0; i--) if (spans[i]!.fromRec < rec) return spans[i]!.role;
  return initial;
}

/** drawLanes draws lane bands, term shading (the protocol's leader role's spans as a thick line) and lane lines. */
export function drawLanes(ctx: Ctx, s: Scene): void {
  const L = s.layout;
  const look = lookOfProtocol(s.index.protocol);
  const { t0, t1 } = L.window;
  const w = L.plotRight - L.plotLeft;
  L.nodes.forEach((n, i) => {
    const top = L.plotTop + i * L.laneH;
    if (n === s.hoverNode) ctx.fillStyle = 'rgba(29, 78, 216, 0.10)';
    else if (i % 2 === 1) ctx.fillStyle = '#f8fafc';
    else return;
    ctx.fillRect(L.plotLeft, top, w, L.laneH);
  });
  const band = Math.max(2, L.laneH - 2);
  ctx.font = `600 10px ${FONT}`;
  ctx.textAlign = 'left';
  ctx.textBaseline = 'top';
  for (const sp of s.index.spansInWindow(t0, t1)) {
    const y = L.laneY.get(sp.node);
    if (y === undefined) continue;
    const end = sp.toT ?? Math.max(s.cursor.horizon, sp.fromT);
    const xa = L.px(Math.max(sp.fromT, t0));
    const xb = L.px(Math.min(end, t1));
    if (xb <= xa) continue;
    const fade = sp.fromRec >= s.cursor.rec ? 0.5 : 1;
    const shaded = sp.role === 'crashed' || sp.term >= 1;
    if (sp.role === 'crashed') {
      ctx.globalAlpha = fade;
      ctx.fillStyle = CRASHED_FILL;
    } else if (sp.term >= 1) {
      ctx.globalAlpha = TERM_ALPHA * fade;
      ctx.fillStyle = termColor(sp.term)[0];
    }
    if (shaded) ctx.fillRect(xa, y - band / 2, xb - xa, band);
    if (sp.role === 'crashed') hatch(ctx, xa, y - band / 2, xb - xa, band);
    // PBFT's view 0 has a primary (Raft's term 0 has no leader): the bar does not need shading.
    if (sp.role === look.leaderRole) {
      ctx.globalAlpha = fade;
      ctx.fillStyle = roleColor(look, sp.role);
      ctx.fillRect(xa, y - 1.5, xb - xa, 3);
    }
    if (sp.role !== 'crashed' && sp.term >= 1 && xb - xa > 28 && L.laneH >= 26 && sp.fromT >= t0) {
      ctx.globalAlpha = 0.9 * fade;
      ctx.fillStyle = termColor(sp.term)[0];
      ctx.fillText(`${look.epochShort}${sp.term}`, xa + 3, y - band / 2 + 2);
    }
  }
  drawPauses(ctx, s, band);
  ctx.globalAlpha = 1;
  ctx.fillStyle = LINE;
  for (const n of L.nodes) ctx.fillRect(L.plotLeft, Math.round(L.laneY.get(n)!) - 0.5, w, 1);
}

/** drawPauses shades each paused stretch of a lane violet, edged above and below, with a pause glyph when it fits. */
function drawPauses(ctx: Ctx, s: Scene, band: number): void {
  const L = s.layout;
  const { t0, t1 } = L.window;
  for (const p of s.index.pausesInWindow(t0, t1)) {
    const y = L.laneY.get(p.node);
    if (y === undefined) continue;
    const xa = L.px(Math.max(p.fromT, t0));
    const xb = L.px(Math.min(p.toT ?? Math.max(s.cursor.horizon, p.fromT), t1));
    if (xb <= xa) continue;
    ctx.globalAlpha = p.fromRec >= s.cursor.rec ? 0.5 : 1;
    ctx.fillStyle = PAUSE_FILL;
    ctx.fillRect(xa, y - band / 2, xb - xa, band);
    ctx.fillStyle = PAUSE_EDGE;
    ctx.fillRect(xa, y - band / 2, xb - xa, 2);
    ctx.fillRect(xa, y + band / 2 - 2, xb - xa, 2);
    // The pause sign, two bars, at the span's start when it fits.
    if (xb - xa > 16 && band >= 14) {
      const h = Math.min(10, band - 6);
      ctx.fillRect(xa + 4, y - h / 2, 3, h);
      ctx.fillRect(xa + 9, y - h / 2, 3, h);
    }
  }
}

/** hatch draws diagonal lines over a rectangle (a crashed node's lane), CSS px. */
function hatch(ctx: Ctx, x: number, y: number, w: number, h: number): void {
  ctx.save();
  ctx.beginPath();
  ctx.rect(x, y, w, h);
  ctx.clip();
  ctx.beginPath();
  for (let hx = x - h; hx < x + w; hx += HATCH_GAP) {
    ctx.moveTo(hx, y + h);
    ctx.lineTo(hx + h, y);
  }
  ctx.strokeStyle = CRASHED_HATCH;
  ctx.lineWidth = 1;
  ctx.stroke();
  ctx.restore();
}

/** PAST_BAND and FUTURE_BAND colour a lane's causal past and future of the selected send. */
export const PAST_BAND = 'rgba(37, 99, 235, 0.28)';
export const FUTURE_BAND = 'rgba(234, 88, 12, 0.28)';

/**
 * drawCausality bands each lane along its middle: blue up to the last event that happened before
 * the selected send, orange from the first event that happens after it; what lies between is
 * concurrent with it. The send itself gets a ring.
 */
export function drawCausality(ctx: Ctx, s: Scene): void {
  const c = s.causality;
  if (!c) return;
  const L = s.layout;
  const h = Math.max(4, Math.min(10, L.laneH / 4));
  for (const n of L.nodes) {
    const y = L.laneY.get(n);
    if (y === undefined) continue;
    const p = c.past.get(n);
    if (p) {
      const xb = Math.min(L.px(p.t), L.plotRight);
      if (xb > L.plotLeft) {
        ctx.fillStyle = PAST_BAND;
        ctx.fillRect(L.plotLeft, y - h / 2, xb - L.plotLeft, h);
      }
    }
    const f = c.future.get(n);
    if (f) {
      // The future runs to the furthest point of the run known, not past it.
      const xa = Math.max(L.px(f.t), L.plotLeft);
      const xb = Math.min(L.px(s.cursor.horizon), L.plotRight);
      if (xa < xb) {
        ctx.fillStyle = FUTURE_BAND;
        ctx.fillRect(xa, y - h / 2, xb - xa, h);
      }
    }
  }
  const y = L.laneY.get(c.node);
  if (y !== undefined) {
    ctx.strokeStyle = INK;
    ctx.lineWidth = 2;
    ctx.beginPath();
    ctx.arc(L.px(c.at.t), y, 6, 0, 2 * Math.PI);
    ctx.stroke();
  }
}

/** drawTints tints the run's future (cursor to horizon) and the forgotten past. */
export function drawTints(ctx: Ctx, s: Scene): void {
  const L = s.layout;
  const xc = L.px(s.cursor.t);
  const xh = L.px(s.cursor.horizon);
  if (xh > xc) {
    ctx.fillStyle = 'rgba(148, 163, 184, 0.10)';
    ctx.fillRect(xc, L.plotTop, xh - xc, L.plotBottom - L.plotTop);
  }
  const firstT = s.index.firstT;
  if (firstT > L.window.t0) {
    const xf = Math.min(L.px(firstT), L.plotRight);
    ctx.fillStyle = 'rgba(100, 116, 139, 0.18)';
    ctx.fillRect(L.plotLeft, L.plotTop, xf - L.plotLeft, L.plotBottom - L.plotTop);
    if (xf - L.plotLeft > 150) {
      ctx.fillStyle = MUTED;
      ctx.font = `italic 12px ${FONT}`;
      ctx.textAlign = 'center';
      ctx.textBaseline = 'middle';
      ctx.fillText('older messages not kept', (L.plotLeft + xf) / 2, L.plotTop + 8);
    }
  }
}

/** crossPath adds a ✕ of half-size `r` CSS px at (x, y). */
export function crossPath(ctx: Pick<Ctx, 'moveTo' | 'lineTo'>, x: number, y: number, r: number): void {
  ctx.moveTo(x - r, y - r);
  ctx.lineTo(x + r, y + r);
  ctx.moveTo(x + r, y - r);
  ctx.lineTo(x - r, y + r);
}

/** drawMarks draws lane marks in the window, batched by shape and colour; returns their positions. */
export function drawMarks(ctx: Ctx, s: Scene): MarkGeom[] {
  const L = s.layout;
  const pad = (L.window.t1 - L.window.t0) * 0.01;
  const marks = s.index.marksInWindow(L.window.t0 - pad, L.window.t1 + pad);
  const look = lookOfProtocol(s.index.protocol);
  const leaderRole = look.leaderRole;
  const out: MarkGeom[] = [];
  for (const m of marks) out.push({ mark: m, x: L.px(m.t), y: m.node === null ? NaN : (L.laneY.get(m.node) ?? NaN) });
  ctx.setLineDash([]);
  // Heartbeat trains would blur into a bar when zoomed out: only isolated timer firings are drawn.
  const crowded = crowdedTimers(out);
  for (const future of [true, false]) {
    const mine = out.filter((g) => g.mark.rec >= s.cursor.rec === future && (g.mark.node === null || !Number.isNaN(g.y)));
    if (mine.length === 0) continue;
    ctx.globalAlpha = future ? FUTURE_ALPHA : 1;
    const shapes = (kind: string, color: string, path: (g: MarkGeom) => void, stroke?: number) => {
      ctx.beginPath();
      let any = false;
      for (const g of mine) {
        if (g.mark.kind !== kind || g.mark.node === null) continue;
        path(g);
        any = true;
      }
      if (!any) return;
      if (stroke) {
        ctx.strokeStyle = color;
        ctx.lineWidth = stroke;
        ctx.stroke();
      } else {
        ctx.fillStyle = color;
        ctx.fill();
      }
    };
    shapes('timer', TIMER, (g) => {
      if (crowded.has(g)) return;
      const { x, y } = g;
      ctx.moveTo(x, y - 4);
      ctx.lineTo(x + 3.5, y);
      ctx.lineTo(x, y + 4);
      ctx.lineTo(x - 3.5, y);
      ctx.closePath();
    });
    shapes('fault', FAULT, ({ x, y }) => ctx.rect(x - 3.5, y - 3.5, 7, 7));
    shapes('restart', RESTART, ({ x, y }) => {
      ctx.moveTo(x, y - 7);
      ctx.lineTo(x + 6, y + 4);
      ctx.lineTo(x - 6, y + 4);
      ctx.closePath();
    });
    shapes('crash', DANGER, ({ x, y }) => crossPath(ctx, x, y, 7), 3);
    // Role dots, one path per role.
    const roles = new Set(mine.filter((g) => g.mark.kind === 'role').map((g) => g.mark.role ?? ''));
    for (const role of roles) {
      const r = role === leaderRole ? 5.5 : 4.5;
      ctx.beginPath();
      for (const g of mine) {
        if (g.mark.kind !== 'role' || (g.mark.role ?? '') !== role) continue;
        ctx.moveTo(g.x + r, g.y);
        ctx.arc(g.x, g.y, r, 0, Math.PI * 2);
      }
      ctx.fillStyle = roleColor(look, role);
      ctx.fill();
      ctx.strokeStyle = '#fff';
      ctx.lineWidth = 1.5;
      ctx.stroke();
    }
    // Cluster-wide faults: dashed lines across every lane.
    ctx.beginPath();
    let wide = false;
    for (const g of mine) {
      if (g.mark.node !== null) continue;
      ctx.moveTo(g.x, L.plotTop - 4);
      ctx.lineTo(g.x, L.plotBottom);
      wide = true;
    }
    if (wide) {
      ctx.strokeStyle = FAULT;
      ctx.lineWidth = 1.5;
      ctx.setLineDash([4, 3]);
      ctx.stroke();
      ctx.setLineDash([]);
    }
  }
  if (marks.length <= MARK_LABEL_LIMIT) {
    const fits = labelPlacer();
    const byPriority = out.filter((g) => g.mark.kind !== 'timer').sort((a, b) => labelPriority(a.mark) - labelPriority(b.mark));
    for (const { mark: m, x, y } of byPriority) {
      ctx.globalAlpha = m.rec >= s.cursor.rec ? FUTURE_ALPHA : 1;
      if (m.node === null) {
        if (fits('*', x + 3, m.text)) markText(ctx, m.text, x + 3, L.plotTop - 10, FAULT, false);
      } else if (Number.isNaN(y)) continue;
      else if (m.kind === 'crash') {
        if (fits(m.node, x + 9, 'crash')) markText(ctx, 'crash', x + 9, y - 9, DANGER, true);
      } else if (m.kind === 'restart') {
        if (fits(m.node, x + 8, 'restart')) markText(ctx, 'restart', x + 8, y - 9, RESTART, true);
      } else if (m.kind === 'role') {
        const role = m.role ?? '';
        const lead = role === leaderRole;
        if (fits(m.node, x + 7, role)) markText(ctx, role, x + 7, y - 8, lead ? roleColor(look, role) : INK, lead);
      } else if (fits(`${m.node}-low`, x + 6, m.text)) markText(ctx, m.text, x + 6, y + 10, FAULT, false);
    }
  }
  ctx.globalAlpha = 1;
  return out;
}

function markText(ctx: Ctx, text: string, x: number, y: number, color: string, bold: boolean): void {
  ctx.font = `${bold ? 700 : 500} 11px ${FONT}`;
  ctx.textAlign = 'left';
  ctx.textBaseline = 'middle';
  ctx.lineWidth = 3;
  ctx.strokeStyle = '#fff';
  ctx.strokeText(text, x, y);
  ctx.fillStyle = color;
  ctx.fillText(text, x, y);
}

/** drawCursor draws the cursor's vertical line. */
export function drawCursor(ctx: Ctx, s: Scene): void {
  const L = s.layout;
  const x = L.px(s.cursor.t);
  if (x < L.plotLeft || x > L.plotRight) return;
  ctx.globalAlpha = 1;
  ctx.fillStyle = INK;
  ctx.fillRect(Math.round(x) - 1, L.plotTop - 6, 2, L.plotBottom - L.plotTop + 6);
}

/** drawAxis draws the time axis (virtual ms) under the lanes. */
export function drawAxis(ctx: Ctx, L: Layout): void {
  const y = L.plotBottom;
  ctx.globalAlpha = 1;
  ctx.fillStyle = MUTED;
  ctx.fillRect(L.plotLeft, y, L.plotRight - L.plotLeft, 1);
  ctx.font = `12px ${FONT}`;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  const ticks = L.x.ticks(Math.max(2, Math.floor((L.plotRight - L.plotLeft) / 90)));
  for (const t of ticks) {
    const x = L.px(t);
    ctx.fillRect(Math.round(x) - 0.5, y, 1, 5);
    // Keep the last label inside the surface.
    const text = fmt(t);
    const half = text.length * 3.5;
    ctx.textAlign = x + half > L.width - 2 ? 'right' : 'center';
    ctx.fillText(text, ctx.textAlign === 'right' ? L.width - 2 : x, y + 7);
  }
  ctx.textAlign = 'left';
  ctx.fillText('ms', 4, y + 7);
}

/** drawLabels draws the lane labels with each node's role at the cursor. */
export function drawLabels(ctx: Ctx, s: Scene): void {
  const L = s.layout;
  ctx.globalAlpha = 1;
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, L.plotLeft - 1, L.plotBottom);
  ctx.textBaseline = 'middle';
  ctx.textAlign = 'right';
  const look = lookOfProtocol(s.index.protocol);
  for (const n of L.nodes) {
    const y = L.laneY.get(n)!;
    const hover = n === s.hoverNode;
    const role = roleAtCursor(s.index, n, s.cursor.rec, look.defaultRole);
    ctx.fillStyle = roleColor(look, role);
    ctx.beginPath();
    ctx.arc(10, y, 5, 0, Math.PI * 2);
    ctx.fill();
    ctx.font = `${hover || role === look.leaderRole ? 800 : 600} 13px ${FONT}`;
    ctx.fillStyle = hover ? ACCENT : s.hoverNode !== null ? MUTED : INK;
    ctx.fillText(n, L.plotLeft - 8, y);
  }
}
