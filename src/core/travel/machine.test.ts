/**
 * Time travel's contract: after seeking, the run is in exactly the state a straight run reaches at
 * the same moment, and goes on exactly as that run does. Checked over random seeds, random seek
 * points, user actions recorded mid-run and forks.
 */
import { describe, expect, it } from 'vitest';
import { chaosScenario } from '../chaos/scenarios';
import { Rng } from '../prng';
import { LocalHosts, advanceSync } from '../sim/run';
import { Simulation } from '../sim/simulation';
import type { Scenario } from '../scenario/types';
import type { TraceRecord } from '../trace';
import { randomFaultScenario } from '../protocols/raft/random-scenario';
import { TimeMachine, nodeSnapshots } from './machine';

/** straight runs `scenario` to time t (virtual ms) with no time travel; records after `from` events kept. */
function straight(scenario: Scenario, t: number) {
  const sim = new Simulation(scenario);
  const hosts = new LocalHosts(sim.scenario);
  advanceSync(sim, hosts, { until: t });
  sim.advanceTo(t);
  return { sim, hosts };
}

/** recorded runs `scenario` to `until` in random chunks, noting every event and capturing checkpoints. */
function recorded(scenario: Scenario, until: number, rng: Rng, every = 100) {
  const sim = new Simulation(scenario);
  const hosts = new LocalHosts(sim.scenario);
  const machine = new TimeMachine<null>({ everyEvents: every, max: 8 });
  machine.capture(sim, () => nodeSnapshots(hosts), () => null, true);
  while (sim.nextEventTime <= until) {
    const chunk = rng.int(1, 500);
    for (let i = 0; i < chunk && sim.nextEventTime <= until; i++) {
      if (sim.runLocal(hosts.step, until, 1)) machine.noteEvent(sim.now);
    }
    machine.capture(sim, () => nodeSnapshots(hosts), () => null);
  }
  return { sim, hosts, machine };
}

/** observable gives everything a view of a moment shows, without queue bookkeeping (sequence numbers). */
function observable(sim: Simulation, hosts: LocalHosts) {
  const ids = sim.scenario.nodes;
  return {
    now: sim.now,
    events: sim.eventsProcessed,
    leader: sim.leader(),
    summaries: ids.map((id) => sim.summary(id)),
    timers: ids.map((id) => sim.nodeTimers(id)),
    inFlight: sim.inFlight().sort((a, b) => a.id - b.id),
    groups: sim.bus.groups(),
    nodes: ids.map((id) => hosts.nodes.get(id)!.snapshot()),
  };
}

/** future runs on for `ms` and gives the trace. */
function future(sim: Simulation, hosts: LocalHosts, ms: number): TraceRecord[] {
  const out: TraceRecord[] = [];
  const twin = new Simulation(sim.scenario, { trace: (r) => out.push(r) });
  twin.restore(sim.snapshot());
  const h = new LocalHosts(twin.scenario);
  for (const [id, n] of hosts.nodes) h.nodes.get(id)!.restore(n.snapshot());
  advanceSync(twin, h, { until: sim.now + ms });
  return out;
}

describe('TimeMachine.seek', () => {
  const seeds = Array.from({ length: 12 }, (_, i) => 101 + i * 37);
  it.each(seeds)('seed %i: the state after a seek equals the straight run at random moments', (seed) => {
    const scenario = seed % 2 ? randomFaultScenario(seed, { faultsEndMs: 3000, untilMs: 4000 }) : chaosScenario(seed, { durationMs: 4000 });
    const rng = Rng.derive(seed, 'seek-test');
    const run = recorded(scenario, scenario.until, rng);
    expect(run.machine.checkpoints.size).toBeGreaterThan(2);
    for (let k = 0; k < 5; k++) {
      const t = rng.int(0, scenario.until);
      const target = run.machine.times.countAt(t);
      const hosts = run.machine.seek(run.sim, target);
      run.sim.advanceTo(t);
      const want = straight(scenario, t);
      expect(observable(run.sim, hosts)).toEqual(observable(want.sim, want.hosts));
      expect(future(run.sim, hosts, 300)).toEqual(future(want.sim, want.hosts, 300));
    }
  });

  it('thins checkpoints: memory stays bounded however long the run', () => {
    const scenario = chaosScenario(7, { durationMs: 20_000 });
    const run = recorded(scenario, scenario.until, Rng.derive(7, 'x'), 50);
    expect(run.machine.checkpoints.size).toBeLessThanOrEqual(8);
    expect(run.machine.checkpoints.spacing).toBeGreaterThan(50);
    const hosts = run.machine.seek(run.sim, 1234);
    const want = straight(scenario, run.machine.times.timeOf(1234));
    expect(run.sim.eventsProcessed).toBe(1234);
    expect(observable(run.sim, hosts).nodes).toEqual(observable(want.sim, want.hosts).nodes);
  });

  it('replays user actions recorded after the checkpoint it restores', () => {
    const scenario = chaosScenario(11, { durationMs: 3000 });
    const sim = new Simulation(scenario);
    const hosts = new LocalHosts(sim.scenario);
    const machine = new TimeMachine<null>({ everyEvents: 100 });
    const step = (until: number) => {
      while (sim.nextEventTime <= until) if (sim.runLocal(hosts.step, until, 1)) machine.noteEvent(sim.now);
      sim.advanceTo(until);
      machine.capture(sim, () => nodeSnapshots(hosts), () => null);
    };
    machine.capture(sim, () => nodeSnapshots(hosts), () => null, true);
    step(1000);
    sim.act({ action: 'crash', node: 'n1' });
    step(2000);
    const target = machine.times.countAt(1500);
    const back = machine.seek(sim, target);
    sim.advanceTo(1500);
    const want = straight(sim.scenario, 1500);
    expect(sim.summary('n1').role).toBe('crashed');
    expect(observable(sim, back)).toEqual(observable(want.sim, want.hosts));
  });

  it('a fork cuts the future: the branch equals a fresh run of the cut timeline plus the new action', () => {
    const scenario = chaosScenario(5, { durationMs: 6000 });
    const run = recorded(scenario, 5000, Rng.derive(5, 'fork'));
    const t = 2500;
    const hosts = run.machine.seek(run.sim, run.machine.times.countAt(t));
    run.sim.advanceTo(t);
    const later = scenario.timeline.filter((a) => a.at > t).length;
    expect(later).toBeGreaterThan(0);
    const cut = run.sim.cutFuture();
    expect(cut).toHaveLength(later);
    run.machine.cut(run.sim.eventsProcessed);
    run.sim.act({ action: 'isolate', node: 'n2' });
    advanceSync(run.sim, hosts, { until: 4000 });
    const want = straight(run.sim.scenario, 4000);
    expect(run.sim.scenario.timeline.every((a) => a.at <= t + 1)).toBe(true);
    expect(observable(run.sim, hosts).summaries).toEqual(observable(want.sim, want.hosts).summaries);
    expect(observable(run.sim, hosts).nodes).toEqual(observable(want.sim, want.hosts).nodes);
  });

  it('refuses a target past the end of the run with a clear error', () => {
    const scenario = chaosScenario(3, { durationMs: 1000 });
    const run = recorded(scenario, 1000, Rng.derive(3, 'end'));
    expect(() => run.machine.seek(run.sim, 10_000_000)).toThrow(/cannot be reached/);
  });
});
