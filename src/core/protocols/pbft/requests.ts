/**
 * Client interaction (Castro & Liskov 1999, §4.1), adapted to the playground's simulated clients.
 *
 * The paper's client sends its request to the primary, multicasts it to all replicas on a retry,
 * and accepts a result once f+1 replicas sent the same one. The simulated clients
 * (src/core/sim/clients.ts) send a request to one node and trust the answer they get, so the
 * replica the client contacted, the receiving replica, does the client's part:
 * 1. it signs the request on the client's behalf ({@link signAsClient}: the client's signature
 *    arriving with the request) and broadcasts it in a Request message, which also starts the
 *    backups' timers (§4.4);
 * 2. every replica that executes the request sends its Reply to the receiving replica (to every
 *    receiving replica it heard of, since a client retries elsewhere with the same request id);
 * 3. the receiving replica answers the client with `{kind: 'result'}` once f+1 replicas sent the
 *    same result: the simulated client's f+1 rule. A reply that disagrees with f+1 matching ones
 *    marks its sender as suspect.
 * A client that gets no answer in time retries at the next node with the same request id; the
 * session table (kv.ts) makes the op take effect at most once.
 */
import { cachedResult, isStale } from '../../kv';
import type { StepEnv } from '../../protocol';
import type { ClientId, NodeId, KvOp, OpResult } from '../../types';
import { canonical, sign, signAsClient, verifyRequest } from './auth';
import type { PbftMessage, Reply, Request } from './messages';
import { broadcast, isExecuted, LIMITS, requestKey, suspect, type PbftState } from './state';
import { addPending, updateRequestTimer } from './waiting';

/**
 * onClientRequest handles the `request` input at the receiving replica: an answered request is
 * answered again from the collected replies; a request older than the client's last executed one
 * gets a `stale request` failure; otherwise the replica starts collecting replies, broadcasts the
 * signed request and handles it itself.
 */
export function onClientRequest(s: PbftState, client: ClientId, requestId: number, op: KvOp, env: StepEnv<PbftMessage>): void {
  const key = requestKey(client, requestId);
  let wait = s.waits.get(key);
  if (wait?.answer != null) {
    env.reply(client, requestId, { kind: 'result', result: wait.results[wait.answer]! });
    return;
  }
  if (isStale(s.sessions, client, requestId)) {
    env.reply(client, requestId, { kind: 'result', result: { ok: false, error: `stale request ${requestId}` } });
    return;
  }
  if (!wait) {
    wait = { client, requestId, replies: {}, results: {}, answer: null };
    s.waits.set(key, wait);
    trimWaits(s);
  }
  const msg: Request = sign(s.key, { type: 'Request', request: signAsClient({ client, requestId, op }), replica: s.id });
  broadcast(s, env, msg);
  onRequest(s, s.id, msg, env);
}

/** trimWaits keeps at most LIMITS.maxWaits reply collections, dropping answered ones first, oldest first. */
function trimWaits(s: PbftState): void {
  while (s.waits.size > LIMITS.maxWaits) {
    let victim: string | undefined;
    for (const [k, w] of s.waits) if (w.answer !== null) { victim = k; break; }
    s.waits.delete(victim ?? s.waits.keys().next().value!);
  }
}

/**
 * onRequest handles a Request from receiving replica `from` (authenticated by the caller): a request
 * without a valid client signature marks `from` as suspect; an executed one is answered with the
 * cached reply; otherwise it is remembered as pending (the primary pre-prepares it, §4.2; a backup
 * starts its timer, §4.4).
 */
export function onRequest(s: PbftState, from: NodeId, msg: Request, env: StepEnv<PbftMessage>): void {
  const r = msg.request;
  if (!verifyRequest(r)) {
    suspect(s, env, from, `it relayed a request for ${String(r?.client)} without a valid client signature`);
    return;
  }
  const key = requestKey(r.client, r.requestId);
  if (isExecuted(s, r.client, r.requestId)) {
    const cached = cachedResult(s.sessions, r.client, r.requestId);
    if (cached !== undefined) sendReply(s, env, msg.replica, r.client, r.requestId, cached);
    return;
  }
  const to = s.replyTo.get(key);
  if (!to) {
    if (s.replyTo.size >= LIMITS.maxPending) s.replyTo.delete(s.replyTo.keys().next().value!);
    s.replyTo.set(key, [msg.replica]);
  } else if (!to.includes(msg.replica)) to.push(msg.replica);
  addPending(s, env, r);
}

/**
 * sendReply sends this replica's Reply for request `requestId` of `client` to receiving replica
 * `to` (handled at once when `to` is this replica).
 */
export function sendReply(s: PbftState, env: StepEnv<PbftMessage>, to: NodeId, client: ClientId, requestId: number, result: OpResult): void {
  const msg: Reply = sign(s.key, { type: 'Reply', view: s.view, client, requestId, result, replica: s.id });
  if (to === s.id) onReply(s, s.id, msg, env);
  else env.send(to, msg);
}

/**
 * onReply collects replica `from`'s Reply at the receiving replica and answers the client once f+1
 * replicas sent the same result (§4.1). A replica whose result disagrees with those f+1, or that
 * sent two different results, is suspect. Replies to requests this replica does not collect for
 * are ignored.
 */
export function onReply(s: PbftState, from: NodeId, msg: Reply, env: StepEnv<PbftMessage>): void {
  const key = requestKey(msg.client, msg.requestId);
  const wait = s.waits.get(key);
  if (!wait) return;
  const text = canonical(msg.result);
  const earlier = wait.replies[from];
  if (earlier !== undefined) {
    if (earlier !== text) suspect(s, env, from, `it sent two different replies for ${key}`);
    return;
  }
  wait.replies[from] = text;
  wait.results[text] = msg.result;
  if (wait.answer !== null) {
    if (text !== wait.answer) suspect(s, env, from, disagreeing(s, key, text, wait.answer));
    return;
  }
  const matching = Object.values(wait.replies).filter((t) => t === text).length;
  if (matching < s.f + 1) return;
  wait.answer = text;
  env.reply(msg.client, msg.requestId, { kind: 'result', result: msg.result });
  for (const [replica, t] of Object.entries(wait.replies)) if (t !== text) suspect(s, env, replica, disagreeing(s, key, t, text));
}

const disagreeing = (s: PbftState, key: string, got: string, agreed: string) =>
  `its reply for ${key} (${got}) disagrees with ${s.f + 1} matching replies (${agreed})`;

/**
 * settlePending drops pending requests the session table now shows executed (after a state
 * transfer) and sends their cached replies to the receiving replicas waiting for them.
 */
export function settlePending(s: PbftState, env: StepEnv<PbftMessage>): void {
  for (const [key, r] of [...s.pending]) {
    if (!isExecuted(s, r.client, r.requestId)) continue;
    s.pending.delete(key);
    const cached = cachedResult(s.sessions, r.client, r.requestId);
    const to = s.replyTo.get(key) ?? [];
    s.replyTo.delete(key);
    if (cached !== undefined) for (const receiver of to) sendReply(s, env, receiver, r.client, r.requestId, cached);
  }
  updateRequestTimer(s, env, false);
}
