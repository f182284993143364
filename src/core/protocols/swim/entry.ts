/**
 * SWIM's registry entry: config schema, default group and workload, the `members` op,
 * completeness, measures (metrics), examples and chaos. Registered in ../registry.ts.
 */
import { Rng } from '../../prng';
import type { ProtocolEntry } from '../plugin';
import { swimConfigSchema, type SwimConfig } from './config';
import { COMPLETENESS } from './consistency';
import { SWIM_EXAMPLES } from './examples';
import { swimMeasures } from './measures';
import { SWIM_OPS } from './ops';
import { swim } from '.';

/** swimKnobs varies the configuration by seed: the period, k and the suspicion timeout. */
function swimKnobs(seed: number): Record<string, unknown> {
  const knobs = Rng.derive(seed, 'chaos-config');
  const periodMs = knobs.pick([200, 300, 500]);
  return { periodMs, pingTimeoutMs: Math.round(periodMs / 3), k: knobs.pick([1, 2, 3]), suspicionTimeoutMs: periodMs * knobs.pick([3, 5]) };
}

/** swimEntry is SWIM's registry entry: 20 members by default, with a query of some member's list every second. */
export const swimEntry: ProtocolEntry = {
  protocol: swim,
  title: 'SWIM membership',
  description: 'Leader-free membership and failure detection: ping, ping-req, suspicion with incarnations, piggybacked gossip (Das et al. 2002).',
  configSchema: swimConfigSchema,
  defaultNodes: 20,
  nodeRange: [2, 100],
  defaultWorkload: { ratePerSecond: 1, startMs: 500, clients: ['m1'], keys: ['-'] },
  ops: SWIM_OPS,
  consistency: COMPLETENESS,
  metrics: (input) => swimMeasures(input),
  examples: () => [{ title: 'SWIM', examples: SWIM_EXAMPLES }],
  chaos: {
    sizes: [8, 12, 20],
    knobs: swimKnobs,
    nemesis: ['crash', 'bounce', 'partition', 'loss', 'duplicate', 'reorder', 'latency-spike', 'pause'],
    detectionMs: (k) => Number((k as Partial<SwimConfig>).suspicionTimeoutMs ?? 1500) + Number((k as Partial<SwimConfig>).periodMs ?? 300),
    ratePerSecond: 1,
  },
};
