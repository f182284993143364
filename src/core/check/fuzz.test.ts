/**
 * The fuzzer's core: clean seeds stay clean and linearizable; a shrunk failure is short, still
 * fails the same way, and its share link reproduces it at the failing moment.
 */
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../scenario/schema';
import { decodeShare, encodeShare } from '../scenario/share';
import { chaosScenario } from '../chaos/scenarios';
import { CheckedRun } from './checked-run';
import { checkScenario, fuzzSeed, shrinkSeed } from './fuzz';

describe('fuzz', () => {
  it('with no bug on, seeded chaos breaks no property and every history is linearizable', () => {
    for (let seed = 1; seed <= 30; seed++) {
      const o = fuzzSeed(seed, { durationMs: 15_000 });
      expect(o.failure, `seed ${seed}`).toBeNull();
      expect(o.consistency, `seed ${seed}`).toBe('ok');
      expect(o.recoveredAtEnd, `seed ${seed}`).toBe(true);
      expect(o.ops.submitted).toBeGreaterThan(50);
    }
  });

  it('PBFT chaos seeds, up to f Byzantine replicas among them: safe, live once faults stop, linearizable, a primary at the end', () => {
    let byzantine = 0;
    for (let seed = 1; seed <= 12; seed++) {
      const o = fuzzSeed(seed, { protocol: 'pbft', durationMs: 12_000 });
      expect(o.failure, `seed ${seed}`).toBeNull();
      expect(o.consistency, `seed ${seed}`).toBe('ok');
      expect(o.recoveredAtEnd, `seed ${seed}`).toBe(true);
      expect(o.ops.ok).toBeGreaterThan(20);
      if (Object.keys(chaosScenario(seed, { protocol: 'pbft' }).config.byzantine as object).length) byzantine++;
    }
    expect(byzantine).toBeGreaterThan(2); // the seeds really include Byzantine replicas
  });

  it('a stalled operation with no fault in force fails the run as `liveness`', () => {
    // The request goes to a crashed node and is lost; the node restarts (no fault in force from then
    // on) but the client waits 60 s before retrying, so the operation waits past the 5 s bound.
    const base = { version: 1, protocol: 'raft', seed: 1, nodes: 3, until: 8000, clients: { timeoutMs: 60_000 } };
    const timeline = [{ at: 100, action: 'crash', node: 'n1' }, { at: 200, action: 'request', client: 'c1', node: 'n1', op: { f: 'put', key: 'x', value: '1' } }, { at: 300, action: 'restart' }];
    const f = checkScenario(parseScenario({ ...base, timeline })).failure;
    expect(f).toMatchObject({ kind: 'liveness', text: "c1's put x 1 has waited over 5,000 ms since 300 ms with no fault in force" });
    expect(f!.t).toBe(5300);
    // With the usual 1 s client retry the same run is live.
    expect(checkScenario(parseScenario({ ...base, clients: { timeoutMs: 1000 }, timeline })).failure).toBeNull();
  });

  it('shrinks a failure to a short run that fails the same way, and its share link reproduces it', () => {
    const opts = { bugs: ['vote-without-log-check'] };
    // Seed 1 runs the paper's Raft (not one of the production-feature seeds): its failure shrinks well within 150 runs.
    const o = fuzzSeed(1, opts);
    expect(o.failure?.kind).toBe('Leader Completeness');
    const s = shrinkSeed(1, opts, o.failure!, 150);
    expect(s.failure.kind).toBe('Leader Completeness');
    expect(s.scenario.timeline.length).toBeLessThan(20);
    expect(s.scenario.until).toBeLessThanOrEqual(o.failure!.t);
    // The link carries the scenario and the moment; replaying to that moment shows the violation.
    const shared = decodeShare(encodeShare(s.scenario, s.failure.moment));
    expect(checkScenario(shared.scenario).failure?.kind).toBe('Leader Completeness');
    const run = new CheckedRun(shared.scenario);
    run.advance(Infinity, shared.moment!.events);
    expect(run.first?.property).toBe('Leader Completeness');
    expect(run.sim.eventsProcessed).toBe(shared.moment!.events);
  });
});
