/**
 * Waiting for requests (Castro & Liskov 1999, §4.4): "a backup is waiting for a request if it
 * received a valid request and has not executed it. A backup starts a timer when it receives a
 * request and the timer is not already running. It stops the timer when it is no longer waiting to
 * execute the request, but restarts it if at that point it is waiting to execute some other request."
 * The same timer, named `view-change`, later waits for the NewView (view-change.ts).
 */
import type { StepEnv } from '../../protocol';
import type { SignedRequest } from './auth';
import type { PbftMessage } from './messages';
import { isExecuted, isPrimary, LIMITS, requestKey, type PbftState } from './state';

/** VIEW_CHANGE_TIMER is the timer of §4.4: waiting for a request to execute, then for a NewView. */
export const VIEW_CHANGE_TIMER = 'view-change';

/** SLOW_PRIMARY_TIMER releases a `slow` primary's held pre-prepares (byzantine.ts). */
export const SLOW_PRIMARY_TIMER = 'slow-primary';

/**
 * addPending records a valid client request this replica has not executed (the newest per client:
 * an older one of the same client is dropped, a newer one already known wins) and, on a backup in
 * normal operation, starts the timer if it is not running.
 */
export function addPending(s: PbftState, env: StepEnv<PbftMessage>, r: SignedRequest): void {
  if (isExecuted(s, r.client, r.requestId)) return;
  const key = requestKey(r.client, r.requestId);
  if (s.pending.has(key)) return;
  for (const [k, p] of s.pending) {
    if (p.client !== r.client) continue;
    if (p.requestId > r.requestId) return;
    s.pending.delete(k);
  }
  if (s.pending.size >= LIMITS.maxPending) return;
  s.pending.set(key, r);
  updateRequestTimer(s, env, false);
}

/**
 * updateRequestTimer keeps the §4.4 timer in normal operation: armed (for config.requestTimeoutMs
 * virtual ms) exactly while this backup waits for some request; `restart` re-arms it in full, as
 * after executing a request while others still wait. No-op while changing views.
 */
export function updateRequestTimer(s: PbftState, env: StepEnv<PbftMessage>, restart: boolean): void {
  if (s.status !== 'normal') return;
  const waiting = !isPrimary(s) && s.pending.size > 0;
  if (!waiting) {
    if (s.timerArmed) env.clearTimer(VIEW_CHANGE_TIMER);
    s.timerArmed = false;
    return;
  }
  if (!s.timerArmed || restart) {
    env.setTimer(VIEW_CHANGE_TIMER, s.config.requestTimeoutMs);
    s.timerArmed = true;
  }
}

/**
 * newViewTimeoutMs is how long (virtual ms) a replica holding 2f+1 ViewChanges waits for the
 * NewView: config.viewChangeTimeoutMs, doubled for each failed view change in a row after the
 * first (§4.5.2), at most 2^LIMITS.maxBackoff times.
 */
export function newViewTimeoutMs(s: PbftState): number {
  return s.config.viewChangeTimeoutMs * 2 ** Math.min(Math.max(0, s.backoff - 1), LIMITS.maxBackoff);
}
