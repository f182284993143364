/**
 * findNext: "step to the next …". It scans ahead of a moment of the run in a scratch copy in this
 * thread (restored from the time machine's checkpoints), feeding the trace to a ConditionMatcher,
 * and gives the event at which a condition first holds. The run itself is not touched.
 */
import { getProtocol } from '../protocols/registry';
import type { Scenario } from '../scenario/types';
import { Simulation } from '../sim/simulation';
import type { NodeId } from '../types';
import { ConditionMatcher, type Condition, type NodeStart } from './conditions';
import type { TimeMachine } from './machine';

/** Found is where a condition first holds: after `events` events, at virtual time `t` (ms). */
export interface Found {
  events: number;
  t: number;
  condition: Condition;
}

/**
 * findNext scans at most `limit` events after the first `from` events of `scenario`'s run for the
 * first event at which one of `conditions` holds; null if none does within the limit or before the
 * run runs out of events.
 * @throws RangeError if the machine cannot reach `from` (see TimeMachine.seek).
 */
export function findNext(machine: TimeMachine<unknown>, scenario: Scenario, from: number, conditions: readonly Condition[], limit: number): Found | null {
  let matcher: ConditionMatcher | null = null;
  let found: Found | null = null;
  const sim: Simulation = new Simulation(structuredClone(scenario), {
    trace: (r) => {
      if (!matcher || found) return;
      const hit = matcher.feed(r);
      if (hit.length) found = { events: sim.eventsProcessed, t: sim.now, condition: hit[0]! };
    },
  });
  const hosts = machine.seek(sim, from, undefined, true);
  matcher = matcherAt(sim, conditions);
  for (let n = 0; !found && n < limit; n++) if (sim.runLocal(hosts.step, Infinity, 1) === 0) break;
  return found;
}

/** matcherAt gives a matcher for `conditions` starting from `sim`'s moment (roles, terms, messages on the bus). */
export function matcherAt(sim: Simulation, conditions: readonly Condition[]): ConditionMatcher {
  const start: Record<NodeId, NodeStart> = {};
  for (const id of sim.scenario.nodes) start[id] = sim.summary(id);
  return new ConditionMatcher(conditions, getProtocol(sim.scenario.protocol).protocol, start, sim.inFlight());
}
