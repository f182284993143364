/**
 * The coordinator's side: admission (token bucket, bounded queue), assignment by policy, failure
 * detection of followers (heartbeat silence), retries with exponential backoff and seeded jitter,
 * reassignment under a new fencing token, the breaker per follower, and the commit of a finished
 * attempt: the done-record is accepted by a majority before Commit lets the worker apply the effect.
 */
import type { ClientReply, StepEnv } from '../../protocol';
import type { ClientId, NodeId, Op } from '../../types';
import { checkPeers, heardFrom } from '../../detectors/records';
import { take } from './admission';
import { admits, onAssign, onFailure, onSuccess, onTick, type Transition } from './breaker';
import { capabilitiesOf } from './config';
import { others, tickMs } from './election';
import { applyCommit } from './follower';
import { compareTokens, sameToken, tokenText, type DelegationMessage, type TaskSpec, type Token } from './messages';
import { backoffMs, pick, type Candidate } from './policy';
import { abortStale, newEntry } from './rebuild';
import { loadOf, majority, type CoordState, type DelegationState, type TaskEntry } from './state';

type Env = StepEnv<DelegationMessage>;

const fail = (error: string): ClientReply => ({ kind: 'result', result: { ok: false, error } });

/** breakerMoved records a breaker transition of follower `of`, if any. */
function breakerMoved(of: NodeId, t: Transition | null, env: Env, task: string | null = null, attempt: number | null = null): void {
  if (t) env.record('breaker', { of, from: t.from, to: t.to, task, attempt });
}

/**
 * onRequest takes a client's submit at the coordinator: refused with a reason when it is not a
 * submit, when the client is over its rate (shed), when no follower offers the capability, or when
 * the queue is full (shed); else the task joins the table and the client hears "accepted" once a
 * follower acknowledges it. A task id already known is the same task (idempotent by task id).
 */
export function onRequest(s: DelegationState, client: ClientId, requestId: number, op: Op, env: Env): void {
  const c = s.coord!;
  if (op.f !== 'submit') return env.reply(client, requestId, fail(`delegation takes only submit, not ${op.f}`));
  const spec: TaskSpec = { id: String(op.id), capability: String(op.capability), durationMs: Number(op.durationMs) };
  const { bucket, ok } = take(c.buckets.get(client), env.now, s.config.ratePerSecond, s.config.burst);
  c.buckets.set(client, bucket);
  if (!ok) return shed(s, client, requestId, spec.id, `rate limit: ${client} is over ${s.config.ratePerSecond} submits/s (burst ${s.config.burst})`, env);
  const known = c.tasks.get(spec.id);
  if (known) {
    if (known.status === 'done' || known.accepted) return env.reply(client, requestId, { kind: 'result', result: { ok: true, value: known.status === 'done' ? 'done' : 'accepted' } });
    if (!known.waiting.some((w) => w.client === client && w.requestId === requestId)) known.waiting.push({ client, requestId });
    return;
  }
  if (!others(s).some((n) => capabilitiesOf(s.config, n).includes(spec.capability))) return env.reply(client, requestId, fail(`no follower offers capability ${spec.capability}`));
  const queued = [...c.tasks.values()].filter((t) => t.status === 'queued').length;
  if (queued >= s.config.maxQueue) return shed(s, client, requestId, spec.id, `queue full: ${queued} tasks wait for a follower`, env);
  const e = newEntry(spec);
  e.waiting.push({ client, requestId });
  c.tasks.set(spec.id, e);
  tryAssign(s, e, null, null, env);
}

/** shed refuses a submit with `reason`, recorded and in the reply. */
function shed(s: DelegationState, client: ClientId, requestId: number, task: string, reason: string, env: Env): void {
  s.coord!.shed[client] = (s.coord!.shed[client] ?? 0) + 1;
  env.record('shed', { client, task, attempt: null, reason });
  env.reply(client, requestId, fail(`shed: ${reason}`));
}

/** candidates lists the followers that may take `spec` now, in rank order. */
function candidates(s: DelegationState, c: CoordState, spec: TaskSpec): Candidate[] {
  const out: Candidate[] = [];
  for (const id of others(s)) {
    const f = c.followers.get(id)!;
    const caps = capabilitiesOf(s.config, id);
    if (f.suspected || !admits(f.breaker) || !caps.includes(spec.capability)) continue;
    out.push({ id, load: loadOf(c, id), given: f.given, capabilities: caps.length });
  }
  return out;
}

/**
 * tryAssign gives `e` to a follower by policy as a new attempt (a reassignment when it had one, from
 * `from` because of `reason`); with no eligible follower it stays queued.
 */
