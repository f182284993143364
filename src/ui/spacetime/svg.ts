/**
 * Standalone SVG of a space-time window, for slides: white background, lanes with term shading,
 * lane labels, a time axis, arrows with arrowheads, drop ✕s, timers, crashes, restarts, role
 * labels and the cursor. Same layout and geometry as the canvas (geometry.ts). Pure: returns text.
 */
import { format } from 'd3';
import type { NodeId } from '../../core/types';
import { termColor } from '../panels/termColors';
import { lookOfProtocol } from '../protocols/registry';
import { crowdedTimers, labelPlacer, labelPriority, makeLayout, visibleArrows, type Cursor, type TimeWindow } from './geometry';
import type { SpaceTimeIndex } from './model';
import { markTip, messageTip } from './tips';
import {
  CRASHED_FILL, CRASHED_HATCH, PAUSE_EDGE, PAUSE_FILL, DANGER, HATCH_GAP, FAULT, FONT, FUTURE_ALPHA, INK, LINE, MUTED, RESTART, roleColor, TERM_ALPHA, TIMER,
} from './palette';

/** SvgOptions are the export's moment and size. */
export interface SvgOptions {
  /** Virtual ms of the moment shown (the cursor line). */
  cursorT: number;
  /** Records with a trace position < cursorRec are past; later ones are drawn faded. */
  cursorRec: number;
  /** Latest virtual ms of the run (in-flight messages are drawn up to it); default cursorT. */
  horizon?: number;
  /** Size, CSS px (= SVG user units). */
  width: number;
  height: number;
  /** Heading drawn at the top, and the document's <title>. */
  title?: string;
}

/** escapeXml makes text safe inside SVG/XML text and attribute values. */
export function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** n formats a coordinate with at most one decimal. */
const n = (v: number): string => String(Math.round(v * 10) / 10);
const fmt = format(',');

/** headId gives the id of kind `kind`'s arrowhead marker (characters outside [A-Za-z0-9_-] as `_`). */
const headId = (kind: string): string => `st-head-${kind.replace(/[^A-Za-z0-9_-]/g, '_')}`;

