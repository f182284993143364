/**
 * replayTrace regenerates a run's trace from its scenario: the run is a function of its scenario,
 * so the browser need not keep every record of a long run for "Export trace" — it replays the
 * scenario in this thread up to the moment shown and collects the records then.
 */
import type { Scenario } from '../scenario/types';
import { LocalHosts } from '../sim/run';
import { Simulation } from '../sim/simulation';
import type { TraceRecord } from '../trace';
import type { VirtualMs } from '../types';

/**
 * replayTrace gives every trace record of `scenario`'s run up to the moment `events` events in, with
 * the clock then moved to `t` (virtual ms), header first. Cost: the run itself (in-thread speed).
 * @throws RangeError if the run cannot reach `events` (it stops at a limit or runs out of events).
 */
export function replayTrace(scenario: Scenario, events: number, t: VirtualMs): TraceRecord[] {
  const out: TraceRecord[] = [];
  const sim = new Simulation(structuredClone(scenario), { trace: (r) => out.push(r) });
  const hosts = new LocalHosts(sim.scenario);
  sim.runLocal(hosts.step, Infinity, events);
  if (sim.eventsProcessed !== events) throw new RangeError(`the trace cannot be rebuilt: the run ends after ${sim.eventsProcessed} of ${events} events`);
  sim.advanceTo(t);
  return out;
}