function tryAssign(s: DelegationState, e: TaskEntry, from: NodeId | null, reason: string | null, env: Env): void {
  const c = s.coord!;
  const all = others(s);
  const worker = pick(s.config.policy, e.spec.id, candidates(s, c, e.spec), { cursor: c.cursor, all, virtualNodes: s.config.virtualNodes });
  if (worker === null) {
    Object.assign(e, { status: 'queued', worker: null });
    return;
  }
  const token: Token = { epoch: c.epoch, attempt: e.attempts + 1 };
  Object.assign(e, { status: 'assigned', token, worker, attempts: token.attempt, retries: 0, deadline: env.now + s.config.ackTimeoutMs });
  const f = c.followers.get(worker)!;
  onAssign(f.breaker, e.spec.id);
  f.given++;
  c.cursor = worker;
  if (token.attempt === 1 || from === null) env.record('assign', { task: e.spec.id, attempt: token.attempt, epoch: token.epoch, worker, policy: s.config.policy });
  else env.record('reassign', { task: e.spec.id, attempt: token.attempt, epoch: token.epoch, worker, from, reason });
  env.send(worker, { type: 'Assign', epoch: c.epoch, task: e.spec, token });
}

/**
 * reassign gives `e` to another follower as a new attempt. The old follower is not told: it keeps
 * its attempt (so some follower always holds an accepted task, whoever coordinates next), and the
 * fencing check refuses that attempt's Done later if the new one is running.
 */
function reassign(s: DelegationState, e: TaskEntry, reason: string, env: Env): void {
  tryAssign(s, e, e.worker, reason, env);
}

/** heard feeds a message from follower `from` in this epoch to the coordinator's failure detector, as a heartbeat. */
export function heard(s: DelegationState, from: NodeId, env: Env): void {
  if (s.coord?.followers.has(from)) s.fd = heardFrom(s.fd, from, env);
}

/** suspect marks follower `id` suspected (its detector's `suspect` record is written), counts a breaker failure and reassigns its tasks. */
function suspect(s: DelegationState, id: NodeId, env: Env): void {
  const c = s.coord!;
  const f = c.followers.get(id)!;
  f.suspected = true;
  breakerMoved(id, onFailure(f.breaker, env.now, s.config.breakerThreshold), env);
  for (const e of c.tasks.values()) {
    if (e.worker === id && (e.status === 'assigned' || e.status === 'backoff' || e.status === 'running')) reassign(s, e, `${id} suspected`, env);
  }
}

/** ackMissed: `e`'s Assign went unacknowledged; back off and retry, or reassign after maxRetries. */
function ackMissed(s: DelegationState, e: TaskEntry, env: Env): void {
  const c = s.coord!;
  const worker = e.worker!;
  const f = c.followers.get(worker)!;
  breakerMoved(worker, onFailure(f.breaker, env.now, s.config.breakerThreshold), env, e.spec.id, e.token!.attempt);
  e.retries++;
  e.retriesTotal++;
  const noBackoff = s.config.bugs.includes('no-backoff');
  if (!noBackoff && (e.retries > s.config.maxRetries || f.breaker.state === 'open')) {
    reassign(s, e, `${worker} did not acknowledge ${e.retries} times`, env);
    return;
  }
  const wait = noBackoff ? 0 : backoffMs(e.retries, s.config.backoffMs, s.config.maxBackoffMs, env.rng.float());
  Object.assign(e, { status: 'backoff', deadline: env.now + wait, waitMs: wait });
  if (wait === 0) retry(s, e, wait, env);
}

/** retry sends `e`'s Assign again to the same follower, under the same token. */
function retry(s: DelegationState, e: TaskEntry, waitedMs: number, env: Env): void {
  const c = s.coord!;
  env.record('retry', { task: e.spec.id, attempt: e.token!.attempt, epoch: e.token!.epoch, worker: e.worker, retry: e.retries, backoffMs: waitedMs });
  Object.assign(e, { status: 'assigned', deadline: env.now + s.config.ackTimeoutMs });
  env.send(e.worker!, { type: 'Assign', epoch: c.epoch, task: e.spec, token: e.token! });
}

/** onHeartbeatTimer sends a Heartbeat (an Announce while still a candidate) to every node. */
export function onHeartbeatTimer(s: DelegationState, env: Env): void {
  const c = s.coord;
  if (!c) return;
  env.setTimer('heartbeat', s.config.heartbeatMs);
  for (const n of others(s)) {
    if (c.active) env.send(n, { type: 'Heartbeat', epoch: c.epoch });
    else if (!c.reported.includes(n)) env.send(n, { type: 'Announce', epoch: c.epoch });
  }
}

/** onTickTimer looks at every deadline: suspicions, breaker cool-downs, missed acks, backoffs, queued tasks, commits. */
export function onTickTimer(s: DelegationState, env: Env): void {
  const c = s.coord;
  if (!c?.active) return;
  env.setTimer('tick', tickMs(s));
  const { state, changes } = checkPeers(s.fd, env, { task: null, attempt: null });
  s.fd = state;
  for (const change of changes) {
    const f = c.followers.get(change.peer);
    if (!f) continue;
    if (change.suspected) suspect(s, change.peer, env);
    else f.suspected = false;
  }
  for (const [id, f] of c.followers) breakerMoved(id, onTick(f.breaker, env.now, s.config.breakerCoolDownMs), env);
  for (const e of c.tasks.values()) {
    if (e.status === 'assigned' && env.now >= e.deadline) ackMissed(s, e, env);
    else if (e.status === 'backoff' && env.now >= e.deadline) retry(s, e, e.waitMs, env);
    else if (e.status === 'queued') tryAssign(s, e, e.token ? e.worker : null, e.token ? 'waiting for a follower' : null, env);
    else if (e.status === 'committing' && env.now >= e.deadline) sendAccepts(s, e, env);
  }
}

