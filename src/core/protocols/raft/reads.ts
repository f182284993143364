/**
 * Linearizable reads without the log (thesis §6.4), switched by config.reads:
 * - `read-index`: once an entry of its term has committed, the leader records readIndex =
 *   commitIndex, confirms it still leads with a heartbeat round a quorum acknowledges (each
 *   AppendEntries carries the round, each reply echoes it), waits until lastApplied ≥ readIndex,
 *   and answers from its state machine (etcd ReadOnlySafe).
 * - `lease` (§6.4.1): every heartbeat starts a round at `start`; once a quorum acknowledges it, the
 *   leader serves reads locally until start + electionTimeoutMs[0] / clockDriftBound, measured on
 *   its own clock (a timer per round, which the `skew` action slows or speeds). Without a valid
 *   lease a read goes the read-index way (etcd ReadOnlyLeaseBased). The lease is sound only if no
 *   new leader can be elected meanwhile, so a follower that hears from a leader, or has just
 *   restarted, ignores RequestVote until its own election timer fires (etcd: `lead != None &&
 *   electionElapsed < electionTimeout`; thesis §4.2.3). A clock skew beyond the drift bound breaks it.
 * Writes still go through the log. With `log` (the default) reads are log entries, as before.
 */
import type { StepEnv } from '../../protocol';
import type { ClientId, NodeId } from '../../types';
import type { RaftConfig } from './config';
import { isQuorum } from './configuration';
import type { RaftMessage } from './messages';
import { sendAppend } from './replication';
import { termAt, type RaftState } from './state';

/** A pending read: its client, the key, and how far it got (readIndex, then the round confirming it). */
export interface PendingRead {
  client: ClientId;
  requestId: number;
  key: string;
  /** commitIndex when the read could be ordered (an entry of the leader's term committed); null until then. */
  readIndex: number | null;
  /** The heartbeat round whose quorum acknowledgement confirms leadership; 0: served under a lease. */
  round: number | null;
}

/** Reads is a node's read state (volatile). Rounds are numbered on from 1 for the node's whole life. */
export interface Reads {
  /** The term whose leadership the rounds and pending reads belong to. */
  term: number;
  /** The last round started. */
  round: number;
  /** The highest round each peer echoed in an AppendEntriesReply of `term`. */
  acked: Record<NodeId, number>;
  /** The highest round a quorum (the leader included) acknowledged. */
  confirmed: number;
  /** Lease mode: heartbeat rounds whose lease timer has not fired yet, oldest first. */
  leases: number[];
  pending: PendingRead[];
  /** Lease mode: after a restart, ignore RequestVote until the election timer fires once. */
  holdVotes: boolean;
}

/** LEASE_PREFIX names the timer of round r's lease: `lease-r`. */
export const LEASE_PREFIX = 'lease-';

/** readsOn says whether `config` serves reads outside the log. */
export function readsOn(config: RaftConfig): boolean {
  return config.reads === 'read-index' || config.reads === 'lease';
}

/** newReads gives a node's fresh read state; null when reads go through the log. */
export function newReads(config: RaftConfig): Reads | null {
  return readsOn(config) ? { term: 0, round: 0, acked: {}, confirmed: 0, leases: [], pending: [], holdVotes: false } : null;
}

/** cloneReads copies read state for checkpoints. */
export function cloneReads(r: Reads | null): Reads | null {
  return r === null ? null : { ...r, acked: { ...r.acked }, leases: [...r.leases], pending: r.pending.map((p) => ({ ...p })) };
}

/** leaseMs is how long a lease lasts on the leader's clock: electionTimeoutMs[0] / clockDriftBound (virtual ms, ≥ 1; §6.4.1). */
export function leaseMs(config: RaftConfig): number {
  return Math.max(1, Math.floor(config.electionTimeoutMs[0] / (config.clockDriftBound ?? 1.5)));
}

/** leaseValid says whether a lease holds now: a round whose lease timer has not fired is confirmed. */
export function leaseValid(r: Reads): boolean {
  return r.leases.length > 0 && r.leases[0]! <= r.confirmed;
}

/**
 * acceptRead takes a client's `get` at a leader: it waits in `pending` and is answered by
 * {@link pumpReads}. A retry of a read already pending is not queued twice.
 */
