import { beforeEach, describe, expect, it } from 'vitest';
import { centreOf, layoutOf, NODE_SIZE, type Rect } from '../topology/geometry';
import { useStore } from './store';

const ids = ['n1', 'n2', 'n3', 'n4', 'n5'];
const centres = () => Object.fromEntries(useStore.getState().flowNodes.map((n) => [n.id, centreOf(n.position)]));
const holds = (r: Rect, c: { x: number; y: number }) => c.x - NODE_SIZE / 2 >= r.x && c.x + NODE_SIZE / 2 <= r.x + r.w && c.y - NODE_SIZE / 2 >= r.y && c.y + NODE_SIZE / 2 <= r.y + r.h;

describe('node placement in partition regions', () => {
  beforeEach(() => {
    useStore.getState().setArrangement('beside');
    useStore.getState().setScenario({ name: 't', description: '', protocolTitle: 'Raft', seed: 1, nodeIds: ids, exampleId: null, bugs: [], protocol: 'raft', config: {} });
  });

  it('bus groups put each cut-off node inside its widened region, apart from the others', () => {
    useStore.getState().applyBusGroups([['n1', 'n2', 'n3'], ['n4', 'n5']]);
    const st = useStore.getState();
    const layout = layoutOf(ids, st.regionOf, st.arrangement);
    const c = centres();
    const region = st.regionOf.n4!;
    expect(region).not.toBe('main');
    expect(st.regionOf.n5).toBe(region);
    expect(holds(layout.regions[region]!, c.n4!) && holds(layout.regions[region]!, c.n5!)).toBe(true);
    expect(Math.hypot(c.n4!.x - c.n5!.x, c.n4!.y - c.n5!.y)).toBeGreaterThanOrEqual(NODE_SIZE);
  });

  it('moving the regions below the cluster (a tall canvas) takes their nodes along', () => {
    useStore.getState().applyBusGroups([['n1', 'n2', 'n3'], ['n4', 'n5']]);
    useStore.getState().setArrangement('below');
    const st = useStore.getState();
    const layout = layoutOf(ids, st.regionOf, 'below');
    const region = st.regionOf.n4!;
    const c = centres();
    expect(layout.regions[region]!.y).toBeGreaterThan(layout.regions.main.h);
    expect(holds(layout.regions[region]!, c.n4!) && holds(layout.regions[region]!, c.n5!)).toBe(true);
  });

  it('a partition of four groups, scripted or by chaos, is drawn as four regions, each holding its nodes apart', () => {
    const many = Array.from({ length: 14 }, (_, i) => `n${i + 1}`);
    useStore.getState().setScenario({ name: 't', description: '', protocolTitle: 'Raft', seed: 1, nodeIds: many, exampleId: null, bugs: [], protocol: 'raft', config: {} });
    const groups = [many.slice(0, 5), many.slice(5, 9), many.slice(9, 12), many.slice(12)];
    useStore.getState().applyBusGroups(groups);
    const st = useStore.getState();
    const regionOfGroup = groups.map((g) => st.regionOf[g[0]!]!);
    expect(new Set(regionOfGroup).size).toBe(4);
    for (const [k, g] of groups.entries()) for (const id of g) expect(st.regionOf[id], id).toBe(regionOfGroup[k]);
    const layout = layoutOf(many, st.regionOf, st.arrangement);
    const c = centres();
    for (const [k, g] of groups.entries()) {
      const r = regionOfGroup[k]!;
      if (r === 'main') continue;
      for (const id of g) expect(holds(layout.regions[r]!, c[id]!), `${id} inside ${r}`).toBe(true);
      for (const p of g) for (const q of g) if (p < q) expect(Math.hypot(c[p]!.x - c[q]!.x, c[p]!.y - c[q]!.y), `${p} and ${q}`).toBeGreaterThanOrEqual(NODE_SIZE);
    }
    useStore.getState().applyBusGroups([many]);
    expect(Object.values(useStore.getState().regionOf).every((r) => r === 'main')).toBe(true);
  });
});
