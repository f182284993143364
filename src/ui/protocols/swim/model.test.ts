import { describe, expect, it } from 'vitest';
import type { NodeDetail } from '../../../core/protocol';
import { SWIM_DEFAULTS, type MemberView, type SwimDetail } from '../../../core/protocols/swim';
import { buildSwimModel } from './model';

const detail = (members: MemberView[], role: SwimDetail['role'] = 'member'): NodeDetail => ({
  summary: { role, term: 0, votedFor: null, commitIndex: 0, lastLogIndex: 0, lastApplied: 0 },
  log: [],
  kv: {},
  extra: {},
  protocolDetail: { inc: 0, role, members, buffered: [], config: SWIM_DEFAULTS } satisfies SwimDetail,
});
const alive = (member: string): MemberView => ({ member, state: 'alive', inc: 0, since: 0 });

describe('buildSwimModel', () => {
  const details = {
    n1: detail([alive('n2'), { member: 'n3', state: 'dead', inc: 0, since: 500 }]),
    n2: detail([alive('n1'), { member: 'n3', state: 'dead', inc: 0, since: 800 }]),
    n4: detail([alive('n1'), { member: 'n3', state: 'suspect', inc: 0, since: 300 }]),
    n5: detail([], 'joining'),
  };
  const m = buildSwimModel({ nodeIds: ['n1', 'n2', 'n3', 'n4', 'n5'], details, crashed: new Set(['n3']), selected: 'n2', chosen: null });

  it('plots the newest change: the fraction of live members holding it, a step per member, from its first holder', () => {
    expect(m.live).toBe(3);
    expect(m.change).toMatchObject({ member: 'n3', state: 'dead', inc: 0, holders: 2, firstAt: 500 });
    expect(m.spread).toEqual([
      [0, 1 / 3],
      [300, 2 / 3],
    ]);
    expect(m.changes.map((c) => c.key)).toEqual(['n3 dead@0', 'n3 suspect@0']);
  });

  it('shows the selected node’s list, and a chosen change', () => {
    expect(m.node).toBe('n2');
    expect(m.members.map((x) => x.member)).toEqual(['n1', 'n3']);
    const s = buildSwimModel({ nodeIds: ['n1', 'n2', 'n4'], details, crashed: new Set(), selected: null, chosen: 'n3 suspect@0' });
    expect(s.change).toMatchObject({ state: 'suspect', holders: 1 });
    expect(s.node).toBe('n1');
  });
});
