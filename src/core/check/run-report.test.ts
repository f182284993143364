/** The run report: what `npm run sim -- --report` prints for a story with faults, and for a bug. */
import { describe, expect, it } from 'vitest';
import { example } from '../scenario/examples';
import { runReport } from './run-report';

describe('runReport', () => {
  it('reports operations, each fault with its recovery, no violations and a linearizable history', () => {
    const r = runReport(example('cascading-failures'));
    expect(r).toMatchObject({ protocol: 'raft', nodes: 5, violations: [], consistency: { model: 'linearizability', verdict: 'ok', detail: '1 key' }, recoveryMeaning: 'a stable leader with a quorum' });
    expect(r.operations.ok).toBe(r.operations.submitted);
    expect(r.consistency.operations).toBe(r.operations.submitted);
    expect(r.faults.map((f) => f.text)).toEqual(['crash n5', 'crash n4', 'crash n3']);
    expect(r.recovery!.worstMs).toBeGreaterThanOrEqual(3000);
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });

  it('reports every violation a teaching bug causes, with the moment it was found', () => {
    const r = runReport(example('figure-8'));
    expect(r.violations.map((v) => v.property)).toContain('Leader Completeness');
    expect(r.violations[0]).toMatchObject({ property: 'Leader Completeness', t: 720 });
    expect(r.violations[0]!.events).toBeGreaterThan(0);
  });
});
