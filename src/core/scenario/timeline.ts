/**
 * Recording actions into a scenario's timeline while it runs: a user's action at the next ms, or
 * the nemesis's schedule from now on. The scenario stays as parseScenario leaves it, so its share
 * link replays the run exactly.
 */
import { freshClient, parseAction, SCENARIO_LIMITS, ScenarioError, withClient } from './schema';
import type { Scenario, TimelineAction } from './types';
import type { VirtualMs } from '../types';

/**
 * recordActions validates `actions` (each `at` after `now`, virtual ms) and inserts them into
 * `scenario.timeline` (mutated): sorted by `at`, equal times in recording order; a request without
 * a client gets a fresh one; `until` moves out to the last action so a headless run reaches it.
 * Returns the actions as recorded, in the order given.
 * @throws ScenarioError naming the bad field, an `at` not after now, or a timeline that would exceed
 *   its limit; nothing is recorded then.
 */
export function recordActions(scenario: Scenario, actions: readonly TimelineAction[], now: VirtualMs): TimelineAction[] {
  const tl = scenario.timeline;
  if (tl.length + actions.length > SCENARIO_LIMITS.maxTimelineActions) {
    throw new ScenarioError([{ path: 'timeline', message: `a scenario holds at most ${SCENARIO_LIMITS.maxTimelineActions} actions, and this run has reached that limit` }]);
  }
  const parsed = actions.map((a, i) => {
    const p = parseAction(a, scenario.nodes, scenario.protocol);
    if (p.at <= now) throw new ScenarioError([{ path: `actions.${i}.at`, message: `at must be after now, ${now} ms (got ${p.at})` }], 'action');
    return p;
  });
  return parsed.map((action) => {
    const recorded = action.action === 'request' && action.client === undefined ? withClient(action, freshClient(tl)) : action;
    if (recorded.at > scenario.until) scenario.until = Math.min(recorded.at, SCENARIO_LIMITS.maxUntilMs);
    let i = tl.length;
    while (i > 0 && tl[i - 1]!.at > recorded.at) i--;
    tl.splice(i, 0, recorded);
    return recorded;
  });
}
