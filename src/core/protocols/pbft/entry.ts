/**
 * PBFT's registry entry: what the playground needs of PBFT beyond its step function (its config
 * schema, default cluster and workload, chaos knobs). Registered in ../registry.ts.
 */
import { WORKLOAD_DEFAULTS } from '../../chaos/workload';
import { Rng } from '../../prng';
import type { NodeId } from '../../types';
import { LINEARIZABLE_KV } from '../../check/linearizability/spec';
import { KV_OPS } from '../../kv-ops';
import type { ProtocolEntry } from '../plugin';
import { PBFT_EXAMPLES } from './examples';
import { BEHAVIOURS, pbftConfigSchema } from './config';
import { pbft } from '.';

/**
 * pbftKnobs varies PBFT's configuration by seed: the checkpoint interval (a short one exercises
 * water marks and state transfer, §4.3) and up to f Byzantine replicas of random behaviours, which
 * PBFT must tolerate (Castro & Liskov 1999 §3).
 */
function pbftKnobs(seed: number, nodes: readonly NodeId[]): Record<string, unknown> {
  const knobs = Rng.derive(seed, 'chaos-config');
  const f = Math.floor((nodes.length - 1) / 3);
  const byzantine: Record<string, string> = {};
  for (let k = knobs.int(0, f); Object.keys(byzantine).length < k; ) byzantine[knobs.pick(nodes)] = knobs.pick(BEHAVIOURS);
  const interval = knobs.pick([2, 4, 8]);
  return { checkpointInterval: interval, logWindow: interval * 2, byzantine };
}

/**
 * pbftEntry is PBFT's registry entry. Its default cluster is 3f + 1 = 4 replicas with a light client
 * workload: about 2 requests per virtual second (gets, puts, appends, compare-and-sets over 4
 * clients and 3 keys) from 200 ms, since a BFT cluster with no clients does nothing and Play should
 * show something. The workload opens with a put and never compares-and-sets an unwritten key
 * (`writeFirst`), so a new user's first sight is an operation that succeeds.
 */
export const pbftEntry: ProtocolEntry = {
  protocol: pbft,
  title: 'PBFT',
  description: 'Byzantine fault tolerant state machine replication (Castro & Liskov 1999).',
  configSchema: pbftConfigSchema,
  ops: KV_OPS,
  consistency: LINEARIZABLE_KV,
  examples: () => [{ title: 'PBFT (Byzantine faults)', examples: PBFT_EXAMPLES }],
  defaultNodes: 4,
  defaultWorkload: { ...WORKLOAD_DEFAULTS, ratePerSecond: 2, startMs: 200, writeFirst: true },
  chaos: { sizes: [4, 4, 7], knobs: pbftKnobs },
};
