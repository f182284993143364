/**
 * MessageOverlay draws every message in flight moving along its link, as its kind's glyph in the
 * running protocol's look, and drains the nodes' timer rings (the look's timers), in one requestAnimationFrame loop that writes SVG attributes directly
 * (no React render per frame). Positions are interpolated between sentAt and deliverAt at the
 * controller's display time, which is smoothed between simulation frames.
 *
 * It lives in xyflow's edge-label layer: above the links, below the nodes, in flow coordinates.
 */
import { EdgeLabelRenderer } from '@xyflow/react';
import { useEffect, useRef } from 'react';
import type { NodeId } from '../../core/types';
import { useController } from '../controller/context';
import { linkId, useStore, type PlaygroundState } from '../store/store';
import { RING_C, timerRings } from './frameRefs';
import { densityOf, type Density } from './density';
import { centreOf, NODE_SIZE, type Point } from './geometry';
import { useLook } from '../protocols/useLook';
import { glyphId } from './MessageGlyph';

const SVG_NS = 'http://www.w3.org/2000/svg';
/** Messages travel this far (flow px) to the right of the line, so requests and replies pass apart. */
const LANE_OFFSET = 13;
/** GLYPH_SCALE enlarges the glyphs on the canvas (flow px) so they read on a projector; a large cluster, drawn zoomed out, enlarges them more. */
const GLYPH_SCALE: Record<Density, number> = { full: 1.6, compact: 2.4, dense: 3.2 };
const selectDensity = (s: PlaygroundState): Density => densityOf(s.nodeIds.length);

/** blockedPairs lists directed pairs that drop messages now: partitioned, cut, or to a crashed node. */
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
    const tm = st.timers[id];
    const crashed = st.summaries[id]?.role === 'crashed';
    if (!tm || crashed || tm.deadline <= tm.setAt) {
      ring.style.visibility = 'hidden';
      continue;
    }
    const left = Math.min(1, Math.max(0, (tm.deadline - t) / (tm.deadline - tm.setAt)));
    ring.style.visibility = 'visible';
    ring.setAttribute('stroke-dashoffset', (RING_C * (1 - left)).toFixed(1));
    ring.classList.toggle('urgent', left < 0.25);
  }
}

export function MessageOverlay() {
  const controller = useController();
  const look = useLook();
  const layer = useRef<SVGGElement>(null);
  const density = useStore(selectDensity);

  useEffect(() => {
    const els = new Map<number, SVGUseElement>();
    let runId = -1;
    let raf = 0;
    const centres = new Map<NodeId, Point>();
    const draw = () => {
      raf = requestAnimationFrame(draw);
      const g = layer.current;
      if (!g) return;
      const st = useStore.getState();
      if (st.runId !== runId) {
        g.replaceChildren();
        els.clear();
        runId = st.runId;
      }
      const t = controller.displayTime();
      // A dense cluster draws no timer rings (see density.ts): 100 rings repainted every frame cost too much.
      if (densityOf(st.nodeIds.length) !== 'dense') drawRings(st, t);
      centres.clear();
      for (const n of st.flowNodes) centres.set(n.id, centreOf(n.position));
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
        const x = a.x + ux * d - uy * LANE_OFFSET;
        const y = a.y + uy * d + ux * LANE_OFFSET;
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
  }, [controller]);

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
        <g ref={layer} data-testid="messages" />
      </svg>
    </EdgeLabelRenderer>
  );
}
