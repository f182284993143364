import { describe, expect, it } from 'vitest';
import { example } from '../../scenario/examples';
import { showQuery, query } from './lattice';
import { runCrdt, type CrdtRun } from './testkit';

const values = (run: CrdtRun) => [...run.states.values()].map((s) => showQuery(query(s.payload)));
const replies = (run: CrdtRun) => run.history.filter((r) => r.phase === 'ok' || r.phase === 'fail' || r.phase === 'info');

describe('crdt examples (Shapiro et al. 2011)', () => {
  it('counters on both sides of a partition: each side sums its own, and all six agree on 13 after the heal', () => {
    const run = runCrdt(example('crdt-counters-partition'));
    expect(values(run)).toEqual(Array(6).fill('13'));
    expect(run.check()).toMatchObject({ verdict: 'ok', operations: 5 });
    expect(run.monitor.violations).toEqual([]);
    const before = run.records.filter((r) => r.kind === 'merge' && r.t < 3000 && ['n1', 'n2', 'n3'].includes(String(r.from)));
    expect(before.every((r) => ['n1', 'n2', 'n3'].includes(r.node)), 'no merge crosses the partition').toBe(true);
  });

  it('OR-Set: the concurrent add wins, x stays; with remove-wins the lamp and the check both catch the bug', () => {
    const ok = runCrdt(example('crdt-or-set-add-wins'));
    expect(values(ok)).toEqual(Array(4).fill('{x, y}'));
    expect(ok.check().verdict).toBe('ok');
    expect(ok.monitor.violations).toEqual([]);
    const bug = runCrdt(example('crdt-bug-remove-wins'));
    expect(bug.monitor.violations.map((v) => v.property)).toContain('Equal updates, equal states');
    expect(bug.check()).toMatchObject({ verdict: 'fail' });
    expect(bug.check().reason).toMatch(/n\d holds \{y\} but n\d holds \{x, y\}|semantics give \{x, y\}/);
  });

  it('LWW under skew: the raw clock loses the acknowledged write B (flagged); causal timestamps keep it', () => {
    const bug = runCrdt(example('crdt-lww-skew'));
    expect(values(bug)).toEqual(Array(3).fill('"A"'));
    const r = bug.check();
    expect(r.verdict).toBe('fail');
    expect(r.reason).toMatch(/acknowledged write "B" at n3 .* was lost/);
    expect(bug.history.filter((h) => h.phase === 'ok' && h.op.f === 'set').map((h) => h.op.value)).toEqual(['A', 'B']);
    const ok = runCrdt(example('crdt-lww-causal'));
    expect(values(ok)).toEqual(Array(3).fill('"B"'));
    expect(ok.check().verdict).toBe('ok');
    expect(replies(ok).length).toBeGreaterThan(0);
  });

  it('op-based OR-Set: n3 buffers the remove until its add is delivered, and all end with {z}', () => {
    const run = runCrdt(example('crdt-op-or-set-causal'));
    const delivered = run.records.filter((r) => r.kind === 'deliver' && r.node === 'n3').map((r) => `${r.f} ${r.elem}`);
    expect(delivered.indexOf('add x')).toBeLessThan(delivered.indexOf('remove x'));
    expect(run.records.some((r) => r.kind === 'deliver' && r.node === 'n3' && r.f === 'remove')).toBe(true);
    expect(values(run)).toEqual(Array(3).fill('{z}'));
    expect(run.check().verdict).toBe('ok');
    expect(run.monitor.violations).toEqual([]);
  });

  it('vclock-min-merge: the replicas diverge and strong eventual consistency fails', () => {
    const run = runCrdt(example('crdt-bug-vclock-min-merge'));
    expect(run.check().verdict).toBe('fail');
  });

  it('20 replicas converge on 20 by anti-entropy, and merges record before and after', () => {
    const run = runCrdt(example('crdt-20-replicas'));
    expect(values(run)).toEqual(Array(20).fill('20'));
    expect(run.check().verdict).toBe('ok');
    const m = run.records.find((r) => r.kind === 'merge')!;
    expect(m).toMatchObject({ before: { type: 'g-counter' }, after: { type: 'g-counter' } });
    expect(m.before).not.toEqual(m.after);
  });
});
