/**
 * View changes (Castro & Liskov 1999, §4.4, with the liveness rules of §4.5.2).
 *
 * A backup whose timer expires moves to view v+1: it stops accepting normal-case messages of v and
 * multicasts a ViewChange with its stable checkpoint and a prepared certificate for every request
 * prepared above it. The primary of v+1, holding 2f+1 ViewChanges for v+1 (its own included),
 * multicasts a NewView with them (V) and pre-prepares (O) that re-issue every request prepared in V
 * between min-s and max-s (null requests for gaps). Backups recompute O from V to check it, then
 * enter v+1 and prepare O; the new primary then pre-prepares the requests still pending.
 *
 * Liveness (§4.5.2): a replica joins the smallest of f+1 higher views it hears of; one holding 2f+1
 * ViewChanges starts its timer and moves on if no NewView comes in time, doubling the wait each
 * time in a row (capped, and reset once a view change completes: waits/LIMITS). Playground additions, each needed because messages are lost: a replica changing
 * views re-sends its ViewChange every config.viewChangeTimeoutMs until 2f+1 are in, and replicas
 * forward the latest NewView (or their ViewChange) to a replica that shows it lags behind (a
 * message of an older view).
 *
 * A replica alone in its view change (the example `pbft-equivocating-primary`: a primary that
 * lies only to n3) stays there, as in the paper: having asked for v+1 it takes no part in v's
 * normal case (§4.4); the others join only when f+1 replicas ask (§4.5.2), and its own timer moves
 * it on to v+2 only once 2f+1 ViewChanges for v+1 are in. The 2f+1 others, the faulty primary
 * among them, keep executing and answering clients with f+1 matching replies (§4.1), so no client
 * retries and no other backup times out. Nothing here brings it back to v: it catches up by state
 * transfer at each stable checkpoint (checkpoint.ts, §4.3; TOCS 2002 §6.2), and rejoins at the
 * next view change that a quorum makes.
 */
import type { StepEnv } from '../../protocol';
import type { NodeId } from '../../types';
import { requestDigest, sign, verifyReplica, verifyRequest } from './auth';
import { makeStable } from './checkpoint';
import type { NewView, PbftMessage, PrePrepare, Prepare, ViewChange } from './messages';
import { checkPrepared, resetSlotForView } from './normal';
import { invalidViewChange, planNewView } from './proofs';
import { broadcast, inWindow, latestViewChange, LIMITS, lowWater, primaryOf, requestKey, slotAt, suspect, viewChangeOf, type PbftState } from './state';
import { addPending, newViewTimeoutMs, updateRequestTimer, VIEW_CHANGE_TIMER } from './waiting';

/** buildViewChange gives this replica's ViewChange for its current (target) view (§4.4). */
export function buildViewChange(s: PbftState): ViewChange {
  const h = lowWater(s);
  const prepared = [...s.log.values()]
    .filter((slot) => slot.seq > h && slot.cert !== null)
    .sort((a, b) => a.seq - b.seq)
    .map((slot) => slot.cert!);
  return sign(s.key, { type: 'ViewChange', view: s.view, stableSeq: h, checkpointProof: s.stable.proof, prepared, replica: s.id });
}

/** storeViewChange keeps a valid ViewChange (the first per replica and view), dropping the replica's lowest beyond the limit. */
function storeViewChange(s: PbftState, vc: ViewChange): void {
  let list = s.viewChanges.get(vc.replica);
  if (!list) s.viewChanges.set(vc.replica, (list = []));
  if (list.some((x) => x.view === vc.view)) return;
  list.push(vc);
  list.sort((a, b) => a.view - b.view);
  if (list.length > LIMITS.viewChangesPerReplica) list.shift();
}

/**
 * startViewChange moves this replica to view `target` (> its view), in status view-change: it
 * multicasts its ViewChange, arms the `view-change` timer to re-send it, and acts at once if 2f+1
 * ViewChanges for `target` are already in.
 */
export function startViewChange(s: PbftState, env: StepEnv<PbftMessage>, target: number): void {
  if (target <= s.view) return;
  s.view = target;
  s.status = 'view-change';
  s.backoff = Math.min(s.backoff + 1, 30);
  s.awaitingNewView = false;
  s.proposed.clear();
  s.deferred = s.deferred.filter((d) => d.msg.view >= target);
  const vc = buildViewChange(s);
  storeViewChange(s, vc);
  env.note(`${s.id} starts a view change to view ${target} (primary ${primaryOf(s, target)})`);
  broadcast(s, env, vc);
  env.setTimer(VIEW_CHANGE_TIMER, s.config.viewChangeTimeoutMs);
  s.timerArmed = true;
  checkViewChangeQuorum(s, env);
}

/**
 * onViewChangeTimer handles the `view-change` timer in status view-change: with 2f+1 ViewChanges in
 * and no NewView, move on to the next view (§4.4); otherwise re-send this replica's ViewChange.
 */
