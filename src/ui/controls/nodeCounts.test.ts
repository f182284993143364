import { describe, expect, it } from 'vitest';
import { example, exampleIds } from '../../core/scenario/examples';
import { parseScenario, SCENARIO_LIMITS } from '../../core/scenario/schema';
import { decodeShare, encodeShare } from '../../core/scenario/share';
import { EMPTY, homeCentre, layoutFor, NODE_SIZE } from '../topology/geometry';
import { EVERY_SIZE_MAX, NODE_COUNTS } from './nodeCounts';

describe('one node limit', () => {
  it('the node-count control offers every size up to 12, then steps up to the largest a scenario may have', () => {
    expect(NODE_COUNTS[0]).toBe(SCENARIO_LIMITS.minNodes);
    expect(NODE_COUNTS.at(-1)).toBe(SCENARIO_LIMITS.maxNodes);
    expect(NODE_COUNTS.slice(0, EVERY_SIZE_MAX)).toEqual(Array.from({ length: EVERY_SIZE_MAX }, (_, i) => i + 1));
    expect(NODE_COUNTS).toEqual([...NODE_COUNTS].sort((a, b) => a - b));
    expect(new Set(NODE_COUNTS).size).toBe(NODE_COUNTS.length);
    expect(NODE_COUNTS).toContain(50);
  });

  it('every built-in example has a size the control offers', () => {
    for (const id of exampleIds()) expect(NODE_COUNTS, id).toContain(example(id).nodes.length);
  });

  it('a share link holds the largest cluster, and not one more node', () => {
    const big = parseScenario({ version: 1, protocol: 'raft', nodes: SCENARIO_LIMITS.maxNodes });
    expect(decodeShare(encodeShare(big, null)).scenario.nodes).toHaveLength(SCENARIO_LIMITS.maxNodes);
    const tooBig = { ...big, nodes: [...big.nodes, 'x101'] };
    expect(() => decodeShare(encodeShare(tooBig, null))).toThrow(/nodes must list 1 to 100 node ids/);
  });

  it('every offered size is laid out legibly: no two nodes overlap, all inside the cluster region', () => {
    for (const n of NODE_COUNTS) {
      const layout = layoutFor(n, EMPTY);
      const main = layout.regions.main;
      const cs = Array.from({ length: n }, (_, i) => homeCentre(layout, i));
      for (let i = 0; i < n; i++) {
        const c = cs[i]!;
        expect(c.x - NODE_SIZE / 2, `${n} nodes: node ${i} left`).toBeGreaterThanOrEqual(main.x);
        expect(c.x + NODE_SIZE / 2, `${n} nodes: node ${i} right`).toBeLessThanOrEqual(main.x + main.w);
        expect(c.y - NODE_SIZE / 2, `${n} nodes: node ${i} top`).toBeGreaterThanOrEqual(main.y);
        expect(c.y + NODE_SIZE / 2, `${n} nodes: node ${i} bottom`).toBeLessThanOrEqual(main.y + main.h);
        for (let j = i + 1; j < n; j++) {
          const d = Math.hypot(c.x - cs[j]!.x, c.y - cs[j]!.y);
          expect(d, `${n} nodes: ${i} and ${j} apart`).toBeGreaterThanOrEqual(NODE_SIZE + 16);
        }
      }
    }
  });
});
