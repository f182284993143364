/**
 * Geometry of the space-time diagram: the time scale and lanes, where each arrow lies, hit-testing,
 * and the zoom/pan/follow arithmetic of the time window. Pure functions; no DOM.
 *
 * Units: times are virtual ms; positions are CSS px from the drawing's top-left corner.
 */
import { scaleLinear, type ScaleLinear } from 'd3';
import type { NodeId } from '../../core/types';
import type { MessageArrow } from './model';

/** TimeWindow is the span of virtual time shown, [t0, t1] in virtual ms. */
export interface TimeWindow {
  t0: number;
  t1: number;
}

/** Frame describes the drawing surface. */
export interface Frame {
  /** Whole surface, CSS px. */
  width: number;
  height: number;
  /** Width of the lane-label column on the left, CSS px (default 52). */
  labelWidth?: number;
  /** Space above the first lane, CSS px (default 22). */
  top?: number;
  /** Space for the time axis below the last lane, CSS px (default 34). */
  axis?: number;
  /** Space right of the plot, CSS px (default 12). */
  right?: number;
}

/** Layout places time and lanes on the surface. */
export interface Layout {
  /** Virtual ms → CSS px (d3 scale: ticks, invert). */
  x: ScaleLinear<number, number>;
  /** Virtual ms → CSS px, the same map as `x` without d3's overhead (hot loops). */
  px: (t: number) => number;
  window: TimeWindow;
  nodes: readonly NodeId[];
  /** Lane centre per node, CSS px. */
  laneY: Map<NodeId, number>;
  laneH: number;
  plotLeft: number;
  plotRight: number;
  plotTop: number;
  plotBottom: number;
  width: number;
  height: number;
}

/** makeLayout lays out `nodes` as equal horizontal lanes and the window on a d3 linear scale. */
export function makeLayout(frame: Frame, window: TimeWindow, nodes: readonly NodeId[]): Layout {
  const plotLeft = frame.labelWidth ?? 52;
  const plotTop = frame.top ?? 22;
  const plotRight = Math.max(plotLeft + 10, frame.width - (frame.right ?? 12));
  const plotBottom = Math.max(plotTop + 10, frame.height - (frame.axis ?? 34));
  const t1 = window.t1 > window.t0 ? window.t1 : window.t0 + 1;
  const x = scaleLinear().domain([window.t0, t1]).range([plotLeft, plotRight]);
  const k = (plotRight - plotLeft) / (t1 - window.t0);
  const t0 = window.t0;
  const px = (t: number) => plotLeft + (t - t0) * k;
  const laneH = (plotBottom - plotTop) / Math.max(1, nodes.length);
  const laneY = new Map<NodeId, number>();
  nodes.forEach((n, i) => laneY.set(n, plotTop + laneH * (i + 0.5)));
  return { x, px, window: { t0: window.t0, t1 }, nodes, laneY, laneH, plotLeft, plotRight, plotTop, plotBottom, width: frame.width, height: frame.height };
}

/** laneAt gives the node whose lane (or label) contains CSS y, or null. */
export function laneAt(L: Layout, y: number): NodeId | null {
  if (y < L.plotTop || y >= L.plotBottom) return null;
  return L.nodes[Math.floor((y - L.plotTop) / L.laneH)] ?? null;
}

/** Cursor says which moment is "now": records before `rec` and times up to `t` are the past. */
export interface Cursor {
  /** Virtual ms of the moment shown. */
  t: number;
  /** Records with a trace position < rec are past. */
  rec: number;
  /** Latest virtual ms of the run: in-flight messages are drawn up to it. */
  horizon: number;
}

/** LineStyle is how an arrow's line is stroked. */
export type LineStyle = 'solid' | 'flight' | 'dup';

