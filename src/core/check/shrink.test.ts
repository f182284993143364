/** Shrinking: delta debugging finds the few actions a failure needs, and the earliest end. */
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../scenario/schema';
import type { Scenario } from '../scenario/types';
import { shrink, type Failure } from './shrink';

const big = parseScenario({
  version: 1, protocol: 'raft', seed: 1, nodes: 3, until: 10_000,
  timeline: Array.from({ length: 60 }, (_, i) => ({ at: 100 * (i + 1), action: 'request', client: `c${i}`, op: { f: 'put', key: 'k', value: String(i) } })),
});
const valueOf = (s: Scenario, i: number) => s.timeline.some((a) => a.action === 'request' && a.op.f === 'put' && a.op.value === String(i));

describe('shrink', () => {
  it('keeps exactly the actions the failure needs, and ends the run at the failure', () => {
    // A synthetic failure: it shows once both put 7 and put 41 are in, at the time of the later one.
    let calls = 0;
    const fails = (s: Scenario): Failure | null => {
      calls++;
      if (!valueOf(s, 7) || !valueOf(s, 41)) return null;
      const t = 42 * 100;
      return s.until >= t ? { kind: 'Election Safety', t, text: 'both' } : null;
    };
    const r = shrink(big, fails(big)!, fails);
    expect(r.scenario.timeline.map((a) => a.at)).toEqual([800, 4200]);
    expect(r.scenario.until).toBe(4200);
    expect(r.failure.kind).toBe('Election Safety');
    expect(r.runs).toBe(calls - 1);
    expect(r.runs).toBeLessThan(100);
  });

  it('a different failure does not count as the same one', () => {
    const fails = (s: Scenario): Failure | null =>
      valueOf(s, 3) ? { kind: 'Log Matching', t: 400, text: '' } : { kind: 'linearizability', t: 400, text: '' };
    const r = shrink(big, { kind: 'Log Matching', t: 400, text: '' }, fails);
    expect(r.scenario.timeline.map((a) => a.at)).toEqual([400]);
  });

  it('stops at the run budget', () => {
    let calls = 0;
    const fails = (): Failure => (calls++, { kind: 'x', t: 10_000, text: '' });
    shrink(big, { kind: 'x', t: 10_000, text: '' }, fails, 5);
    expect(calls).toBe(5);
  });
});
