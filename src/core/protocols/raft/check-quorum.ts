/**
 * CheckQuorum (Ongaro's thesis §6.2; etcd raft `CheckQuorum`) and the disruptive-server rule it
 * brings with it (§4.2.3). A leader that has not heard from a quorum within an election timeout
 * steps down, so a leader cut off from the majority stops believing it leads. In return, a node
 * that heard from a leader within the minimum election timeout ignores (pre-)vote requests of a
 * higher term: while the leader is known to be alive, nobody may depose it, except by a leadership
 * transfer (thesis §3.10), whose RequestVote carries the `transfer` flag.
 */
import type { StepEnv } from '../../protocol';
import type { NodeId } from '../../types';
import { isQuorum } from './configuration';
import type { RaftMessage } from './messages';
import { becomeFollower } from './roles';
import type { RaftState } from './state';

/** CHECK_QUORUM is the leader's timer for the quorum check, every electionTimeoutMs[0] virtual ms. */
export const CHECK_QUORUM = 'check-quorum';
/** QUORUM_LOST_RECORD is the trace record kind of "a leader steps down for lack of a quorum". */
export const QUORUM_LOST_RECORD = 'quorum-lost';

/** startQuorumCheck arms the check for a new leader (config.checkQuorum only): nobody heard from yet. */
export function startQuorumCheck(s: RaftState, env: StepEnv<RaftMessage>): void {
  if (!s.config.checkQuorum) return;
  s.recentActive = [];
  env.setTimer(CHECK_QUORUM, s.config.electionTimeoutMs[0]);
}

/** stopQuorumCheck disarms the check when a leader steps down (config.checkQuorum only). */
export function stopQuorumCheck(s: RaftState, env: StepEnv<RaftMessage>): void {
  if (!s.config.checkQuorum) return;
  s.recentActive = [];
  env.clearTimer(CHECK_QUORUM);
}

/** noteActive marks peer `from` as heard from by the leader since the last check (any message of its term). */
export function noteActive(s: RaftState, from: NodeId): void {
  if (s.config.checkQuorum && !s.recentActive.includes(from)) s.recentActive.push(from);
}

/**
 * checkQuorum is the CHECK_QUORUM timer firing (thesis §6.2, etcd `MsgCheckQuorum`): a leader that
 * heard from a quorum (itself included) since the last check starts a new round; otherwise it
 * records `quorum-lost` and steps down to follower of its term. A non-leader ignores it.
 */
export function checkQuorum(s: RaftState, env: StepEnv<RaftMessage>): void {
  if (s.role !== 'leader' || !s.config.checkQuorum) return;
  const heard = [s.id, ...s.recentActive];
  if (isQuorum(s, heard)) {
    s.recentActive = [];
    env.setTimer(CHECK_QUORUM, s.config.electionTimeoutMs[0]);
    return;
  }
  env.record(QUORUM_LOST_RECORD, { term: s.currentTerm, heard });
  env.note(`${s.id} heard only from ${heard.join(', ')} in the last ${s.config.electionTimeoutMs[0]} ms, not a quorum: it steps down (CheckQuorum, thesis §6.2)`);
  becomeFollower(s, s.currentTerm, null, env);
}

/**
 * inLease says whether `s` heard from a leader of its term within the minimum election timeout
 * (virtual ms) before `now`; a leader is always in its own lease (it steps down otherwise).
 */
export function inLease(s: RaftState, now: number): boolean {
  if (s.role === 'leader') return true;
  return s.leaderId !== null && s.leaderContactAt !== null && now - s.leaderContactAt < s.config.electionTimeoutMs[0];
}

/**
 * ignoresInLease is the disruptive-server rule (thesis §4.2.3, etcd `Step` with CheckQuorum): with
 * config.checkQuorum, a RequestVote or PreVote of a higher term than currentTerm is dropped without
 * an answer while the node is in its leader's lease, unless it comes from a leadership transfer.
 * Gives true when the message was dropped.
 */
export function ignoresInLease(s: RaftState, from: NodeId, msg: RaftMessage, env: StepEnv<RaftMessage>): boolean {
  if (!s.config.checkQuorum) return false;
  if (msg.type !== 'RequestVote' && msg.type !== 'PreVote') return false;
  if (msg.term <= s.currentTerm || (msg.type === 'RequestVote' && msg.transfer)) return false;
  if (!inLease(s, env.now)) return false;
  const leader = s.role === 'leader' ? 'it leads' : `it heard from leader ${s.leaderId} at ${s.leaderContactAt} ms`;
  env.note(`${s.id} ignores ${from}'s ${msg.type} for term ${msg.term}: ${leader}, within the minimum election timeout (thesis §4.2.3)`);
  return true;
}
