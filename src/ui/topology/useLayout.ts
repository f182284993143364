/** useLayout gives the canvas layout (geometry.ts) for the current cluster and partition occupancy. */
import { useShallow } from 'zustand/react/shallow';
import { useStore, type PlaygroundState } from '../store/store';
import { layoutFor, type Layout } from './geometry';

const selectShape = (s: PlaygroundState) => ({
  n: s.nodeIds.length,
  a: s.nodeIds.some((id) => s.regionOf[id] === 'a'),
  b: s.nodeIds.some((id) => s.regionOf[id] === 'b'),
});

export function useLayout(): Layout {
  const { n, a, b } = useStore(useShallow(selectShape));
  return layoutFor(n, { a, b });
}