/** onAssignAck: the worker took the attempt; the task is running and its clients hear "accepted". */
export function onAssignAck(s: DelegationState, from: NodeId, task: string, token: Token, env: Env): void {
  const c = s.coord!;
  const e = c.tasks.get(task);
  if (!e?.token || !sameToken(e.token, token) || e.worker !== from) return;
  if (e.status === 'assigned' || e.status === 'backoff') e.status = 'running';
  breakerMoved(from, onSuccess(c.followers.get(from)!.breaker), env, task, token.attempt);
  e.accepted = true;
  for (const w of e.waiting) env.reply(w.client, w.requestId, { kind: 'result', result: { ok: true, value: `accepted by ${from}` } });
  e.waiting = [];
}

/**
 * onDone: the worker `from` finished attempt `token`. The current attempt is committed; a stale one
 * is told to Abort (the fencing check), unless the `no-fencing` bug skips it.
 */
export function onDone(s: DelegationState, from: NodeId, spec: TaskSpec, token: Token, env: Env): void {
  const c = s.coord!;
  const fenced = !s.config.bugs.includes('no-fencing');
  let e = c.tasks.get(spec.id);
  if (!e) {
    e = { ...newEntry(spec), accepted: true, attempts: token.attempt };
    c.tasks.set(spec.id, e);
  }
  const current = e.token !== null && sameToken(e.token, token);
  if (e.status === 'done') {
    if (current || !fenced) env.send(from, { type: 'Commit', epoch: c.epoch, task: spec.id, spec, token });
    else abortStale(s, from, spec.id, token, `${spec.id} is done by ${tokenText(e.token!)} at ${e.worker}`, env);
    return;
  }
  if (e.status === 'committing') {
    if (current) sendAccepts(s, e, env);
    else if (fenced) abortStale(s, from, spec.id, token, `${spec.id} is being committed by ${tokenText(e.token!)}`, env);
    return;
  }
  // The fencing check: an older attempt may not commit while the current one runs. While the
  // current attempt is not acknowledged (or the task waits for a follower), the finished older one
  // is committed instead, and the newer one will be refused.
  const newer = e.token === null || compareTokens(token, e.token) > 0;
  if (fenced && !current && !newer && e.status === 'running') {
    abortStale(s, from, spec.id, token, `superseded by ${tokenText(e.token!)} at ${e.worker}`, env);
    return;
  }
  Object.assign(e, { status: 'committing', token, worker: from, accepts: [s.id], recordEpoch: c.epoch, deadline: env.now });
  s.doneRecords.set(spec.id, { task: spec.id, spec, token, worker: from, epoch: c.epoch });
  sendAccepts(s, e, env);
}

/** sendAccepts asks every node that has not yet accepted `e`'s done-record; resent every heartbeat. */
function sendAccepts(s: DelegationState, e: TaskEntry, env: Env): void {
  const c = s.coord!;
  if (e.recordEpoch !== c.epoch) {
    Object.assign(e, { accepts: [s.id], recordEpoch: c.epoch });
    s.doneRecords.set(e.spec.id, { task: e.spec.id, spec: e.spec, token: e.token!, worker: e.worker!, epoch: c.epoch });
  }
  e.deadline = env.now + s.config.heartbeatMs;
  const record = s.doneRecords.get(e.spec.id)!;
  for (const n of others(s)) if (!e.accepts.includes(n)) env.send(n, { type: 'Accept', epoch: c.epoch, record });
  maybeCommitted(s, e, env);
}

/** onAccepted counts node `from`'s acceptance of `task`'s done-record. */
export function onAccepted(s: DelegationState, from: NodeId, task: string, env: Env): void {
  const e = s.coord!.tasks.get(task);
  if (!e || e.status !== 'committing' || e.recordEpoch !== s.coord!.epoch) return;
  if (!e.accepts.includes(from)) e.accepts.push(from);
  maybeCommitted(s, e, env);
}

/** maybeCommitted: a majority accepted; the task is done and its worker may apply the effect. */
function maybeCommitted(s: DelegationState, e: TaskEntry, env: Env): void {
  if (e.status !== 'committing' || e.accepts.length < majority(s.nodes.length)) return;
  e.status = 'done';
  const msg = { type: 'Commit', epoch: s.coord!.epoch, task: e.spec.id, spec: e.spec, token: e.token! } as const;
  if (e.worker === s.id) applyCommit(s, msg, env);
  else env.send(e.worker!, msg);
}