export function onViewChangeTimer(s: PbftState, env: StepEnv<PbftMessage>): void {
  if (s.awaitingNewView) {
    env.note(`${s.id} got no NewView for view ${s.view} in time: it moves on to view ${s.view + 1}`);
    startViewChange(s, env, s.view + 1);
    return;
  }
  const own = viewChangeOf(s, s.id, s.view);
  if (own) broadcast(s, env, own);
  env.setTimer(VIEW_CHANGE_TIMER, s.config.viewChangeTimeoutMs);
  s.timerArmed = true;
}

/**
 * resumeViewChange continues a view change after a restart (the NewView wait is volatile): re-send
 * the ViewChange, re-arm the timer, and act if 2f+1 ViewChanges are already in.
 */
export function resumeViewChange(s: PbftState, env: StepEnv<PbftMessage>): void {
  s.awaitingNewView = false;
  onViewChangeTimer(s, env);
  checkViewChangeQuorum(s, env);
}

/**
 * onViewChange handles replica `from`'s authenticated ViewChange: an invalid one (a bad checkpoint
 * proof or prepared certificate, e.g. forged prepares) marks `from` as suspect; a valid one is kept.
 * Then: help `from` if it lags, join f+1 higher views (§4.5.2), and act on 2f+1.
 */
export function onViewChange(s: PbftState, from: NodeId, vc: ViewChange, env: StepEnv<PbftMessage>): void {
  const problem = invalidViewChange(s, vc);
  if (problem) {
    suspect(s, env, from, `its ViewChange for view ${vc.view} carries ${problem}`);
    return;
  }
  storeViewChange(s, vc);
  if (vc.view < s.view || (vc.view === s.view && s.status === 'normal')) helpLagging(s, env, from, vc.view);
  joinHigherViews(s, env);
  checkViewChangeQuorum(s, env);
}

/**
 * helpLagging sends replica `to`, which showed it is still at view `view` (below this replica's),
 * what lets it catch up, at most once per config.viewChangeTimeoutMs virtual ms: the NewView of
 * the highest view this replica entered, if at or above `view` (NewViews prove themselves, so any
 * replica may forward one); else this replica's own ViewChange for `view`, so that it counts there;
 * else its current ViewChange.
 */
export function helpLagging(s: PbftState, env: StepEnv<PbftMessage>, to: NodeId, view: number): void {
  if (env.now - (s.lastResend[to] ?? -Infinity) < s.config.viewChangeTimeoutMs) return;
  let msg: PbftMessage | undefined;
  if (s.lastNewView && s.lastNewView.view >= view) msg = s.lastNewView;
  else msg = viewChangeOf(s, s.id, view) ?? (s.status === 'view-change' ? viewChangeOf(s, s.id, s.view) : undefined);
  if (!msg) return;
  s.lastResend[to] = env.now;
  env.send(to, msg);
}

/** joinHigherViews: f+1 other replicas asking for views above this one's make it join the smallest of them (§4.5.2). */
function joinHigherViews(s: PbftState, env: StepEnv<PbftMessage>): void {
  const higher: number[] = [];
  for (const id of s.nodes) {
    const vc = latestViewChange(s, id);
    if (id !== s.id && vc && vc.view > s.view) higher.push(vc.view);
  }
  if (higher.length < s.f + 1) return;
  const target = Math.min(...higher);
  env.note(`${s.id} hears ${higher.length} replicas ask for views above ${s.view}: it joins view ${target}`);
  startViewChange(s, env, target);
}

/**
 * checkViewChangeQuorum: with 2f+1 ViewChanges for the view this replica is moving to, start the
 * NewView timer (§4.5.2), and if this replica is that view's primary, send the NewView.
 */
function checkViewChangeQuorum(s: PbftState, env: StepEnv<PbftMessage>): void {
  if (s.status !== 'view-change') return;
  const votes = s.nodes.map((id) => viewChangeOf(s, id, s.view)).filter((vc): vc is ViewChange => vc !== undefined);
  if (votes.length < s.quorum) return;
  if (!s.awaitingNewView) {
    s.awaitingNewView = true;
    env.setTimer(VIEW_CHANGE_TIMER, newViewTimeoutMs(s));
    s.timerArmed = true;
  }
  if (primaryOf(s, s.view) !== s.id) return;
  const own = votes.find((vc) => vc.replica === s.id)!;
  const V = [own, ...votes.filter((vc) => vc !== own)].slice(0, s.quorum);
  const plan = planNewView(V);
  const O: PrePrepare[] = plan.entries.map((e) => sign(s.key, { type: 'PrePrepare', view: s.view, seq: e.seq, digest: e.digest, request: e.request, replica: s.id }));
  const nv: NewView = sign(s.key, { type: 'NewView', view: s.view, viewChanges: V, prePrepares: O, replica: s.id });
  const reissued = O.length === 0 ? 're-issuing nothing' : `re-issuing seqs ${plan.minS + 1}–${plan.maxS}`;
  env.note(`${s.id} is the new primary of view ${s.view}: NewView with ${V.length} view changes, ${reissued}`);
  broadcast(s, env, nv);
  enterView(s, env, nv);
}

