/**
 * A lock node's line of waiters: fairness for the lease. Without it a lock node promises a freed
 * lease to whoever asks first, and a busy client that releases and asks again at once wins every
 * time while another, retrying on its own timer, may wait without bound.
 *
 * Lock services order their waiters instead. ZooKeeper's lock recipe (Hunt et al., "ZooKeeper:
 * Wait-free coordination for Internet-scale systems", USENIX ATC 2010, §2.4 "Simple Locks without
 * Herd Effect"; the ZooKeeper docs' "Recipes and Solutions: Locks") queues each contender as a
 * sequential znode and, when the lock is freed, wakes only the next in line: contenders get the
 * lock in the order they asked, none starves, and the rest are not woken in a herd. Here:
 * - a lock node puts each client it refuses at the back of its line, once (so the line is never
 *   longer than the layout's clients), and keeps its place while it asks again;
 * - when the lease is released or expires and someone waits, the lock node keeps the lease for the
 *   first in line for `retryMs` (about a round trip and a client's own patience) and sends it a
 *   {@link Wake}; anyone else who asks meanwhile is refused (`reserved`) and joins the line;
 * - a holder that asks again while others wait gives the lease up and goes to the back;
 * - a first in line that does not come in time (it crashed, the Wake was lost, it no longer wants
 *   the lease) leaves the line, and the next is kept for: a dead waiter blocks no one for long.
 * The line is volatile, lost in a crash: it is fairness, not safety, and clients ask again. In a
 * majority service each lock node keeps its own line, so fairness is per lock node, best-effort;
 * tokens and quorums are untouched, so the safety of the two rounds does not depend on it.
 */
import type { StepEnv } from '../../protocol';
import type { NodeId } from '../../types';
import type { LeaseMessage, Wake } from './messages';
import type { LeaseState } from './state';

type Env = StepEnv<LeaseMessage>;

/** keepMsOf is how long a freed lease is kept for the first in line (virtual ms): the client's `retryMs`. */
export const keepMsOf = (s: LeaseState): number => s.config.retryMs;

/** joinLine puts client `who` at the back of the line unless it is in it already; gives its place (1: first), 0 for a non-client. */
export function joinLine(s: LeaseState, who: NodeId): number {
  const at = s.waiters.indexOf(who);
  if (at >= 0) return at + 1;
  if (!s.layout.clients.includes(who)) return 0;
  s.waiters.push(who);
  return s.waiters.length;
}

/** leaveLine takes `who` out of the line, and ends a keep made for it. */
export function leaveLine(s: LeaseState, who: NodeId, env: Env): void {
  s.waiters = s.waiters.filter((w) => w !== who);
  if (s.keptFor === who) {
    s.keptFor = null;
    env.clearTimer('keep');
  }
}

/** keptForAnother tells whether the free lease is kept for someone other than `who`. */
export const keptForAnother = (s: LeaseState, who: NodeId): boolean => s.keptFor !== null && s.keptFor !== who;

/**
 * offerNext, called when the lease has just come free: keeps it for the first in line for
 * {@link keepMsOf} and wakes it. Nothing when no one waits.
 */
export function offerNext(s: LeaseState, env: Env): void {
  const next = s.waiters[0];
  if (next === undefined || s.promisedTo !== null) return;
  const keepMs = keepMsOf(s);
  s.keptFor = next;
  s.keptUntil = env.now + keepMs;
  env.setTimer('keep', keepMs);
  const wake: Wake = { type: 'Wake', until: s.keptUntil };
  env.send(next, wake);
  env.note(`${s.id}: the lease is free; kept for ${next}, first of ${s.waiters.length} in line, for ${keepMs} ms`);
}

/** keepTimer: the first in line did not come in time; it leaves the line and the next is offered the lease. */
export function keepTimer(s: LeaseState, env: Env): void {
  const late = s.keptFor;
  if (late === null || s.promisedTo !== null) return;
  env.note(`${s.id}: ${late} did not come for the lease kept for it; it leaves the line`);
  leaveLine(s, late, env);
  offerNext(s, env);
}
