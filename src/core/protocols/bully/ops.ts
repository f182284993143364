/**
 * Bully's client operations: the load and health that make up a node's score change from client
 * traffic as well as from the user (issue 14 §2), and a client may ask a node who it follows.
 * - `{"f": "load", "value": 40}`: the node that receives it now carries load 40;
 * - `{"f": "health", "value": 70}`: its health is now 70;
 * - `{"f": "who"}`: the node answers with the coordinator it accepts (`none` during an election).
 * The seeded workload changes random nodes' loads, so in score mode the best-ranked node moves.
 */
import * as v from 'valibot';
import type { WorkloadOptions } from '../../chaos/workload';
import { Rng } from '../../prng';
import { kind } from '../../scenario/fields';
import type { TimelineAction } from '../../scenario/types';
import type { Op } from '../../types';
import type { ClientOps } from '../plugin';

/** LoadOp sets the receiving node's load; HealthOp its health; WhoOp asks whom it follows. */
export type BullyOp = { f: 'load'; value: number } | { f: 'health'; value: number } | { f: 'who' };

const amount = () => {
  const words = '{field} must be a number from 0 to 1000 (got {got})';
  return v.pipe(v.number(words), v.minValue(0, words), v.maxValue(1000, words));
};

/** bullyOpSchema validates one bully op; its messages name the op and its fields. */
export const bullyOpSchema = v.variant(
  'f',
  [kind('load', { f: v.literal('load'), value: amount() }), kind('health', { f: v.literal('health'), value: amount() }), kind('who', { f: v.literal('who') })],
  (issue) => {
    if (!issue.path) return '{field} must be an object such as {"f": "load", "value": 40} (got {got})';
    if (issue.input === undefined) return '{field} is missing (bully knows load, health and who)';
    return 'unknown operation {got} in {field} (bully knows load, health and who)';
  },
);

/**
 * loadWorkload draws load changes from `seed` (its own stream, `bully-workload`): about
 * `opts.ratePerSecond` a virtual second from `opts.startMs` until before `opts.endMs`, each a load
 * from 0 to 60 in steps of 10 from its own client (l1 sends the first, l2 the second, …), so it
 * lands at a random node; `opts.clients` and `opts.keys` are unused.
 * @throws Error if the rate is not positive.
 */
export function loadWorkload(seed: number, opts: WorkloadOptions): TimelineAction[] {
  if (!(opts.ratePerSecond > 0)) throw new Error('workload: ratePerSecond must be positive');
  const rng = Rng.derive(seed, 'bully-workload');
  const gap = 1000 / opts.ratePerSecond;
  const out: TimelineAction[] = [];
  let n = 0;
  for (let at = opts.startMs + rng.int(0, Math.ceil(gap)); at < opts.endMs; at += Math.max(1, Math.round(gap * (0.5 + rng.float())))) {
    n++;
    out.push({ at, action: 'request', client: `l${n}`, op: { f: 'load', value: 10 * rng.int(0, 6) } });
  }
  return out;
}

/** describeOp words an op, e.g. `load 40`, `who`. */
export const describeOp = (op: Op): string => (op.f === 'who' ? 'who coordinates?' : `${op.f} ${String(op.value)}`);

/** BULLY_OPS is bully's client-op declaration for its registry entry. */
export const BULLY_OPS: ClientOps = {
  names: ['load', 'health', 'who'],
  schema: bullyOpSchema as v.GenericSchema<unknown, BullyOp & Op>,
  example: { f: 'load', value: 40 },
  describe: describeOp,
  workload: loadWorkload,
};
