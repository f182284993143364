/**
 * A client's part (Kleppmann 2016). For each write it is asked for, it takes the lease in two
 * rounds (a quorum of Promises, then a quorum of Confirmed for token = one more than the highest
 * any promiser knows), records the `grant`, works for `workMs`, checks its lease on its own clock
 * (its `lease` timer has not fired and no lock node said it was lost), writes to storage with its
 * token, replies to its client and releases. It renews every `renewMs` while it works and writes,
 * with the lock nodes that confirmed its token; a quorum of them extends its lease, one that says
 * Lost ends it. One lease is one turn: it writes at most the writes queued at its grant, then
 * releases and asks again for the rest, behind whoever waits (waiters.ts).
 *
 * A refused client waits in the lock nodes' lines; a Wake from one (the lease is free and kept for
 * it) makes it ask at once rather than at its next retry.
 *
 * The check before the write is the one Kleppmann shows cannot save it: a pause between the check
 * and the write, or a clock that runs slow, lets a lease run out unnoticed. Here a paused client's
 * overdue timers fire in the order they came due, so its work ends (and passes the check) before
 * its lease timer fires: it writes with a stale token, and only storage's fencing check stops it.
 */
import type { StepEnv } from '../../protocol';
import type { NodeId, Op } from '../../types';
import type { LeaseMessage } from './messages';
import { majorityOf } from './roles';
import type { LeaseState } from './state';

type Env = StepEnv<LeaseMessage>;

/** need is how many lock nodes must promise and confirm: a majority (or one, with the minority-grant bug). */
const need = (s: LeaseState): number => (s.config.bugs.includes('minority-grant') ? 1 : majorityOf(s.layout));

/** toLocks sends `msg` to every lock node. */
function toLocks(s: LeaseState, env: Env, msg: LeaseMessage): void {
  for (const l of s.layout.locks) env.send(l, msg);
}

/** acquire starts a new attempt at the lease, if a write waits for one. */
function acquire(s: LeaseState, env: Env): void {
  if (!s.queue.length) {
    s.phase = 'idle';
    return;
  }
  s.attempt++;
  s.phase = 'acquiring';
  s.sentAt = env.now;
  s.promises.clear();
  s.refusals.clear();
  s.confirms.clear();
  s.held = 0;
  s.lost = false;
  toLocks(s, env, { type: 'Acquire', req: s.attempt });
  // No grant within a lease: the attempt is void (its promises expire); try again.
  env.setTimer('retry', s.config.leaseMs);
}

/**
 * giveUp abandons the current attempt or lease, tells the lock nodes, and tries again after
 * `afterMs` plus a random backoff that grows with each failure in a row: clients that split a
 * majority's promises between them would otherwise retry in step and split them again.
 */
function giveUp(s: LeaseState, env: Env, afterMs: number): void {
  toLocks(s, env, { type: 'Release', req: s.attempt, token: s.held });
  s.phase = 'idle';
  s.held = 0;
  for (const t of ['work', 'renew', 'lease', 'write']) env.clearTimer(t);
  s.failures++;
  env.setTimer('retry', afterMs + env.rng.int(0, s.config.retryMs * 2 ** Math.min(s.failures, 2)));
}

/** clientStart: a (re)started client holds nothing. */
export function clientStart(s: LeaseState): void {
  s.phase = 'idle';
}

/** clientRequest queues a write (`{"f": "write", "value": …}`) and starts acquiring if idle. */
export function clientRequest(s: LeaseState, client: string, requestId: number, op: Op, env: Env): void {
  const key = `${client}#${requestId}`;
  const done = s.done.get(key);
  if (done) return env.reply(client, requestId, { kind: 'result', result: done });
  if (op.f !== 'write') return env.reply(client, requestId, { kind: 'result', result: { ok: false, error: `a lease-lock client serves only write, not ${op.f}` } });
  if (s.queue.some((p) => p.client === client && p.requestId === requestId)) return;
  s.queue.push({ client, requestId, value: String(op.value) });
  if (s.phase === 'idle') {
    env.clearTimer('retry');
    acquire(s, env);
  }
}

/** clientTimer handles the client's timers: retry, work, renew, lease, write. */
export function clientTimer(s: LeaseState, name: string, env: Env): void {
  switch (name) {
    case 'retry':
      if (s.phase === 'acquiring' || s.phase === 'confirming') toLocks(s, env, { type: 'Release', req: s.attempt, token: 0 });
      if (s.phase !== 'holding' && s.phase !== 'writing') acquire(s, env);
      return;
    case 'renew':
      if ((s.phase !== 'holding' && s.phase !== 'writing') || !s.config.renewMs) return;
      s.renewSentAt = env.now;
      s.renewAcks.clear();
      for (const l of s.confirms) env.send(l, { type: 'Renew', token: s.held });
      env.setTimer('renew', s.config.renewMs);
      return;
    case 'lease':
      if (s.phase === 'holding' || s.phase === 'writing') {
        s.lost = true;
        env.note(`${s.id}'s lease (token ${s.held}) has run out by its own clock`);
      }
      return;
    case 'work': {
      if (s.phase !== 'holding') return;
      const op = s.queue[0];
      if (!op) return giveUp(s, env, 1);
      if (s.lost) {
        env.note(`${s.id} has lost its lease (token ${s.held}) before writing: it acquires again`);
        return giveUp(s, env, s.config.retryMs);
      }
      s.phase = 'writing';
      env.send(s.layout.storage!, { type: 'Write', token: s.held, value: op.value, op: `${op.client}#${op.requestId}` });
      env.setTimer('write', s.config.leaseMs);
      return;
    }
    case 'write':
      // No answer from storage within a lease: the write or its answer was lost. Start over with a
      // new lease; storage answers a write it already took as it did the first time.
      if (s.phase !== 'writing') return;
      env.note(`${s.id} has no answer from storage for its write (token ${s.held}): it acquires again`);
      return giveUp(s, env, s.config.retryMs);
    default:
      return;
  }
}

