/**
 * Rings: where the nodes of the main region sit. Up to SINGLE_RING_MAX nodes make one circle (as
 * RaftScope draws them); a larger cluster fills concentric rings from the outside in, each as full
 * as the others, so 100 nodes fit a disc half as wide as one circle of 100 would be and are drawn
 * twice as large. Flow coordinates (xyflow units), relative to the rings' centre. Pure functions.
 */
import type { Point } from './geometry';

/** The most nodes drawn on a single circle. */
export const SINGLE_RING_MAX = 16;
/** Centre-to-centre distance (flow px) of neighbouring nodes on a ring, and between rings. */
const CHORD_SMALL = 200;
const CHORD = 170;
/** The innermost ring's smallest radius (flow px): a ring any tighter holds too few nodes to be worth it. */
const INNER_MIN = CHORD;

/** Ring is one circle of nodes: `count` nodes from index `first`, node `first` at angle `startAngle` (radians), clockwise. */
export interface Ring {
  radius: number;
  count: number;
  first: number;
  startAngle: number;
}

/**
 * startAngleOf puts a ring's first node at the top, turned by half a step for an even count so the
 * ring's top and bottom are flat (4 nodes make a square), which saves height.
 */
const startAngleOf = (count: number): number => -Math.PI / 2 + (count % 2 === 0 ? Math.PI / Math.max(1, count) : 0);

/** capacity is how many nodes fit on a ring of `radius` flow px, CHORD apart. */
const capacity = (radius: number): number => Math.floor((2 * Math.PI * radius) / CHORD);

/**
 * ringsFor lays out `n` nodes (n ≥ 0): one circle up to SINGLE_RING_MAX (200 flow px apart up to
 * 6 nodes, 170 beyond; 1 node at the centre, 2 side by side), else the fewest concentric rings,
 * outermost first, CHORD apart, whose capacities hold them, the nodes shared out in proportion.
 */
export function ringsFor(n: number): Ring[] {
  if (n <= 0) return [];
  if (n <= SINGLE_RING_MAX) {
    const chord = n <= 6 ? CHORD_SMALL : CHORD;
    const radius = n === 1 ? 0 : n === 2 ? 100 : chord / (2 * Math.sin(Math.PI / n));
    return [{ radius, count: n, first: 0, startAngle: startAngleOf(n) }];
  }
  // The smallest outer radius (in steps of 10 flow px) whose rings, CHORD apart inwards, hold n nodes.
  let outer = CHORD / (2 * Math.sin(Math.PI / SINGLE_RING_MAX));
  const radii = (r: number) => Array.from({ length: Math.floor((r - INNER_MIN) / CHORD) + 1 }, (_, k) => r - k * CHORD);
  while (radii(outer).reduce((s, r) => s + capacity(r), 0) < n) outer += 10;
  const rs = radii(outer);
  const caps = rs.map(capacity);
  const total = caps.reduce((s, c) => s + c, 0);
  // Largest remainder: each ring gets its share of n, the leftovers to the largest fractions.
  const exact = caps.map((c) => (n * c) / total);
  const counts = exact.map(Math.floor);
  const order = exact.map((x, k) => [x - Math.floor(x), k] as const).sort((p, q) => q[0] - p[0] || p[1] - q[1]);
  for (let left = n - counts.reduce((s, c) => s + c, 0), i = 0; left > 0; left--, i++) counts[order[i]![1]]! += 1;
  const rings: Ring[] = [];
  let first = 0;
  rs.forEach((radius, k) => {
    const count = counts[k]!;
    if (count === 0) return;
    rings.push({ radius, count, first, startAngle: startAngleOf(count) });
    first += count;
  });
  return rings;
}

/** ringOffset gives node `i`'s place relative to the rings' centre (flow px). */
export function ringOffset(rings: readonly Ring[], i: number): Point {
  const ring = rings.find((r) => i >= r.first && i < r.first + r.count) ?? rings[0];
  if (!ring) return { x: 0, y: 0 };
  const a = ring.startAngle + (2 * Math.PI * (i - ring.first)) / Math.max(1, ring.count);
  return { x: ring.radius * Math.cos(a), y: ring.radius * Math.sin(a) };
}
