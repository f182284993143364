/**
 * The Paxos panel's model, from real runs of the examples: the acceptors' votes by slot, the
 * values chosen (two in a slot under unsafe Flexible quorums), and the Flexible Paxos warning.
 */
import { describe, expect, it } from 'vitest';
import { PAXOS_EXAMPLES } from '../../../core/protocols/paxos/examples';
import { runRaw } from '../../../core/protocols/paxos/testkit';
import { buildPaxosModel } from './model';
import { paxosNodeLine } from './look';

function modelOf(id: string) {
  const r = runRaw(PAXOS_EXAMPLES[id]!);
  const nodes = r.run.sim.scenario.nodes;
  return buildPaxosModel(nodes, Object.fromEntries(nodes.map((n) => [n, r.run.hosts.inspect(n)])), new Set());
}

describe('Paxos panel model', () => {
  it('single-decree: five acceptors each accepted 1.n1 c1#1, which is chosen; no warning', () => {
    const m = modelOf('paxos-single');
    expect(m.mode).toBe('single');
    expect(m.warning).toBeNull();
    expect(m.chosen).toEqual({ 1: ['c1#1 put x=1'] });
    expect(m.acceptors.map((a) => [a.id, a.promised, a.cells[1]?.ballot])).toEqual(['n1', 'n2', 'n3', 'n4', 'n5'].map((n) => [n, '1.n1', '1.n1']));
  });

  it('unsafe Flexible quorums: the warning, and two values chosen in the decree', () => {
    const m = modelOf('paxos-flexible-unsafe');
    expect(m.warning).toMatch(/^\|Q1\| \+ \|Q2\| = 1 \+ 2 ≤ 3 acceptors/);
    expect(m.chosen[1]).toHaveLength(2);
    expect([m.q1, m.q2]).toEqual([1, 2]);
  });

  it('bug story A: the panel shows both values, the learners\' Y and the X that n3 and n4 hold in ballot 1.n1', () => {
    const m = modelOf('paxos-bug-accept-below-promise');
    expect(m.chosen[1]?.sort()).toEqual(['c1#1 put x=X', 'c2#1 put x=Y']);
  });

  it('Multi-Paxos: slots in order, with the no-op gap chosen', () => {
    const m = modelOf('paxos-multi-gap');
    expect(m.slots.slice(0, 3)).toEqual([1, 2, 3]);
    expect(m.chosen[2]).toEqual(['no-op']);
  });

  it('the node line shows the promise and the chosen decree', () => {
    expect(paxosNodeLine({ role: 'acceptor', term: 1, votedFor: null, commitIndex: 1, lastLogIndex: 1, lastApplied: 1, fields: { promised: '1.n1', chosen: 'c1#1' } })).toEqual([
      { label: 'prom', value: '1.n1' },
      { label: 'chosen', value: 'c1#1' },
    ]);
  });
});
