import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../core/scenario/schema';
import { decodeShare, encodeShare } from '../../core/scenario/share';
import type { TimelineAction } from '../../core/scenario/types';
import { assignRegions } from './geometry';
import { drawnRegions, partitionOf } from './regionHint';

const IDS = ['n1', 'n2', 'n3', 'n4', 'n5'];
const MAIN = Object.fromEntries(IDS.map((id) => [id, 'main' as const]));

describe('region hints', () => {
  it('a node dropped into Partition B is recorded with its region', () => {
    expect(partitionOf(IDS, { ...MAIN, n1: 'b' })).toEqual({ groups: [['n2', 'n3', 'n4', 'n5'], ['n1']], regions: ['main', 'b'] });
    expect(partitionOf(IDS, { ...MAIN, n1: 'a', n2: 'b' })).toEqual({ groups: [['n3', 'n4', 'n5'], ['n1'], ['n2']], regions: ['main', 'a', 'b'] });
  });

  it('a share link round trip draws Partition B back as B (without the hint, the first free region A)', () => {
    const { groups, regions } = partitionOf(IDS, { ...MAIN, n1: 'b' });
    const s = parseScenario({ version: 1, protocol: 'raft', nodes: 5, timeline: [{ at: 100, action: 'partition', groups, regions }] });
    const back = decodeShare(encodeShare(s, { events: 10, t: 200 })).scenario;
    const busGroups = [['n1'], ['n2', 'n3', 'n4', 'n5']];
    const drawn = drawnRegions(back.timeline, 200, busGroups);
    expect(drawn).toEqual({ ...MAIN, n1: 'b' });
    expect(assignRegions(busGroups, MAIN, drawn).n1).toBe('b');
    expect(assignRegions(busGroups, MAIN).n1).toBe('a');
  });

  it('gives no hint when the partition in force is not the hinted one', () => {
    const part: TimelineAction = { at: 100, action: 'partition', groups: [['n1'], ['n2', 'n3', 'n4', 'n5']], regions: ['b', 'main'] };
    const busGroups = [['n1'], ['n2', 'n3', 'n4', 'n5']];
    expect(drawnRegions([part], 50, busGroups)).toBeNull(); // not yet applied
    expect(drawnRegions([part, { at: 150, action: 'heal' }], 200, [IDS])).toBeNull();
    expect(drawnRegions([part, { at: 150, action: 'isolate', node: 'n2' }], 200, busGroups)).toBeNull();
    expect(drawnRegions([{ ...part, regions: undefined }], 200, busGroups)).toBeNull(); // scripted
    expect(drawnRegions([{ ...part, regions: ['b', 'nowhere'] }], 200, busGroups)).toBeNull();
    expect(drawnRegions([part], 200, [['n1', 'n2'], ['n3', 'n4', 'n5']])).toBeNull(); // the bus disagrees
  });

  it('a partition of five groups is recorded, hinted and drawn back in five regions; five unhinted groups get five regions', () => {
    const regionOf = { n1: 'main', n2: 'a', n3: 'b', n4: 'c', n5: 'd' };
    const { groups, regions } = partitionOf(IDS, regionOf);
    expect(regions).toEqual(['main', 'a', 'b', 'c', 'd']);
    const drawn = drawnRegions([{ at: 1, action: 'partition', groups, regions }], 2, groups);
    expect(drawn).toEqual(regionOf);
    const unhinted = assignRegions(groups, MAIN);
    expect(new Set(Object.values(unhinted)).size).toBe(5);
    expect(unhinted.n1).toBe('main');
  });

  it('region names beyond Z are hints too; names no region has are not', () => {
    const groups = [['n1'], ['n2', 'n3', 'n4', 'n5']];
    expect(drawnRegions([{ at: 1, action: 'partition', groups, regions: ['p27', 'main'] }], 2, groups)?.n1).toBe('p27');
    expect(drawnRegions([{ at: 1, action: 'partition', groups, regions: ['p2', 'main'] }], 2, groups)).toBeNull();
  });
});
