import { describe, expect, it } from 'vitest';
import { arrangementFor, clampInto, EMPTY, homeCentre, layoutFor, layoutOf, NODE_SIZE, regionAt, slotCentre, type Layout, type Rect } from './geometry';

/** Reach of a node's drawing (the timer ring) from its centre, as in geometry.ts. */
const REACH = NODE_SIZE / 2 + 16;
const inside = (r: Rect, p: { x: number; y: number }, m = 0) => p.x - m >= r.x && p.x + m <= r.x + r.w && p.y - m >= r.y && p.y + m <= r.y + r.h;
const overlap = (a: Rect, b: Rect) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
const homes = (l: Layout) => Array.from({ length: l.n }, (_, i) => homeCentre(l, i));

describe('the circle of nodes', () => {
  for (const n of [3, 4, 5, 7, 9, 15]) {
    it(`${n} nodes: every ring inside the main region, neighbours' rings apart`, () => {
      const l = layoutFor(n, EMPTY);
      const cs = homes(l);
      for (const c of cs) expect(inside(l.regions.main, c, REACH)).toBe(true);
      for (let i = 0; i < n; i++) {
        const a = cs[i]!;
        const b = cs[(i + 1) % n]!;
        expect(Math.hypot(a.x - b.x, a.y - b.y)).toBeGreaterThanOrEqual(2 * REACH);
      }
    });
  }

  it('puts node 0 at the top of an odd cluster and turns an even one flat (4 nodes: a square)', () => {
    const five = homes(layoutFor(5, EMPTY));
    expect(Math.min(...five.map((c) => c.y))).toBe(five[0]!.y);
    const four = homes(layoutFor(4, EMPTY));
    // Node 0 top right, then clockwise: the top row is nodes 3 and 0, the bottom row 2 and 1.
    expect(four[0]!.y).toBeCloseTo(four[3]!.y);
    expect(four[1]!.y).toBeCloseTo(four[2]!.y);
    expect(four[0]!.x).toBeCloseTo(four[1]!.x);
  });

  it('keeps the 5-node cluster compact, so a 400 px tall canvas draws it at zoom 0.8 or more', () => {
    const { bounds } = layoutFor(5, EMPTY);
    expect(400 / bounds.height).toBeGreaterThanOrEqual(0.8);
  });
});

describe('partition regions', () => {
  it('are narrow strips while empty and widen, without moving, when they hold nodes', () => {
    const empty = layoutFor(5, EMPTY);
    const open = layoutFor(5, { a: 1, b: 0 });
    expect(empty.regions.a!.w).toBeLessThan(empty.regions.main.w / 2);
    expect(open.regions.a!.w).toBeGreaterThanOrEqual(2 * 2 * REACH);
    expect(open.regions.a!.x).toBe(empty.regions.a!.x);
    expect(open.regions.b!).toEqual(empty.regions.b!);
    expect(open.bounds.width).toBeGreaterThan(empty.bounds.width);
  });

  for (const arrangement of ['beside', 'below'] as const) {
    it(`${arrangement} the cluster: no region overlaps another, and the bounds hold them all`, () => {
      for (const occ of [EMPTY, { a: 1, b: 0 }, { a: 2, b: 1 }, { a: 3, b: 2 }]) {
        const { regions, bounds } = layoutFor(5, occ, arrangement);
        expect(overlap(regions.main, regions.a!) || overlap(regions.main, regions.b!) || overlap(regions.a!, regions.b!)).toBe(false);
        const box = { x: bounds.x, y: bounds.y, w: bounds.width, h: bounds.height };
        for (const r of Object.values(regions)) expect(inside(box, { x: r.x, y: r.y }) && inside(box, { x: r.x + r.w, y: r.y + r.h })).toBe(true);
      }
    });
  }

  it('go below the cluster on a tall canvas and beside it on a wide one', () => {
    expect(arrangementFor(5, 390, 490)).toBe('below');
    expect(arrangementFor(5, 730, 400)).toBe('beside');
    const below = layoutFor(5, EMPTY, 'below');
    expect(below.regions.a!.y).toBeGreaterThan(below.regions.main.y + below.regions.main.h);
  });

  it('slots and clamps keep a node inside its region, under the title', () => {
    for (const arrangement of ['beside', 'below'] as const) {
      const l = layoutOf(['n1', 'n2', 'n3', 'n4', 'n5'], { n1: 'a', n2: 'a' }, arrangement);
      for (let k = 0; k < 2; k++) expect(inside(l.regions.a!, slotCentre(l, 'a', k, 2), NODE_SIZE / 2)).toBe(true);
      const far = clampInto(l, 'a', { x: -1000, y: -1000 });
      expect(inside(l.regions.a!, far, NODE_SIZE / 2)).toBe(true);
      expect(regionAt(l, far)).toBe('a');
    }
  });

  it('regionAt finds the drop strip of an empty partition and nothing outside the regions', () => {
    const l = layoutFor(5, EMPTY);
    const b = l.regions.b!;
    expect(regionAt(l, { x: b.x + b.w / 2, y: b.y + b.h / 2 })).toBe('b');
    expect(regionAt(l, { x: l.regions.main.w + 5, y: 10 })).toBeNull();
  });
});

