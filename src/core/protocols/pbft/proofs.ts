/**
 * Certificates and their checks (Castro & Liskov 1999, §4.3–§4.4): checkpoint proofs (2f+1
 * matching Checkpoints), prepared certificates (a pre-prepare and 2f matching prepares), the
 * validity of a ViewChange, and the new primary's choice of O from a set V of ViewChanges, which
 * every backup recomputes to verify a NewView. Pure functions of their arguments and the cluster.
 */
import { requestDigest, verifyReplica, verifyRequest, type SignedRequest } from './auth';
import type { Checkpoint, PreparedCert, ViewChange } from './messages';
import { primaryOf, type PbftState } from './state';

/** distinctMembers is true if every id is a cluster member and none repeats. */
function distinctMembers(s: PbftState, ids: readonly string[]): boolean {
  return new Set(ids).size === ids.length && ids.every((id) => s.nodes.includes(id));
}

/**
 * validCheckpointProof checks that `proof` holds at least 2f+1 authentic Checkpoints from distinct
 * replicas, all for (`seq`, `digest`) (§4.3). The initial checkpoint, seq 0, needs no proof.
 */
export function validCheckpointProof(s: PbftState, seq: number, digest: string, proof: readonly Checkpoint[]): boolean {
  if (seq === 0) return true;
  if (!Array.isArray(proof) || proof.length < s.quorum) return false;
  if (!distinctMembers(s, proof.map((c) => c.replica))) return false;
  return proof.every((c) => c.type === 'Checkpoint' && c.seq === seq && c.digest === digest && verifyReplica(c));
}

/**
 * validPreparedCert checks a prepared certificate of a ViewChange for view `view` whose stable
 * checkpoint is `stableSeq` (§4.4): the pre-prepare comes from the primary of its (earlier) view,
 * lies in (stableSeq, stableSeq + L], carries a client-signed request matching its digest (or the
 * null request); and 2f prepares of distinct backups match it. Every message must be authentic.
 */
export function validPreparedCert(s: PbftState, cert: PreparedCert, view: number, stableSeq: number): boolean {
  const pp = cert?.prePrepare;
  if (!pp || pp.type !== 'PrePrepare' || !Array.isArray(cert.prepares)) return false;
  if (pp.view >= view || pp.seq <= stableSeq || pp.seq > stableSeq + s.config.logWindow) return false;
  const primary = primaryOf(s, pp.view);
  if (pp.replica !== primary || !verifyReplica(pp)) return false;
  if (pp.request !== null && !verifyRequest(pp.request)) return false;
  if (pp.digest !== requestDigest(pp.request)) return false;
  if (cert.prepares.length < s.quorum - 1 || !distinctMembers(s, cert.prepares.map((p) => p.replica))) return false;
  return cert.prepares.every(
    (p) => p.type === 'Prepare' && p.replica !== primary && p.view === pp.view && p.seq === pp.seq && p.digest === pp.digest && verifyReplica(p),
  );
}

/**
 * invalidViewChange gives what is wrong with a ViewChange's content, or null if it is valid (§4.4):
 * its checkpoint proof must prove `stableSeq`, its prepared certificates must be valid, one per
 * sequence number. The caller checks the ViewChange's own authenticator.
 */
export function invalidViewChange(s: PbftState, vc: ViewChange): string | null {
  if (!Number.isInteger(vc.view) || vc.view < 1) return 'a bad view number';
  const digest = vc.checkpointProof?.[0]?.digest ?? '';
  if (!validCheckpointProof(s, vc.stableSeq, digest, vc.checkpointProof)) return `an invalid proof of its checkpoint at seq ${vc.stableSeq}`;
  if (!Array.isArray(vc.prepared)) return 'no prepared set';
  const seqs = new Set<number>();
  for (const cert of vc.prepared) {
    if (!validPreparedCert(s, cert, vc.view, vc.stableSeq)) return `an invalid prepared certificate for seq ${String(cert?.prePrepare?.seq)}`;
    if (seqs.has(cert.prePrepare.seq)) return `two prepared certificates for seq ${cert.prePrepare.seq}`;
    seqs.add(cert.prePrepare.seq);
  }
  return null;
}

/** NewViewPlan is what a set V of ViewChanges determines (§4.4): min-s, max-s and the requests of O. */
export interface NewViewPlan {
  /** min-s: the latest stable checkpoint in V. */
  minS: number;
  /** The ViewChange of V that proves min-s (for its checkpoint proof). */
  checkpointFrom: ViewChange;
  /** max-s: the highest sequence number in a prepared certificate of V (at least min-s). */
  maxS: number;
  /** For each seq in (min-s, max-s], in order: the request to re-issue, or null for the null request. */
  entries: { seq: number; digest: string; request: SignedRequest | null }[];
}

/**
 * planNewView computes O from V (§4.4): for every n in (min-s, max-s], the request of the prepared
 * certificate for n with the highest view in V (the first in V's order on a tie), or the null
 * request if none. V must be non-empty and valid. Deterministic, so backups recompute it to check.
 */
export function planNewView(V: readonly ViewChange[]): NewViewPlan {
  let checkpointFrom = V[0]!;
  for (const vc of V) if (vc.stableSeq > checkpointFrom.stableSeq) checkpointFrom = vc;
  const minS = checkpointFrom.stableSeq;
  const best = new Map<number, PreparedCert>();
  let maxS = minS;
  for (const vc of V) {
    for (const cert of vc.prepared) {
      const n = cert.prePrepare.seq;
      if (n <= minS) continue;
      maxS = Math.max(maxS, n);
      const b = best.get(n);
      if (!b || cert.prePrepare.view > b.prePrepare.view) best.set(n, cert);
    }
  }
  const entries: NewViewPlan['entries'] = [];
  for (let n = minS + 1; n <= maxS; n++) {
    const cert = best.get(n);
    entries.push(cert ? { seq: n, digest: cert.prePrepare.digest, request: cert.prePrepare.request } : { seq: n, digest: requestDigest(null), request: null });
  }
  return { minS, checkpointFrom, maxS, entries };
}
