/** Run reports: operation counts and recovery times, from trace records alone. */
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../scenario/schema';
import { CheckedRun } from './checked-run';
import { recoveryAfter } from './report';

describe('recoveryAfter', () => {
  const changes = [
    { t: 100, state: 'n1' },
    { t: 1000, state: null },
    { t: 1300, state: 'n2' },
    { t: 1400, state: 'n3' },
    { t: 5000, state: null },
  ];
  it('is 0 when a stable leader stays in place after the fault', () => {
    expect(recoveryAfter(changes, 200, 9000, 500)).toBe(0);
  });
  it('skips leaders that do not last, and measures to the first that does', () => {
    expect(recoveryAfter(changes, 1000, 9000, 500)).toBe(400);
    expect(recoveryAfter(changes, 900, 9000, 500)).toBe(500);
  });
  it('is null when no leader lasts before the run ends', () => {
    expect(recoveryAfter(changes, 5000, 9000, 500)).toBeNull();
    expect(recoveryAfter(changes, 4800, 5200, 500)).toBeNull();
  });
});

describe('CheckedRun report', () => {
  const scenario = parseScenario({
    version: 1, protocol: 'raft', seed: 1, nodes: 5, until: 6000,
    timeline: [
      { at: 1000, action: 'request', client: 'c1', op: { f: 'put', key: 'x', value: '1' } },
      { at: 2000, action: 'crash', node: 'leader' },
      { at: 2000, action: 'request', client: 'c2', op: { f: 'get', key: 'x' } },
      { at: 2500, action: 'crash', node: 'n1' },
      { at: 4000, action: 'partition', groups: [['n2'], ['n3', 'n4', 'n5', 'n1']] },
    ],
  });

  it('counts operations and measures the time to a new stable leader after each fault', () => {
    const run = new CheckedRun(scenario).runToEnd();
    expect(run.found).toEqual([]);
    expect(run.recorder.ops).toEqual({ submitted: 2, ok: 2, fail: 0, info: 0 });
    const rec = run.recorder.recoveries(run.sim.now, 1000);
    expect(rec.map((r) => r.action)).toEqual(['crash', 'crash', 'partition']);
    // Crashing the leader costs an election: more than the least election timeout (150 ms).
    expect(rec[0]!.text).toMatch(/^crash n\d \(the leader\)$/);
    expect(rec[0]!.recoveryMs).toBeGreaterThan(150);
    expect(rec[0]!.recoveryMs).toBeLessThan(1500);
    expect(run.history.map((r) => r.phase)).toEqual(['invoke', 'ok', 'invoke', 'ok']);
  });

  it('counts a link made worse or a clock skewed as a fault, and not their repair', () => {
    const s = parseScenario({
      version: 1, protocol: 'raft', seed: 1, nodes: 3, until: 3000,
      timeline: [
        { at: 500, action: 'link', from: 'n1', to: 'n2', loss: 0.5 },
        { at: 600, action: 'skew', node: 'n3', rate: 2 },
        { at: 1000, action: 'link', from: 'n1', to: 'n2', loss: 0, duplicate: 0, latencyMs: [10, 30], cut: false },
        { at: 1100, action: 'skew', node: 'n3', rate: 1 },
      ],
    });
    const run = new CheckedRun(s).runToEnd();
    expect(run.recorder.recoveries(run.sim.now, 1000).map((f) => f.text)).toEqual(['link n1 → n2: loss 0.5', "skew n3's clock: ×2"]);
  });
});
