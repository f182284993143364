/**
 * Scenario helpers for the UI: validating a user action through the scenario schema (so every
 * recorded action is one a share link can carry), and choosing what Reset loads.
 */
import { getProtocol } from '../../core/protocols/registry';
import { defaultScenario } from '../../core/scenario/examples';
import { parseAction } from '../../core/scenario/schema';
import type { Scenario, TimelineAction } from '../../core/scenario/types';
import type { DistributiveOmit } from '../../core/types';
import type { ScenarioInfo } from '../store/store';

/** UserAction is a timeline action without its time: the Simulation stamps it when recording. */
export type UserAction = DistributiveOmit<TimelineAction, 'at'>;

/**
 * validateAction checks a user action against the scenario schema before it is queued (Simulation.act
 * checks again when recording), so a bad form entry is refused at once.
 * @throws ScenarioError naming the bad field.
 */
export function validateAction(scenario: Scenario, action: UserAction): void {
  parseAction({ ...action, at: 0 }, scenario.nodes, scenario.protocol);
}

/** scenarioInfo describes a scenario for the store (title, protocol, seed, nodes). */
export function scenarioInfo(s: Scenario, exampleId: string | null): ScenarioInfo {
  let protocolTitle = s.protocol;
  try {
    protocolTitle = getProtocol(s.protocol).title;
  } catch {
    // parseScenario has checked the protocol; keep the raw name just in case.
  }
  return {
    name: s.name ?? (exampleId ? exampleId : `${s.nodes.length}-node cluster`),
    description: s.description ?? '',
    protocolTitle,
    seed: s.seed,
    nodeIds: [...s.nodes],
    exampleId,
    bugs: Array.isArray(s.config.bugs) ? (s.config.bugs as string[]) : [],
    protocol: s.protocol,
    config: s.config,
  };
}

/**
 * reconfigured gives the scenario for Reset with a node count and seed: the current base scenario
 * (an example, a shared run) with the new seed when the node count is unchanged, else a default
 * cluster of that many nodes.
 */
export function reconfigured(base: Scenario, nodes: number, seed: number): Scenario {
  if (nodes === base.nodes.length) return { ...base, seed, timeline: [...base.timeline] };
  return defaultScenario(nodes, seed, base.protocol);
}
