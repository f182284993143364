/**
 * Each teaching bug's example must break the property it claims under its seed, and the very same
 * scenario with the bug switched off must keep every Figure 3 property.
 */
import { describe, expect, it } from 'vitest';
import { RAFT_BUG_IDS, type RaftBug } from './bugs';
import { MonitoredRun } from './monitored-run';
import { BUG_EXAMPLES, withoutBugs } from './bug-examples';
import type { Scenario } from '../../scenario/types';

const run = (s: Scenario) => new MonitoredRun(s).runUntil(s.until);

describe('bug examples', () => {
  it('there is one example per bug, with a distinct id', () => {
    expect(Object.keys(BUG_EXAMPLES).sort()).toEqual([...RAFT_BUG_IDS].sort());
    expect(new Set(Object.values(BUG_EXAMPLES).map((e) => e.id)).size).toBe(RAFT_BUG_IDS.length);
  });

  describe.each(RAFT_BUG_IDS.map((bug) => ({ bug, ex: BUG_EXAMPLES[bug] })))('$bug ($ex.id)', ({ bug, ex }) => {
    it(`switches on ${bug} alone and tells its story`, () => {
      const s = ex.build();
      expect(s.config.bugs).toEqual([bug]);
      expect(s.name).toBeTruthy();
      expect(s.description!.length).toBeGreaterThan(80);
      expect(s.until).toBeLessThanOrEqual(2000);
    });

    it(`with the bug on, the monitor reports ${ex.property} (first: ${ex.first.property} at ${ex.first.t} ms)`, () => {
      const r = run(ex.build());
      const vs = r.monitor.violations;
      expect(vs.map((v) => v.property)).toContain(ex.property);
      expect({ property: vs[0]!.property, t: vs[0]!.t }).toEqual(ex.first);
    });

    it('with the bug off, the same timeline keeps every property', () => {
      const s = withoutBugs(ex.build());
      expect(s.config.bugs).toEqual([]);
      expect({ ...s, config: { ...s.config, bugs: [bug] } }).toEqual(ex.build());
      const r = run(s);
      expect(r.monitor.violations).toEqual([]);
    });
  });

  /** Client outcomes of a run: each completed op as `client f result`, in order. */
  const outcomes = (r: MonitoredRun) =>
    r.records('client').filter((c) => c.phase === 'ok').map((c) => ({ t: c.t, client: c.client, f: c.op.f, result: c.result }));

  it.each<RaftBug>(['apply-before-quorum', 'vote-without-log-check'])(
    '%s: an acknowledged put x = 1 is lost, so a later read of x finds nothing (not linearizable)',
    (bug) => {
      const on = outcomes(run(BUG_EXAMPLES[bug].build()));
      const put = on.find((o) => o.client === 'c1' && o.f === 'put');
      const read = on.find((o) => o.client === 'c2' && o.f === 'get');
      expect(put).toBeDefined();
      expect(read).toMatchObject({ result: null });
      // The read was invoked after the put returned ok: it had to see x = 1.
      const s = BUG_EXAMPLES[bug].build();
      const readAt = s.timeline.find((a) => a.action === 'request' && a.client === 'c2')!.at;
      expect(put!.t).toBeLessThan(readAt);
    },
  );

  it('apply-before-quorum, bug off: the put is acknowledged only after the read, once it commits, and x = 1 survives', () => {
    const r = run(withoutBugs(BUG_EXAMPLES['apply-before-quorum'].build()));
    const off = outcomes(r);
    const put = off.find((o) => o.client === 'c1')!;
    const read = off.find((o) => o.client === 'c2')!;
    expect(read).toMatchObject({ f: 'get', result: null });
    expect(put.t).toBeGreaterThan(read.t); // the put and the read overlap: reading nothing is allowed
    for (const id of r.sim.scenario.nodes) expect(r.hosts.inspect(id).kv, id).toEqual({ x: '1' });
  });

  it('forget-voted-for: n2 restarts with votedFor forgotten and votes again in term 1', () => {
    const r = run(BUG_EXAMPLES['forget-voted-for'].build());
    const n2 = r.records('state').filter((s) => s.node === 'n2' && s.term === 1).map((s) => s.votedFor);
    expect(n2).toEqual(expect.arrayContaining(['n1', null, 'n3']));
    const leaders = r.records('state').filter((s) => s.role === 'leader' && s.term === 1).map((s) => s.node);
    expect(new Set(leaders)).toEqual(new Set(['n1', 'n3']));
  });

  it('each bug with a note says so in the trace, and only when switched on', () => {
    for (const bug of ['commit-old-terms', 'vote-without-log-check', 'apply-before-quorum', 'skip-consistency-check'] as const) {
      const tag = `(bug ${bug})`;
      const s = BUG_EXAMPLES[bug].build();
      expect(run(s).records('note').some((n) => n.text.includes(tag)), bug).toBe(true);
      expect(run(withoutBugs(s)).records('note').some((n) => n.text.includes('(bug ')), bug).toBe(false);
    }
  });
});
