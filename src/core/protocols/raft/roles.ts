/**
 * Role changes (Raft §5.1, §5.2). Only becomeFollower, becomeCandidate and becomeLeader change
 * `role`; each also (re)arms the timers the new role needs.
 */
import type { NodeId } from '../../types';
import type { StepEnv } from '../../protocol';
import { redirectPending } from './clients';
import type { RaftMessage } from './messages';
import { appendAsLeader } from './replication';
import { lastLogIndex, type RaftState } from './state';
import { startQuorumCheck, stopQuorumCheck } from './check-quorum';
import { endTransfer } from './transfer';

/** ELECTION and HEARTBEAT are Raft's two timer names. */
export const ELECTION = 'election';
export const HEARTBEAT = 'heartbeat';

/** resetElectionTimer arms `election` for a fresh timeout drawn uniformly from config.electionTimeoutMs (virtual ms, Raft §5.2). */
export function resetElectionTimer(s: RaftState, env: StepEnv<RaftMessage>): void {
  const [lo, hi] = s.config.electionTimeoutMs;
  env.setTimer(ELECTION, env.rng.int(lo, hi));
}

/**
 * becomeFollower makes the node a follower of `term` (Raft §5.1). A higher term resets votedFor.
 * `leader` is the leader of `term` if known. A leader that steps down stops its heartbeat and
 * redirects the clients it owes answers; a node that was not a follower re-arms its election timer
 * (a follower keeps its timer: only a valid AppendEntries or a granted vote resets it, Figure 2).
 */
export function becomeFollower(s: RaftState, term: number, leader: NodeId | null, env: StepEnv<RaftMessage>): void {
  if (term > s.currentTerm) {
    s.currentTerm = term;
    s.votedFor = null;
  }
  const was = s.role;
  s.role = 'follower';
  s.leaderId = leader;
  if (was === 'follower') return;
  s.votesGranted = [];
  if (was === 'leader') {
    env.clearTimer(HEARTBEAT);
    s.nextIndex = {};
    s.matchIndex = {};
    redirectPending(s, leader, env);
    stopQuorumCheck(s, env);
    endTransfer(s, env);
  }
  resetElectionTimer(s, env);
}

/**
 * becomeCandidate starts a new term as candidate (Raft §5.2): currentTerm + 1, votes for itself,
 * re-arms the election timer. The caller sends the RequestVotes.
 */
export function becomeCandidate(s: RaftState, env: StepEnv<RaftMessage>): void {
  s.role = 'candidate';
  s.currentTerm += 1;
  s.votedFor = s.id;
  s.votesGranted = [s.id];
  s.leaderId = null;
  resetElectionTimer(s, env);
}

/**
 * becomeLeader takes leadership of currentTerm (Raft §5.3): nextIndex = last log index + 1 and
 * matchIndex = 0 for every peer, stops the election timer, starts the heartbeat, appends a no-op of
 * its term (§8, so entries of earlier terms can commit) and sends it to every peer at once.
 */
export function becomeLeader(s: RaftState, env: StepEnv<RaftMessage>): void {
  s.role = 'leader';
  s.leaderId = s.id;
  const next = lastLogIndex(s) + 1;
  s.nextIndex = {};
  s.matchIndex = {};
  for (const peer of s.peers) {
    s.nextIndex[peer] = next;
    s.matchIndex[peer] = 0;
  }
  env.clearTimer(ELECTION);
  env.setTimer(HEARTBEAT, s.config.heartbeatMs);
  startQuorumCheck(s, env);
  env.note(`${s.id} becomes leader of term ${s.currentTerm} with votes from ${s.votesGranted.join(', ')}`);
  appendAsLeader(s, { term: s.currentTerm, command: { kind: 'noop' } }, env);
}
