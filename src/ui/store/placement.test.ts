import { beforeEach, describe, expect, it } from 'vitest';
import { centreOf, layoutOf, NODE_SIZE, type Rect } from '../topology/geometry';
import { useStore } from './store';

const ids = ['n1', 'n2', 'n3', 'n4', 'n5'];
const centres = () => Object.fromEntries(useStore.getState().flowNodes.map((n) => [n.id, centreOf(n.position)]));
const holds = (r: Rect, c: { x: number; y: number }) => c.x - NODE_SIZE / 2 >= r.x && c.x + NODE_SIZE / 2 <= r.x + r.w && c.y - NODE_SIZE / 2 >= r.y && c.y + NODE_SIZE / 2 <= r.y + r.h;

describe('node placement in partition regions', () => {
  beforeEach(() => {
    useStore.getState().setArrangement('beside');
    useStore.getState().setScenario({ name: 't', description: '', protocolTitle: 'Raft', seed: 1, nodeIds: ids, exampleId: null, bugs: [], protocol: 'raft' });
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
});
