/** The scripted chaos stories tell what their descriptions say, with Figure 3 intact and linearizable histories. */
import { describe, expect, it } from 'vitest';
import { CheckedRun } from '../check/checked-run';
import { checkLinearizability, historyFromTrace, kvModel } from '../check/linearizability';
import { example } from '../scenario/examples';
import type { TraceRecord } from '../trace';

function run(id: string) {
  const trace: TraceRecord[] = [];
  const r = new CheckedRun(example(id), { trace: (x) => trace.push(x) }).runToEnd();
  const lin = checkLinearizability(historyFromTrace(r.history), kvModel());
  const leaders = trace.flatMap((x) => (x.type === 'state' && x.role === 'leader' ? [{ node: x.node, term: x.term, t: x.t }] : []));
  return { r, trace, lin, leaders, recoveries: r.recorder.recoveries(r.sim.now, 1000) };
}

describe('chaos stories', () => {
  it('split-brain: the minority leader cannot commit, the majority elects another, all converge after healing', () => {
    const { r, lin, leaders, recoveries } = run('split-brain');
    expect(r.found).toEqual([]);
    expect(lin.verdict).toBe('linearizable');
    const before = leaders.filter((l) => l.t < 1000).at(-1)!;
    expect(['n1', 'n2']).toContain(before.node);
    const after = leaders.find((l) => l.t > 1000 && l.t < 5000)!;
    expect(['n3', 'n4', 'n5']).toContain(after.node);
    expect(after.term).toBeGreaterThan(before.term);
    expect(recoveries[0]!.recoveryMs).toBeGreaterThan(0);
    // Every write succeeds in the end (c2 retries after the heal), and every node holds the same value.
    expect(r.recorder.ops).toEqual({ submitted: 4, ok: 4, fail: 0, info: 0 });
    const values = new Set(r.sim.scenario.nodes.map((id) => r.hosts.inspect(id).kv.x));
    expect(values.size).toBe(1);
  });

  it('rolling restart: every node goes down once, the appends all land, and only losing the leader costs time', () => {
    const { r, lin, recoveries } = run('rolling-restart');
    expect(r.found).toEqual([]);
    expect(lin.verdict).toBe('linearizable');
    expect(recoveries.map((x) => x.text)).toEqual(['crash n1', 'crash n2', 'crash n3', 'crash n4', 'crash n5']);
    expect(recoveries.filter((x) => x.recoveryMs! > 0).length).toBeGreaterThanOrEqual(1);
    expect(r.recorder.ops.ok).toBe(r.recorder.ops.submitted);
  });

  it('cascading failures: with three of five down nothing commits until they return', () => {
    const { r, lin, trace, recoveries } = run('cascading-failures');
    expect(r.found).toEqual([]);
    expect(lin.verdict).toBe('linearizable');
    const oks = trace.filter((x) => x.type === 'client' && x.phase === 'ok').map((x) => x.t);
    expect(oks.some((t) => t > 4500 && t < 7500)).toBe(false);
    expect(oks.some((t) => t > 7500)).toBe(true);
    // Losing the third node loses the majority: no leader can make progress until the restart at 7.5 s.
    expect(recoveries.find((x) => x.text === 'crash n3')!.recoveryMs).toBeGreaterThanOrEqual(3000);
  });

  it('random chaos: 100 s of every kind of fault, Figure 3 intact, the history linearizable', () => {
    const { r, lin, trace } = run('chaos');
    expect(r.found).toEqual([]);
    expect(lin.verdict).toBe('linearizable');
    const kinds = new Set(trace.flatMap((x) => (x.type === 'fault' ? [x.action] : [])));
    for (const k of ['crash', 'restart', 'partition', 'isolate', 'link', 'skew', 'timeout', 'heal']) expect(kinds, k).toContain(k);
    expect(r.recorder.ops.ok).toBeGreaterThan(300);
  });
});
