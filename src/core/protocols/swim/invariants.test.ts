/** SWIM's lamps fire on the runs that break them, and only then (more-protocols.md §7, Invariants). */
import { describe, expect, it } from 'vitest';
import type { ClusterView } from '../../protocol';
import type { TraceRecord } from '../../trace';
import { SwimSafetyMonitor } from './invariants';
import { member } from './testkit';

const rec = (t: number, node: string, kind: string, fields: Record<string, unknown>): TraceRecord => ({ t, type: 'record', kind, node, ...fields }) as TraceRecord;
const emptyView: ClusterView = { inspect: () => { throw new Error('unused'); }, state: () => undefined };

describe('SwimSafetyMonitor', () => {
  it('No dead resurrection: alive at the dead incarnation is a violation, alive above it is not', () => {
    const m = new SwimSafetyMonitor(['n1', 'n2', 'n3'], emptyView);
    m.observe(rec(1, 'n3', 'refutation', { incarnation: 1 }));
    m.observe(rec(2, 'n1', 'membership', { member: 'n3', state: 'dead', incarnation: 1 }));
    m.observe(rec(3, 'n1', 'membership', { member: 'n3', state: 'alive', incarnation: 1 }));
    expect(m.violations.map((v) => v.property)).toEqual(['No dead resurrection without a higher incarnation']);
    const ok = new SwimSafetyMonitor(['n1', 'n3'], emptyView);
    ok.observe(rec(1, 'n3', 'refutation', { incarnation: 2 }));
    ok.observe(rec(2, 'n1', 'membership', { member: 'n3', state: 'dead', incarnation: 1 }));
    ok.observe(rec(3, 'n1', 'membership', { member: 'n3', state: 'alive', incarnation: 2 }));
    expect(ok.violations).toEqual([]);
  });

  it('Only a member raises its incarnation: an incarnation the member never announced is a violation', () => {
    const m = new SwimSafetyMonitor(['n1', 'n3'], emptyView);
    m.observe(rec(1, 'n1', 'membership', { member: 'n3', state: 'suspect', incarnation: 0 }));
    expect(m.violations).toEqual([]);
    m.observe(rec(2, 'n1', 'membership', { member: 'n3', state: 'alive', incarnation: 4 }));
    expect(m.violations[0]).toMatchObject({ property: 'Only a member raises its incarnation', nodes: ['n1', 'n3'] });
  });

  it('Refutation wins: a node holding a member suspect below an alive incarnation it heard is a violation', () => {
    const n1 = member('n1', 3);
    n1.state.members.set('n3', { state: 'suspect', inc: 0, since: 5 });
    const view: ClusterView = { inspect: () => { throw new Error('unused'); }, state: (id) => (id === 'n1' ? n1.state : undefined) };
    const m = new SwimSafetyMonitor(['n1'], view);
    m.check(10);
    expect(m.violations).toEqual([]);
    n1.state.heardAlive.set('n3', 1);
    m.check(11);
    expect(m.violations[0]).toMatchObject({ property: 'Refutation wins', t: 11 });
  });
});
