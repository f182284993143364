/**
 * Normal-case operation (Castro & Liskov 1999, §4.2): the three-phase protocol. The primary assigns
 * a sequence number in a PrePrepare; backups agree with a Prepare; a replica whose log holds the
 * pre-prepare and 2f matching prepares from distinct backups has *prepared* the request and sends
 * a Commit; with 2f+1 matching commits it is *committed-local* (execution is in execute.ts).
 *
 * The callers (step.ts) have already checked each message's authenticator and that it is of the
 * current view in normal operation.
 */
import type { StepEnv } from '../../protocol';
import type { NodeId } from '../../types';
import { requestDigest, shortDigest, sign, verifyRequest, type SignedRequest } from './auth';
import type { Commit, PbftMessage, PrePrepare, Prepare } from './messages';
import {
  broadcast,
  inWindow,
  isExecuted,
  isPrimary,
  lowWater,
  primaryOf,
  requestKey,
  slotAt,
  suspect,
  type PbftState,
  type Slot,
} from './state';
import { addPending } from './waiting';

/** resetSlotForView empties a slot's per-view part for `view`, keeping its certificate and what it committed (§4.4). */
export function resetSlotForView(slot: Slot, view: number): void {
  slot.view = view;
  slot.prePrepare = null;
  slot.prepares = {};
  slot.commits = {};
  slot.prepared = false;
}

/** currentSlot gives the slot for `seq`, emptied first if it still holds another view's messages. */
export function currentSlot(s: PbftState, seq: number): Slot {
  const slot = slotAt(s, seq);
  if (slot.view !== s.view) resetSlotForView(slot, s.view);
  return slot;
}

/**
 * propose has the primary assign the next sequence number to `request` (null: the null request)
 * and multicast the PrePrepare (§4.2). Returns false, assigning nothing, when that number is above
 * the high water mark H (§4.3): the request waits until a checkpoint becomes stable.
 */
export function propose(s: PbftState, env: StepEnv<PbftMessage>, request: SignedRequest | null): boolean {
  if (s.nextSeq <= lowWater(s)) s.nextSeq = lowWater(s) + 1;
  const seq = s.nextSeq;
  if (!inWindow(s, seq)) return false;
  s.nextSeq++;
  const pp: PrePrepare = sign(s.key, { type: 'PrePrepare', view: s.view, seq, digest: requestDigest(request), request, replica: s.id });
  const slot = currentSlot(s, seq);
  slot.prePrepare = pp;
  if (request) s.proposed.add(requestKey(request.client, request.requestId));
  broadcast(s, env, pp);
  checkPrepared(s, slot, env);
  return true;
}

/** proposePending has the primary pre-prepare every pending request not yet pre-prepared in this view, in arrival order, while the window allows. */
export function proposePending(s: PbftState, env: StepEnv<PbftMessage>): void {
  if (!isPrimary(s) || s.pending.size === 0) return;
  for (const [key, r] of s.pending) {
    if (s.proposed.has(key) || isExecuted(s, r.client, r.requestId)) continue;
    if (!propose(s, env, r)) return;
  }
}

/**
 * onPrePrepare handles a PrePrepare of the current view at a backup (§4.2). It is accepted if it
 * comes from the view's primary, its sequence number lies between the water marks, its request is
 * signed by its client and its digest is the request's, and no other pre-prepare for this view and
 * sequence number was accepted. The backup then multicasts its Prepare. A pre-prepare from a
 * non-primary, with a wrong digest, or conflicting with an accepted one marks its sender as suspect.
 */
export function onPrePrepare(s: PbftState, from: NodeId, pp: PrePrepare, env: StepEnv<PbftMessage>): void {
  const where = `seq ${pp.seq} in view ${pp.view}`;
  if (from !== primaryOf(s, pp.view)) {
    suspect(s, env, from, `it sent a PrePrepare for ${where} but is not the primary of view ${pp.view}`);
    return;
  }
  if (!inWindow(s, pp.seq)) return;
  if (pp.request !== null && !verifyRequest(pp.request)) {
    suspect(s, env, from, `its PrePrepare for ${where} carries a request its client did not sign`);
    return;
  }
  if (pp.digest !== requestDigest(pp.request)) {
    suspect(s, env, from, `its PrePrepare for ${where} has digest ${shortDigest(pp.digest)}, which does not match the request`);
    return;
  }
  const slot = currentSlot(s, pp.seq);
  if (slot.prePrepare) {
    if (slot.prePrepare.digest !== pp.digest) suspect(s, env, from, `two different pre-prepares for ${where}`);
    return;
  }
  slot.prePrepare = pp;
  if (pp.request) addPending(s, env, pp.request);
  const prepare: Prepare = sign(s.key, { type: 'Prepare', view: pp.view, seq: pp.seq, digest: pp.digest, replica: s.id });
  slot.prepares[s.id] = prepare;
  broadcast(s, env, prepare);
  checkPrepared(s, slot, env);
}

