/**
 * Canvas geometry in flow coordinates (xyflow units, before zoom): the drop regions, the circle the
 * nodes sit on, slots inside partition regions, and the mapping from bus partition groups to regions.
 * Pure functions; no React.
 */
import type { NodeId } from '../../core/types';
import type { RegionId } from '../store/types';

/** NODE_SIZE is a node's diameter (flow px); positions are top-left corners as xyflow wants. */
export const NODE_SIZE = 120;

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

/** Reach of a node's drawing from its centre (flow px): the timer ring, 16 px outside the node. */
const REACH = NODE_SIZE / 2 + 16;
/** Space between a node's reach and its region's border, and between regions (flow px). */
const PAD = 12;
const GAP = 24;
/** Room for a region's title above the nodes of a partition region (flow px). */
const TITLE_H = 50;
/** A partition region's width while empty (a drop strip) and while it holds nodes: two columns. */
const PARTITION_W_EMPTY = 170;
const PARTITION_W_OPEN = 2 * (2 * REACH + PAD) + PAD;
/** Beside the cluster, each partition region is at least this tall (flow px): a title and a row of nodes. */
const PARTITION_H_MIN = 200;
/** Below the cluster (a tall canvas), a partition region is short while empty and as tall as its rows of nodes when not. */
const PARTITION_H_EMPTY = 110;
const ROW_H = 2 * REACH + PAD;

/** Arrangement says where the partition regions go: `beside` the cluster (a wide canvas) or `below` it (a tall one). */
export type Arrangement = 'beside' | 'below';

/** Occupancy counts the nodes in each partition region (what the regions' sizes depend on). */
export interface Occupancy {
  a: number;
  b: number;
}

/** EMPTY is the occupancy of an unpartitioned cluster. */
export const EMPTY: Occupancy = { a: 0, b: 0 };

/**
 * Layout is the canvas's geometry for one cluster size and one partition occupancy, in flow
 * coordinates: the regions, the box the view fits, and the circle the nodes sit on in `main`.
 */
export interface Layout {
  /** regions: `main` sized to its circle; `a` and `b` beside or below it, small while empty. */
  regions: Record<RegionId, Rect>;
  /** bounds frames every region; the view fits it on load, on resize and when it changes. */
  bounds: { x: number; y: number; width: number; height: number };
  /** centre and radius (flow px) of the circle of nodes, and the angle of node 0 (radians). */
  centre: Point;
  radius: number;
  startAngle: number;
  /** n is the number of nodes on the circle. */
  n: number;
}

/**
 * circleRadius gives the radius (flow px) that puts neighbouring nodes `chord` apart: 200 flow px
 * up to 6 nodes, 170 beyond, so a large cluster stays compact and a small one readable.
 */
function circleRadius(n: number): number {
  if (n < 3) return n <= 1 ? 0 : 100;
  const chord = n <= 6 ? 200 : 170;
  return chord / (2 * Math.sin(Math.PI / n));
}

/** layouts caches layoutFor's answers: one per size, occupancy and arrangement seen (a few dozen). */
const layouts = new Map<string, Layout>();

/**
 * layoutFor gives the layout of `n` nodes with `occupied` nodes in the partition regions (cached, so the same
 * arguments give the same object). Nodes go clockwise from node 0 at the top; an even cluster is
 * turned by half a step (node 0 at the top right) so that its top and bottom are flat (a square
 * for 4 nodes), which saves height.
 */
export function layoutFor(n: number, occupied: Occupancy, arrangement: Arrangement = 'beside'): Layout {
  const key = `${n}:${occupied.a}:${occupied.b}:${arrangement}`;
  const cached = layouts.get(key);
  if (cached) return cached;
  const radius = circleRadius(n);
  const startAngle = -Math.PI / 2 + (n % 2 === 0 ? Math.PI / Math.max(1, n) : 0);
  const offsets = Array.from({ length: Math.max(1, n) }, (_, i) => angleOffset(radius, startAngle + (2 * Math.PI * i) / Math.max(1, n)));
  const xs = offsets.map((o) => o.x);
  const ys = offsets.map((o) => o.y);
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  // The main region's title sits in its top-left corner, beside the top node: no extra height.
  const main: Rect = { x: 0, y: 0, w: maxX - minX + 2 * (REACH + PAD), h: Math.max(maxY - minY + 2 * (REACH + PAD), 2 * PARTITION_H_MIN + GAP) };
  const centre = { x: REACH + PAD - minX, y: (main.h - (maxY - minY)) / 2 - minY };
  const regions: Record<RegionId, Rect> = { main, ...partitionRects(main, occupied, arrangement) };
  const right = Math.max(regions.a.x + regions.a.w, regions.b.x + regions.b.w);
  const bottom = Math.max(main.h, regions.a.y + regions.a.h, regions.b.y + regions.b.h);
  const layout: Layout = { n, regions, centre, radius, startAngle, bounds: { x: -8, y: -8, width: right + 16, height: bottom + 16 } };
  layouts.set(key, layout);
  return layout;
}

