/**
 * The quorum protocol's client operations: Gifford's read and write of a key (`get`, `put`,
 * checked for linearizability) and a proposal put to a weighted vote,
 * `{"f": "propose", "id": "p1", "value": "x"}`, answered with the approved value or a rejection.
 */
import * as v from 'valibot';
import type { WorkloadOptions } from '../../chaos/workload';
import { Rng } from '../../prng';
import { key, kind, value } from '../../scenario/fields';
import type { TimelineAction } from '../../scenario/types';
import type { Op } from '../../types';
import type { ClientOps } from '../plugin';

const OP_NAMES = ['get', 'put', 'propose'] as const;

/** A proposal id: a short name such as `p1`. */
const proposalId = v.pipe(
  v.string('{field} must be a string such as "p1" (got {got})'),
  v.minLength(1, '{field} must not be empty'),
  v.maxLength(32, (i) => `{field} may hold at most 32 characters (it has ${i.received})`),
);

/** quorumOpSchema validates one op; its messages name the op and its fields. */
export const quorumOpSchema = v.variant(
  'f',
  [
    kind('get', { f: v.literal('get'), key }),
    kind('put', { f: v.literal('put'), key, value: value() }),
    kind('propose', { f: v.literal('propose'), id: proposalId, value: value() }),
  ],
  (issue) => {
    if (!issue.path) return '{field} must be an object such as {"f": "propose", "id": "p1", "value": "x"} (got {got})';
    if (issue.input === undefined) return `{field} is missing (known: ${OP_NAMES.join(', ')})`;
    return `unknown operation {got} in {field} (known: ${OP_NAMES.join(', ')})`;
  },
);

/** describeQuorumOp words an op: `get x`, `put x 1`, `propose p1 = x`. */
export function describeQuorumOp(op: Op): string {
  if (op.f === 'get') return `get ${String(op.key)}`;
  if (op.f === 'put') return `put ${String(op.key)} ${String(op.value)}`;
  if (op.f === 'propose') return `propose ${String(op.id)} = ${String(op.value)}`;
  return JSON.stringify(op);
}

/**
 * quorumWorkload draws seeded traffic from `seed` (its own stream, `quorum-workload`): gets and puts
 * over `opts.keys` with values `<client>.<n>`, and one proposal in five (`p1`, `p2`, … with value
 * `<client>.<n>`), about `opts.ratePerSecond` a virtual second, sorted by `at`.
 * @throws Error if the rate is not positive or a list is empty.
 */
export function quorumWorkload(seed: number, opts: WorkloadOptions): TimelineAction[] {
  if (!(opts.ratePerSecond > 0)) throw new Error('workload: ratePerSecond must be positive');
  if (opts.clients.length === 0 || opts.keys.length === 0) throw new Error('workload: clients and keys must not be empty');
  const rng = Rng.derive(seed, 'quorum-workload');
  const gap = 1000 / opts.ratePerSecond;
  const counter = new Map<string, number>();
  const out: TimelineAction[] = [];
  let proposals = 0;
  let first = true;
  for (let at = opts.startMs + rng.int(0, Math.ceil(gap)); at < opts.endMs; at += Math.max(1, Math.round(gap * (0.5 + rng.float())))) {
    const client = rng.pick(opts.clients);
    const n = (counter.get(client) ?? 0) + 1;
    counter.set(client, n);
    const draw = rng.int(0, 9);
    const k = rng.pick(opts.keys);
    let op: Op;
    if (draw < 2 && !first) op = { f: 'propose', id: `p${++proposals}`, value: `${client}.${n}` };
    else if (draw < 6 || (first && opts.writeFirst)) op = { f: 'put', key: k, value: `${client}.${n}` };
    else op = { f: 'get', key: k };
    first = false;
    out.push({ at, action: 'request', client, op });
  }
  return out;
}

/** QUORUM_OPS declares the ops for the registry entry. */
export const QUORUM_OPS: ClientOps = {
  names: OP_NAMES,
  schema: quorumOpSchema as unknown as v.GenericSchema<unknown, Op>,
  example: { f: 'propose', id: 'p1', value: 'x' },
  describe: describeQuorumOp,
  workload: quorumWorkload,
};
