/**
 * SpaceTime: the run as a space-time (Lamport) diagram. Time runs left to right (virtual ms), one
 * lane per node; each message is an arrow from its send to its delivery (✕ where dropped, dashed
 * while in flight, dotted for duplicate copies), with timer firings, crashes, restarts and role
 * changes on the lanes and each node's terms shaded behind. What lies after the cursor (the run's
 * recorded future, when the user scrubbed back) is faded.
 *
 * Drawn on a canvas (devicePixelRatio aware, redrawn at most once per animation frame), only the
 * messages of the visible window. The window follows the cursor until the user drags it; the
 * wheel zooms. Click an arrow to select it (the parent jumps the run there), click empty space to
 * seek; hovering a lane reports the node (synced with the topology's hover).
 */
import { download } from '../controller/share';
import { format } from 'd3';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type PointerEvent as ReactPointerEvent } from 'react';
import type { NodeId } from '../../core/types';
import { causalityOf, type Causality } from './causality';
import { drawSpaceTime, type DrawResult } from './draw';
import { laneAt, makeLayout, nearestArrow, nearestMark, type Layout, type TimeWindow } from './geometry';
import type { MessageArrow, SpaceTimeIndex } from './model';
import { spaceTimeSvg } from './svg';
import { markTip, messageTip } from './tips';
import { DEFAULT_WIDTH_MS, useTimeWindow } from './useTimeWindow';

/** SpaceTimeProps: times are virtual ms, positions CSS px. */
export interface SpaceTimeProps {
  /** The run's messages, marks and spans; mutated in place by the parent, which then bumps `version`. */
  index: SpaceTimeIndex;
  /** Bumped whenever `index` changed (records added, truncated). */
  version: number;
  /** Lanes, top to bottom. */
  nodes: readonly NodeId[];
  /** The moment shown (virtual ms): the cursor line; the window follows it. */
  cursorT: number;
  /** Records at trace positions < cursorRec are the past; later ones (the run's future) are faded. */
  cursorRec: number;
  /** Latest virtual ms of the run (the horizon): in-flight messages are drawn up to it. */
  endT: number;
  /** Bus id of the selected message (drawn thick), or null. */
  selectedMsg: number | null;
  /** Node hovered here or elsewhere (topology): its lane is highlighted, other traffic dimmed. */
  hoverNode: NodeId | null;
  /** A click on (within 5 CSS px of) an arrow: the parent jumps the run to that message. */
  onSelectMessage(m: MessageArrow): void;
  /** The pointer entered a node's lane or label (null: left them). */
  onHoverNode(id: NodeId | null): void;
  /** A click on empty space: seek to that virtual ms. */
  onJump(t: number): void;
  /** Window width to open with (virtual ms; default 2000). */
  initialWidthMs?: number;
  /** Heading of the exported SVG. */
  title?: string;
}

interface Tip {
  x: number;
  y: number;
  lines: string[];
}

interface Drag {
  id: number;
  x0: number;
  from: TimeWindow;
  moved: boolean;
}

const DRAG_PX = 4;
const fmt = format(',');

