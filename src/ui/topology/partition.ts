/**
 * Partitioning by dragging: when nodes are dropped, each lands in the region under its centre;
 * the regions' members become the bus's partition groups (`partition`, or `heal` when everyone is
 * in one region). A drop outside every region puts the nodes back where the drag began.
 */
import type { Node } from '@xyflow/react';
import type { NodeId } from '../../core/types';
import type { Controller } from '../controller/controller';
import { useStore } from '../store/store';
import type { RegionId } from '../store/types';
import { centreOf, clampInto, groupsOf, groupsSignature, homeCentre, layoutOf, regionAt, slotCentre, type Point } from './geometry';

type Moves = Record<NodeId, { region: RegionId; centre: Point }>;

/**
 * dropNodes handles the end of a drag: `grabbed` is the node under the pointer, `dragged` every node
 * that moved with it, `starts` the positions before the drag. All dragged nodes join the region
 * under the grabbed node's centre (the pointer), so a multi-node drag never splits across regions.
 */
export function dropNodes(grabbed: Node, dragged: readonly Node[], starts: ReadonlyMap<NodeId, Point>, controller: Controller): void {
  const st = useStore.getState();
  const ids = st.nodeIds;
  // Drop targets are the regions as drawn; the nodes land in the regions as they will be drawn.
  const drawn = layoutOf(ids, st.regionOf, st.arrangement);
  const home = (id: NodeId) => homeCentre(drawn, ids.indexOf(id));
  const regionOf: Record<NodeId, RegionId> = { ...st.regionOf };
  const moves: Moves = {};
  const target = regionAt(drawn, centreOf(grabbed.position));

  if (target === null) {
    for (const n of dragged) {
      const start = starts.get(n.id);
      const r = regionOf[n.id] ?? 'main';
      moves[n.id] = { region: r, centre: start ? centreOf(start) : r === 'main' ? home(n.id) : clampInto(drawn, r, centreOf(n.position)) };
    }
    st.placeNodes(moves);
    return;
  }

  const arriving = dragged.filter((n) => n.id === grabbed.id || regionAt(drawn, centreOf(n.position)) !== target);
  for (const n of dragged) regionOf[n.id] = target;
  const next = layoutOf(ids, regionOf, st.arrangement);
  dragged.forEach((n) => {
    const c = centreOf(n.position);
    const from = st.regionOf[n.id] ?? 'main';
    let centre: Point;
    if (target === 'main') centre = from === 'main' ? c : home(n.id);
    else if (!arriving.includes(n) || n.id === grabbed.id) centre = clampInto(next, target, c);
    else centre = slotCentre(next, target, arriving.indexOf(n), arriving.length);
    moves[n.id] = { region: target, centre };
  });

  const groups = groupsOf(ids, regionOf);
  if (groups.length === 1 && regionOf[ids[0]!] !== 'main') {
    // Everyone in one partition region is no partition at all: bring them home.
    for (const id of ids) moves[id] = { region: 'main', centre: home(id) };
  }
  st.placeNodes(moves);

  if (groupsSignature(groups) === groupsSignature(st.groups)) return;
  controller.repartition(groups).catch((e: unknown) => st.pushAlert('error', `Could not partition: ${e instanceof Error ? e.message : String(e)}`));
}
