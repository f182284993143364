/**
 * Lease-lock's client operation: `{"f": "write", "value": "A"}` asks a client node to take the lock
 * and write `value` to storage under its fencing token; it answers ok when storage accepted the
 * write, and fails (certainly no effect) when storage rejected a stale token. Sent to a lock node or
 * storage, it is redirected to a client. The seeded workload writes w1, w2, … from fresh clients.
 */
import * as v from 'valibot';
import { Rng } from '../../prng';
import type { ClientOps } from '../plugin';
import { kind, value } from '../../scenario/fields';
import type { TimelineAction } from '../../scenario/types';
import type { WorkloadOptions } from '../../chaos/workload';
import type { WriteOp } from './messages';

/** writeOpSchema validates one lease-lock op; its messages name the op and its fields. */
export const writeOpSchema = v.variant('f', [kind('write', { f: v.literal('write'), value: value() })], (issue) => {
  if (!issue.path) return '{field} must be an object such as {"f": "write", "value": "A"} (got {got})';
  if (issue.input === undefined) return '{field} is missing (lease-lock knows only write)';
  return 'unknown operation {got} in {field} (lease-lock knows only write)';
});

/**
 * writeWorkload draws writes of w1, w2, … from `seed` (its own stream, `lease-workload`), about
 * `opts.ratePerSecond` a virtual second from `opts.startMs` until before `opts.endMs`, each from its
 * own client so none queues behind another at the client side.
 * @throws Error if the rate is not positive.
 */
export function writeWorkload(seed: number, opts: WorkloadOptions): TimelineAction[] {
  if (!(opts.ratePerSecond > 0)) throw new Error('workload: ratePerSecond must be positive');
  const rng = Rng.derive(seed, 'lease-workload');
  const gap = 1000 / opts.ratePerSecond;
  const out: TimelineAction[] = [];
  let n = 0;
  for (let at = opts.startMs + rng.int(0, Math.ceil(gap)); at < opts.endMs; at += Math.max(1, Math.round(gap * (0.5 + rng.float())))) {
    n++;
    out.push({ at, action: 'request', client: `c${n}`, op: { f: 'write', value: `w${n}` } });
  }
  return out;
}

/** LEASE_OPS is lease-lock's client-op declaration for its registry entry. */
export const LEASE_OPS: ClientOps = {
  names: ['write'],
  schema: writeOpSchema as v.GenericSchema<unknown, WriteOp>,
  example: { f: 'write', value: 'A' },
  describe: (op) => `write ${String(op.value)}`,
  workload: writeWorkload,
};