/**
 * partitionRects places regions `a` and `b` beside `main`, stacked, each half its height; or below
 * it in a row, `a` at the left and `b` at the right (after `a` if they do not fit under `main`),
 * each as tall as its rows of two nodes. Either way an empty region is a narrow drop strip.
 */
function partitionRects(main: Rect, occupied: Occupancy, arrangement: Arrangement): { a: Rect; b: Rect } {
  const w = (count: number) => (count > 0 ? PARTITION_W_OPEN : PARTITION_W_EMPTY);
  if (arrangement === 'below') {
    const y = main.h + GAP;
    const h = (count: number) => (count > 0 ? TITLE_H + Math.ceil(count / 2) * ROW_H : PARTITION_H_EMPTY);
    const [wa, wb] = [w(occupied.a), w(occupied.b)];
    const bx = Math.max(wa + GAP, main.w - wb);
    return { a: { x: 0, y, w: wa, h: h(occupied.a) }, b: { x: bx, y, w: wb, h: h(occupied.b) } };
  }
  const h = (main.h - GAP) / 2;
  const x = main.w + GAP;
  return { a: { x, y: 0, w: w(occupied.a), h }, b: { x, y: h + GAP, w: w(occupied.b), h } };
}

/** sameRect says whether two rects are the same. */
export const sameRect = (p: Rect, q: Rect): boolean => p.x === q.x && p.y === q.y && p.w === q.w && p.h === q.h;

/**
 * arrangementFor picks where the partition regions go for `n` nodes on a canvas `width` × `height`
 * (screen px): whichever arrangement of the unpartitioned cluster is drawn larger.
 */
export function arrangementFor(n: number, width: number, height: number): Arrangement {
  const zoom = (a: Arrangement) => {
    const { bounds } = layoutFor(n, EMPTY, a);
    return Math.min(width / bounds.width, height / bounds.height);
  };
  return zoom('below') > zoom('beside') ? 'below' : 'beside';
}

const angleOffset = (r: number, a: number): Point => ({ x: r * Math.cos(a), y: r * Math.sin(a) });

/** layoutOf gives the layout for the nodes `ids` placed in regions `regionOf` (absent means main). */
export function layoutOf(ids: readonly NodeId[], regionOf: Readonly<Record<NodeId, RegionId>>, arrangement: Arrangement): Layout {
  const count = (r: RegionId) => ids.filter((id) => regionOf[id] === r).length;
  return layoutFor(ids.length, { a: count('a'), b: count('b') }, arrangement);
}

/** homeCentre is where node `i` sits in the main region of `layout` (on its circle, clockwise). */
export function homeCentre(layout: Layout, i: number): Point {
  const o = angleOffset(layout.radius, layout.startAngle + (2 * Math.PI * i) / Math.max(1, layout.n));
  return { x: layout.centre.x + o.x, y: layout.centre.y + o.y };
}

/** topLeft turns a node centre into the xyflow position of its top-left corner. */
export const topLeft = (c: Point): Point => ({ x: c.x - NODE_SIZE / 2, y: c.y - NODE_SIZE / 2 });

/** centreOf turns an xyflow position into the node's centre. */
export const centreOf = (p: Point): Point => ({ x: p.x + NODE_SIZE / 2, y: p.y + NODE_SIZE / 2 });

/** regionAt gives the region of `layout` containing point `p`, or null outside all of them. */
export function regionAt(layout: Layout, p: Point): RegionId | null {
  for (const id of REGION_ORDER) {
    const r = layout.regions[id];
    if (p.x >= r.x && p.x <= r.x + r.w && p.y >= r.y && p.y <= r.y + r.h) return id;
  }
  return null;
}

/** clampInto keeps a node centre inside a region of `layout`, with a margin so the whole node shows. */
export function clampInto(layout: Layout, region: RegionId, c: Point): Point {
  const r = layout.regions[region];
  const m = REACH;
  const top = r.y + m + (region === 'main' ? 0 : TITLE_H - PAD); // leave room for a partition's label
  return {
    x: Math.min(Math.max(c.x, r.x + m), Math.max(r.x + m, r.x + r.w - m)),
    y: Math.min(Math.max(c.y, top), Math.max(top, r.y + r.h - m)),
  };
}

/** slotCentre gives the k-th of `count` tidy positions inside a partition region of `layout` (a small grid). */
export function slotCentre(layout: Layout, region: RegionId, k: number, count: number): Point {
  const r = layout.regions[region];
  const fit = Math.max(1, Math.floor((r.w - 2 * PAD) / (2 * REACH)));
  const cols = Math.max(1, Math.min(count, fit));
  const rows = Math.ceil(count / Math.max(1, cols));
  const col = k % cols;
  const row = Math.floor(k / cols);
  const cellW = (r.w - 2 * PAD) / cols;
  const cellH = (r.h - TITLE_H - PAD) / rows;
  return clampInto(layout, region, { x: r.x + PAD + cellW * (col + 0.5), y: r.y + TITLE_H + cellH * (row + 0.5) });
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

/** groupsSignature is a canonical string for a partition, to compare two of them. */
export function groupsSignature(groups: readonly (readonly NodeId[])[]): string {
  return groups
    .map((g) => [...g].sort().join(','))
    .sort()
    .join('|');
}
