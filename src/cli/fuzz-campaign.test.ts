import { describe, expect, it } from 'vitest';
import { campaignDifferences, coalesce, describeRanges, missingFrom, shardSlice, type Campaign } from './fuzz-campaign';

describe('shardSlice', () => {
  it('cuts any range into N contiguous, disjoint slices whose union is the range and whose sizes differ by at most one', () => {
    for (const count of [1, 2, 3, 7, 10, 97, 1000]) {
      for (const n of [1, 2, 3, 4, 7, 10, 64].filter((x) => x <= count)) {
        const range = { from: 42, count };
        const slices = Array.from({ length: n }, (_, i) => shardSlice(range, i + 1, n));
        const seeds = slices.flatMap((s) => Array.from({ length: s.count }, (_, i) => s.from + i));
        expect(seeds).toEqual(Array.from({ length: count }, (_, i) => 42 + i));
        const sizes = slices.map((s) => s.count);
        expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
        expect(Math.min(...sizes)).toBeGreaterThan(0);
      }
    }
  });

  it('gives shard 2 of 3 of seeds 1–10 the middle block', () => {
    expect(shardSlice({ from: 1, count: 10 }, 2, 3)).toEqual({ from: 4, count: 3 });
  });

  it('refuses K outside 1..N and more shards than seeds', () => {
    expect(() => shardSlice({ from: 1, count: 10 }, 0, 3)).toThrow(RangeError);
    expect(() => shardSlice({ from: 1, count: 10 }, 4, 3)).toThrow(RangeError);
    expect(() => shardSlice({ from: 1, count: 2 }, 1, 3)).toThrow(/1 ≤ K ≤ N ≤ 2/);
  });
});

describe('seed ranges', () => {
  it('coalesce joins touching ranges in order', () => {
    expect(coalesce([{ from: 11, count: 5 }, { from: 1, count: 10 }, { from: 20, count: 1 }])).toEqual([
      { from: 1, count: 15 },
      { from: 20, count: 1 },
    ]);
  });

  it('missingFrom lists the gaps at the start, between and at the end', () => {
    expect(missingFrom({ from: 1, count: 30 }, [{ from: 4, count: 3 }, { from: 11, count: 10 }])).toEqual([
      { from: 1, count: 3 },
      { from: 7, count: 4 },
      { from: 21, count: 10 },
    ]);
    expect(missingFrom({ from: 1, count: 30 }, [{ from: 1, count: 30 }])).toEqual([]);
  });

  it('describeRanges reads as a person writes it', () => {
    expect(describeRanges([{ from: 1, count: 10 }])).toBe('seeds 1–10');
    expect(describeRanges([{ from: 1, count: 10 }, { from: 21, count: 1 }])).toBe('seeds 1–10, 21');
  });
});

describe('campaignDifferences', () => {
  const c: Campaign = { protocol: 'raft', bugs: [], seeds: { from: 1, count: 9 }, shards: 3, chaos: { durationMs: 5000 }, shrink: 3, links: 10, baseUrl: 'http://x/' };
  it('is empty for the same campaign and names each differing option otherwise', () => {
    expect(campaignDifferences(c, structuredClone(c))).toEqual([]);
    expect(campaignDifferences(c, { ...c, protocol: 'pbft', chaos: {}, bugs: ['x'] })).toEqual([
      'protocol: raft vs pbft',
      'bugs: none vs x',
      '--duration: 5000 vs (default)',
    ]);
  });
});
