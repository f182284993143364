import { describe, expect, it } from 'vitest';
import { NODE_SIZE } from './geometry';
import { ringOffset, ringsFor, SINGLE_RING_MAX } from './rings';

/** The reach of a node's drawing (its timer ring) from its centre, as in geometry.ts. */
const REACH = NODE_SIZE / 2 + 16;

describe('rings of nodes', () => {
  it('every size from 1 to 100: each node placed once, no two nodes closer than their drawings', () => {
    const crowded: string[] = [];
    for (let n = 1; n <= 100; n++) {
      const rings = ringsFor(n);
      expect(rings.reduce((s, r) => s + r.count, 0), `${n} nodes`).toBe(n);
      expect(rings.map((r) => r.first), `${n} nodes`).toEqual(rings.map((_, k) => rings.slice(0, k).reduce((s, r) => s + r.count, 0)));
      const cs = Array.from({ length: n }, (_, i) => ringOffset(rings, i));
      for (let i = 0; i < n; i++) {
        for (let j = i + 1; j < n; j++) if (Math.hypot(cs[i]!.x - cs[j]!.x, cs[i]!.y - cs[j]!.y) < 2 * REACH) crowded.push(`${n}: ${i}–${j}`);
      }
    }
    expect(crowded).toEqual([]);
  });

  it(`one circle up to ${SINGLE_RING_MAX} nodes, then rings outermost first, each smaller than the last`, () => {
    expect(ringsFor(SINGLE_RING_MAX)).toHaveLength(1);
    const rings = ringsFor(SINGLE_RING_MAX + 1);
    expect(rings.length).toBeGreaterThan(1);
    const big = ringsFor(100);
    for (let k = 1; k < big.length; k++) expect(big[k]!.radius).toBeLessThan(big[k - 1]!.radius);
  });

  it('one node sits at the centre and no nodes make no rings', () => {
    const c = ringOffset(ringsFor(1), 0);
    expect(Math.hypot(c.x, c.y)).toBe(0);
    expect(ringsFor(0)).toEqual([]);
  });
});