describe('a large cluster', () => {
  it('sits on concentric rings beyond 16 nodes, a disc far smaller than one circle of them', () => {
    const l = layoutFor(100, EMPTY);
    expect(l.rings.length).toBeGreaterThan(1);
    expect(l.rings.reduce((s, r) => s + r.count, 0)).toBe(100);
    // One circle of 100 nodes 170 flow px apart would be 170 / (2 sin(π/100)) ≈ 2706 px in radius.
    expect(l.regions.main.w).toBeLessThan(2706);
    expect(layoutFor(16, EMPTY).rings).toHaveLength(1);
  });
});

describe('any number of partition regions', () => {
  const ids = Array.from({ length: 30 }, (_, i) => `n${i + 1}`);

  it('draws one empty region after the last one in use, and at least A and B', () => {
    expect(layoutFor(5, EMPTY).order).toEqual(['main', 'a', 'b']);
    expect(layoutFor(5, { a: 1, b: 1 }).order).toEqual(['main', 'a', 'b', 'c']);
    expect(layoutFor(9, { a: 1, b: 1, c: 2, d: 1 }).order).toEqual(['main', 'a', 'b', 'c', 'd', 'e']);
  });

  for (const arrangement of ['beside', 'below'] as const) {
    it(`${arrangement} the cluster, 8 groups of 30 nodes: no region overlaps another, and each holds its nodes apart`, () => {
      const regionOf: Record<string, string> = {};
      ids.forEach((id, i) => (regionOf[id] = i < 9 ? 'main' : ['a', 'b', 'c', 'd', 'e', 'f', 'g'][i % 7]!));
      const l = layoutOf(ids, regionOf, arrangement);
      const rects = l.order.map((r) => l.regions[r]!);
      for (let i = 0; i < rects.length; i++) for (let j = i + 1; j < rects.length; j++) expect(overlap(rects[i]!, rects[j]!), `${l.order[i]} and ${l.order[j]}`).toBe(false);
      for (const r of l.order.slice(1)) {
        const members = ids.filter((id) => regionOf[id] === r);
        const cs = members.map((_, k) => slotCentre(l, r, k, members.length));
        for (const c of cs) expect(inside(l.regions[r]!, c, NODE_SIZE / 2), `${r} holds its nodes`).toBe(true);
        for (let i = 0; i < cs.length; i++) for (let j = i + 1; j < cs.length; j++) expect(Math.hypot(cs[i]!.x - cs[j]!.x, cs[i]!.y - cs[j]!.y)).toBeGreaterThanOrEqual(NODE_SIZE);
      }
    });
  }

  it('one region holding 40 nodes grows columns to hold them all apart', () => {
    const big = Array.from({ length: 60 }, (_, i) => `n${i + 1}`);
    const regionOf = Object.fromEntries(big.map((id, i) => [id, i < 40 ? 'a' : 'main']));
    const l = layoutOf(big, regionOf, 'beside');
    const cs = Array.from({ length: 40 }, (_, k) => slotCentre(l, 'a', k, 40));
    for (let i = 0; i < cs.length; i++) for (let j = i + 1; j < cs.length; j++) expect(Math.hypot(cs[i]!.x - cs[j]!.x, cs[i]!.y - cs[j]!.y)).toBeGreaterThanOrEqual(NODE_SIZE);
  });
});
