/**
 * NODE_COUNTS are the cluster sizes the node-count control offers: every size up to EVERY_SIZE_MAX,
 * then steps up to the core's one limit, SCENARIO_LIMITS.maxNodes (which share links and examples
 * obey too; a share link or file may hold any size in between).
 */
import { SCENARIO_LIMITS } from '../../core/scenario/schema';

/** The control offers every size up to this one (the sizes protocols' examples use). */
export const EVERY_SIZE_MAX = 12;
/** Past EVERY_SIZE_MAX, steps of 5 up to 30, then of 10. */
const STEPS = [15, 20, 25, 30, 40, 50, 60, 70, 80, 90, 100];

export const NODE_COUNTS: readonly number[] = [
  ...Array.from({ length: Math.min(EVERY_SIZE_MAX, SCENARIO_LIMITS.maxNodes) - SCENARIO_LIMITS.minNodes + 1 }, (_, i) => SCENARIO_LIMITS.minNodes + i),
  ...STEPS.filter((n) => n > EVERY_SIZE_MAX && n < SCENARIO_LIMITS.maxNodes),
  ...(SCENARIO_LIMITS.maxNodes > EVERY_SIZE_MAX ? [SCENARIO_LIMITS.maxNodes] : []),
];