/** ArrowGeom is where one message is drawn: its visible segment, in CSS px. */
export interface ArrowGeom {
  m: MessageArrow;
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  /** Fraction (0..1) of the visible segment, from its start, that is past; the rest is future. */
  pastFrac: number;
  /** Line style: solid, `flight` (dashed: still in flight) or `dup` (dotted: a duplicate copy). */
  style: LineStyle;
  /** End marker, drawn at (x2, y2) when the true end is visible: arrowhead (delivered), ✕ (dropped). */
  head: 'arrow' | 'cross' | null;
  /** True when the end marker is past. */
  headPast: boolean;
}

const STUB_X = 9;
const STUB_Y = 14;
/** Segments are clipped to the plot plus this margin, CSS px, so huge zooms keep small coordinates. */
const CLIP_MARGIN = 16;

const clamp01 = (v: number) => (v < 0 ? 0 : v > 1 ? 1 : v);

/**
 * arrowGeom places message `m`: from (sendT, sender lane) to (end time, receiver lane). A dropped
 * message ends at its drop time part-way to the receiver (a copy dropped at once gets a short stub);
 * an in-flight one ends where it is at the horizon (half-way for one held without a delivery time).
 * Null when no part of it is inside the plot's x range, or a node has no lane.
 */
export function arrowGeom(m: MessageArrow, L: Layout, c: Cursor): ArrowGeom | null {
  const fromY = L.laneY.get(m.from);
  const toY = L.laneY.get(m.to);
  if (fromY === undefined || toY === undefined) return null;
  let tEnd: number;
  let frac: number;
  let stub = false;
  if (m.endT !== null) {
    tEnd = m.endT;
    if (m.fate === 'delivered') frac = 1;
    else if (m.deliverAt !== undefined && m.deliverAt > m.sendT) frac = clamp01((tEnd - m.sendT) / (m.deliverAt - m.sendT));
    else if (tEnd > m.sendT) frac = 1;
    else {
      frac = 0;
      stub = true;
    }
  } else if (m.deliverAt !== undefined) {
    tEnd = Math.max(m.sendT, Math.min(m.deliverAt, c.horizon));
    frac = m.deliverAt > m.sendT ? clamp01((tEnd - m.sendT) / (m.deliverAt - m.sendT)) : 1;
  } else if (m.held) {
    tEnd = Math.max(m.sendT, c.horizon);
    frac = 0.5;
  } else {
    tEnd = m.sendT;
    frac = 0;
    stub = true;
  }

  let x1 = L.px(m.sendT);
  let x2 = L.px(tEnd);
  const y1 = fromY;
  let y2 = fromY + (toY - fromY) * frac;
  if (stub) {
    x2 = x1 + STUB_X;
    y2 = fromY + Math.sign(toY - fromY) * Math.min(STUB_Y, Math.abs(toY - fromY) / 2);
  }
  // Past fraction along the whole segment.
  let past: number;
  if (m.sendRec >= c.rec) past = 0;
  else if (m.endRec !== null && m.endRec < c.rec) past = 1;
  else if (tEnd > m.sendT && !stub) past = clamp01((c.t - m.sendT) / (tEnd - m.sendT));
  else past = 1;
  const headPast = m.endRec !== null && m.endRec < c.rec;
  const head: ArrowGeom['head'] = m.fate === 'delivered' ? 'arrow' : m.fate === 'dropped' ? 'cross' : null;
  // Clip to the plot's x range (plus a margin).
  const lo = L.plotLeft - CLIP_MARGIN;
  const hi = L.plotRight + CLIP_MARGIN;
  if (Math.max(x1, x2) < lo || Math.min(x1, x2) > hi) return null;
  let a = 0;
  let b = 1;
  const dx = x2 - x1;
  if (dx !== 0) {
    const ta = (lo - x1) / dx;
    const tb = (hi - x1) / dx;
    a = Math.max(0, Math.min(ta, tb));
    b = Math.min(1, Math.max(ta, tb));
  }
  const dy = y2 - y1;
  const nx1 = x1 + dx * a;
  const ny1 = y1 + dy * a;
  const nx2 = x1 + dx * b;
  const ny2 = y1 + dy * b;
  const pastFrac = b > a ? clamp01((past - a) / (b - a)) : past;
  x1 = nx1;
  x2 = nx2;
  y2 = ny2;
  return { m, x1, y1: ny1, x2, y2, pastFrac, style: m.fate === 'in-flight' ? 'flight' : m.dup ? 'dup' : 'solid', head: b === 1 ? head : null, headPast };
}

