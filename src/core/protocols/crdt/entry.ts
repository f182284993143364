/**
 * The CRDT protocol's registry entry (Shapiro et al. 2011): config schema, default cluster and
 * workload, client ops, strong eventual consistency, examples and chaos. Registered in ../registry.ts.
 */
import { Rng } from '../../prng';
import type { ProtocolEntry } from '../plugin';
import { CRDT_TYPES, crdtConfigSchema } from './config';
import { STRONG_EVENTUAL } from './consistency';
import { CRDT_EXAMPLES } from './examples';
import { CRDT_OPS } from './ops';
import { crdt } from '.';

/** crdtKnobs varies the type and the anti-entropy period by seed. */
function crdtKnobs(seed: number): Record<string, unknown> {
  const knobs = Rng.derive(seed, 'chaos-config');
  return { type: knobs.pick(CRDT_TYPES), periodMs: knobs.pick([100, 200, 400]) };
}

/** crdtEntry: 5 replicas of a PN-Counter by default, with a light stream of updates and reads. */
export const crdtEntry: ProtocolEntry = {
  protocol: crdt,
  title: 'CRDTs',
  description: 'Leader-free replicated data types (counters, sets, a register) converging by anti-entropy or causal delivery (Shapiro et al. 2011).',
  configSchema: crdtConfigSchema,
  defaultNodes: 5,
  nodeRange: [1, 100],
  defaultWorkload: { ratePerSecond: 2, startMs: 200, clients: ['c1'], keys: ['x', 'y'] },
  ops: CRDT_OPS,
  consistency: STRONG_EVENTUAL,
  examples: () => [{ title: 'CRDTs', examples: CRDT_EXAMPLES }],
  chaos: {
    sizes: [3, 5, 8],
    knobs: crdtKnobs,
    nemesis: ['crash', 'bounce', 'partition', 'bridge', 'one-way', 'loss', 'duplicate', 'reorder', 'latency-spike', 'skew'],
    ratePerSecond: 8,
  },
};