/** clientMessage handles a lock node's or storage's reply. */
export function clientMessage(s: LeaseState, from: NodeId, m: LeaseMessage, env: Env): void {
  switch (m.type) {
    case 'Promise': {
      if (s.phase !== 'acquiring' || m.req !== s.attempt) return;
      s.promises.set(from, m.maxToken);
      if (s.promises.size < need(s)) return;
      s.phase = 'confirming';
      s.held = Math.max(...s.promises.values()) + 1;
      for (const l of s.promises.keys()) env.send(l, { type: 'Confirm', req: s.attempt, token: s.held });
      return;
    }
    case 'Wake':
      onWake(s, from, env);
      return;
    case 'Refuse':
      if ((s.phase !== 'acquiring' && s.phase !== 'confirming') || m.req !== s.attempt) return;
      s.refusals.add(from);
      // A quorum can no longer form: give the promises back and wait.
      if (s.layout.locks.length - s.refusals.size < need(s)) giveUp(s, env, s.config.retryMs);
      return;
    case 'Confirmed':
      if (s.phase !== 'confirming' || m.req !== s.attempt || m.token !== s.held) return;
      s.confirms.add(from);
      if (s.confirms.size < need(s)) return;
      // A quorum that answers after a whole lease has passed since the ask grants nothing: the
      // lock nodes' promises have run out and may be another's now.
      if (env.now - s.sentAt >= s.config.leaseMs) return giveUp(s, env, 1);
      granted(s, env);
      return;
    case 'Renewed':
      if ((s.phase === 'holding' || s.phase === 'writing') && m.token === s.held) {
        s.renewAcks.add(from);
        if (s.renewAcks.size === need(s) && !s.lost) {
          const left = s.config.leaseMs - (env.now - s.renewSentAt);
          s.heldUntil = env.now + left;
          env.setTimer('lease', Math.max(1, left));
        }
      }
      return;
    case 'Lost':
      if ((s.phase === 'holding' || s.phase === 'writing') && m.token === s.held && s.confirms.has(from) && !s.lost) {
        s.lost = true;
        env.note(`${from} says ${s.id}'s lease (token ${s.held}) is lost${m.holder ? `: ${m.holder} holds it` : ''}`);
      }
      return;
    case 'WriteReply':
      onWriteReply(s, m, env);
      return;
    default:
      return;
  }
}

/**
 * onWake: lock node `from` keeps the freed lease for this client, first in its line (waiters.ts).
 * Waiting for its retry, it asks now; in the middle of an attempt it asks `from` again within it;
 * otherwise (no write waits, or it already has its promises) it lets the keep run out.
 */
function onWake(s: LeaseState, from: NodeId, env: Env): void {
  if (s.phase === 'idle' && s.queue.length) {
    env.clearTimer('retry');
    acquire(s, env);
  } else if (s.phase === 'acquiring' && !s.promises.has(from)) {
    s.refusals.delete(from);
    env.send(from, { type: 'Acquire', req: s.attempt });
  }
}

/** granted: a quorum confirmed the token. The lease counts from the attempt's send, on this clock. */
function granted(s: LeaseState, env: Env): void {
  const left = s.config.leaseMs - (env.now - s.sentAt);
  s.failures = 0;
  s.phase = 'holding';
  s.heldUntil = env.now + left;
  s.turn = s.queue.length;
  env.clearTimer('retry');
  env.record('grant', { holder: s.id, token: s.held, quorum: [...s.confirms].sort(), of: s.layout.locks.length, until: s.heldUntil });
  env.setTimer('lease', Math.max(1, left));
  env.setTimer('work', s.config.workMs);
  if (s.config.renewMs) env.setTimer('renew', s.config.renewMs);
}

/**
 * onWriteReply answers the client request; while the lease holds and more writes of its turn wait
 * (those queued at the grant), it writes the next under the same token, else it releases the lease
 * and acquires again for the rest: writes that came during the turn wait for the next one.
 */
function onWriteReply(s: LeaseState, m: Extract<LeaseMessage, { type: 'WriteReply' }>, env: Env): void {
  const op = s.queue[0];
  if (s.phase !== 'writing' || !op || m.op !== `${op.client}#${op.requestId}`) return;
  s.queue.shift();
  s.turn--;
  const result = m.ok ? { ok: true as const } : { ok: false as const, error: `storage rejected token ${m.token}: it has seen token ${m.highest}` };
  s.done.set(`${op.client}#${op.requestId}`, result);
  env.reply(op.client, op.requestId, { kind: 'result', result });
  // More writes waiting, and the lease still good by this clock: write the next one under it.
  const next = s.queue[0];
  if (next && m.ok && !s.lost && s.turn > 0) {
    env.send(s.layout.storage!, { type: 'Write', token: s.held, value: next.value, op: `${next.client}#${next.requestId}` });
    env.setTimer('write', s.config.leaseMs);
    return;
  }
  toLocks(s, env, { type: 'Release', req: s.attempt, token: s.held });
  s.held = 0;
  s.phase = 'idle';
  for (const t of ['work', 'renew', 'lease', 'write']) env.clearTimer(t);
  acquire(s, env);
}
