/**
 * Regions: the drop areas drawn behind links and nodes, in flow coordinates. Nodes dropped into a
 * partition region are cut off from the others (see partition.ts); the labels say so in words. An
 * empty partition region is a narrow strip beside the cluster; it widens when it holds nodes.
 */
import { useStore as useFlowStore } from '@xyflow/react';
import { createPortal } from 'react-dom';
import { useShallow } from 'zustand/react/shallow';
import { selectRegionMembers } from '../store/selectors';
import { useStore } from '../store/store';
import type { RegionId } from '../store/types';
import { REGION_ORDER } from './geometry';
import { useLayout } from './useLayout';

/** REGION_TITLES names the regions as their labels (and the node menu's moves) say. */
export const REGION_TITLES: Record<RegionId, string> = { main: 'Cluster', a: 'Partition A', b: 'Partition B' };

const selectViewportEl = (s: { domNode: HTMLDivElement | null }) => s.domNode?.querySelector<HTMLDivElement>('.react-flow__viewport') ?? null;

export function Regions() {
  const viewport = useFlowStore(selectViewportEl);
  const members = useStore(useShallow(selectRegionMembers));
  const layout = useLayout();
  if (!viewport) return null;
  return createPortal(
    <div className="regions" aria-hidden="true">
      {REGION_ORDER.map((r) => {
        const rect = layout.regions[r];
        const occupied = !!members[r];
        const hint = r === 'main' ? '' : occupied ? `cut off: ${members[r]}` : 'drag nodes here to cut them off';
        return (
          <div
            key={r}
            className={`region region-${r}${occupied ? ' is-occupied' : ''}`}
            data-testid={`region-${r}`}
            data-members={members[r]}
            style={{ left: rect.x, top: rect.y, width: rect.w, height: rect.h }}
          >
            <div className="region-title">
              {REGION_TITLES[r]}
              {hint ? <span className="region-hint">{hint}</span> : null}
            </div>
          </div>
        );
      })}
    </div>,
    viewport,
  );
}
