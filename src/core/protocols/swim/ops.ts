/**
 * SWIM's client operation: `{"f": "members"}` asks the node that receives it how its membership
 * list stands (e.g. `alive 18, suspect 1, dead 1`). SWIM itself serves no client data; the op lets
 * a client watch a member's view. The seeded workload asks random nodes now and then.
 */
import * as v from 'valibot';
import type { WorkloadOptions } from '../../chaos/workload';
import { Rng } from '../../prng';
import { kind } from '../../scenario/fields';
import type { TimelineAction } from '../../scenario/types';
import type { Op } from '../../types';
import type { ClientOps } from '../plugin';

/** MembersOp asks a node for its membership list's counts. */
export interface MembersOp extends Op {
  f: 'members';
}

/** membersOpSchema validates one SWIM op; its messages name the op. */
export const membersOpSchema = v.variant('f', [kind('members', { f: v.literal('members') })], (issue) => {
  if (!issue.path) return '{field} must be an object such as {"f": "members"} (got {got})';
  if (issue.input === undefined) return '{field} is missing (swim knows only members)';
  return 'unknown operation {got} in {field} (swim knows only members)';
});

/**
 * membersWorkload draws `members` queries from `seed` (its own stream, `swim-workload`), about
 * `opts.ratePerSecond` a virtual second from `opts.startMs` until before `opts.endMs`, each from
 * its own client so it reaches a random node.
 * @throws Error if the rate is not positive.
 */
export function membersWorkload(seed: number, opts: WorkloadOptions): TimelineAction[] {
  if (!(opts.ratePerSecond > 0)) throw new Error('workload: ratePerSecond must be positive');
  const rng = Rng.derive(seed, 'swim-workload');
  const gap = 1000 / opts.ratePerSecond;
  const out: TimelineAction[] = [];
  let n = 0;
  for (let at = opts.startMs + rng.int(0, Math.ceil(gap)); at < opts.endMs; at += Math.max(1, Math.round(gap * (0.5 + rng.float())))) {
    n++;
    out.push({ at, action: 'request', client: `m${n}`, op: { f: 'members' } });
  }
  return out;
}

/** SWIM_OPS is SWIM's client-op declaration for its registry entry. */
export const SWIM_OPS: ClientOps = {
  names: ['members'],
  schema: membersOpSchema as v.GenericSchema<unknown, MembersOp>,
  example: { f: 'members' },
  describe: () => 'members?',
  workload: membersWorkload,
};
