/**
 * The CRDT client operations, sent to any replica: `{"f": "inc", "by": 1}` and `{"f": "dec"}`
 * (counters; `by` defaults to 1), `{"f": "add", "elem": "x"}` and `{"f": "remove", "elem": "x"}`
 * (sets), `{"f": "set", "value": "v"}` (the register) and `{"f": "read"}` (every type). A replica
 * refuses, in words, an update its type does not serve.
 */
import * as v from 'valibot';
import { Rng } from '../../prng';
import type { ClientOps } from '../plugin';
import { kind, value } from '../../scenario/fields';
import type { TimelineAction } from '../../scenario/types';
import type { Op } from '../../types';
import type { WorkloadOptions } from '../../chaos/workload';

const by = () => {
  const words = '{field} must be a whole number from 1 to 1000 (got {got})';
  return v.optional(v.pipe(v.number(words), v.integer(words), v.minValue(1, words), v.maxValue(1000, words)));
};

/** CRDT_OP_NAMES lists the ops, in the request form's order. */
export const CRDT_OP_NAMES = ['inc', 'dec', 'add', 'remove', 'set', 'read'] as const;

/** crdtOpSchema validates one op; its messages name the op and its fields. */
export const crdtOpSchema = v.variant(
  'f',
  [
    kind('inc', { f: v.literal('inc'), by: by() }),
    kind('dec', { f: v.literal('dec'), by: by() }),
    kind('add', { f: v.literal('add'), elem: value() }),
    kind('remove', { f: v.literal('remove'), elem: value() }),
    kind('set', { f: v.literal('set'), value: value() }),
    kind('read', { f: v.literal('read') }),
  ],
  (issue) => {
    if (!issue.path) return '{field} must be an object such as {"f": "inc", "by": 1} (got {got})';
    if (issue.input === undefined) return `{field} is missing (crdt knows ${CRDT_OP_NAMES.join(', ')})`;
    return `unknown operation {got} in {field} (crdt knows ${CRDT_OP_NAMES.join(', ')})`;
  },
);

/** describeOp words an op, e.g. `inc 2`, `add x`, `set v`, `read`. */
export function describeOp(op: Op): string {
  switch (op.f) {
    case 'inc':
    case 'dec':
      return `${op.f} ${Number(op.by ?? 1)}`;
    case 'add':
    case 'remove':
      return `${op.f} ${String(op.elem)}`;
    case 'set':
      return `set ${String(op.value)}`;
    default:
      return op.f;
  }
}

/**
 * crdtWorkload draws a seeded mix of ops from `seed` (stream `crdt-workload`), about
 * `opts.ratePerSecond` a second from `opts.startMs` until before `opts.endMs`, each from a fresh
 * client so it reaches a random replica. It does not know the cluster's type, so it draws every
 * kind of update (a replica refuses the ones its type does not serve) and some reads; elements and
 * values come from `opts.keys`. `opts.clients` is unused.
 * @throws Error if the rate is not positive.
 */
export function crdtWorkload(seed: number, opts: WorkloadOptions): TimelineAction[] {
  if (!(opts.ratePerSecond > 0)) throw new Error('workload: ratePerSecond must be positive');
  const rng = Rng.derive(seed, 'crdt-workload');
  const gap = 1000 / opts.ratePerSecond;
  const keys = opts.keys.length ? opts.keys : ['x'];
  const out: TimelineAction[] = [];
  let n = 0;
  for (let at = opts.startMs + rng.int(0, Math.ceil(gap)); at < opts.endMs; at += Math.max(1, Math.round(gap * (0.5 + rng.float())))) {
    n++;
    const f = rng.pick(['inc', 'inc', 'dec', 'add', 'add', 'remove', 'set', 'read'] as const);
    const elem = rng.pick(keys);
    const op: Op = f === 'inc' || f === 'dec' ? { f, by: rng.int(1, 3) } : f === 'add' || f === 'remove' ? { f, elem } : f === 'set' ? { f, value: `v${n}` } : { f };
    out.push({ at, action: 'request', client: `c${n}`, op });
  }
  return out;
}

/** CRDT_OPS is the client-op declaration for the registry entry. */
export const CRDT_OPS: ClientOps = {
  names: CRDT_OP_NAMES,
  schema: crdtOpSchema as v.GenericSchema<unknown, Op>,
  example: { f: 'inc', by: 1 },
  describe: describeOp,
  workload: crdtWorkload,
};
