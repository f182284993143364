/**
 * Partitioning from the canvas: by dragging (each dropped node lands in the region under its
 * centre; dropping nodes into the empty region after the last one in use makes a new group) or from a node's menu ("Move to Partition A", see NodeMenu). Either way the regions'
 * members become the bus's partition groups (`partition`, with the region of each group, or `heal`
 * when everyone is in one region). A drop outside every region puts the nodes back where the drag
 * began.
 */
import type { Node } from '@xyflow/react';
import type { NodeId } from '../../core/types';
import type { Controller } from '../controller/controller';
import { useStore } from '../store/store';
import type { RegionId } from '../store/types';
import { centreOf, clampInto, groupsSignature, homeCentre, layoutOf, NODE_SIZE, regionAt, slotCentre, type Layout, type Point } from './geometry';
import { MAIN } from './regionNames';
import { drawnRegions, partitionOf } from './regionHint';

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
  if (target !== MAIN) untangle(target, moves, regionOf, next);
  commit(moves, regionOf, controller);
}

/**
 * untangle tidies partition region `target` into its slots when a drop left two of its members
 * overlapping (a node dropped onto one already there), so no node hides another.
 */
function untangle(target: RegionId, moves: Moves, regionOf: Record<NodeId, RegionId>, next: Layout): void {
  const st = useStore.getState();
  const members = st.nodeIds.filter((id) => regionOf[id] === target);
  const centreNow = (id: NodeId): Point => {
    const m = moves[id];
    if (m) return m.centre;
    const n = st.flowNodes.find((x) => x.id === id);
    return n ? centreOf(n.position) : { x: 0, y: 0 };
  };
  const cs = members.map(centreNow);
  const overlapping = cs.some((a, i) => cs.some((b, j) => j > i && Math.hypot(a.x - b.x, a.y - b.y) < NODE_SIZE));
  if (!overlapping) return;
  members.forEach((id, k) => (moves[id] = { region: target, centre: slotCentre(next, target, k, members.length) }));
}

/**
 * moveToRegion moves nodes `ids` into region `target` without a drag (the node menu's "Move to …"):
 * home on the circle for `main`, else the region's members tidied into its slots. It records the
 * same `partition` (or `heal`) action as dropping them there.
 */
export function moveToRegion(ids: readonly NodeId[], target: RegionId, controller: Controller): void {
  const st = useStore.getState();
  const all = st.nodeIds;
  const regionOf: Record<NodeId, RegionId> = { ...st.regionOf };
  for (const id of ids) regionOf[id] = target;
  const moves: Moves = {};
  const members = all.filter((id) => regionOf[id] === target);
  const next = layoutOf(all, regionOf, st.arrangement);
  members.forEach((id, k) => {
    moves[id] = { region: target, centre: target === 'main' ? homeCentre(next, all.indexOf(id)) : slotCentre(next, target, k, members.length) };
  });
  commit(moves, regionOf, controller);
}

/**
 * commit draws `moves` and records the partition `regionOf` means, if it differs from the bus's, or
 * if the same groups were moved to other regions than the partition in force records.
 * Everyone in one partition region is no partition at all: they go home to the main region.
 */
function commit(moves: Moves, regionOf: Record<NodeId, RegionId>, controller: Controller): void {
  const st = useStore.getState();
  const ids = st.nodeIds;
  const { groups, regions } = partitionOf(ids, regionOf);
  if (groups.length === 1 && regionOf[ids[0]!] !== 'main') {
    const home = layoutOf(ids, {}, st.arrangement);
    for (const id of ids) moves[id] = { region: 'main', centre: homeCentre(home, ids.indexOf(id)) };
  }
  // A node nudged within its region changes nothing worth recording, whatever made the partition
  // (a drag, the script, chaos): recording it would add an action, and in the past fork the run.
  const moved = ids.some((id) => (regionOf[id] ?? 'main') !== (st.regionOf[id] ?? 'main'));
  st.placeNodes(moves);
  if (groupsSignature(groups) === groupsSignature(st.groups) && (groups.length === 1 || !moved || sameDrawing(regionOf, controller))) return;
  controller.repartition(groups, regions).catch((e: unknown) => st.pushAlert('error', `Could not partition: ${e instanceof Error ? e.message : String(e)}`));
}

/** sameDrawing says whether the partition in force already records these regions (else moving a group to another region records it anew). */
function sameDrawing(regionOf: Record<NodeId, RegionId>, controller: Controller): boolean {
  const sim = controller.current();
  const drawn = sim && drawnRegions(sim.scenario.timeline, sim.now, useStore.getState().groups);
  return !!drawn && Object.entries(drawn).every(([id, r]) => regionOf[id] === r);
}
