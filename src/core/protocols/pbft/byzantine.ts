/**
 * Byzantine behaviours (config.ts, {@link Behaviour}). A Byzantine replica runs the honest code, but
 * what it sends passes through {@link byzantineEnv}, which drops, changes, holds back, duplicates or
 * adds messages. Its own state stays that of an honest replica, so what it does is easy to read:
 * the lie is exactly the difference between what it sends and what an honest replica would.
 *
 * Changed messages are re-signed with the replica's own key, so they are authentic: the replica
 * lies in its own name. Only `forge` claims other identities, and it can sign only with its own key
 * (auth.ts), so its forgeries fail verification. Randomness (`replay`) comes from `env.rng`.
 */
import type { StepEnv } from '../../protocol';
import type { NodeId } from '../../types';
import { fnv1a, NULL_DIGEST, sign } from './auth';
import type { Behaviour } from './config';
import type { PbftMessage } from './messages';
import { primaryOf, type PbftState } from './state';
import { SLOW_PRIMARY_TIMER } from './waiting';

/** REPLAY_BUFFER is how many recent messages a `replay` replica keeps to re-send. */
export const REPLAY_BUFFER = 32;
/** REPLAY_CHANCE is the probability that a `replay` replica re-sends an old message along with each send. */
export const REPLAY_CHANCE = 0.3;

/**
 * byzantineEnv gives the env a Byzantine replica's honest code runs against: everything passes to
 * `env` except `send`, which applies the replica's behaviour (`s.behaviour`, read at each send).
 */
export function byzantineEnv(s: PbftState, env: StepEnv<PbftMessage>): StepEnv<PbftMessage> {
  return {
    get now() {
      return env.now;
    },
    get rng() {
      return env.rng;
    },
    send: (to, msg) => sendAs(s, env, to, msg),
    setTimer: (name, afterMs) => env.setTimer(name, afterMs),
    clearTimer: (name) => env.clearTimer(name),
    reply: (client, requestId, reply) => env.reply(client, requestId, reply),
    applied: (index, term, command) => env.applied(index, term, command),
    record: (kind, fields) => env.record(kind, fields),
    note: (text) => env.note(text),
  };
}

/** otherHalf: the honest replicas at even positions in the node list, which an `equivocate` replica lies to. */
export function otherHalf(s: PbftState, to: NodeId): boolean {
  return s.nodes.indexOf(to) % 2 === 0 && s.adversary[to] === undefined;
}

/** resign gives `msg` changed by `change`, signed again with the replica's own key. */
function resign<M extends PbftMessage>(s: PbftState, msg: M, change: Partial<M>): M {
  const { auth: _auth, ...body } = { ...msg, ...change };
  void _auth;
  return sign(s.key, body) as M;
}

/** wrongDigest gives a digest that matches no request. */
const wrongDigest = (d: string): string => fnv1a('wrong ' + d);

