/**
 * The window scheduler must give exactly the run that one-at-a-time handling gives, on runs where
 * timers come due early and re-queue themselves inside a window (node election timers re-armed
 * lazily, client retry timers). Seeds 80, 187, 208, 310, 393, … once diverged.
 */
import { describe, expect, it } from 'vitest';
import { randomFaultScenario } from '../protocols/raft/random-scenario';
import type { TraceRecord } from '../trace';
import { advanceAsync, LocalHosts, runScenario } from './run';
import { Simulation } from './simulation';

function sequential(seed: number): string[] {
  const out: string[] = [];
  runScenario(randomFaultScenario(seed), { trace: (r) => void out.push(JSON.stringify(r)) });
  return out;
}

async function windowed(seed: number): Promise<string[]> {
  const scenario = randomFaultScenario(seed);
  const out: string[] = [];
  const sim = new Simulation(scenario, { trace: (r: TraceRecord) => void out.push(JSON.stringify(r)) });
  const local = new LocalHosts(sim.scenario);
  await advanceAsync(sim, { run: async (calls) => local.run(calls), inspect: async (id) => local.inspect(id) }, { until: scenario.until });
  sim.advanceTo(scenario.until);
  sim.finish();
  const logs = Object.fromEntries(sim.scenario.nodes.map((id) => [id, local.inspect(id)]));
  sim.emitEnd(logs);
  return out;
}

describe('windows ≡ one event at a time', () => {
  const seeds = [80, 187, 208, 310, 393, 531, 697, 706, 805, 950, 981, ...Array.from({ length: 120 }, (_, i) => 2000 + i)];
  it(`gives identical traces on ${seeds.length} random fault runs, with time never going back`, async () => {
    const diverged: number[] = [];
    for (const seed of seeds) {
      const a = sequential(seed);
      const b = await windowed(seed);
      let last = 0;
      for (const line of a) {
        const t = (JSON.parse(line) as TraceRecord).t;
        expect(t, `seed ${seed}: trace time went back`).toBeGreaterThanOrEqual(last);
        last = t;
      }
      if (a.length !== b.length || a.some((line, i) => line !== b[i])) diverged.push(seed);
    }
    expect(diverged).toEqual([]);
  }, 60_000);
});

describe('advanceAsync with a `more` budget (the browser flat out)', () => {
  it('stops between whole windows when `more` says so, and slices of any size give the one-at-a-time run', async () => {
    const seed = 2007;
    const scenario = randomFaultScenario(seed);
    const out: string[] = [];
    const sim = new Simulation(scenario, { trace: (r: TraceRecord) => void out.push(JSON.stringify(r)) });
    const local = new LocalHosts(sim.scenario);
    let windows = 0;
    const hosts = { run: async (calls: Parameters<LocalHosts['run']>[0]) => (windows++, local.run(calls)), inspect: async (id: string) => local.inspect(id) };
    let slices = 0;
    for (let k = 0; ; k++) {
      const before = windows;
      // Slices of 1, 2, … 5 windows, as a wall budget running out would give.
      const n = await advanceAsync(sim, hosts, { until: scenario.until, more: () => windows - before < 1 + (k % 5) });
      if (n === 0) break;
      expect(windows - before).toBeLessThanOrEqual(1 + (k % 5));
      slices++;
    }
    expect(slices).toBeGreaterThan(50);
    sim.advanceTo(scenario.until);
    sim.finish();
    sim.emitEnd(Object.fromEntries(sim.scenario.nodes.map((id) => [id, local.inspect(id)])));
    expect(out).toEqual(sequential(seed));
  });
});