/** distToSegment gives the distance, CSS px, from (px, py) to the segment (x1, y1)–(x2, y2). */
export function distToSegment(px: number, py: number, x1: number, y1: number, x2: number, y2: number): number {
  const dx = x2 - x1;
  const dy = y2 - y1;
  const len2 = dx * dx + dy * dy;
  const u = len2 === 0 ? 0 : clamp01(((px - x1) * dx + (py - y1) * dy) / len2);
  const ex = x1 + u * dx - px;
  const ey = y1 + u * dy - py;
  return Math.sqrt(ex * ex + ey * ey);
}

/** HIT_PX is how close, CSS px, a pointer must be to an arrow to pick it. */
export const HIT_PX = 5;

/** nearestArrow gives the arrow closest to (px, py) within `maxDist` CSS px, or null. Ties: the later one (drawn on top). */
export function nearestArrow(arrows: readonly ArrowGeom[], px: number, py: number, maxDist = HIT_PX): ArrowGeom | null {
  let best: ArrowGeom | null = null;
  let bestD = maxDist;
  for (const g of arrows) {
    if (px < Math.min(g.x1, g.x2) - maxDist || px > Math.max(g.x1, g.x2) + maxDist) continue;
    if (py < Math.min(g.y1, g.y2) - maxDist || py > Math.max(g.y1, g.y2) + maxDist) continue;
    const d = distToSegment(px, py, g.x1, g.y1, g.x2, g.y2);
    if (d <= bestD) {
      bestD = d;
      best = g;
    }
  }
  return best;
}

/** Limits bound the window width, virtual ms. */
export interface WindowLimits {
  /** Narrowest window (default 20). */
  minWidth?: number;
  /** Widest window: the whole run, but at least `minMax` (default 2000). */
  horizon: number;
  minMax?: number;
}

/** maxWidth gives the widest window allowed, virtual ms. */
export function maxWidth(l: WindowLimits): number {
  return Math.max(l.horizon, l.minMax ?? 2000, l.minWidth ?? 20);
}

/** clampWidth bounds a window width (virtual ms) by the limits. */
export function clampWidth(w: number, l: WindowLimits): number {
  return Math.min(maxWidth(l), Math.max(l.minWidth ?? 20, w));
}

/**
 * followWindow gives the window of width `width` (virtual ms) that follows the cursor: the cursor
 * sits 5% of the width from the right edge, and the window never starts before 0.
 */
export function followWindow(cursorT: number, width: number): TimeWindow {
  const t1 = Math.max(width, cursorT + width * 0.05);
  return { t0: t1 - width, t1 };
}

/**
 * zoomWindow scales window `w` by `factor` (< 1 zooms in) around time `anchor` (virtual ms), which
 * keeps its place on screen; the width is bounded by the limits and the window kept within the run.
 */
export function zoomWindow(w: TimeWindow, anchor: number, factor: number, l: WindowLimits): TimeWindow {
  const width = w.t1 - w.t0;
  const nw = clampWidth(width * factor, l);
  const t0 = anchor - ((anchor - w.t0) * nw) / width;
  return clampWindow({ t0, t1: t0 + nw }, l);
}

/** panWindow moves window `w` by `dt` virtual ms (positive: later), kept within the run. */
export function panWindow(w: TimeWindow, dt: number, l: WindowLimits): TimeWindow {
  return clampWindow({ t0: w.t0 + dt, t1: w.t1 + dt }, l);
}