/** sendAs sends `msg` to `to` the way this replica's behaviour dictates. */
function sendAs(s: PbftState, env: StepEnv<PbftMessage>, to: NodeId, msg: PbftMessage): void {
  switch (s.behaviour) {
    case null:
      env.send(to, msg);
      return;
    case 'silent':
      return;
    case 'equivocate':
      if (otherHalf(s, to) && msg.type === 'PrePrepare') env.send(to, resign(s, msg, { digest: NULL_DIGEST, request: null }));
      else if (otherHalf(s, to) && (msg.type === 'Prepare' || msg.type === 'Commit')) env.send(to, resign(s, msg, { digest: NULL_DIGEST }));
      else env.send(to, msg);
      return;
    case 'wrong-digest':
      if (msg.type === 'PrePrepare' || msg.type === 'Prepare' || msg.type === 'Commit' || msg.type === 'Checkpoint') {
        env.send(to, resign(s, msg, { digest: wrongDigest(msg.digest) }));
      } else env.send(to, msg);
      return;
    case 'wrong-result':
      if (msg.type === 'Reply') env.send(to, resign(s, msg, { result: { ok: true, value: `wrong result from ${s.id}` } }));
      else env.send(to, msg);
      return;
    case 'replay':
      env.send(to, msg);
      remember(s, msg);
      if (s.byz.replay.length > 0 && env.rng.chance(REPLAY_CHANCE)) {
        const old = env.rng.pick(s.byz.replay);
        env.send(env.rng.pick(s.nodes.filter((id) => id !== s.id)), old);
      }
      return;
    case 'forge':
      env.send(to, msg);
      if (msg.type === 'PrePrepare' || msg.type === 'Prepare') forge(s, env, msg.view, msg.seq);
      return;
    case 'slow':
      if (msg.type === 'PrePrepare') {
        s.byz.slowQueue.push({ to, msg });
        if (!s.byz.slowArmed) {
          s.byz.slowArmed = true;
          env.setTimer(SLOW_PRIMARY_TIMER, s.config.slowPrimaryMs);
        }
      } else env.send(to, msg);
      return;
    default: {
      const _never: never = s.behaviour;
      throw new Error(`unknown Byzantine behaviour ${String(_never)}`);
    }
  }
}

/**
 * setBehaviour switches replica `s` to Byzantine `behaviour` (null: honest) from its next step on,
 * with `adversary` the replicas the adversary controls now (kept only while `s` is one of them).
 * The simulator calls it through a `behave` input (timeline action `byzantine`). Pure apart from
 * mutating `s`; what the replica already sent or holds back stays as it is (a `slow` replica's
 * held pre-prepares still go out when its timer fires). The safety monitor reads the field live,
 * so a replica is held to Agreement and Validity while it is honest.
 */
export function setBehaviour(s: PbftState, behaviour: Behaviour | null, adversary: Record<NodeId, Behaviour> = {}): void {
  s.behaviour = behaviour;
  s.adversary = behaviour === null ? {} : { ...adversary };
  s.byz.replay = [];
  s.byz.forged = [];
}

/** remember keeps `msg` among the last REPLAY_BUFFER messages a `replay` replica saw. */
export function remember(s: PbftState, msg: PbftMessage): void {
  s.byz.replay.push(msg);
  if (s.byz.replay.length > REPLAY_BUFFER) s.byz.replay.shift();
}

/** releaseSlow sends every pre-prepare a `slow` primary held back (its `slow-primary` timer fired). */
export function releaseSlow(s: PbftState, env: StepEnv<PbftMessage>): void {
  s.byz.slowArmed = false;
  const held = s.byz.slowQueue;
  s.byz.slowQueue = [];
  for (const { to, msg } of held) env.send(to, msg);
}

/**
 * forge sends every other replica, once per (view, seq), a forged PrePrepare from the primary and
 * forged Prepares and Commits from every other replica, all for the null request: if receivers
 * believed them, seq would commit the null request at them and the real request elsewhere. It
 * signs with its own key, the only one it holds, so every forgery fails verification.
 */
function forge(s: PbftState, env: StepEnv<PbftMessage>, view: number, seq: number): void {
  const key = `${view}:${seq}`;
  if (s.byz.forged.includes(key)) return;
  s.byz.forged.push(key);
  if (s.byz.forged.length > 16) s.byz.forged.shift();
  const primary = primaryOf(s, view);
  const forged: PbftMessage[] = [];
  if (primary !== s.id) forged.push(sign(s.key, { type: 'PrePrepare', view, seq, digest: NULL_DIGEST, request: null, replica: primary }));
  for (const x of s.nodes) {
    if (x === s.id) continue;
    if (x !== primary) forged.push(sign(s.key, { type: 'Prepare', view, seq, digest: NULL_DIGEST, replica: x }));
    forged.push(sign(s.key, { type: 'Commit', view, seq, digest: NULL_DIGEST, replica: x }));
  }
  for (const to of s.nodes) if (to !== s.id) for (const m of forged) env.send(to, m);
}
