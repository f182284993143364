/** useLayout gives the canvas layout (geometry.ts) for the current cluster and partition occupancy. */
import { useShallow } from 'zustand/react/shallow';
import { useStore, type PlaygroundState } from '../store/store';
import { layoutOf, type Layout } from './geometry';

const selectShape = (s: PlaygroundState) => ({ ids: s.nodeIds, regionOf: s.regionOf, arrangement: s.arrangement });

export function useLayout(): Layout {
  const { ids, regionOf, arrangement } = useStore(useShallow(selectShape));
  // layoutOf caches by size, occupancy and arrangement: the same shape gives the same object.
  return layoutOf(ids, regionOf, arrangement);
}
