import { describe, expect, it } from 'vitest';
import { bullyConfig } from '../../../core/protocols/bully';
import { initState, inspectNode } from '../../../core/protocols/bully/state';
import { bullyNodeLine } from './look';
import { buildBullyModel } from './model';

const nodes = ['n1', 'n2', 'n3'];

/** detailOf gives node `id`'s detail with coordinator `follows` (itself: it coordinates). */
function detailOf(id: string, follows: string | null, config = bullyConfig()) {
  const s = initState(id, nodes, config);
  s.election.coordinator = follows;
  return inspectNode(s);
}

describe('the bully panel model', () => {
  it('ranks the nodes by score, then id, crashed last, and counts who follows whom', () => {
    const config = bullyConfig({ rank: 'score', priorities: { n1: 50 } });
    const m = buildBullyModel({
      nodeIds: nodes,
      details: { n1: detailOf('n1', 'n1', config), n2: detailOf('n2', 'n1', config), n3: detailOf('n3', 'n1', config) },
      crashed: new Set(['n2']),
    });
    expect(m.rows.map((r) => [r.id, r.role, r.score])).toEqual([
      ['n1', 'coordinator', 150],
      ['n3', 'member', 100],
      ['n2', 'crashed', 100],
    ]);
    expect(m.coordinators).toEqual(['n1']);
    expect(m.followers).toEqual({ n1: 2 });
    expect(m.live).toBe(2);
    expect(m.detectors.n2).toBeNull();
    expect(m.detectors.n1).not.toBeNull();
  });

  it('lists every node that believes it coordinates: two is the split brain', () => {
    const m = buildBullyModel({ nodeIds: nodes, details: { n1: detailOf('n1', 'n3'), n2: detailOf('n2', 'n2'), n3: detailOf('n3', 'n3') }, crashed: new Set() });
    expect(m.coordinators).toEqual(['n3', 'n2']);
  });

  it('shows under a node whom it follows, and its score (or round, ranked by id)', () => {
    expect(bullyNodeLine({ role: 'member', term: 0, votedFor: null, commitIndex: 0, lastLogIndex: 0, lastApplied: 0, fields: { coordinator: 'n5', score: 0, round: 2 } })).toEqual([
      { label: 'follows', value: 'n5' },
      { label: 'round', value: 2 },
    ]);
    expect(bullyNodeLine({ role: 'coordinator', term: 0, votedFor: null, commitIndex: 0, lastLogIndex: 0, lastApplied: 0, fields: { coordinator: 'n1', score: 150, round: 1 } })).toEqual([{ label: 'score', value: 150 }]);
  });
});
