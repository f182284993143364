/**
 * MessageOverlay draws every message in flight moving along its link, as its kind's glyph in the
 * running protocol's look, and drains the nodes' timer rings (the look's timers), in one requestAnimationFrame loop that writes SVG attributes directly
 * (no React render per frame). Beyond a dozen nodes (density.ts), where thousands of messages can
 * be in flight, it paints them all on one canvas instead of an SVG element each. Positions are
 * interpolated between sentAt and deliverAt at the controller's display time, which is smoothed
 * between simulation frames.
 *
 * It lives in xyflow's edge-label layer: above the links, below the nodes, in flow coordinates.
 */
import { EdgeLabelRenderer, useStoreApi } from '@xyflow/react';
import { useEffect, useRef } from 'react';
import type { NodeId } from '../../core/types';
import { useController } from '../controller/context';
import { linkId, useStore, type PlaygroundState } from '../store/store';
import { RING_C, timerRings } from './frameRefs';
import { densityOf, type Density } from './density';
import { centreOf, NODE_SIZE, type Layout, type Point } from './geometry';
import { GLYPH_BOX, GlyphAtlas } from './glyphAtlas';
import { useLook } from '../protocols/useLook';
import { glyphId } from './MessageGlyph';
import { useLayout } from './useLayout';

const SVG_NS = 'http://www.w3.org/2000/svg';
/** Messages travel this far (flow px) to the right of the line, so requests and replies pass apart. */
const LANE_OFFSET = 13;
/** GLYPH_SCALE enlarges the glyphs on the canvas (flow px) so they read on a projector; a large cluster, drawn zoomed out, enlarges them more. */
const GLYPH_SCALE: Record<Density, number> = { full: 1.6, compact: 2.4, dense: 3.2 };
const selectDensity = (s: PlaygroundState): Density => densityOf(s.nodeIds.length);

/** blocked says whether messages from `from` to `to` are dropped now: partitioned, cut, or to a crashed node. */
function blocked(st: PlaygroundState, from: NodeId, to: NodeId): boolean {
  if (st.summaries[to]?.role === 'crashed') return true;
  const i = st.nodeIds.indexOf(from);
  const j = st.nodeIds.indexOf(to);
  const v = st.links[i < j ? linkId(from, to) : linkId(to, from)];
  if (!v) return false;
  if (v.cross || v.cut === 'both') return true;
  return i < j ? v.cut === 'ab' : v.cut === 'ba';
}

function drawRings(st: PlaygroundState, t: number): void {
  for (const [id, ring] of timerRings) {
    const pause = st.paused[id];
    ring.classList.toggle('pause', !!pause);
    // A paused node's ring drains for the time left in its pause (its own timers are frozen).
    const tm = pause ? { setAt: pause.since, deadline: pause.until } : st.timers[id];
    const crashed = st.summaries[id]?.role === 'crashed';
    if (!tm || crashed || tm.deadline <= tm.setAt) {
      ring.style.visibility = 'hidden';
      continue;
    }
    const left = Math.min(1, Math.max(0, (tm.deadline - t) / (tm.deadline - tm.setAt)));
    ring.style.visibility = 'visible';
    ring.setAttribute('stroke-dashoffset', (RING_C * (1 - left)).toFixed(1));
    ring.classList.toggle('urgent', !pause && left < 0.25);
  }
}

/**
 * The most messages the canvas paints a frame (about 3 µs each in software). Beyond it (PBFT's
 * n² prepares at 100 nodes put 10,000 in flight) a steady sample is drawn, every k-th by message id,
 * which looks the same: the glyphs already cover one another.
 */
const MAX_DRAWN = 1500;

/** FlightItem is where a message in flight is drawn now (flow px) and how. */
interface FlightItem {
  x: number;
  y: number;
  doomed: boolean;
}

/** flightPoint gives where message `m` from `a` to `b` is drawn at virtual ms `t` (flow px): along its lane, rim to rim. */
function flightPoint(a: Point, b: Point, m: PlaygroundState['inFlight'][number], t: number): { x: number; y: number } {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const len = Math.hypot(dx, dy) || 1;
  const ux = dx / len;
  const uy = dy / len;
  const rim = NODE_SIZE / 2;
  // A message held for the user (manual delivery) waits halfway along its link.
  const span = m.deliverAt - m.sentAt;
  const p = m.held ? 0.5 : span > 0 ? Math.min(1, Math.max(0, (t - m.sentAt) / span)) : 1;
  const d = rim + (len - 2 * rim) * p;
  return { x: a.x + ux * d - uy * LANE_OFFSET, y: a.y + uy * d + ux * LANE_OFFSET };
}

/**
 * drawCanvas paints `items` (kinds and places in flow px) on `canvas`, which covers the flow box
 * `bounds` at zoom `zoom`: one bitmap per message from `atlas`, a dot until its glyph has loaded.
 */
