/**
 * Building gossip scenarios in code, for the bench and the tests: a normalised {@link Scenario}
 * with every default filled in, for clusters of any size (the bench runs 25 and 100 nodes).
 */
import type { Scenario, TimelineAction } from '../../scenario/types';
import { gossipConfig, type GossipConfig } from './config';

/** GossipScenarioOptions shape a scenario; times are virtual ms. */
export interface GossipScenarioOptions {
  nodes: number;
  seed?: number;
  until: number;
  config?: Partial<GossipConfig>;
  /** One-way message delay [min, max] (virtual ms), for links and clients alike. */
  latencyMs?: [number, number];
  loss?: number;
  timeline?: TimelineAction[];
}

/**
 * gossipScenario gives a normalised gossip scenario: nodes n1…nN, config checked and defaulted,
 * the timeline sorted by `at`.
 * @throws Error if the config is invalid, or `nodes` is not a whole number ≥ 1.
 */
export function gossipScenario(o: GossipScenarioOptions): Scenario {
  if (!Number.isInteger(o.nodes) || o.nodes < 1) throw new Error(`gossipScenario: nodes must be a whole number ≥ 1 (got ${o.nodes})`);
  return {
    version: 1,
    protocol: 'gossip',
    seed: o.seed ?? 1,
    nodes: Array.from({ length: o.nodes }, (_, i) => `n${i + 1}`),
    until: o.until,
    config: { ...gossipConfig(o.config) },
    network: { latencyMs: o.latencyMs ?? [10, 30], loss: o.loss ?? 0, duplicate: 0 },
    clients: { timeoutMs: 1000 },
    timeline: [...(o.timeline ?? [])].sort((a, b) => a.at - b.at),
  };
}