/** clampWindow keeps a window's width and shifts it so it starts at ≥ 0 and still shows the run. */
export function clampWindow(w: TimeWindow, l: WindowLimits): TimeWindow {
  const width = clampWidth(w.t1 - w.t0, l);
  const last = Math.max(0, l.horizon - width * 0.1);
  const t0 = Math.min(Math.max(0, w.t0), last);
  return { t0, t1: t0 + width };
}

/** Windowed is the part of the index {@link visibleArrows} reads. */
export interface Windowed {
  forEachInWindow(t0: number, t1: number, fn: (m: MessageArrow) => void): void;
}

/**
 * visibleArrows gives the geometry of every message drawn in layout `L`'s window, in send order:
 * those overlapping the window widened by 2% each side (so arrows leaving the edge still show).
 */
export function visibleArrows(index: Windowed, L: Layout, c: Cursor): ArrowGeom[] {
  const { t0, t1 } = L.window;
  const pad = (t1 - t0) * 0.02;
  const out: ArrowGeom[] = [];
  index.forEachInWindow(t0 - pad, t1 + pad, (m) => {
    const g = arrowGeom(m, L, c);
    if (g) out.push(g);
  });
  return out;
}

/**
 * nearestMark gives the mark closest to (px, py) within `maxDist` CSS px, or null. A mark with a NaN
 * y (cluster-wide) is a vertical line: only its x distance counts.
 */
export function nearestMark<T extends { x: number; y: number }>(marks: readonly T[], px: number, py: number, maxDist = 6): T | null {
  let best: T | null = null;
  let bestD = maxDist;
  for (const m of marks) {
    const d = Number.isNaN(m.y) ? Math.abs(px - m.x) + 2 : Math.hypot(px - m.x, py - m.y);
    if (d <= bestD) {
      bestD = d;
      best = m;
    }
  }
  return best;
}

/**
 * labelPlacer gives a placer for text labels on rows (a lane, or the top line): `fits(row, x,
 * text)` is true, and reserves the space, when a label starting at CSS x overlaps no label placed
 * on that row before. Place the important labels first. Widths are estimated (≈ 6.6 CSS px a character).
 */
export function labelPlacer(): (row: string, x: number, text: string) => boolean {
  const taken = new Map<string, [number, number][]>();
  return (row, x, text) => {
    const end = x + text.length * 6.6 + 6;
    const list = taken.get(row) ?? [];
    if (list.some(([a, b]) => x < b && end > a)) return false;
    list.push([x, end]);
    taken.set(row, list);
    return true;
  };
}

/** labelPriority orders lane marks for labelling: crashes, restarts, leaders, faults, other roles. */
export function labelPriority(m: { kind: string; role?: string; node: string | null }): number {
  if (m.kind === 'crash') return 0;
  if (m.kind === 'restart') return 1;
  if (m.kind === 'role' && m.role === 'leader') return 2;
  if (m.kind === 'fault') return m.node === null ? 3 : 4;
  return 5;
}

/** TIMER_PX: a timer mark is skipped when another on its lane is closer than this, CSS px. */
export const TIMER_PX = 5;

/**
 * crowdedTimers gives the timer marks (of `marks`, placed at CSS x, in time order) that lie closer
 * than TIMER_PX to a neighbour on their lane: heartbeat trains when zoomed out, which would blur
 * into a bar. Isolated firings (election timeouts) are not crowded.
 */
export function crowdedTimers<T extends { x: number; mark: { kind: string; node: string | null } }>(marks: readonly T[]): Set<T> {
  const last = new Map<string, T>();
  const crowded = new Set<T>();
  for (const g of marks) {
    if (g.mark.kind !== 'timer' || g.mark.node === null) continue;
    const prev = last.get(g.mark.node);
    if (prev && g.x - prev.x < TIMER_PX) {
      crowded.add(prev);
      crowded.add(g);
    }
    last.set(g.mark.node, g);
  }
  return crowded;
}
