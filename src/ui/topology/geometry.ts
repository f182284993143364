/**
 * Canvas geometry in flow coordinates (xyflow units, before zoom): the drop regions, the circle the
 * nodes sit on, slots inside partition regions, and the mapping from bus partition groups to regions.
 * Pure functions; no React.
 */
import type { NodeId } from '../../core/types';
import type { RegionId } from '../store/types';

/** NODE_SIZE is a node's diameter (flow px); positions are top-left corners as xyflow wants. */
export const NODE_SIZE = 112;

export interface Point {
  x: number;
  y: number;
}

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** REGION_ORDER is the order regions are filled and groups listed in (main first). */
export const REGION_ORDER: readonly RegionId[] = ['main', 'a', 'b'];

/** REGIONS are the drop regions: a large main area and two partition areas beside it. */
export const REGIONS: Record<RegionId, Rect> = {
  main: { x: 0, y: 0, w: 660, h: 660 },
  a: { x: 700, y: 0, w: 360, h: 310 },
  b: { x: 700, y: 350, w: 360, h: 310 },
};

/** BOUNDS frames every region; the view fits it on load and on resize. */
export const BOUNDS = { x: -12, y: -12, width: 1084, height: 684 };

const CIRCLE_CENTRE: Point = { x: 330, y: 345 };

/** homeCentre is where node `i` of `n` sits in the main region (a circle, first node at the top). */
export function homeCentre(i: number, n: number): Point {
  // Wider for larger clusters, up to what the main region holds: 12 nodes sit ≥ 130 px apart.
  const r = n <= 3 ? 170 : n <= 5 ? 215 : n <= 9 ? 240 : 258;
  const angle = -Math.PI / 2 + (2 * Math.PI * i) / Math.max(1, n);
  return { x: CIRCLE_CENTRE.x + r * Math.cos(angle), y: CIRCLE_CENTRE.y + r * Math.sin(angle) };
}

/** topLeft turns a node centre into the xyflow position of its top-left corner. */
export const topLeft = (c: Point): Point => ({ x: c.x - NODE_SIZE / 2, y: c.y - NODE_SIZE / 2 });

/** centreOf turns an xyflow position into the node's centre. */
export const centreOf = (p: Point): Point => ({ x: p.x + NODE_SIZE / 2, y: p.y + NODE_SIZE / 2 });

/** regionAt gives the region containing point `p`, or null outside all of them. */
export function regionAt(p: Point): RegionId | null {
  for (const id of REGION_ORDER) {
    const r = REGIONS[id];
    if (p.x >= r.x && p.x <= r.x + r.w && p.y >= r.y && p.y <= r.y + r.h) return id;
  }
  return null;
}

/** clampInto keeps a node centre inside a region, with a margin so the whole node shows. */
export function clampInto(region: RegionId, c: Point): Point {
  const r = REGIONS[region];
  const m = NODE_SIZE / 2 + 8;
  const top = r.y + m + 28; // leave room for the region's label
  return {
    x: Math.min(Math.max(c.x, r.x + m), r.x + r.w - m),
    y: Math.min(Math.max(c.y, top), r.y + r.h - m),
  };
}

/** slotCentre gives the k-th of `count` tidy positions inside a partition region (a small grid). */
export function slotCentre(region: RegionId, k: number, count: number): Point {
  const r = REGIONS[region];
  const cols = count <= 2 ? count : count <= 4 ? 2 : 3;
  const rows = Math.ceil(count / Math.max(1, cols));
  const col = k % cols;
  const row = Math.floor(k / cols);
  const cellW = (r.w - 20) / cols;
  const cellH = (r.h - 50) / rows;
  return clampInto(region, { x: r.x + 10 + cellW * (col + 0.5), y: r.y + 40 + cellH * (row + 0.5) });
}

/**
 * assignRegions maps the bus's partition groups onto regions. `drawn`, the regions the partition
 * action recorded (see regionHint.ts), wins when given. Otherwise it disturbs the current layout as
 * little as possible: larger groups first, each to the free region holding most of its members.
 * One group means everyone is in `main`. A fourth group and beyond share region `b`.
 */
export function assignRegions(
  groups: readonly (readonly NodeId[])[],
  current: Record<NodeId, RegionId>,
  drawn: Record<NodeId, RegionId> | null = null,
): Record<NodeId, RegionId> {
  const out: Record<NodeId, RegionId> = {};
  if (drawn && groups.length > 1 && groups.every((g) => g.every((id) => id in drawn))) {
    for (const g of groups) for (const id of g) out[id] = drawn[id]!;
    return out;
  }
  if (groups.length <= 1) {
    for (const g of groups) for (const id of g) out[id] = 'main';
    return out;
  }
  const taken = new Set<RegionId>();
  const sorted = [...groups].sort((x, y) => y.length - x.length);
  for (const g of sorted) {
    let best: RegionId | null = null;
    let bestCount = 0;
    for (const r of REGION_ORDER) {
      if (taken.has(r)) continue;
      const count = g.filter((id) => current[id] === r).length;
      if (count > bestCount) {
        best = r;
        bestCount = count;
      }
    }
    const region = best ?? REGION_ORDER.find((r) => !taken.has(r)) ?? 'b';
    taken.add(region);
    for (const id of g) out[id] = region;
  }
  return out;
}

/** groupsOf lists the non-empty regions' members as partition groups, in region order. */
export function groupsOf(ids: readonly NodeId[], regionOf: Record<NodeId, RegionId>): NodeId[][] {
  return REGION_ORDER.map((r) => ids.filter((id) => (regionOf[id] ?? 'main') === r)).filter((g) => g.length > 0);
}

/** groupsSignature is a canonical string for a partition, to compare two of them. */
export function groupsSignature(groups: readonly (readonly NodeId[])[]): string {
  return groups
    .map((g) => [...g].sort().join(','))
    .sort()
    .join('|');
}
