/**
 * Two-phase commit's client operation: a transaction that writes several keys at once,
 * `{"f": "txn", "writes": {"x": "1", "y": "2"}}`, worded `txn x=1 y=2`. It commits on every
 * participant that owns one of its keys, or on none.
 */
import * as v from 'valibot';
import type { WorkloadOptions } from '../../chaos/workload';
import { Rng } from '../../prng';
import type { ClientOps } from '../plugin';
import { kind, key, value } from '../../scenario/fields';
import type { TimelineAction } from '../../scenario/types';
import type { Op } from '../../types';
import { writesText } from './messages';

/** TxnOp is a transaction: each key of `writes` is set to its value, all or nothing. */
export interface TxnOp extends Op {
  f: 'txn';
  writes: Record<string, string>;
}

/** MAX_TXN_WRITES bounds the keys one transaction writes. */
export const MAX_TXN_WRITES = 16;

const WRITES_SHAPE = '{field} must map keys to values, e.g. {"x": "1", "y": "2"} (got {got})';

/** txnOpSchema validates one transaction; its messages name the op and its fields. */
export const txnOpSchema = v.pipe(
  v.custom<Record<string, unknown>>((x) => typeof x === 'object' && x !== null && !Array.isArray(x), '{field} must be an object such as {"f": "txn", "writes": {"x": "1"}} (got {got})'),
  v.custom<Record<string, unknown>>((x) => (x as { f?: unknown }).f === 'txn', (i) => {
    const f = (i.input as { f?: unknown }).f;
    return f === undefined ? '{field} needs an f: "txn" (two-phase commit runs transactions)' : `unknown operation ${JSON.stringify(f)} in {field}: two-phase commit runs transactions such as {"f": "txn", "writes": {"x": "1"}}`;
  }),
  kind('txn', {
    f: v.literal('txn'),
    writes: v.pipe(
      v.custom<Record<string, unknown>>((x) => typeof x === 'object' && x !== null && !Array.isArray(x), WRITES_SHAPE),
      v.record(key, value(), WRITES_SHAPE),
      v.check((w) => Object.keys(w).length > 0, '{field} must write at least one key, e.g. {"x": "1"}'),
      v.check((w) => Object.keys(w).length <= MAX_TXN_WRITES, `{field} may write at most ${MAX_TXN_WRITES} keys`),
    ),
  }),
);

/** describeTxn words a transaction: `txn x=1 y=2`. */
export function describeTxn(op: Op): string {
  const writes = (op as Partial<TxnOp>).writes;
  return op.f === 'txn' && writes ? `txn ${writesText(writes)}` : JSON.stringify(op);
}

/**
 * txnWorkload draws seeded transactions from `seed` (its own stream, `workload`): each writes 1 to 3
 * of `opts.keys`, with values `<client>.<n>` (unique per client), sorted by `at`.
 * @throws Error if the rate is not positive or a list is empty.
 */
export function txnWorkload(seed: number, opts: WorkloadOptions): TimelineAction[] {
  if (!(opts.ratePerSecond > 0)) throw new Error('workload: ratePerSecond must be positive');
  if (opts.clients.length === 0 || opts.keys.length === 0) throw new Error('workload: clients and keys must not be empty');
  const rng = Rng.derive(seed, 'workload');
  const gap = 1000 / opts.ratePerSecond;
  const counter = new Map<string, number>();
  const out: TimelineAction[] = [];
  for (let at = opts.startMs + rng.int(0, Math.ceil(gap)); at < opts.endMs; at += Math.max(1, Math.round(gap * (0.5 + rng.float())))) {
    const client = rng.pick(opts.clients);
    const n = (counter.get(client) ?? 0) + 1;
    counter.set(client, n);
    const writes: Record<string, string> = {};
    const count = rng.int(1, Math.min(3, opts.keys.length));
    while (Object.keys(writes).length < count) writes[rng.pick(opts.keys)] = `${client}.${n}`;
    out.push({ at, action: 'request', client, op: { f: 'txn', writes } });
  }
  return out;
}

/** TXN_OPS declares the transactions for the registry entry. */
export const TXN_OPS: ClientOps = {
  names: ['txn'],
  schema: txnOpSchema as unknown as v.GenericSchema<unknown, Op>,
  example: { f: 'txn', writes: { x: '1', y: '2' } },
  describe: describeTxn,
  workload: txnWorkload,
};
