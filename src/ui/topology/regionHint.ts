/**
 * Region hints: a `partition` action recorded from the canvas names the region each group was
 * dropped in (`regions`), so a share link draws every node back where it was (a node dragged into
 * Partition B reopens in Partition B, not in the first free region). Pure functions; no React.
 */
import type { TimelineAction } from '../../core/scenario/types';
import type { NodeId } from '../../core/types';
import type { RegionId } from '../store/types';
import { groupsSignature, occupancyOf } from './geometry';
import { byRegionOrder, isRegionName, MAIN } from './regionNames';

/**
 * partitionOf lists the non-empty regions' members as partition groups, in region order (main,
 * then the partition regions by number: however many there are), with the
 * region of each group: the `groups` and `regions` of the `partition` action a drop records.
 */
export function partitionOf(ids: readonly NodeId[], regionOf: Record<NodeId, RegionId>): { groups: NodeId[][]; regions: RegionId[] } {
  const used = [MAIN, ...Object.keys(occupancyOf(ids, regionOf))].sort(byRegionOrder);
  const groups: NodeId[][] = [];
  const regions: RegionId[] = [];
  for (const r of used) {
    const g = ids.filter((id) => (regionOf[id] ?? MAIN) === r);
    if (g.length) {
      groups.push(g);
      regions.push(r);
    }
  }
  return { groups, regions };
}

/**
 * drawnRegions gives the region each node was drawn in by the partition in force at virtual ms
 * `now`: the latest partition, isolate or heal action at or before `now` in `timeline`, if it is a
 * `partition` that names a distinct known region for each group and its groups are the bus's
 * `groups` (so a hint never contradicts the network). Null when there is no such hint (scripted
 * partitions, chaos): the caller then picks regions itself.
 */
export function drawnRegions(timeline: readonly TimelineAction[], now: number, groups: readonly (readonly NodeId[])[]): Record<NodeId, RegionId> | null {
  let last: TimelineAction | undefined;
  for (const a of timeline) {
    if (a.at > now) break;
    if (a.action === 'partition' || a.action === 'isolate' || a.action === 'heal') last = a;
  }
  if (last?.action !== 'partition' || !last.regions) return null;
  const { regions } = last;
  if (!regions.every(isRegionName) || new Set(regions).size !== regions.length) return null;
  if (groupsSignature(last.groups) !== groupsSignature(groups)) return null;
  const out: Record<NodeId, RegionId> = {};
  last.groups.forEach((g, k) => g.forEach((id) => (out[id] = regions[k] as RegionId)));
  return out;
}
