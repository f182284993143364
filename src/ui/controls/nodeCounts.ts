/**
 * NODE_COUNTS are the cluster sizes the node-count control offers: every size a scenario may have
 * (SCENARIO_LIMITS, the core's one limit, which share links and examples obey too).
 */
import { SCENARIO_LIMITS } from '../../core/scenario/schema';

export const NODE_COUNTS: readonly number[] = Array.from(
  { length: SCENARIO_LIMITS.maxNodes - SCENARIO_LIMITS.minNodes + 1 },
  (_, i) => SCENARIO_LIMITS.minNodes + i,
);