/**
 * onPrepare records backup `from`'s Prepare (§4.2). The primary sends none, so a Prepare from it, or
 * a second Prepare with another digest for the same view and sequence number, marks it as suspect.
 */
export function onPrepare(s: PbftState, from: NodeId, p: Prepare, env: StepEnv<PbftMessage>): void {
  if (from === primaryOf(s, p.view)) {
    suspect(s, env, from, `it sent a Prepare for seq ${p.seq} in view ${p.view}, of which it is the primary`);
    return;
  }
  if (!inWindow(s, p.seq)) return;
  const slot = currentSlot(s, p.seq);
  const earlier = slot.prepares[from];
  if (earlier) {
    if (earlier.digest !== p.digest) suspect(s, env, from, `it sent two different prepares for seq ${p.seq} in view ${p.view}`);
    return;
  }
  slot.prepares[from] = p;
  checkPrepared(s, slot, env);
}

/** onCommit records replica `from`'s Commit (§4.2); a second one with another digest marks it as suspect. */
export function onCommit(s: PbftState, from: NodeId, c: Commit, env: StepEnv<PbftMessage>): void {
  if (!inWindow(s, c.seq)) return;
  const slot = currentSlot(s, c.seq);
  const earlier = slot.commits[from];
  if (earlier) {
    if (earlier.digest !== c.digest) suspect(s, env, from, `it sent two different commits for seq ${c.seq} in view ${c.view}`);
    return;
  }
  slot.commits[from] = c;
  checkPrepared(s, slot, env);
}

/** matchingPrepares lists the prepares of distinct backups that match the slot's pre-prepare, in node order. */
export function matchingPrepares(s: PbftState, slot: Slot): Prepare[] {
  const pp = slot.prePrepare;
  if (!pp) return [];
  const primary = primaryOf(s, slot.view);
  const out: Prepare[] = [];
  for (const id of s.nodes) {
    const p = slot.prepares[id];
    if (p && id !== primary && p.digest === pp.digest) out.push(p);
  }
  return out;
}

/**
 * checkPrepared applies the predicates of §4.2 to a slot: prepared = the pre-prepare and 2f (quorum
 * − 1) matching prepares from distinct backups, the replica's own included; on first preparing, it
 * keeps the certificate and multicasts its Commit. Then committed-local = prepared and 2f+1
 * (quorum) matching commits. It also draws the suspicions the messages prove:
 * - f+1 backups prepared another digest than the primary pre-prepared here, so at least one honest
 *   backup got a different pre-prepare: the primary equivocated;
 * - once prepared, a Commit with another digest: two digests cannot both prepare in one view at
 *   honest replicas (quorum intersection), so its sender lies.
 */
export function checkPrepared(s: PbftState, slot: Slot, env: StepEnv<PbftMessage>): void {
  const pp = slot.prePrepare;
  if (!pp) return;
  if (!slot.prepared) {
    const matching = matchingPrepares(s, slot);
    if (matching.length >= s.quorum - 1) {
      slot.prepared = true;
      slot.cert = { prePrepare: pp, prepares: matching.slice(0, s.quorum - 1) };
      const commit: Commit = sign(s.key, { type: 'Commit', view: pp.view, seq: pp.seq, digest: pp.digest, replica: s.id });
      slot.commits[s.id] = commit;
      broadcast(s, env, commit);
    }
  }
  detectEquivocation(s, slot, env);
  if (!slot.prepared) return;
  for (const c of Object.values(slot.commits)) {
    if (c.digest !== pp.digest) {
      suspect(s, env, c.replica, `its Commit for seq ${pp.seq} in view ${pp.view} has digest ${shortDigest(c.digest)}, but ${shortDigest(pp.digest)} prepared`);
    }
  }
  const committed = s.nodes.filter((id) => slot.commits[id]?.digest === pp.digest).length;
  if (committed >= s.quorum && (slot.committed === null || slot.committed.view < slot.view)) {
    slot.committed = { view: slot.view, digest: pp.digest, request: pp.request };
  }
}

/** detectEquivocation suspects the primary when f+1 backups prepared one digest other than its pre-prepare here. */
function detectEquivocation(s: PbftState, slot: Slot, env: StepEnv<PbftMessage>): void {
  const pp = slot.prePrepare!;
  const primary = primaryOf(s, slot.view);
  if (s.suspects[primary] !== undefined || primary === s.id) return;
  const counts = new Map<string, number>();
  for (const p of Object.values(slot.prepares)) {
    if (p.digest === pp.digest || p.replica === primary) continue;
    const n = (counts.get(p.digest) ?? 0) + 1;
    counts.set(p.digest, n);
    if (n >= s.f + 1) {
      suspect(s, env, primary, `two different pre-prepares for seq ${pp.seq} in view ${pp.view}: ${n} backups prepared ${shortDigest(p.digest)}, it sent ${shortDigest(pp.digest)} here`);
      return;
    }
  }
}
