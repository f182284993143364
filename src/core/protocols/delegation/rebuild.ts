/**
 * Rebuilding the task table from the followers' reports, as a new coordinator does (and as it does
 * for a follower that rejoins later). The rules keep one attempt per task alive and never undo a
 * commit:
 * - an applied effect means the task was committed: it is done;
 * - a done-record is a decision some coordinator made; the newest epoch's record wins, unless this
 *   coordinator already decided in its own epoch. Its acceptance is repeated in the new epoch before
 *   Commit (as a Paxos leader re-proposes the value it found);
 * - of the attempts followers hold, the newest token is current and older ones are told to Abort,
 *   unless the current one is not yet acknowledged (so not known to be held): then the older, held
 *   attempt becomes current. An accepted task is thus always held by some follower.
 */
import type { StepEnv } from '../../protocol';
import type { NodeId } from '../../types';
import { compareTokens, sameToken, tokenText, type DelegationMessage, type Report, type TaskSpec, type Token } from './messages';
import type { DelegationState, TaskEntry } from './state';

type Env = StepEnv<DelegationMessage>;

/** newEntry gives a table entry for `spec`, queued and not yet accepted. */
export function newEntry(spec: TaskSpec): TaskEntry {
  return { spec, status: 'queued', token: null, worker: null, attempts: 0, retries: 0, retriesTotal: 0, deadline: 0, waitMs: 0, accepted: false, waiting: [], accepts: [], recordEpoch: 0 };
}

/** abortStale tells `to` to give up its attempt `token` of `task`. */
export function abortStale(s: DelegationState, to: NodeId, task: string, token: Token, reason: string, env: Env): void {
  const epoch = s.coord!.epoch;
  env.record('abort', { task, attempt: token.attempt, epoch: token.epoch, worker: to, reason });
  if (to === s.id) dropHeld(s, task, env);
  else env.send(to, { type: 'Abort', epoch, task, token, reason });
}

/** dropHeld stops this node's own work on `task`. */
export function dropHeld(s: DelegationState, task: string, env: Env): void {
  if (s.held.delete(task)) env.clearTimer(`task:${task}`);
}

/** mergeReport folds node `from`'s report into the coordinator's table (see the rules above). */
export function mergeReport(s: DelegationState, from: NodeId, m: Report, env: Env): void {
  const c = s.coord!;
  const entry = (spec: TaskSpec): TaskEntry => {
    let e = c.tasks.get(spec.id);
    if (!e) {
      e = { ...newEntry(spec), accepted: true };
      c.tasks.set(spec.id, e);
    }
    return e;
  };
  for (const a of m.applied) {
    const e = entry(a.spec);
    e.attempts = Math.max(e.attempts, a.token.attempt);
    if (e.status !== 'done') Object.assign(e, { status: 'done', token: a.token, worker: from });
  }
  for (const r of m.done) {
    const e = entry(r.spec);
    e.attempts = Math.max(e.attempts, r.token.attempt);
    if (e.status === 'done' || r.epoch <= e.recordEpoch) continue;
    if (e.recordEpoch === c.epoch) continue; // decided in this epoch already
    Object.assign(e, { status: 'committing', token: r.token, worker: r.worker, accepts: [], recordEpoch: r.epoch, deadline: env.now });
  }
  for (const h of m.held) {
    const e = entry(h.spec);
    e.attempts = Math.max(e.attempts, h.token.attempt);
    if (e.status === 'done' || e.status === 'committing') {
      if (!e.token || !sameToken(e.token, h.token)) abortStale(s, from, h.spec.id, h.token, `${h.spec.id} is ${e.status === 'done' ? 'done' : 'being committed'} by attempt ${e.token ? tokenText(e.token) : '?'}`, env);
      continue;
    }
    const cmp = e.token ? compareTokens(h.token, e.token) : 1;
    if (cmp > 0) {
      if (e.worker && e.worker !== from && e.token) abortStale(s, e.worker, h.spec.id, e.token, `superseded by ${tokenText(h.token)} at ${from}`, env);
      Object.assign(e, { token: h.token, worker: from, status: 'running', accepted: true });
    } else if (cmp < 0 && e.status === 'running') {
      abortStale(s, from, h.spec.id, h.token, `superseded by ${tokenText(e.token!)} at ${e.worker}`, env);
    } else if (cmp < 0) {
      // The newer attempt is not known to be held (its Assign may be lost): keep the older one, which is.
      Object.assign(e, { token: h.token, worker: from, status: 'running', accepted: true });
    } else if (e.status === 'assigned' || e.status === 'backoff' || e.status === 'queued') {
      Object.assign(e, { status: 'running', worker: from, accepted: true });
    }
  }
}

/**
 * ownReport folds the new coordinator's own report into its table. It is assigned no new tasks, but
 * it finishes those it holds (their Done goes to itself).
 */
export function ownReport(s: DelegationState, env: Env): void {
  const c = s.coord!;
  mergeReport(s, s.id, {
    type: 'Report',
    epoch: c.epoch,
    held: [...s.held.values()].map((h) => ({ spec: h.spec, token: h.token, status: h.status })),
    done: [...s.doneRecords.values()],
    applied: [...s.applied.values()],
  }, env);
}
