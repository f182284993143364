/**
 * Two-phase commit's registry entry: config schema, default cluster and workload, transactions as
 * client ops, atomic commit as the consistency model, recovery, examples and chaos knobs.
 * Registered in ../registry.ts.
 */
import { WORKLOAD_DEFAULTS } from '../../chaos/workload';
import { Rng } from '../../prng';
import type { ClusterShape, ProtocolEntry, RecoverySpec } from '../plugin';
import { twoPcConfigSchema } from './config';
import { ATOMIC_COMMIT } from './consistency';
import { TWO_PC_EXAMPLES } from './examples';
import { TXN_OPS } from './ops';
import { twoPc } from '.';

/**
 * twoPcKnobs varies 2PC by seed: a participant votes abort now and then (abortRate 0, 0.1 or 0.3).
 * The variant stays 2PC: 3PC is safe only with no partitions and bounded delays (Skeen 1981), and
 * the nemesis's partitions and latency spikes would break it as designed.
 */
function twoPcKnobs(seed: number): Record<string, unknown> {
  const knobs = Rng.derive(seed, 'chaos-config');
  return { abortRate: knobs.pick([0, 0.1, 0.3]) };
}

/**
 * TWO_PC_RECOVERY: recovered once the coordinator is up, every node is up and reaches it, and no
 * participant is blocked (2PC terminates only then). The state is named after the coordinator.
 */
const TWO_PC_RECOVERY: RecoverySpec = {
  meaning: 'the coordinator up and reachable from every node, and no participant blocked',
  state(c: ClusterShape) {
    const coordinator = c.nodes.find((n) => c.summaries.get(n)?.role === 'coordinator');
    if (coordinator === undefined || c.isDown(coordinator)) return null;
    const ok = c.nodes.every((n) => !c.isDown(n) && c.summaries.get(n)?.role !== 'blocked' && c.group(n) === c.group(coordinator));
    return ok ? coordinator : null;
  },
};

/**
 * twoPcEntry is 2PC's registry entry: 4 nodes (a coordinator and 3 participants owning x, y and z)
 * and a light stream of transactions over x, y and z from 200 ms.
 */
export const twoPcEntry: ProtocolEntry = {
  protocol: twoPc,
  title: 'Two-phase commit',
  description: 'Atomic commit across participants with a coordinator and a write-ahead log (Gray 1978; Bernstein, Hadzilacos & Goodman ch. 7), and Skeen’s three-phase variant.',
  configSchema: twoPcConfigSchema,
  defaultNodes: 4,
  nodeRange: [2, 12],
  defaultWorkload: { ...WORKLOAD_DEFAULTS, ratePerSecond: 2, startMs: 200 },
  ops: TXN_OPS,
  consistency: ATOMIC_COMMIT,
  recovery: TWO_PC_RECOVERY,
  examples: () => [{ title: 'Two-phase commit', examples: TWO_PC_EXAMPLES }],
  chaos: {
    sizes: [3, 4, 4, 5],
    knobs: twoPcKnobs,
    nemesis: ['crash', 'bounce', 'partition', 'isolate-leader', 'bridge', 'one-way', 'loss', 'duplicate', 'reorder', 'latency-spike', 'skew'],
    ratePerSecond: 5,
  },
};
