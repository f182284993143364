/**
 * step is PBFT's single entry point. Every message is authenticated once here (auth.ts): a bad tag,
 * or a message re-sent in another replica's name (except a NewView, which any replica may forward
 * to one that lags), marks the sender as suspect and is dropped. Then it is dispatched by type;
 * normal-case messages (PrePrepare, Prepare, Commit) only in normal operation of their own view
 * (Castro & Liskov 1999, §4.2), kept for later if their view has not started here yet. After every
 * input, `progress` executes what committed, lets the primary pre-prepare pending requests and
 * keeps state transfer going.
 */
import type { Input, StepEnv } from '../../protocol';
import type { KvOp, NodeId } from '../../types';
import { verifyReplica } from './auth';
import { byzantineEnv, releaseSlow, remember, setBehaviour } from './byzantine';
import { isBehaviour, type Behaviour } from './config';
import { maybeRefetch, onCheckpoint, onFetch, onState, startFetch } from './checkpoint';
import { tryExecute } from './execute';
import type { Commit, PbftMessage, PrePrepare, Prepare } from './messages';
import { onCommit, onPrepare, onPrePrepare, proposePending } from './normal';
import { onClientRequest, onReply, onRequest } from './requests';
import { isPrimary, LIMITS, primaryOf, suspect, type PbftState } from './state';
import { helpLagging, onNewView, onViewChange, onViewChangeTimer, resumeViewChange, startViewChange } from './view-change';
import { SLOW_PRIMARY_TIMER, updateRequestTimer, VIEW_CHANGE_TIMER } from './waiting';

/**
 * step handles one input, mutating `s` and asking for effects through `env` (through the Byzantine
 * filter if `s.behaviour` is set; a `silent` replica does nothing at all):
 * - `start`: after a restart, resume a view change or a state transfer under way;
 * - timer `view-change` or a forced `timeout`: start a view change (§4.4), or, while changing
 *   views, re-send the ViewChange or move on (view-change.ts); timer `slow-primary`: release held
 *   pre-prepares (byzantine.ts); timer `state-transfer`: retry or start a state transfer;
 * - `request`: a client's request at the receiving replica (requests.ts);
 * - `message`: a replica's message. Unknown timer names and senders are ignored.
 */
export function step(s: PbftState, input: Input<PbftMessage>, env: StepEnv<PbftMessage>): void {
  if (input.kind === 'behave') {
    onBehave(s, input.behaviour, input.adversary, env);
    return;
  }
  if (s.behaviour === 'silent') return;
  const out = s.behaviour === null ? env : byzantineEnv(s, env);
  switch (input.kind) {
    case 'start':
      onStart(s, out);
      break;
    case 'timeout':
      env.note(`${s.id}'s view-change timeout is forced: it moves to view ${s.view + 1}`);
      startViewChange(s, out, s.view + 1);
      break;
    case 'timer':
      if (input.name === VIEW_CHANGE_TIMER) onTimer(s, out);
      else if (input.name === SLOW_PRIMARY_TIMER) releaseSlow(s, env);
      // Timer `state-transfer` (checkpoint.ts): `progress` below does the work.
      break;
    case 'request':
      // PBFT's ops schema (entry.ts) admits key-value ops only.
      onClientRequest(s, input.client, input.requestId, input.op as KvOp, out);
      break;
    case 'message':
      if (s.behaviour === 'replay') remember(s, input.msg);
      onMessage(s, input.from, input.msg, out);
      break;
    case 'action':
      return; // no node actions of its own beyond the common ones
    default: {
      const _never: never = input;
      throw new Error(`unknown input ${JSON.stringify(_never)}`);
    }
  }
  progress(s, out);
}

/**
 * onBehave hands the replica to the adversary with `behaviour`, or back to honesty (null). A name
 * the protocol does not know is refused with a note (the scenario schema checks names first).
 * The switch itself is not noted: the timeline's `byzantine` action already says it in the trace
 * ("n1 turns Byzantine: equivocate"), and a note would print it a second time.
 */
function onBehave(s: PbftState, behaviour: string | null, adversary: Record<NodeId, string>, env: StepEnv<PbftMessage>): void {
  if (behaviour !== null && !isBehaviour(behaviour)) {
    env.note(`${s.id} ignores unknown Byzantine behaviour "${behaviour}"`);
    return;
  }
  const colluders: Record<NodeId, Behaviour> = {};
  for (const [id, b] of Object.entries(adversary)) if (isBehaviour(b)) colluders[id] = b;
  setBehaviour(s, behaviour, colluders);
}

/** onStart resumes after a boot or restart: a view change re-sends its ViewChange and re-arms its timer; a state transfer asks again. */
function onStart(s: PbftState, env: StepEnv<PbftMessage>): void {
  if (s.status === 'view-change') resumeViewChange(s, env);
  else updateRequestTimer(s, env, false);
  if (s.fetching !== null && s.lastExecuted < s.stable.seq) startFetch(s, env);
}

/**
 * onTimer handles the `view-change` timer: in normal operation a backup still waiting for a request
 * suspects the primary and moves to the next view (§4.4); while changing views, see onViewChangeTimer.
 */
