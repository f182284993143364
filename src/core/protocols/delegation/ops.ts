/**
 * Delegation's client operation: `{"f": "submit", "id": "t1", "capability": "gpu", "durationMs":
 * 400}` submits task t1, which needs a follower offering `gpu` and runs for 400 virtual ms. The
 * coordinator answers "accepted" once a follower holds it, or refuses it with a reason (shed by the
 * rate limit or a full queue, or no follower offers the capability). A task id names one task:
 * submitting it again is the same task.
 */
import * as v from 'valibot';
import type { WorkloadOptions } from '../../chaos/workload';
import { Rng } from '../../prng';
import { kind } from '../../scenario/fields';
import type { TimelineAction } from '../../scenario/types';
import type { Op } from '../../types';
import type { ClientOps } from '../plugin';

/** SubmitOp submits one task. */
export interface SubmitOp extends Op {
  f: 'submit';
  id: string;
  capability: string;
  durationMs: number;
}

/** MAX_TASK_MS bounds a task's duration (virtual ms). */
export const MAX_TASK_MS = 60_000;

/** submitOpSchema validates one submit; its messages name the op and its fields. */
export const submitOpSchema = v.variant(
  'f',
  [
    kind('submit', {
      f: v.literal('submit'),
      id: v.pipe(v.string('{field} must be a task id such as "t1" (got {got})'), v.regex(/^[\w.-]{1,32}$/, '{field} must be a short task id such as "t1" (got {got})')),
      capability: v.pipe(v.string('{field} must name a capability such as "gpu" (got {got})'), v.regex(/^[a-z0-9-]{1,24}$/, '{field} must be a short lower-case name such as "gpu" (got {got})')),
      durationMs: v.pipe(
        v.number('{field} must be a whole number of virtual ms (got {got})'),
        v.integer('{field} must be a whole number of virtual ms (got {got})'),
        v.minValue(1, '{field} must be at least 1 virtual ms (got {got})'),
        v.maxValue(MAX_TASK_MS, `{field} may be at most ${MAX_TASK_MS} virtual ms (got {got})`),
      ),
    }),
  ],
  (issue) => {
    if (!issue.path) return '{field} must be an object such as {"f": "submit", "id": "t1", "capability": "cpu", "durationMs": 300} (got {got})';
    if (issue.input === undefined) return '{field} is missing (delegation knows only submit)';
    return 'unknown operation {got} in {field} (delegation knows only submit)';
  },
);

/** describeSubmit words a submit: `submit t1 gpu 400 ms`. */
export const describeSubmit = (op: Op): string => (op.f === 'submit' ? `submit ${String(op.id)} ${String(op.capability)} ${String(op.durationMs)} ms` : JSON.stringify(op));

/**
 * submitWorkload draws seeded submits from `seed` (its own stream, `delegation-workload`): tasks
 * t1, t2, … needing `cpu` (the default capability), 100–600 virtual ms each, from `opts.clients`,
 * about `opts.ratePerSecond` a second; `opts.keys` is unused.
 * @throws Error if the rate is not positive or there are no clients.
 */
export function submitWorkload(seed: number, opts: WorkloadOptions): TimelineAction[] {
  if (!(opts.ratePerSecond > 0)) throw new Error('workload: ratePerSecond must be positive');
  if (opts.clients.length === 0) throw new Error('workload: clients must not be empty');
  const rng = Rng.derive(seed, 'delegation-workload');
  const gap = 1000 / opts.ratePerSecond;
  const out: TimelineAction[] = [];
  let n = 0;
  for (let at = opts.startMs + rng.int(0, Math.ceil(gap)); at < opts.endMs; at += Math.max(1, Math.round(gap * (0.5 + rng.float())))) {
    n++;
    out.push({ at, action: 'request', client: rng.pick(opts.clients), op: { f: 'submit', id: `t${n}`, capability: 'cpu', durationMs: 100 * rng.int(1, 6) } });
  }
  return out;
}

/**
 * floodMoves is the chaos kind "flood": one client (c-flood) submits `count` tasks as fast as its
 * requests come back, from a moment drawn in [startMs, endMs); the token bucket must shed most of
 * them with a reason while other clients go on being served.
 */
export function floodMoves(seed: number, window: { startMs: number; endMs: number }, count = 30): TimelineAction[] {
  const rng = Rng.derive(seed, 'delegation-flood');
  if (window.endMs - window.startMs < 100 || !rng.chance(0.5)) return [];
  const at = rng.int(window.startMs, window.endMs - 100);
  return Array.from({ length: count }, (_, i) => ({ at: at + i, action: 'request' as const, client: 'c-flood', op: { f: 'submit', id: `f${seed}-${i + 1}`, capability: 'cpu', durationMs: 100 } }));
}

/** SUBMIT_OPS declares the submits for the registry entry. */
export const SUBMIT_OPS: ClientOps = {
  names: ['submit'],
  schema: submitOpSchema as unknown as v.GenericSchema<unknown, Op>,
  example: { f: 'submit', id: 't1', capability: 'cpu', durationMs: 300 },
  describe: describeSubmit,
  workload: submitWorkload,
};