/**
 * invalidNewView gives what is wrong with a NewView from the primary of its view, or null (§4.4):
 * V must hold 2f+1 valid ViewChanges for the view from distinct replicas, and O must be exactly the
 * pre-prepares the primary computes from V, authentic and signed by it.
 */
export function invalidNewView(s: PbftState, nv: NewView): string | null {
  const V = nv.viewChanges;
  if (!Array.isArray(V) || !Array.isArray(nv.prePrepares)) return 'it is malformed';
  const ids = V.map((vc) => vc?.replica);
  if (V.length < s.quorum || new Set(ids).size !== ids.length) return `V holds fewer than ${s.quorum} view changes from distinct replicas`;
  for (const vc of V) {
    if (vc.type !== 'ViewChange' || vc.view !== nv.view || !s.nodes.includes(vc.replica) || !verifyReplica(vc)) return `V holds an unauthentic view change claiming to be from ${String(vc?.replica)}`;
    const problem = invalidViewChange(s, vc);
    if (problem) return `${vc.replica}'s view change in V carries ${problem}`;
  }
  const plan = planNewView(V);
  if (nv.prePrepares.length !== plan.entries.length) return `O has ${nv.prePrepares.length} pre-prepares where V calls for ${plan.entries.length}`;
  for (let i = 0; i < plan.entries.length; i++) {
    const pp = nv.prePrepares[i]!;
    const want = plan.entries[i]!;
    if (pp.type !== 'PrePrepare' || pp.view !== nv.view || pp.seq !== want.seq || pp.digest !== want.digest) return `O's pre-prepare for seq ${want.seq} does not match V`;
    if (pp.replica !== nv.replica || !verifyReplica(pp)) return `O's pre-prepare for seq ${want.seq} is not authentic`;
    if (pp.digest !== requestDigest(pp.request) || (pp.request !== null && !verifyRequest(pp.request))) return `O's pre-prepare for seq ${want.seq} carries the wrong request`;
  }
  return null;
}

/**
 * onNewView handles a NewView of a view above this replica's (or of the view it is moving to),
 * from its primary or forwarded by `from` (its authenticator, checked by the caller, is the
 * primary's): signed by the view's primary and valid, it enters the view; otherwise the replica
 * that made it is suspect.
 */
export function onNewView(s: PbftState, from: NodeId, nv: NewView, env: StepEnv<PbftMessage>): void {
  if (nv.view < s.view || (nv.view === s.view && s.status === 'normal')) return;
  if (nv.replica !== primaryOf(s, nv.view)) {
    suspect(s, env, nv.replica, `it made a NewView for view ${nv.view} but is not its primary`);
    return;
  }
  const problem = invalidNewView(s, nv);
  if (problem) {
    suspect(s, env, nv.replica, `its NewView for view ${nv.view} is invalid: ${problem}`);
    return;
  }
  if (from !== nv.replica) env.note(`${s.id} catches up to view ${nv.view} with the NewView forwarded by ${from}`);
  enterView(s, env, nv);
}

/**
 * enterView starts the view of a valid NewView (§4.4): adopt V's latest stable checkpoint if newer
 * (fetching its state if needed), empty every slot's per-view part, accept O's pre-prepares (backups
 * multicast their Prepares), and set the timer for requests still pending. The new primary goes on
 * from max-s; pending requests are pre-prepared after this step (step.ts), deferred messages of the
 * view handled.
 */
export function enterView(s: PbftState, env: StepEnv<PbftMessage>, nv: NewView): void {
  const plan = planNewView(nv.viewChanges);
  s.view = nv.view;
  s.status = 'normal';
  s.awaitingNewView = false;
  s.backoff = 0;
  s.lastNewView = nv;
  s.proposed.clear();
  if (plan.minS > s.stable.seq) {
    const proof = plan.checkpointFrom.checkpointProof;
    makeStable(s, env, plan.minS, proof[0]!.digest, proof);
  }
  for (const slot of s.log.values()) resetSlotForView(slot, nv.view);
  const primary = primaryOf(s, nv.view);
  for (const pp of nv.prePrepares) {
    if (!inWindow(s, pp.seq)) continue;
    const slot = slotAt(s, pp.seq);
    slot.prePrepare = pp;
    if (pp.request) {
      s.proposed.add(requestKey(pp.request.client, pp.request.requestId));
      addPending(s, env, pp.request);
    }
    if (primary !== s.id) {
      const prepare: Prepare = sign(s.key, { type: 'Prepare', view: nv.view, seq: pp.seq, digest: pp.digest, replica: s.id });
      slot.prepares[s.id] = prepare;
      broadcast(s, env, prepare);
    }
    checkPrepared(s, slot, env);
  }
  s.nextSeq = Math.max(plan.maxS, s.stable.seq) + 1;
  env.clearTimer(VIEW_CHANGE_TIMER);
  s.timerArmed = false;
  updateRequestTimer(s, env, true);
  if (primary !== s.id) env.note(`${s.id} enters view ${nv.view} with primary ${primary}`);
}
