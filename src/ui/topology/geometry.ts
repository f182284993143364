/**
 * Canvas geometry in flow coordinates (xyflow units, before zoom): the drop regions (the cluster and
 * any number of partition regions), the rings the nodes sit on (rings.ts), slots inside partition
 * regions, and the mapping from bus partition groups to regions. Pure functions; no React.
 */
import type { NodeId } from '../../core/types';
import type { RegionId } from '../store/types';
import { densityOf, type Density } from './density';
import { MAIN, partitionIndex, partitionRegion } from './regionNames';
import { ringOffset, ringsFor, type Ring } from './rings';

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

/**
 * REGION_ORDER lists the regions always drawn, main first: the cluster and two partition regions
 * (more appear as groups are made, see {@link layoutFor}). The node menu offers moves to these.
 */
export const REGION_ORDER: readonly RegionId[] = [MAIN, partitionRegion(0), partitionRegion(1)];

/** Reach of a node's drawing from its centre (flow px): the timer ring, 16 px outside the node. */
const REACH = NODE_SIZE / 2 + 16;
/** Space between a node's reach and its region's border, and between regions (flow px). */
const PAD = 12;
const GAP = 24;
/**
 * Room for a region's title above the nodes of a partition region (flow px): more for a large
 * cluster, whose labels are set larger as the view zooms out (see density.ts and topology.css).
 */
const TITLE_H: Record<Density, number> = { full: 50, compact: 100, dense: 130 };
/** A partition region's width while empty: a drop strip (flow px), wider for a large cluster's larger labels. */
const PARTITION_W_EMPTY: Record<Density, number> = { full: 170, compact: 260, dense: 340 };
/** A grid cell of a partition region: one node's reach and its padding (flow px). */
const CELL = 2 * REACH + PAD;
/** Beside the cluster, the main region is at least this tall (flow px), so two partition regions of a title and a row of nodes fit beside it. */
const PARTITION_H_MIN = 200;
/** Below the cluster (a tall canvas), an empty partition region's height (flow px). */
const PARTITION_H_EMPTY = 110;

/** Arrangement says where the partition regions go: `beside` the cluster (a wide canvas) or `below` it (a tall one). */
export type Arrangement = 'beside' | 'below';

/** Occupancy counts the nodes in each partition region (what the regions' sizes depend on); an absent region holds none. */
export type Occupancy = Readonly<Record<RegionId, number>>;

/** EMPTY is the occupancy of an unpartitioned cluster. */
export const EMPTY: Occupancy = {};

/**
 * Layout is the canvas's geometry for one cluster size and one partition occupancy, in flow
 * coordinates: the regions, the box the view fits, and the rings the nodes sit on in `main`.
 */
export interface Layout {
  /** regions: `main` sized to its rings; the partition regions beside or below it, small while empty. */
  regions: { main: Rect } & Record<RegionId, Rect>;
  /** order lists the regions drawn: `main`, then the partition regions by number. */
  order: readonly RegionId[];
  /** titleH is the room (flow px) a partition region keeps above its nodes for its title. */
  titleH: number;
  /** bounds frames every region; the view fits it on load, on resize and when it changes. */
  bounds: { x: number; y: number; width: number; height: number };
  /** centre (flow px) of the rings of nodes, and the rings, outermost first (see rings.ts). */
  centre: Point;
  rings: readonly Ring[];
  /** n is the number of nodes on the rings. */
  n: number;
}

/** layouts caches layoutFor's answers: one per size, occupancy and arrangement seen. */
const layouts = new Map<string, Layout>();
const LAYOUT_CACHE_MAX = 500;

/**
 * drawnPartitions lists the partition regions drawn for `occupied`: every one up to the highest
 * numbered that holds nodes, and one more, empty, to drag nodes into a new group (at least A and B).
 */
function drawnPartitions(occupied: Occupancy): RegionId[] {
  const highest = Math.max(-1, ...Object.entries(occupied).filter(([, c]) => c > 0).map(([r]) => partitionIndex(r)));
  return Array.from({ length: Math.max(2, highest + 2) }, (_, k) => partitionRegion(k));
}

/**
 * layoutFor gives the layout of `n` nodes with `occupied` nodes in the partition regions (cached, so
 * the same arguments give the same object). Nodes go clockwise from node 0 at the top, on one circle
 * or on concentric rings (see rings.ts). Partition regions are packed in columns beside the cluster
 * (or rows below it), as many per column as fit its height, each column's regions sharing that height.
 */
