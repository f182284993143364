/**
 * The fuzzer's core: clean seeds stay clean and linearizable; a shrunk failure is short, still
 * fails the same way, and its share link reproduces it at the failing moment.
 */
import { describe, expect, it } from 'vitest';
import { decodeShare, encodeShare } from '../scenario/share';
import { CheckedRun } from './checked-run';
import { checkScenario, fuzzSeed, shrinkSeed } from './fuzz';

describe('fuzz', () => {
  it('with no bug on, seeded chaos breaks no property and every history is linearizable', () => {
    for (let seed = 1; seed <= 30; seed++) {
      const o = fuzzSeed(seed, { durationMs: 15_000 });
      expect(o.failure, `seed ${seed}`).toBeNull();
      expect(o.linearizability, `seed ${seed}`).toBe('linearizable');
      expect(o.leaderAtEnd, `seed ${seed}`).toBe(true);
      expect(o.ops.submitted).toBeGreaterThan(50);
    }
  });

  it('shrinks a failure to a short run that fails the same way, and its share link reproduces it', () => {
    const opts = { bugs: ['vote-without-log-check'] };
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