export function acceptRead(s: RaftState, client: ClientId, requestId: number, key: string): void {
  const r = s.reads!;
  if (r.pending.some((p) => p.client === client && p.requestId === requestId)) return;
  r.pending.push({ client, requestId, key, readIndex: null, round: null });
}

/** ackRound notes that `from` echoed round `round` in a reply of currentTerm, and recomputes the confirmed round. */
export function ackRound(s: RaftState, from: NodeId, round: number): void {
  const r = s.reads!;
  if (round <= (r.acked[from] ?? 0)) return;
  r.acked[from] = round;
  for (const candidate of Object.values(r.acked).sort((a, b) => b - a)) {
    if (candidate <= r.confirmed) break;
    if (isQuorum(s, [s.id, ...Object.keys(r.acked).filter((p) => r.acked[p]! >= candidate)])) {
      r.confirmed = candidate;
      break;
    }
  }
}

/** startLeaseRound starts a heartbeat round in lease mode and arms its lease timer on the leader's own clock. */
export function startLeaseRound(s: RaftState, env: StepEnv<RaftMessage>): void {
  const r = s.reads!;
  r.round++;
  r.leases.push(r.round);
  env.setTimer(`${LEASE_PREFIX}${r.round}`, leaseMs(s.config));
  if (isQuorum(s, [s.id])) r.confirmed = r.round;
}

/** leaseExpired handles round `round`'s lease timer: that round no longer grants a lease. */
export function leaseExpired(s: RaftState, round: number): void {
  const r = s.reads!;
  r.leases = r.leases.filter((x) => x !== round);
}

/**
 * pumpReads moves the leader's reads on, after every step (thesis §6.4): it drops everything when
 * the node no longer leads the term (pending reads are redirected), gives waiting reads their
 * readIndex once an entry of currentTerm has committed, serves them at once under a valid lease
 * or starts one heartbeat round for all of them, and answers every read whose round a quorum
 * acknowledged and whose readIndex is applied.
 */
export function pumpReads(s: RaftState, env: StepEnv<RaftMessage>): void {
  const r = s.reads!;
  if (s.role !== 'leader' || r.term !== s.currentTerm) {
    for (const p of r.pending) env.reply(p.client, p.requestId, { kind: 'redirect', leader: s.leaderId === s.id ? null : s.leaderId });
    r.pending = [];
    r.acked = {};
    r.confirmed = 0;
    r.leases = [];
    r.term = s.role === 'leader' ? s.currentTerm : r.term;
    if (s.role !== 'leader') return;
  }
  if (r.pending.length === 0) return;
  const ordered = termAt(s, s.commitIndex) === s.currentTerm;
  let needRound = false;
  for (const p of r.pending) {
    if (p.readIndex !== null || !ordered) continue;
    p.readIndex = s.commitIndex;
    if (s.config.reads === 'lease' && leaseValid(r)) {
      p.round = 0;
      env.note(`${s.id} serves ${p.client}'s read of ${p.key} under its lease (readIndex ${p.readIndex})`);
    } else needRound = true;
  }
  if (needRound) {
    const round = ++r.round;
    for (const p of r.pending) if (p.readIndex !== null && p.round === null) p.round = round;
    env.note(`${s.id} confirms its leadership for reads at readIndex ${s.commitIndex}: heartbeat round ${round}`);
    if (isQuorum(s, [s.id])) r.confirmed = round;
    for (const peer of s.peers) sendAppend(s, peer, env);
  }
  const waiting: PendingRead[] = [];
  for (const p of r.pending) {
    if (p.readIndex === null || p.round === null || p.round > r.confirmed || s.lastApplied < p.readIndex) {
      waiting.push(p);
      continue;
    }
    env.reply(p.client, p.requestId, { kind: 'result', result: { ok: true, value: s.kv.get(p.key) ?? null } });
  }
  r.pending = waiting;
}

/**
 * ignoresVote says whether, in lease mode, a follower ignores a RequestVote of a higher term: it
 * heard from a leader and its election timer has not fired since, or it restarted and its timer
 * has not fired yet (§6.4.1 relies on it, §4.2.3).
 */
export function ignoresVote(s: RaftState): boolean {
  return s.config.reads === 'lease' && s.role === 'follower' && (s.leaderId !== null || s.reads!.holdVotes);
}