export function layoutFor(n: number, occupied: Occupancy, arrangement: Arrangement = 'beside'): Layout {
  const parts = drawnPartitions(occupied);
  const count = (r: RegionId) => occupied[r] ?? 0;
  const key = `${n}:${arrangement}:${parts.map((r) => count(r)).join(',')}`;
  const cached = layouts.get(key);
  if (cached) return cached;
  const rings = ringsFor(n);
  const offsets = Array.from({ length: Math.max(1, n) }, (_, i) => ringOffset(rings, i));
  const xs = offsets.map((o) => o.x);
  const ys = offsets.map((o) => o.y);
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  // The main region's title sits in its top-left corner, beside the top node: no extra height.
  const main: Rect = { x: 0, y: 0, w: maxX - minX + 2 * (REACH + PAD), h: Math.max(maxY - minY + 2 * (REACH + PAD), 2 * PARTITION_H_MIN + GAP) };
  const centre = { x: REACH + PAD - minX, y: (main.h - (maxY - minY)) / 2 - minY };
  const density = densityOf(n);
  const titleH = TITLE_H[density];
  const emptyW = PARTITION_W_EMPTY[density];
  const placed = arrangement === 'beside' ? packBeside(main, parts.map(count), titleH, emptyW) : packBelow(main, parts.map(count), titleH, emptyW);
  const regions: Layout['regions'] = { main };
  parts.forEach((r, k) => (regions[r] = placed[k]!));
  const all = Object.values(regions);
  const right = Math.max(...all.map((r) => r.x + r.w));
  const bottom = Math.max(...all.map((r) => r.y + r.h));
  const layout: Layout = { n, regions, order: [MAIN, ...parts], titleH, centre, rings, bounds: { x: -8, y: -8, width: right + 16, height: bottom + 16 } };
  if (layouts.size >= LAYOUT_CACHE_MAX) layouts.clear();
  layouts.set(key, layout);
  return layout;
}

/** gridCols is how many columns of nodes a partition region of `count` nodes needs to fit `rowsFit` rows: two at least. */
const gridCols = (count: number, rowsFit: number): number => Math.max(2, Math.ceil(count / Math.max(1, rowsFit)));

/**
 * packBeside places the partition regions (their node counts `counts`) in columns right of `main`:
 * down a column while they fit its height, then a new column. A column's regions share its height;
 * each is as wide as its nodes need (a narrow strip while empty). A region with more nodes than
 * its column's height holds gets more columns of nodes.
 */
function packBeside(main: Rect, counts: readonly number[], title: number, emptyW: number): Rect[] {
  const H = main.h;
  const rowsFit = Math.floor((H - title - PAD) / CELL);
  const size = counts.map((c) => {
    if (c === 0) return { w: emptyW, h: PARTITION_H_MIN };
    const cols = gridCols(c, rowsFit);
    return { w: cols * CELL + PAD, h: Math.max(PARTITION_H_MIN, title + Math.ceil(c / cols) * CELL) };
  });
  return shelves(size.map((s) => ({ along: s.h, across: s.w })), H).map((p) => ({ x: main.w + GAP + p.across0, y: p.along0, w: p.across, h: p.along }));
}

/**
 * packBelow places the partition regions in rows under `main`: along a row while they fit its
 * width, then a new row. A row's regions share its width; each is as tall as its rows of nodes.
 */
function packBelow(main: Rect, counts: readonly number[], title: number, emptyW: number): Rect[] {
  const W = main.w;
  const colsFit = Math.max(2, Math.floor((W - PAD) / CELL));
  const size = counts.map((c) => {
    if (c === 0) return { w: emptyW, h: PARTITION_H_EMPTY };
    const cols = Math.min(colsFit, Math.max(2, Math.ceil(Math.sqrt(c))));
    return { w: cols * CELL + PAD, h: title + Math.ceil(c / cols) * CELL };
  });
  return shelves(size.map((s) => ({ along: s.w, across: s.h })), W).map((p) => ({ x: p.along0, y: main.h + GAP + p.across0, w: p.along, h: p.across }));
}

/**
 * shelves packs boxes into shelves of length `L`: along a shelf while they fit (at least one each),
 * GAP apart; then stretches each shelf's boxes along it to fill L (equally when they all fit). A shelf is as deep as its deepest
 * box; the boxes keep their own depth. Gives each box's start and length along, start and depth across.
 */
function shelves(boxes: readonly { along: number; across: number }[], L: number): { along0: number; along: number; across0: number; across: number }[] {
  const out: { along0: number; along: number; across0: number; across: number }[] = [];
  let i = 0;
  let across0 = 0;
  while (i < boxes.length) {
    let j = i;
    let used = 0;
    while (j < boxes.length && (j === i || used + GAP + boxes[j]!.along <= L)) used += (j === i ? 0 : GAP) + boxes[j++]!.along;
    // Equal shares when every box fits one (so a region keeps its place as another fills), else the room left shared out.
    const share = (L - (j - i - 1) * GAP) / (j - i);
    const even = boxes.slice(i, j).every((b) => b.along <= share);
    const extra = Math.max(0, L - used) / (j - i);
    let along0 = 0;
    let depth = 0;
    for (let k = i; k < j; k++) {
      const b = boxes[k]!;
      const along = even ? share : b.along + extra;
      out.push({ along0, along, across0, across: b.across });
      along0 += along + GAP;
      depth = Math.max(depth, b.across);
    }
    across0 += depth + GAP;
    i = j;
  }
  return out;
}

