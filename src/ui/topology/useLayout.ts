/** useLayout gives the canvas layout (geometry.ts) for the current cluster and partition occupancy. */
import { useShallow } from 'zustand/react/shallow';
import { useStore, type PlaygroundState } from '../store/store';
import { layoutFor, type Layout } from './geometry';

const selectShape = (s: PlaygroundState) => ({
  n: s.nodeIds.length,
  a: s.nodeIds.filter((id) => s.regionOf[id] === 'a').length,
  b: s.nodeIds.filter((id) => s.regionOf[id] === 'b').length,
  arrangement: s.arrangement,
});

export function useLayout(): Layout {
  const { n, a, b, arrangement } = useStore(useShallow(selectShape));
  return layoutFor(n, { a, b }, arrangement);
}
