/** Partitioning from the canvas records an action only when the partition or its drawing changes. */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { TimelineAction } from '../../core/scenario/types';
import type { Controller } from '../controller/controller';
import { useStore } from '../store/store';
import type { RegionId } from '../store/types';
import { moveToRegion } from './partition';

const IDS = ['n1', 'n2', 'n3'];

/** controllerWith fakes the controller: the timeline in force, and a spy for repartition. */
function controllerWith(timeline: TimelineAction[]) {
  const repartition = vi.fn(() => Promise.resolve());
  const controller = { repartition, current: () => ({ scenario: { timeline }, now: 500 }) } as unknown as Controller;
  return { controller, repartition };
}

/** drawn sets the store as the canvas draws it: n1 alone in `region`, the bus cut the same way. */
function drawn(region: RegionId) {
  useStore.setState({ nodeIds: IDS, regionOf: { n1: region, n2: 'main', n3: 'main' }, groups: [['n1'], ['n2', 'n3']] });
}

describe('partitioning from the canvas', () => {
  beforeEach(() => useStore.setState({ nodeIds: IDS, regionOf: {}, groups: [IDS] }));

  it('a node nudged within its region records nothing, even under a scripted partition with no regions', () => {
    drawn('a');
    const { controller, repartition } = controllerWith([{ at: 100, action: 'partition', groups: [['n1'], ['n2', 'n3']] }]);
    moveToRegion(['n1'], 'a', controller);
    moveToRegion(['n2'], 'main', controller);
    expect(repartition).not.toHaveBeenCalled();
  });

  it('the same groups moved to another region are recorded with their new regions', () => {
    drawn('a');
    const { controller, repartition } = controllerWith([{ at: 100, action: 'partition', groups: [['n2', 'n3'], ['n1']], regions: ['main', 'a'] }]);
    moveToRegion(['n1'], 'b', controller);
    expect(repartition).toHaveBeenCalledWith([['n2', 'n3'], ['n1']], ['main', 'b']);
  });

  it('a node moved into a partition records the new groups', () => {
    const { controller, repartition } = controllerWith([]);
    moveToRegion(['n2'], 'b', controller);
    expect(repartition).toHaveBeenCalledWith([['n1', 'n3'], ['n2']], ['main', 'b']);
  });
});