/** sameRect says whether two rects are the same (two absent rects are). */
export const sameRect = (p: Rect | undefined, q: Rect | undefined): boolean =>
  p === q || (!!p && !!q && p.x === q.x && p.y === q.y && p.w === q.w && p.h === q.h);

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

/** occupancyOf counts the nodes `ids` in each partition region of `regionOf` (absent means main). */
export function occupancyOf(ids: readonly NodeId[], regionOf: Readonly<Record<NodeId, RegionId>>): Record<RegionId, number> {
  const out: Record<RegionId, number> = {};
  for (const id of ids) {
    const r = regionOf[id] ?? MAIN;
    if (r !== MAIN) out[r] = (out[r] ?? 0) + 1;
  }
  return out;
}

/** layoutOf gives the layout for the nodes `ids` placed in regions `regionOf` (absent means main). */
export function layoutOf(ids: readonly NodeId[], regionOf: Readonly<Record<NodeId, RegionId>>, arrangement: Arrangement): Layout {
  return layoutFor(ids.length, occupancyOf(ids, regionOf), arrangement);
}

/** homeCentre is where node `i` sits in the main region of `layout` (on its ring, clockwise). */
export function homeCentre(layout: Layout, i: number): Point {
  const o = ringOffset(layout.rings, i);
  return { x: layout.centre.x + o.x, y: layout.centre.y + o.y };
}

/** topLeft turns a node centre into the xyflow position of its top-left corner. */
export const topLeft = (c: Point): Point => ({ x: c.x - NODE_SIZE / 2, y: c.y - NODE_SIZE / 2 });

/** centreOf turns an xyflow position into the node's centre. */
export const centreOf = (p: Point): Point => ({ x: p.x + NODE_SIZE / 2, y: p.y + NODE_SIZE / 2 });

/** regionAt gives the region of `layout` containing point `p`, or null outside all of them. */
export function regionAt(layout: Layout, p: Point): RegionId | null {
  for (const id of layout.order) {
    const r = layout.regions[id]!;
    if (p.x >= r.x && p.x <= r.x + r.w && p.y >= r.y && p.y <= r.y + r.h) return id;
  }
  return null;
}

/**
 * clampInto keeps a node centre inside a region of `layout`, with a margin so the whole node shows
 * (in `main` if the layout draws no such region).
 */
export function clampInto(layout: Layout, region: RegionId, c: Point): Point {
  const r = layout.regions[region] ?? layout.regions.main;
  const m = REACH;
  const top = r.y + m + (region === MAIN ? 0 : layout.titleH - PAD); // leave room for a partition's label
  return {
    x: Math.min(Math.max(c.x, r.x + m), Math.max(r.x + m, r.x + r.w - m)),
    y: Math.min(Math.max(c.y, top), Math.max(top, r.y + r.h - m)),
  };
}

/** slotCentre gives the k-th of `count` tidy positions inside a partition region of `layout` (a small grid). */
export function slotCentre(layout: Layout, region: RegionId, k: number, count: number): Point {
  const r = layout.regions[region] ?? layout.regions.main;
  const fit = Math.max(1, Math.floor((r.w - 2 * PAD) / (2 * REACH)));
  const cols = Math.max(1, Math.min(count, fit));
  const rows = Math.ceil(count / Math.max(1, cols));
  const col = k % cols;
  const row = Math.floor(k / cols);
  const cellW = (r.w - 2 * PAD) / cols;
  const cellH = (r.h - layout.titleH - PAD) / rows;
  return clampInto(layout, region, { x: r.x + PAD + cellW * (col + 0.5), y: r.y + layout.titleH + cellH * (row + 0.5) });
}

/**
 * assignRegions maps the bus's partition groups onto regions. `drawn`, the regions the partition
 * action recorded (see regionHint.ts), wins when given. Otherwise it disturbs the current layout as
 * little as possible: larger groups first, each to the free region holding most of its members,
 * else to `main` if free, else to the lowest-numbered free partition region. One group means
 * everyone is in `main`. There are as many regions as groups, however many.
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
    for (const g of groups) for (const id of g) out[id] = MAIN;
    return out;
  }
  const taken = new Set<RegionId>();
  const sorted = [...groups].sort((x, y) => y.length - x.length);
  for (const g of sorted) {
    const tally = new Map<RegionId, number>();
    for (const id of g) {
      const r = current[id] ?? MAIN;
      if (!taken.has(r)) tally.set(r, (tally.get(r) ?? 0) + 1);
    }
    // Most members first; a tie goes to main, then the lower-numbered region (deterministic).
    const best = [...tally].sort((p, q) => q[1] - p[1] || partitionIndex(p[0]) - partitionIndex(q[0]))[0]?.[0];
    let region = best ?? (taken.has(MAIN) ? undefined : MAIN);
    for (let k = 0; region === undefined; k++) if (!taken.has(partitionRegion(k))) region = partitionRegion(k);
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