function drawCanvas(
  canvas: HTMLCanvasElement, bounds: Layout['bounds'], zoom: number, items: readonly (FlightItem & { kind: string })[], atlas: GlyphAtlas, scale: number,
): void {
  const k = zoom * (window.devicePixelRatio || 1);
  const w = Math.max(1, Math.ceil(bounds.width * k));
  const h = Math.max(1, Math.ceil(bounds.height * k));
  if (canvas.width !== w || canvas.height !== h) {
    canvas.width = w;
    canvas.height = h;
  }
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.clearRect(0, 0, w, h);
  // Glyphs are copied unscaled at whole device px (a plain blit); only the dots are drawn in flow px.
  const side = Math.max(4, Math.round(GLYPH_BOX * scale * k));
  for (const it of items) {
    ctx.globalAlpha = it.doomed ? 0.3 : 1;
    const img = atlas.get(it.kind, side);
    const px = (it.x - bounds.x) * k;
    const py = (it.y - bounds.y) * k;
    if (img) ctx.drawImage(img, Math.round(px - side / 2), Math.round(py - side / 2));
    else {
      ctx.fillStyle = '#64748b';
      ctx.beginPath();
      ctx.arc(px, py, side / 4, 0, 2 * Math.PI);
      ctx.fill();
    }
  }
  ctx.globalAlpha = 1;
}

export function MessageOverlay() {
  const controller = useController();
  const look = useLook();
  const layer = useRef<SVGGElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const density = useStore(selectDensity);
  const layout = useLayout();
  const boundsRef = useRef(layout.bounds);
  boundsRef.current = layout.bounds;
  const flow = useStoreApi();

  useEffect(() => {
    const els = new Map<number, SVGUseElement>();
    const atlas = new GlyphAtlas();
    const kinds = new Map<number, string>();
    let runId = -1;
    let raf = 0;
    const centres = new Map<NodeId, Point>();
    const draw = () => {
      raf = requestAnimationFrame(draw);
      const st = useStore.getState();
      const dense = densityOf(st.nodeIds.length);
      if (st.runId !== runId) {
        layer.current?.replaceChildren();
        els.clear();
        kinds.clear();
        runId = st.runId;
      }
      const t = controller.displayTime();
      // A dense cluster draws no timer rings (see density.ts): 100 rings repainted every frame cost too much.
      if (dense !== 'dense') drawRings(st, t);
      centres.clear();
      for (const n of st.flowNodes) centres.set(n.id, centreOf(n.position));
      const canvas = canvasRef.current;
      if (canvas) {
        // Beyond a dozen nodes: every message an image on one canvas, no element per message.
        const items: (FlightItem & { kind: string })[] = [];
        const seen = new Set<number>();
        const stride = Math.ceil(st.inFlight.length / MAX_DRAWN);
        for (const m of st.inFlight) {
          if (m.id % stride !== 0) continue;
          const a = centres.get(m.from);
          const b = centres.get(m.to);
          if (!a || !b) continue;
          seen.add(m.id);
          let kind = kinds.get(m.id);
          if (kind === undefined) kinds.set(m.id, (kind = controller.messageKind(m.msg)));
          items.push({ ...flightPoint(a, b, m, t), doomed: blocked(st, m.from, m.to), kind });
        }
        for (const id of kinds.keys()) if (!seen.has(id)) kinds.delete(id);
        drawCanvas(canvas, boundsRef.current, flow.getState().transform[2], items, atlas, GLYPH_SCALE[dense]);
        canvas.dataset.count = String(st.inFlight.length);
        canvas.dataset.drawn = String(items.length);
        return;
      }
      const g = layer.current;
      if (!g) return;
      const seen = new Set<number>();
      for (const m of st.inFlight) {
        const a = centres.get(m.from);
        const b = centres.get(m.to);
        if (!a || !b) continue;
        seen.add(m.id);
        let el = els.get(m.id);
        if (!el) {
          el = document.createElementNS(SVG_NS, 'use');
          const kind = controller.messageKind(m.msg);
          el.setAttribute('href', `#${glyphId(kind)}`);
          el.setAttribute('data-kind', kind);
          g.appendChild(el);
          els.set(m.id, el);
        }
        const { x, y } = flightPoint(a, b, m, t);
        el.setAttribute('transform', `translate(${x.toFixed(1)} ${y.toFixed(1)})`);
        el.classList.toggle('doomed', blocked(st, m.from, m.to));
        el.classList.toggle('held', m.held === true);
        el.classList.toggle('is-selected', st.selectedMsg === m.id);
      }
      for (const [id, el] of els) {
        if (!seen.has(id)) {
          el.remove();
          els.delete(id);
        }
      }
    };
    raf = requestAnimationFrame(draw);
    return () => cancelAnimationFrame(raf);
  }, [controller, flow, look]); // a new look (protocol) may draw the same kind id differently: fresh bitmaps

  const { bounds } = layout;
  return (
    <EdgeLabelRenderer>
      <svg className="msg-layer" aria-hidden="true">
        <defs>
          {look.messageKinds.map((k) => (
            <g id={glyphId(k.kind)} key={k.kind} transform={`scale(${GLYPH_SCALE[density]})`}>
              {k.glyph()}
            </g>
          ))}
        </defs>
        {density === 'full' ? <g ref={layer} data-testid="messages" /> : null}
      </svg>
      {density === 'full' ? null : (
        <canvas
          ref={canvasRef}
          className="msg-canvas"
          data-testid="messages-canvas"
          aria-hidden="true"
          style={{ left: bounds.x, top: bounds.y, width: bounds.width, height: bounds.height }}
        />
      )}
    </EdgeLabelRenderer>
  );
}
