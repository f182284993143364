/**
 * The circuit breaker the coordinator keeps per follower (Nygard, "Release It!", ch. 5): `closed`
 * lets work through and counts consecutive failures; at `threshold` it opens; `open` lets nothing
 * through until `coolDownMs` have passed, then it is `half-open` and lets one trial assignment
 * through; the trial's success closes it, its failure opens it again. Pure: the caller records the
 * transitions it returns.
 */
import type { VirtualMs } from '../../types';

/** BreakerState is Nygard's three states. */
export type BreakerState = 'closed' | 'open' | 'half-open';

/** Breaker is one follower's breaker. */
export interface Breaker {
  state: BreakerState;
  /** Consecutive failures while closed. */
  failures: number;
  /** When it last opened (virtual ms). */
  openedAt: VirtualMs;
  /** Half-open: the task whose trial is in flight, or null. */
  trial: string | null;
}

/** Transition is a breaker's change of state, for the `breaker` record. */
export interface Transition {
  from: BreakerState;
  to: BreakerState;
}

/** closedBreaker gives a fresh, closed breaker. */
export const closedBreaker = (): Breaker => ({ state: 'closed', failures: 0, openedAt: 0, trial: null });

/** admits tells whether `b` lets a new assignment through now (closed, or half-open with no trial yet). */
export const admits = (b: Breaker): boolean => b.state === 'closed' || (b.state === 'half-open' && b.trial === null);

/** onAssign notes that task `task` went through `b` (a half-open breaker's trial). */
export function onAssign(b: Breaker, task: string): void {
  if (b.state === 'half-open') b.trial = task;
}

/** onFailure counts a failure at `now`; gives the transition if it opened. */
export function onFailure(b: Breaker, now: VirtualMs, threshold: number): Transition | null {
  if (b.state === 'open') return null;
  if (b.state === 'half-open') {
    Object.assign(b, { state: 'open', openedAt: now, trial: null, failures: threshold });
    return { from: 'half-open', to: 'open' };
  }
  b.failures++;
  if (b.failures < threshold) return null;
  Object.assign(b, { state: 'open', openedAt: now, trial: null });
  return { from: 'closed', to: 'open' };
}

/** onSuccess resets `b`; gives the transition if it closed. */
export function onSuccess(b: Breaker): Transition | null {
  const from = b.state;
  Object.assign(b, { state: 'closed', failures: 0, trial: null });
  return from === 'closed' ? null : { from, to: 'closed' };
}

/** onTick moves an open breaker whose cool-down of `coolDownMs` is over to half-open; gives the transition. */
export function onTick(b: Breaker, now: VirtualMs, coolDownMs: number): Transition | null {
  if (b.state !== 'open' || now - b.openedAt < coolDownMs) return null;
  b.state = 'half-open';
  b.trial = null;
  return { from: 'open', to: 'half-open' };
}