function onTimer(s: PbftState, env: StepEnv<PbftMessage>): void {
  s.timerArmed = false;
  if (s.status === 'view-change') {
    onViewChangeTimer(s, env);
    return;
  }
  if (isPrimary(s) || s.pending.size === 0) return;
  const [first] = s.pending.values();
  env.note(`${s.id} waited ${s.config.requestTimeoutMs} ms for ${first!.client}#${first!.requestId} to execute in view ${s.view}: it suspects primary ${primaryOf(s, s.view)} is faulty`);
  startViewChange(s, env, s.view + 1);
}

/** progress runs after every input: deferred messages of the current view, execution, the primary's proposals, state transfer. */
function progress(s: PbftState, env: StepEnv<PbftMessage>): void {
  drainDeferred(s, env);
  tryExecute(s, env);
  proposePending(s, env);
  maybeRefetch(s, env);
}

const COUNTED = new Set(['PrePrepare', 'Prepare', 'Commit', 'Checkpoint']);

/**
 * onMessage authenticates replica `from`'s message and dispatches it. Before that it counts copies:
 * an honest replica sends each normal-case message and checkpoint once, and the network delivers
 * at most two copies, so a third copy is a replay.
 */
function onMessage(s: PbftState, from: NodeId, msg: PbftMessage, env: StepEnv<PbftMessage>): void {
  if (!s.nodes.includes(from) || from === s.id || typeof msg !== 'object' || msg === null) return;
  if (COUNTED.has(msg.type) && replayed(s, env, from, msg)) return;
  if (!verifyReplica(msg)) {
    const claimed = String(msg.replica);
    suspect(s, env, from, `its ${msg.type}${claimed === from ? '' : ` claiming to be from ${claimed}`} has an invalid authenticator${claimed === from ? '' : ' (forged)'}`);
    return;
  }
  if (msg.replica !== from && msg.type !== 'NewView') {
    suspect(s, env, from, `it re-sent ${msg.replica}'s ${msg.type} (replay)`);
    return;
  }
  switch (msg.type) {
    case 'Request':
      onRequest(s, from, msg, env);
      return;
    case 'PrePrepare':
    case 'Prepare':
    case 'Commit':
      routeNormal(s, from, msg, env);
      return;
    case 'Reply':
      if (msg.view < s.view) helpLagging(s, env, from, msg.view);
      onReply(s, from, msg, env);
      return;
    case 'Checkpoint':
      onCheckpoint(s, from, msg, env);
      return;
    case 'ViewChange':
      onViewChange(s, from, msg, env);
      return;
    case 'NewView':
      onNewView(s, from, msg, env);
      return;
    case 'Fetch':
      onFetch(s, from, msg, env);
      return;
    case 'State':
      onState(s, from, msg, env);
      return;
    default: {
      const _never: never = msg;
      throw new Error(`unknown PBFT message ${JSON.stringify(_never)}`);
    }
  }
}

/** replayed counts a copy of `msg` from `from` (bounded per sender); the third copy marks `from` as suspect. */
function replayed(s: PbftState, env: StepEnv<PbftMessage>, from: NodeId, msg: PbftMessage): boolean {
  let seen = s.copies.get(from);
  if (!seen) s.copies.set(from, (seen = new Map()));
  const n = (seen.get(msg.auth) ?? 0) + 1;
  seen.set(msg.auth, n);
  if (seen.size > LIMITS.maxCopiesPerSender) seen.delete(seen.keys().next().value!);
  if (n < 3) return false;
  suspect(s, env, from, `it sent the same ${msg.type} ${n} times, more than the network duplicates (replay)`);
  return true;
}

type NormalCase = PrePrepare | Prepare | Commit;

/**
 * routeNormal handles a normal-case message by its view: an older view's is dropped (it shows that
 * its sender lags, which gets the latest NewView: view-change.ts helpLagging); a later view's, or
 * any while changing views, is kept until that view starts (at most LIMITS.maxDeferredPerSender per
 * sender).
 */
function routeNormal(s: PbftState, from: NodeId, msg: NormalCase, env: StepEnv<PbftMessage>): void {
  if (msg.view < s.view) {
    if (s.status === 'normal') helpLagging(s, env, from, msg.view);
    return;
  }
  if (msg.view > s.view || s.status === 'view-change') {
    if (s.deferred.filter((d) => d.from === from).length < LIMITS.maxDeferredPerSender) s.deferred.push({ from, msg });
    return;
  }
  handleNormal(s, from, msg, env);
}

/** handleNormal dispatches a normal-case message of the current view (§4.2). */
function handleNormal(s: PbftState, from: NodeId, msg: NormalCase, env: StepEnv<PbftMessage>): void {
  switch (msg.type) {
    case 'PrePrepare':
      onPrePrepare(s, from, msg, env);
      return;
    case 'Prepare':
      onPrepare(s, from, msg, env);
      return;
    case 'Commit':
      onCommit(s, from, msg, env);
      return;
  }
}

/** drainDeferred handles the kept messages of the view that has now started, and drops older ones. */
function drainDeferred(s: PbftState, env: StepEnv<PbftMessage>): void {
  if (s.status !== 'normal' || s.deferred.length === 0) return;
  if (!s.deferred.some((d) => d.msg.view <= s.view)) return;
  const kept = s.deferred;
  s.deferred = [];
  for (const d of kept) {
    if (d.msg.view > s.view) s.deferred.push(d);
    else if (d.msg.view === s.view) handleNormal(s, d.from, d.msg, env);
  }
}