/** spaceTimeSvg renders window `win` (virtual ms) of the index as a standalone SVG document. */
export function spaceTimeSvg(index: SpaceTimeIndex, nodes: readonly NodeId[], win: TimeWindow, opts: SvgOptions): string {
  const top = opts.title ? 52 : 28;
  const L = makeLayout({ width: opts.width, height: opts.height, top, labelWidth: 56, right: 16 }, win, nodes);
  const cursor: Cursor = { t: opts.cursorT, rec: opts.cursorRec, horizon: opts.horizon ?? opts.cursorT };
  const { t0, t1 } = L.window;
  const look = lookOfProtocol(index.protocol);
  const out: string[] = [];
  const pw = L.plotRight - L.plotLeft;
  const ph = L.plotBottom - L.plotTop;
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${n(L.width)}" height="${n(L.height)}" viewBox="0 0 ${n(L.width)} ${n(L.height)}" font-family="${escapeXml(FONT)}" font-size="12">`,
  );
  if (opts.title) out.push(`<title>${escapeXml(opts.title)}</title>`);
  out.push('<defs>');
  for (const k of look.drawOrder) {
    out.push(
      `<marker id="${headId(k)}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" markerUnits="userSpaceOnUse" orient="auto"><path d="M0 0L10 5L0 10z" fill="${look.kind(k).color}"/></marker>`,
    );
  }
  out.push(
    `<pattern id="st-hatch" width="${HATCH_GAP}" height="${HATCH_GAP}" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><line x1="0" y1="0" x2="0" y2="${HATCH_GAP}" stroke="${CRASHED_HATCH}" stroke-width="1"/></pattern>`,
  );
  out.push(`<clipPath id="st-plot"><rect x="${n(L.plotLeft)}" y="0" width="${n(pw)}" height="${n(L.plotBottom + 1)}"/></clipPath>`);
  out.push('</defs>');
  out.push(`<rect width="100%" height="100%" fill="#fff"/>`);
  if (opts.title) out.push(`<text x="${n(L.plotLeft)}" y="22" font-size="16" font-weight="700" fill="${INK}">${escapeXml(opts.title)}</text>`);

  // Lanes: bands, term shading, leader (the look's leader role) lines, lane lines.
  out.push('<g class="lanes">');
  nodes.forEach((_, i) => {
    if (i % 2 === 1) out.push(`<rect x="${n(L.plotLeft)}" y="${n(L.plotTop + i * L.laneH)}" width="${n(pw)}" height="${n(L.laneH)}" fill="#f8fafc"/>`);
  });
  const band = Math.max(2, L.laneH - 2);
  for (const sp of index.spansInWindow(t0, t1)) {
    const y = L.laneY.get(sp.node);
    if (y === undefined) continue;
    const xa = L.x(Math.max(sp.fromT, t0));
    const xb = L.x(Math.min(sp.toT ?? Math.max(cursor.horizon, sp.fromT), t1));
    if (xb <= xa) continue;
    const fade = sp.fromRec >= cursor.rec ? 0.5 : 1;
    if (sp.role === 'crashed') {
      out.push(`<rect x="${n(xa)}" y="${n(y - band / 2)}" width="${n(xb - xa)}" height="${n(band)}" fill="${CRASHED_FILL}" opacity="${fade}"/>`);
      out.push(`<rect x="${n(xa)}" y="${n(y - band / 2)}" width="${n(xb - xa)}" height="${n(band)}" fill="url(#st-hatch)" opacity="${fade}"/>`);
      continue;
    }
    // PBFT's view 0 has a primary (Raft's term 0 has no leader): its bar is drawn without shading.
    if (sp.term < 1) {
      if (sp.role === look.leaderRole) out.push(`<rect x="${n(xa)}" y="${n(y - 1.5)}" width="${n(xb - xa)}" height="3" fill="${roleColor(look, sp.role)}" opacity="${fade}"/>`);
      continue;
    }
    const c = termColor(sp.term)[0];
    out.push(`<rect x="${n(xa)}" y="${n(y - band / 2)}" width="${n(xb - xa)}" height="${n(band)}" fill="${c}" fill-opacity="${Math.round(TERM_ALPHA * fade * 1000) / 1000}"/>`);
    if (sp.role === look.leaderRole) out.push(`<rect x="${n(xa)}" y="${n(y - 1.5)}" width="${n(xb - xa)}" height="3" fill="${roleColor(look, sp.role)}" opacity="${fade}"/>`);
    if (xb - xa > 28 && L.laneH >= 26 && sp.fromT >= t0) {
      out.push(`<text x="${n(xa + 3)}" y="${n(y - band / 2 + 11)}" font-size="10" font-weight="600" fill="${c}" opacity="${fade}">${look.epochShort}${sp.term}</text>`);
    }
  }
  for (const p of index.pausesInWindow(t0, t1)) {
    const y = L.laneY.get(p.node);
    if (y === undefined) continue;
    const xa = L.x(Math.max(p.fromT, t0));
    const xb = L.x(Math.min(p.toT ?? Math.max(cursor.horizon, p.fromT), t1));
    if (xb <= xa) continue;
    const fade = p.fromRec >= cursor.rec ? 0.5 : 1;
    out.push(`<rect class="pause" x="${n(xa)}" y="${n(y - band / 2)}" width="${n(xb - xa)}" height="${n(band)}" fill="${PAUSE_FILL}" stroke="${PAUSE_EDGE}" stroke-width="2" opacity="${fade}"><title>${escapeXml(`${p.node} paused`)}</title></rect>`);
  }
  for (const node of nodes) out.push(`<line x1="${n(L.plotLeft)}" x2="${n(L.plotRight)}" y1="${n(L.laneY.get(node)!)}" y2="${n(L.laneY.get(node)!)}" stroke="${LINE}"/>`);
  out.push('</g>');

  // Messages, one <g class="msg"> each, clipped to the plot.
  out.push('<g class="msgs" clip-path="url(#st-plot)" stroke-width="1.5">');
  const dash: Record<string, string> = { solid: '', flight: ' stroke-dasharray="6 4"', dup: ' stroke-dasharray="2 3"' };
  for (const g of visibleArrows(index, L, cursor)) {
    const m = g.m;
    const color = look.kind(m.kind).color;
    const tip = messageTip(m).join('\n');
    out.push(`<g class="msg" data-id="${m.id}"><title>${escapeXml(tip)}</title>`);
    const xm = g.x1 + (g.x2 - g.x1) * g.pastFrac;
    const ym = g.y1 + (g.y2 - g.y1) * g.pastFrac;
    const head = g.head === 'arrow' ? ` marker-end="url(#${headId(look.kind(m.kind).kind)})"` : '';
    const seg = (ax: number, ay: number, bx: number, by: number, future: boolean, end: boolean) =>
      `<line x1="${n(ax)}" y1="${n(ay)}" x2="${n(bx)}" y2="${n(by)}" stroke="${color}"${dash[g.style]}${future ? ` opacity="${FUTURE_ALPHA}"` : ''}${end ? head : ''}/>`;
    if (g.pastFrac >= 1) out.push(seg(g.x1, g.y1, g.x2, g.y2, false, true));
    else if (g.pastFrac <= 0) out.push(seg(g.x1, g.y1, g.x2, g.y2, true, true));
    else out.push(seg(g.x1, g.y1, xm, ym, false, false), seg(xm, ym, g.x2, g.y2, true, true));
    if (g.head === 'cross') {
      const { x2: x, y2: y } = g;
      out.push(`<path class="drop" d="M${n(x - 4)} ${n(y - 4)}L${n(x + 4)} ${n(y + 4)}M${n(x + 4)} ${n(y - 4)}L${n(x - 4)} ${n(y + 4)}" stroke="${DANGER}" stroke-width="2"${g.headPast ? '' : ` opacity="${FUTURE_ALPHA}"`}/>`);
    }
    out.push('</g>');
  }
  out.push('</g>');

  // Lane marks.
  out.push('<g class="marks" clip-path="url(#st-plot)">');
  const pad = (t1 - t0) * 0.01;
  const fits = labelPlacer();
  const label = (row: string, x: number, y: number, text: string, attrs: string) =>
    fits(row, x, text) ? `<text x="${n(x)}" y="${n(y)}"${attrs}>${escapeXml(text)}</text>` : '';
  // Important labels claim their space first; shapes keep time order within each priority.
  const placed = index.marksInWindow(t0 - pad, t1 + pad).map((mark) => ({ mark, x: L.px(mark.t) }));
  const crowded = crowdedTimers(placed);
  placed.sort((a, b) => labelPriority(a.mark) - labelPriority(b.mark));
  for (const g of placed) {
    if (crowded.has(g)) continue;
    const { mark: m, x } = g;
    const op = m.rec >= cursor.rec ? ` opacity="${FUTURE_ALPHA}"` : '';
    const tip = `<title>${escapeXml(markTip(m).join(', '))}</title>`;
    if (m.node === null) {
      out.push(`<g class="fault"${op}>${tip}<line x1="${n(x)}" x2="${n(x)}" y1="${n(L.plotTop - 4)}" y2="${n(L.plotBottom)}" stroke="${FAULT}" stroke-width="1.5" stroke-dasharray="4 3"/>${label('*', x + 3, L.plotTop - 8, m.text, ` font-size="11" fill="${FAULT}"`)}</g>`);
      continue;
    }
    const y = L.laneY.get(m.node);
    if (y === undefined) continue;
    switch (m.kind) {
      case 'timer':
        out.push(`<path class="timer" d="M${n(x)} ${n(y - 4)}L${n(x + 3.5)} ${n(y)}L${n(x)} ${n(y + 4)}L${n(x - 3.5)} ${n(y)}z" fill="${TIMER}"${op}>${tip}</path>`);
        break;
      case 'crash':
        out.push(`<g class="crash"${op}>${tip}<path d="M${n(x - 7)} ${n(y - 7)}L${n(x + 7)} ${n(y + 7)}M${n(x + 7)} ${n(y - 7)}L${n(x - 7)} ${n(y + 7)}" stroke="${DANGER}" stroke-width="3"/>${label(m.node, x + 9, y - 6, 'crash', ` font-weight="700" fill="${DANGER}"`)}</g>`);
        break;
      case 'restart':
        out.push(`<g class="restart"${op}>${tip}<path d="M${n(x)} ${n(y - 7)}L${n(x + 6)} ${n(y + 4)}L${n(x - 6)} ${n(y + 4)}z" fill="${RESTART}"/>${label(m.node, x + 8, y - 6, 'restart', ` font-weight="700" fill="${RESTART}"`)}</g>`);
        break;
      case 'role': {
        const role = m.role ?? '';
        const lead = role === look.leaderRole;
        out.push(`<g class="role"${op}>${tip}<circle cx="${n(x)}" cy="${n(y)}" r="${lead ? 5.5 : 4.5}" fill="${roleColor(look, role)}" stroke="#fff" stroke-width="1.5"/>${label(m.node, x + 7, y - 5, role, ` font-weight="${lead ? 700 : 500}" fill="${lead ? roleColor(look, role) : INK}"`)}</g>`);
        break;
      }
      default:
        out.push(`<g class="fault"${op}>${tip}<rect x="${n(x - 3.5)}" y="${n(y - 3.5)}" width="7" height="7" fill="${FAULT}"/>${label(`${m.node}-low`, x + 6, y + 14, m.text, ` font-size="11" fill="${FAULT}"`)}</g>`);
    }
  }
  out.push('</g>');

  // Cursor, axis, labels.
  const xc = L.x(cursor.t);
  if (xc >= L.plotLeft && xc <= L.plotRight) out.push(`<rect class="cursor" x="${n(xc - 1)}" y="${n(L.plotTop - 6)}" width="2" height="${n(ph + 6)}" fill="${INK}"/>`);
  out.push(`<g class="axis" fill="${MUTED}" text-anchor="middle">`);
  out.push(`<rect x="${n(L.plotLeft)}" y="${n(L.plotBottom)}" width="${n(pw)}" height="1"/>`);
  for (const t of L.x.ticks(Math.max(2, Math.floor(pw / 90)))) {
    const x = L.x(t);
    const end = x + fmt(t).length * 3.5 > L.width - 2;
    out.push(`<rect x="${n(x - 0.5)}" y="${n(L.plotBottom)}" width="1" height="5"/><text x="${n(end ? L.width - 2 : x)}" y="${n(L.plotBottom + 18)}"${end ? ' text-anchor="end"' : ''}>${fmt(t)}</text>`);
  }
  out.push(`<text x="4" y="${n(L.plotBottom + 18)}" text-anchor="start">ms</text>`);
  out.push('</g>');
  out.push(`<g class="lane-labels" font-size="13" font-weight="700" fill="${INK}" text-anchor="end">`);
  for (const node of nodes) out.push(`<text x="${n(L.plotLeft - 10)}" y="${n(L.laneY.get(node)! + 4.5)}">${escapeXml(node)}</text>`);
  out.push('</g>');
  out.push('</svg>');
  return out.join('\n');
}