/** SpaceTime draws the space-time diagram of `index`; see {@link SpaceTimeProps}. */
export function SpaceTime(props: SpaceTimeProps) {
  const { index, version, nodes, cursorT, cursorRec, endT, selectedMsg, hoverNode } = props;
  const rootRef = useRef<HTMLElement>(null);
  const plotRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [size, setSize] = useState({ w: 0, h: 0 });
  const [tip, setTip] = useState<Tip | null>(null);
  const [dragging, setDragging] = useState(false);
  const horizon = Math.max(endT, cursorT);
  const tw = useTimeWindow(cursorT, horizon, props.initialWidthMs ?? DEFAULT_WIDTH_MS);
  const { t0, t1 } = tw.window;
  const twRef = useRef(tw);
  twRef.current = tw;

  // Latest props for the event handlers and the frame callback.
  const live = useRef(props);
  live.current = props;
  const layoutRef = useRef<Layout | null>(null);
  const drawnRef = useRef<DrawResult | null>(null);
  const reportedHover = useRef<NodeId | null>(null);
  const dragRef = useRef<Drag | null>(null);
  const frame = useRef(0);

  // Size: follow the plot box.
  useLayoutEffect(() => {
    const el = plotRef.current;
    if (!el) return;
    const measure = () => {
      const r = el.getBoundingClientRect();
      setSize((s) => (s.w === r.width && s.h === r.height ? s : { w: r.width, h: r.height }));
    };
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  // A new run (a new index) starts following its cursor again.
  useEffect(() => {
    twRef.current.followCursor();
  }, [index]);

  // Redraw when the device pixel ratio changes (browser zoom, another monitor).
  const [dprTick, setDprTick] = useState(0);
  useEffect(() => {
    const mq = window.matchMedia(`(resolution: ${window.devicePixelRatio || 1}dppx)`);
    const onChange = () => setDprTick((n) => n + 1);
    mq.addEventListener('change', onChange);
    return () => mq.removeEventListener('change', onChange);
  }, [dprTick]);

  const layout = size.w > 0 && size.h > 0 ? makeLayout({ width: size.w, height: size.h }, { t0, t1 }, nodes) : null;
  layoutRef.current = layout;

  // Happens-before of the selected message's send, recomputed as the run grows (causality.ts).
  const causality = useMemo<Causality | null>(() => {
    const m = selectedMsg === null ? undefined : index.messageById(selectedMsg);
    return m ? causalityOf(index.messages, nodes, m) : null;
  }, [index, version, nodes, selectedMsg]);

  // Draw at most once per animation frame, when anything shown changed.
  useEffect(() => {
    if (!layout) return;
    cancelAnimationFrame(frame.current);
    frame.current = requestAnimationFrame(() => {
      const canvas = canvasRef.current;
      const ctx = canvas?.getContext('2d');
      if (!canvas || !ctx) return;
      const dpr = window.devicePixelRatio || 1;
      const w = Math.max(1, Math.round(layout.width * dpr));
      const h = Math.max(1, Math.round(layout.height * dpr));
      if (canvas.width !== w || canvas.height !== h) {
        canvas.width = w;
        canvas.height = h;
      }
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      const p = live.current;
      const res = drawSpaceTime(ctx, {
        index: p.index, layout, cursor: { t: p.cursorT, rec: p.cursorRec, horizon: Math.max(p.endT, p.cursorT) },
        selectedMsg: p.selectedMsg, hoverNode: p.hoverNode, pixelRatio: dpr, causality,
      });
      drawnRef.current = res;
      if (rootRef.current) rootRef.current.dataset.messages = String(res.arrows.length);
    });
    return () => cancelAnimationFrame(frame.current);
    // `layout` is rebuilt every render; its inputs are the dependencies.
  }, [index, version, nodes, cursorT, cursorRec, endT, selectedMsg, hoverNode, t0, t1, size.w, size.h, dprTick, causality]);

  const reportHover = useCallback((n: NodeId | null) => {
    if (reportedHover.current === n) return;
    reportedHover.current = n;
    live.current.onHoverNode(n);
  }, []);

  const local = (e: { clientX: number; clientY: number }) => {
    const r = canvasRef.current!.getBoundingClientRect();
    return { x: e.clientX - r.left, y: e.clientY - r.top };
  };

  // Wheel: zoom (non-passive, so the page does not scroll); horizontal or shift+wheel pans.
  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const onWheel = (e: WheelEvent) => {
      const L = layoutRef.current;
      if (!L) return;
      e.preventDefault();
      setTip(null);
      const unit = e.deltaMode === 1 ? 16 : e.deltaMode === 2 ? 400 : 1;
      const dx = (e.shiftKey ? e.deltaY : e.deltaX) * unit;
      const dy = e.shiftKey ? 0 : e.deltaY * unit;
      const { x } = local(e);
      if (Math.abs(dx) > Math.abs(dy)) {
        twRef.current.pan(L.window, (dx * (L.window.t1 - L.window.t0)) / (L.plotRight - L.plotLeft));
      } else if (dy !== 0) {
        twRef.current.zoom(Math.exp(Math.max(-2, Math.min(2, dy * 0.002))), L.x.invert(Math.max(L.plotLeft, Math.min(L.plotRight, x))));
      }
    };
    canvas.addEventListener('wheel', onWheel, { passive: false });
    return () => canvas.removeEventListener('wheel', onWheel);
  }, []);

  const onPointerDown = (e: ReactPointerEvent<HTMLCanvasElement>) => {
    if (e.button !== 0 || !layoutRef.current) return;
    e.currentTarget.setPointerCapture(e.pointerId);
    dragRef.current = { id: e.pointerId, x0: e.clientX, from: layoutRef.current.window, moved: false };
  };

  const onPointerMove = (e: ReactPointerEvent<HTMLCanvasElement>) => {
    const L = layoutRef.current;
    if (!L) return;
    const d = dragRef.current;
    if (d && d.id === e.pointerId) {
      const dx = e.clientX - d.x0;
      if (!d.moved && Math.abs(dx) < DRAG_PX) return;
      if (!d.moved) {
        d.moved = true;
        setDragging(true);
        setTip(null);
      }
      tw.pan(d.from, (-dx * (d.from.t1 - d.from.t0)) / (L.plotRight - L.plotLeft));
      return;
    }
    const { x, y } = local(e);
    reportHover(laneAt(L, y));
    const drawn = drawnRef.current;
    if (!drawn || x < L.plotLeft) {
      setTip(null);
      return;
    }
    const a = nearestArrow(drawn.arrows, x, y);
    const mk = a ? null : nearestMark(drawn.marks, x, y);
    const lines = a ? messageTip(a.m) : mk ? markTip(mk.mark) : null;
    setTip((old) => (lines ? { x, y, lines } : old === null ? old : null));
    e.currentTarget.style.cursor = a ? 'pointer' : '';
  };

  const onPointerUp = (e: ReactPointerEvent<HTMLCanvasElement>) => {
    const d = dragRef.current;
    dragRef.current = null;
    if (!d || d.id !== e.pointerId) return;
    if (d.moved) {
      setDragging(false);
      return;
    }
    const L = layoutRef.current;
    const drawn = drawnRef.current;
    if (!L || !drawn) return;
    const { x, y } = local(e);
    if (x < L.plotLeft || x > L.plotRight || y > L.plotBottom) return;
    const a = nearestArrow(drawn.arrows, x, y);
    if (a) live.current.onSelectMessage(a.m);
    else live.current.onJump(Math.max(0, Math.min(Math.max(live.current.endT, live.current.cursorT), L.x.invert(x))));
  };

  const onPointerCancel = () => {
    dragRef.current = null;
    setDragging(false);
  };

  const onPointerLeave = () => {
    setTip(null);
    reportHover(null);
  };

  const exportSvg = () => {
    const w = Math.max(1200, Math.round(size.w));
    const h = Math.max(nodes.length * 64 + 90, Math.round(size.h));
    const svg = spaceTimeSvg(index, nodes, tw.window, {
      cursorT, cursorRec, horizon, width: w, height: h, title: props.title ?? `Space-time diagram, ${fmt(Math.round(t0))}–${fmt(Math.round(t1))} ms`,
    });
    download(new Blob([svg], { type: 'image/svg+xml' }), `spacetime-${Math.round(t0)}-${Math.round(t1)}.svg`);
  };

  const olderGone = index.firstT > t0;
  const label = `${nodes.length} lanes, ${index.messages.length.toLocaleString('en-US')} messages, ${fmt(0)}–${fmt(Math.round(horizon))} ms (showing ${fmt(Math.round(t0))}–${fmt(Math.round(t1))} ms)`;

  return (
    <section ref={rootRef} className="spacetime" data-testid="spacetime" aria-label="Space-time diagram">
      <div className="spacetime-bar" role="toolbar" aria-label="Space-time diagram controls">
        <button
          type="button"
          data-testid="spacetime-follow"
          aria-pressed={tw.following}
          title="Keep the cursor in view as the run moves (dragging the diagram stops following)"
          onClick={tw.followCursor}
        >
          Follow
        </button>
        <button type="button" data-testid="spacetime-zoom-in" title="Zoom in (or scroll the wheel over the diagram)" aria-label="Zoom in" onClick={() => tw.zoom(0.5)}>
          +
        </button>
        <button type="button" data-testid="spacetime-zoom-out" title="Zoom out" aria-label="Zoom out" onClick={() => tw.zoom(2)}>
          −
        </button>
        <span className="spacetime-range" aria-live="off">
          {fmt(Math.round(t0))}–{fmt(Math.round(t1))} ms
        </span>
        {olderGone && <span className="spacetime-note">older messages not kept</span>}
        {causality && <CausalityCaption c={causality} />}
        <button type="button" className="spacetime-export" data-testid="spacetime-export" title="Download this window as an SVG picture" onClick={exportSvg}>
          Export SVG
        </button>
      </div>
      <div ref={plotRef} className={`spacetime-plot${dragging ? ' is-dragging' : ''}`}>
        <canvas
          ref={canvasRef}
          role="img"
          aria-label={label}
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={onPointerUp}
          onPointerCancel={onPointerCancel}
          onPointerLeave={onPointerLeave}
        />
        {tip && (
          <div
            className="spacetime-tip"
            role="tooltip"
            style={{ left: Math.min(tip.x + 14, Math.max(0, size.w - 300)), top: tip.y + 16 > size.h - 70 ? Math.max(0, tip.y - 74) : tip.y + 16 }}
          >
            {tip.lines.map((l, i) => (
              <div key={i} className={i === 0 ? 'spacetime-tip-head' : undefined}>
                {l}
              </div>
            ))}
          </div>
        )}
      </div>
    </section>
  );
}

/**
 * CausalityCaption says what the bands mean for the selected send, with its Lamport clock and
 * vector clock (Lamport 1978; Fidge 1988, Mattern 1989).
 */
function CausalityCaption({ c }: { c: Causality }) {
  return (
    <span className="spacetime-causal" data-testid="spacetime-causality" title="Events are message sends and deliveries. Blue: happened before the selected send (its causal past). Orange: happens after it. Faded: concurrent with it.">
      <span className="causal-past">before</span> <span className="causal-future">after</span> <b>{c.node}</b> at {fmt(Math.round(c.at.t))} ms: Lamport {c.lamport} · vector [
      {c.vector.map((v) => `${v.node} ${v.count}`).join(', ')}]
    </span>
  );
}
