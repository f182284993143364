/**
 * Regions: the drop areas drawn behind links and nodes, in flow coordinates. Nodes dropped into a
 * partition region are cut off from the others (see partition.ts); the labels say so in words. An
 * empty partition region is a narrow strip beside the cluster; it widens when it holds nodes. There
 * is always one empty partition region after the last one in use, to drag nodes into a new group.
 */
import { useStore as useFlowStore } from '@xyflow/react';
import { createPortal } from 'react-dom';
import { useShallow } from 'zustand/react/shallow';
import { selectRegionMembers } from '../store/selectors';
import { useStore } from '../store/store';
import type { RegionId } from '../store/types';
import { MAIN, partitionRegion, regionTitle } from './regionNames';
import { useLayout } from './useLayout';

/**
 * REGION_TITLES names the regions as their labels (and the node menu's moves) say: the cluster and
 * partition regions A to Z (regionTitle names any region).
 */
export const REGION_TITLES: { main: string; a: string; b: string } & Readonly<Record<RegionId, string>> = Object.fromEntries(
  [MAIN, ...Array.from({ length: 26 }, (_, k) => partitionRegion(k))].map((r) => [r, regionTitle(r)]),
) as { main: string; a: string; b: string } & Record<RegionId, string>;

const selectViewportEl = (s: { domNode: HTMLDivElement | null }) => s.domNode?.querySelector<HTMLDivElement>('.react-flow__viewport') ?? null;

export function Regions() {
  const viewport = useFlowStore(selectViewportEl);
  const members = useStore(useShallow(selectRegionMembers));
  const layout = useLayout();
  if (!viewport) return null;
  return createPortal(
    <div className="regions" aria-hidden="true">
      {layout.order.map((r) => {
        const rect = layout.regions[r]!;
        const occupied = !!members[r];
        const hint = r === MAIN ? '' : occupied ? `cut off: ${members[r]}` : 'drag nodes here to cut them off';
        return (
          <div
            key={r}
            className={`region region-${r}${r === MAIN ? '' : ' region-partition'}${occupied ? ' is-occupied' : ''}`}
            data-testid={`region-${r}`}
            data-members={members[r]}
            style={{ left: rect.x, top: rect.y, width: rect.w, height: rect.h }}
          >
            <div className="region-title">
              {regionTitle(r)}
              {hint ? <span className="region-hint">{hint}</span> : null}
            </div>
          </div>
        );
      })}
    </div>,
    viewport,
  );
}
