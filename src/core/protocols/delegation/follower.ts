/**
 * The follower's side: it answers the coordinator's heartbeats, works on the tasks assigned to it
 * (each for its duration, under its fencing token), reports Done and resends it until Commit or
 * Abort, accepts done-records for the coordinator, and applies a task's effect when its attempt is
 * committed: once per task id, however often Commit arrives.
 */
import type { StepEnv } from '../../protocol';
import { heardFrom } from '../../detectors/records';
import type { NodeId } from '../../types';
import { patienceMs } from './config';
import { onDone } from './coordinator';
import { follow, watch } from './election';
import { compareTokens, sameToken, type Abort, type Accept, type Assign, type Commit, type DelegationMessage } from './messages';
import type { DelegationState } from './state';

type Env = StepEnv<DelegationMessage>;

/** onHeartbeat: the coordinator of `epoch` is alive. A lower epoch is refused; a new coordinator gets a Report. */
export function onHeartbeat(s: DelegationState, from: NodeId, epoch: number, env: Env): void {
  if (epoch < s.promised) {
    env.send(from, { type: 'Reject', epoch: s.promised });
    return;
  }
  if (epoch > s.promised || s.coordinator !== from || s.role !== 'follower') {
    follow(s, from, epoch, env);
    return;
  }
  s.fd = heardFrom(s.fd, from, env);
  watch(s, env);
  env.send(from, { type: 'HeartbeatAck', epoch });
}

/** fromCurrent tells whether a coordinator's message in `epoch` may be obeyed (not below the promise); a newer epoch is followed first. */
function fromCurrent(s: DelegationState, from: NodeId, epoch: number, env: Env): boolean {
  if (epoch < s.promised) {
    env.send(from, { type: 'Reject', epoch: s.promised });
    return false;
  }
  if (epoch > s.promised || s.coordinator !== from) follow(s, from, epoch, env);
  return true;
}

/** onAssign starts work on an attempt (a newer token replaces an older one; an older one, arriving late, is ignored) and acknowledges it. */
export function onAssign(s: DelegationState, from: NodeId, m: Assign, env: Env): void {
  if (!fromCurrent(s, from, m.epoch, env)) return;
  const held = s.held.get(m.task.id);
  if (held && compareTokens(held.token, m.token) > 0) return; // a late Assign of an older attempt
  if (!held || !sameToken(held.token, m.token)) {
    s.held.set(m.task.id, { spec: m.task, token: m.token, status: 'running', endsAt: env.now + m.task.durationMs });
    env.setTimer(`task:${m.task.id}`, Math.max(1, m.task.durationMs));
    env.record('start', { task: m.task.id, attempt: m.token.attempt, epoch: m.token.epoch, durationMs: m.task.durationMs });
  }
  env.send(from, { type: 'AssignAck', epoch: m.epoch, task: m.task.id, token: m.token });
}

/** onTaskTimer: the work on `task` is over; tell the coordinator. */
export function onTaskTimer(s: DelegationState, task: string, env: Env): void {
  const h = s.held.get(task);
  if (!h || h.status !== 'running') return;
  h.status = 'finished';
  sendDone(s, env);
}

/** sendDone reports every finished task to the coordinator, and resends them until answered. */
export function sendDone(s: DelegationState, env: Env): void {
  const finished = [...s.held.values()].filter((h) => h.status === 'finished');
  if (finished.length === 0) return;
  env.setTimer('resend', patienceMs(s.config));
  const to = s.coordinator;
  if (to === null) return;
  for (const h of finished) {
    if (to !== s.id) env.send(to, { type: 'Done', task: h.spec.id, spec: h.spec, token: h.token });
    else if (s.coord?.active) onDone(s, s.id, h.spec, h.token, env);
  }
}

/** restartWork starts the held tasks' work again after a restart (the work in progress was lost). */
export function restartWork(s: DelegationState, env: Env): void {
  for (const h of s.held.values()) {
    if (h.status !== 'running') continue;
    h.endsAt = env.now + h.spec.durationMs;
    env.setTimer(`task:${h.spec.id}`, Math.max(1, h.spec.durationMs));
    env.record('start', { task: h.spec.id, attempt: h.token.attempt, epoch: h.token.epoch, durationMs: h.spec.durationMs });
  }
  sendDone(s, env);
}

/** onAccept keeps a coordinator's done-record, unless it comes from an epoch below the promise. */
export function onAccept(s: DelegationState, from: NodeId, m: Accept, env: Env): void {
  if (!fromCurrent(s, from, m.epoch, env)) return;
  s.doneRecords.set(m.record.task, m.record);
  env.send(from, { type: 'Accepted', epoch: m.epoch, task: m.record.task });
}

/**
 * applyCommit applies a committed attempt's effect, once per task id: a second Commit (a resend, a
 * duplicate) changes nothing. A coordinator commits one attempt per task and sends Commit only to
 * that attempt's worker, so this node applies it even if it has since been given a newer attempt of
 * the same task (whose work it drops).
 */
export function applyCommit(s: DelegationState, m: Commit, env: Env): void {
  if (s.applied.has(m.task)) return;
  s.held.delete(m.task);
  env.clearTimer(`task:${m.task}`);
  s.applied.set(m.task, { spec: m.spec, token: m.token });
  env.record('complete', { task: m.task, attempt: m.token.attempt, epoch: m.token.epoch });
}

/** onCommit applies the effect if the Commit comes from a coordinator this node may obey. */
export function onCommit(s: DelegationState, from: NodeId, m: Commit, env: Env): void {
  if (!fromCurrent(s, from, m.epoch, env)) return;
  applyCommit(s, m, env);
}

/** onAbort gives up a stale attempt. */
export function onAbort(s: DelegationState, from: NodeId, m: Abort, env: Env): void {
  if (!fromCurrent(s, from, m.epoch, env)) return;
  const h = s.held.get(m.task);
  if (!h || !sameToken(h.token, m.token)) return;
  s.held.delete(m.task);
  env.clearTimer(`task:${m.task}`);
  env.note(`${s.id} gives up ${m.task} attempt ${m.token.attempt}: ${m.reason}`);
}
