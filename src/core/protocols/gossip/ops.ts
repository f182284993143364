/**
 * Gossip's client operation: `{"f": "broadcast", "value": "v1"}` injects a value at the node it
 * reaches, which acknowledges it at once and spreads it (Demers et al. 1987, §0; Maelstrom's
 * `broadcast` workload). The seeded workload broadcasts unique values v1, v2, … from fresh clients,
 * so each lands at a random node.
 */
import * as v from 'valibot';
import { Rng } from '../../prng';
import type { ClientOps } from '../plugin';
import { kind, value } from '../../scenario/fields';
import type { TimelineAction } from '../../scenario/types';
import type { Op } from '../../types';
import type { WorkloadOptions } from '../../chaos/workload';

/** BroadcastOp injects `value` at the node that receives it. */
export interface BroadcastOp extends Op {
  f: 'broadcast';
  value: string;
}

/** broadcastOpSchema validates one gossip op; its messages name the op and its fields. */
export const broadcastOpSchema = v.variant('f', [kind('broadcast', { f: v.literal('broadcast'), value: value() })], (issue) => {
  if (!issue.path) return '{field} must be an object such as {"f": "broadcast", "value": "v1"} (got {got})';
  if (issue.input === undefined) return '{field} is missing (gossip knows only broadcast)';
  return 'unknown operation {got} in {field} (gossip knows only broadcast)';
});

/**
 * broadcastWorkload draws broadcasts of v1, v2, … from `seed` (its own stream, `gossip-workload`),
 * about `opts.ratePerSecond` per virtual second from `opts.startMs` until before `opts.endMs`. Each
 * comes from its own client (c1 broadcasts v1, c2 v2, …), so it reaches a random node and never
 * queues behind another; `opts.clients` and `opts.keys` are unused.
 * @throws Error if the rate is not positive.
 */
export function broadcastWorkload(seed: number, opts: WorkloadOptions): TimelineAction[] {
  if (!(opts.ratePerSecond > 0)) throw new Error('workload: ratePerSecond must be positive');
  const rng = Rng.derive(seed, 'gossip-workload');
  const gap = 1000 / opts.ratePerSecond;
  const out: TimelineAction[] = [];
  let n = 0;
  for (let at = opts.startMs + rng.int(0, Math.ceil(gap)); at < opts.endMs; at += Math.max(1, Math.round(gap * (0.5 + rng.float())))) {
    n++;
    out.push({ at, action: 'request', client: `c${n}`, op: { f: 'broadcast', value: `v${n}` } });
  }
  return out;
}

/** GOSSIP_OPS is gossip's client-op declaration for its registry entry. */
export const GOSSIP_OPS: ClientOps = {
  names: ['broadcast'],
  schema: broadcastOpSchema as v.GenericSchema<unknown, BroadcastOp>,
  example: { f: 'broadcast', value: 'v1' },
  describe: (op) => `broadcast ${String(op.value)}`,
  workload: broadcastWorkload,
};
