/**
 * frameRefs: DOM elements updated every animation frame without React (the timer rings: each
 * node's drawn timer, per its protocol's look), registered by the node components and drawn by the
 * message overlay's loop.
 */
import type { NodeId } from '../../core/types';

/** timerRings maps a node to its timer ring (an SVG circle). */
export const timerRings = new Map<NodeId, SVGCircleElement>();

const refCache = new Map<NodeId, (el: SVGCircleElement | null) => void>();

/** ringRef gives a stable ref callback registering node `id`'s ring. */
export function ringRef(id: NodeId): (el: SVGCircleElement | null) => void {
  let f = refCache.get(id);
  if (!f) {
    f = (el) => {
      if (el) timerRings.set(id, el);
      else timerRings.delete(id);
    };
    refCache.set(id, f);
  }
  return f;
}

/** RING_R is the timer ring's radius (flow px); RING_C its circumference. */
export const RING_R = 66;
export const RING_C = 2 * Math.PI * RING_R;
