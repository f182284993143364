/**
 * Delegation's registry entry: config schema, default cluster and workload, submits as client ops,
 * the Tasks complete check, the run measures, examples and chaos (with its own "flood" of submits
 * from one client). Registered in ../registry.ts.
 */
import { NEMESIS_KINDS } from '../../chaos/nemesis';
import { Rng } from '../../prng';
import type { ProtocolEntry } from '../plugin';
import { delegationConfigSchema, POLICIES } from './config';
import { TASKS_COMPLETE } from './consistency';
import { DELEGATION_EXAMPLES } from './examples';
import { delegationMetrics } from './metrics';
import { floodMoves, SUBMIT_OPS } from './ops';
import { delegation } from '.';

/** delegationKnobs varies the policy, the heartbeat and suspicion timeouts, and the breaker by seed. */
function delegationKnobs(seed: number): Record<string, unknown> {
  const knobs = Rng.derive(seed, 'chaos-config');
  const heartbeatMs = knobs.pick([50, 100]);
  return {
    policy: knobs.pick(POLICIES),
    heartbeatMs,
    detector: knobs.pick(['fixed', 'fixed', 'phi']),
    detectorTimeoutMs: heartbeatMs * knobs.pick([3, 4, 6]),
    breakerThreshold: knobs.pick([2, 3, 5]),
    breakerCoolDownMs: knobs.pick([500, 1000]),
  };
}

/**
 * delegationEntry is delegation's registry entry: 6 nodes (n1 coordinates five followers) and a
 * light stream of submits from 300 ms so that Play shows tasks flowing.
 */
export const delegationEntry: ProtocolEntry = {
  protocol: delegation,
  title: 'Task delegation',
  description: 'A coordinator, chosen by a bully election (Garcia-Molina 1982), delegates tasks to followers by policy, with retries, backoff, fencing, circuit breakers and admission control.',
  configSchema: delegationConfigSchema,
  defaultNodes: 6,
  nodeRange: [2, 12],
  defaultWorkload: { ratePerSecond: 4, startMs: 300, clients: ['c1', 'c2', 'c3'], keys: ['-'] },
  ops: SUBMIT_OPS,
  consistency: TASKS_COMPLETE,
  metrics: delegationMetrics,
  examples: () => [{ title: 'Delegation', examples: DELEGATION_EXAMPLES }],
  chaos: {
    sizes: [5, 6, 7],
    knobs: delegationKnobs,
    // Every fault, pauses too: a paused coordinator or worker wakes to find its epoch or attempt fenced off.
    nemesis: NEMESIS_KINDS.filter((k) => k !== 'power-loss'),
    ratePerSecond: 5,
    moves: (seed, _nodes, window) => floodMoves(seed, window),
  },
};
