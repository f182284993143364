/**
 * The liveness check: faults in force, calm spells, progress once faults stop, and a stall named
 * when an operation waits past the bound with no fault in force.
 */
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../scenario/schema';
import type { TraceRecord } from '../trace';
import { CheckedRun } from './checked-run';
import { LIVENESS_BOUND_MS, LivenessMonitor } from './liveness';

const put = (at: number, client: string, node?: string) => ({ at, action: 'request', client, op: { f: 'put', key: 'k', value: client }, ...(node ? { node } : {}) });

describe('liveness: once faults stop, progress resumes', () => {
  it('PBFT with f silent replicas (no fault in force): progress, no stall', () => {
    const sc = parseScenario({ version: 1, protocol: 'pbft', seed: 2, nodes: 4, until: 6000, config: { byzantine: { n1: 'silent' } }, timeline: [put(100, 'c1', 'n2'), put(200, 'c2', 'n3')] });
    const run = new CheckedRun(sc).runToEnd();
    expect(run.liveness.spells).toHaveLength(1);
    expect(run.liveness.verdictAt(6000)).toMatchObject({ status: 'progress' });
    expect(run.liveness.spells[0]!.stall).toBeNull();
    // Before the first operation completes (a view change past the silent primary) there is nothing to judge.
    expect(run.liveness.verdictAt(150).status).toBe('waiting');
  });

  it('PBFT with a tolerated Byzantine primary: the lamp names it and never says "no fault"', () => {
    const sc = parseScenario({ version: 1, protocol: 'pbft', seed: 2, nodes: 4, until: 6000, timeline: [put(100, 'c1', 'n2'), { at: 1000, action: 'byzantine', node: 'n1', behaviour: 'equivocate' }, put(1200, 'c2', 'n3')] });
    const run = new CheckedRun(sc).runToEnd();
    expect(run.liveness.spells).toHaveLength(1); // f = 1 liar is not a fault the protocol stops for
    expect(run.liveness.verdictAt(900)).toEqual({ status: 'progress', text: 'operations complete; no fault in force since the start' });
    expect(run.liveness.verdictAt(6000)).toEqual({ status: 'progress', text: 'operations complete with n1 Byzantine (equivocate), within the f = 1 tolerated; no other fault since the start' });
    const m = new LivenessMonitor(parseScenario({ version: 1, protocol: 'pbft', seed: 2, nodes: 4, until: 9000, config: { byzantine: { n4: 'slow' } }, timeline: [] }));
    expect(m.verdictAt(0).text).toBe('n4 Byzantine (slow), within the f = 1 tolerated; no other fault yet; no operation has completed');
    m.observe({ t: 100, type: 'client', client: 'c1', phase: 'invoke', op: { f: 'get', key: 'x' } });
    m.tick(200 + LIVENESS_BOUND_MS);
    expect(m.verdictAt(9000)).toEqual({ status: 'stalled', text: "c1's get x has waited over 5,000 ms since 100 ms with no fault in force but n4 Byzantine (slow), within the f = 1 tolerated" });
    m.observe({ t: 8000, type: 'fault', action: 'byzantine', node: 'n4', behaviour: 'honest' });
    expect(m.verdictAt(8500).text).toMatch(/since 100 ms with no fault in force but n4 Byzantine \(slow\)/); // as it stood at the stall
    const honest = new LivenessMonitor(parseScenario({ version: 1, protocol: 'pbft', seed: 2, nodes: 4, until: 9000, config: { byzantine: { n4: 'slow' } }, timeline: [] }));
    honest.observe({ t: 50, type: 'fault', action: 'byzantine', node: 'n4', behaviour: 'honest' });
    expect(honest.verdictAt(10).text).toMatch(/^n4 Byzantine/);
    expect(honest.verdictAt(60).text).toBe('no fault yet; no operation has completed');
  });

  it('PBFT with f + 1 Byzantine replicas: a fault in force the whole run, named', () => {
    const sc = parseScenario({ version: 1, protocol: 'pbft', seed: 2, nodes: 4, until: 3000, config: { byzantine: { n1: 'silent', n2: 'silent' } }, timeline: [put(100, 'c1', 'n3')] });
    const run = new CheckedRun(sc).runToEnd();
    expect(run.liveness.spells).toEqual([]);
    expect(run.liveness.verdictAt(3000)).toEqual({ status: 'faults', text: 'faults in force: 2 Byzantine nodes, more than f = 1' });
  });

  it('Raft: a crash ends the calm spell, the restart opens another, and progress is measured from it', () => {
    const sc = parseScenario({
      version: 1, protocol: 'raft', seed: 7, nodes: 3, until: 8000,
      timeline: [put(800, 'c1'), { at: 1500, action: 'crash', node: 'leader' }, put(1600, 'c2'), { at: 3000, action: 'restart' }, put(3500, 'c3')],
    });
    const run = new CheckedRun(sc).runToEnd();
    const spells = run.liveness.spells;
    expect(spells).toHaveLength(2);
    expect(spells[0]!.from).toBe(0);
    expect(spells[0]!.to).toBeGreaterThanOrEqual(1500);
    expect(spells[0]!.to).toBeLessThan(1510);
    expect(spells[1]!.from).toBeGreaterThanOrEqual(3000);
    expect(spells[1]!.to).toBeNull();
    expect(run.liveness.verdictAt(2000).status).toBe('faults');
    expect(run.liveness.verdictAt(2000).text).toMatch(/faults in force: n\d down/);
    expect(run.liveness.verdictAt(8000).status).toBe('progress');
    expect(spells.every((s) => s.stall === null)).toBe(true);
  });

  it('names a stall: an operation waiting past the bound with no fault in force', () => {
    const sc = parseScenario({ version: 1, protocol: 'raft', seed: 1, nodes: 3, until: 1000, timeline: [] });
    const m = new LivenessMonitor(sc);
    const op = { f: 'put' as const, key: 'x', value: '1' };
    const rec = (r: TraceRecord) => m.observe(r);
    rec({ t: 100, type: 'fault', action: 'isolate', node: 'n1' });
    rec({ t: 200, type: 'client', client: 'c1', phase: 'invoke', op });
    rec({ t: 1000, type: 'fault', action: 'heal' });
    m.tick(1000 + LIVENESS_BOUND_MS); // exactly the bound: not yet
    expect(m.verdictAt(1000 + LIVENESS_BOUND_MS).status).toBe('waiting');
    m.tick(1001 + LIVENESS_BOUND_MS);
    expect(m.verdictAt(9000)).toEqual({ status: 'stalled', text: `c1's put x 1 has waited over 5,000 ms since 1,000 ms with no fault in force` });
    // Time travel: before the stall the lamp shows what was known then.
    expect(m.verdictAt(500).status).toBe('faults');
    expect(m.verdictAt(3000).status).toBe('waiting');
  });

  it('a link worse than the scenario network is a fault until set back; a heal undoes only cuts', () => {
    const sc = parseScenario({ version: 1, protocol: 'raft', seed: 1, nodes: 3, until: 1000, network: { latencyMs: [10, 30], loss: 0.01 }, timeline: [] });
    const m = new LivenessMonitor(sc);
    m.observe({ t: 10, type: 'fault', action: 'link', from: 'n1', to: 'n2', loss: 0.01 }); // the scenario's own loss: no fault
    expect(m.verdictAt(10).status).toBe('waiting');
    m.observe({ t: 20, type: 'fault', action: 'link', from: 'n1', to: 'n2', cut: true, loss: 0.5 });
    m.observe({ t: 30, type: 'fault', action: 'heal' });
    expect(m.verdictAt(30)).toEqual({ status: 'faults', text: 'faults in force: 1 faulty link(s)' });
    m.observe({ t: 40, type: 'fault', action: 'link', from: 'n1', to: 'n2', loss: 0 });
    expect(m.verdictAt(40).status).toBe('waiting');
    expect(m.spells.map((s) => [s.from, s.to])).toEqual([[0, 20], [40, null]]);
  });
});
