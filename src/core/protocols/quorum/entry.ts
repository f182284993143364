/**
 * The quorum protocol's registry entry: what the playground needs beyond its step function (config
 * schema, default cluster and workload, client ops, linearizability over gets and puts, metrics,
 * examples, chaos). Registered in ../registry.ts.
 */
import { Rng } from '../../prng';
import type { NodeId } from '../../types';
import type { ProtocolEntry } from '../plugin';
import { BEHAVIOURS, quorumConfigSchema } from './config';
import { QUORUM_LINEARIZABLE, quorumMetrics } from './consistency';
import { QUORUM_EXAMPLES } from './examples';
import { QUORUM_OPS } from './ops';
import { quorum } from '.';

/**
 * quorumKnobs varies the configuration by seed, within the sound settings (r + w > V, 2w > V,
 * majority thresholds): one node in three of the seeds gets 2 or 3 votes, the retry period varies,
 * and one seed in three has a Byzantine voter of one vote, which honest majorities must outvote.
 */
function quorumKnobs(seed: number, nodes: readonly NodeId[]): Record<string, unknown> {
  const knobs = Rng.derive(seed, 'chaos-config');
  const weights: Record<string, number> = {};
  if (knobs.int(0, 2) === 0) weights[knobs.pick(nodes)] = knobs.pick([2, 3]);
  const byzantine: Record<string, string> = {};
  if (knobs.int(0, 2) === 0) {
    const liar = knobs.pick(nodes.filter((n) => weights[n] === undefined));
    byzantine[liar] = knobs.pick(BEHAVIOURS);
  }
  return { weights, byzantine, retryMs: knobs.pick([100, 200, 400]) };
}

/** quorumEntry is the quorum protocol's registry entry: 5 replicas of one vote each, a light workload of gets, puts and proposals. */
export const quorumEntry: ProtocolEntry = {
  protocol: quorum,
  title: 'Weighted voting',
  description: 'Replicas with votes: reads gather r votes, writes w votes (Gifford 1979), and proposals are decided by weighted approve / reject / abstain votes.',
  configSchema: quorumConfigSchema,
  defaultNodes: 5,
  nodeRange: [1, 100],
  defaultWorkload: { ratePerSecond: 2, startMs: 200, clients: ['c1', 'c2', 'c3'], keys: ['x', 'y'], writeFirst: true },
  ops: QUORUM_OPS,
  consistency: QUORUM_LINEARIZABLE,
  metrics: quorumMetrics,
  examples: () => [{ title: 'Quorum and weighted voting', examples: QUORUM_EXAMPLES }],
  chaos: {
    sizes: [5, 5, 7],
    knobs: quorumKnobs,
    nemesis: ['crash', 'bounce', 'partition', 'bridge', 'one-way', 'loss', 'duplicate', 'reorder', 'latency-spike', 'skew'],
  },
};
