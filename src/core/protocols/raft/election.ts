/** Leader election (Raft §5.2) and the election restriction (§5.4.1). */
import type { NodeId } from '../../types';
import type { StepEnv } from '../../protocol';
import type { RaftMessage, RequestVote, RequestVoteReply } from './messages';
import { isQuorum, otherVoters } from './configuration';
import { becomeCandidate, becomeLeader, resetElectionTimer } from './roles';
import { lastLogIndex, lastLogTerm, type RaftState } from './state';

/**
 * campaign starts an election (Raft §5.2): become candidate of the next term, vote for itself and
 * send RequestVote to every other voter of its configuration (thesis §4.1). A node that is a quorum
 * alone (a cluster of one) wins at once. `transfer` (leadership transfer, thesis §3.10) flags the
 * RequestVotes so that voters skip the disruptive-server rule.
 */
export function campaign(s: RaftState, env: StepEnv<RaftMessage>, transfer = false): void {
  becomeCandidate(s, env);
  if (transfer) env.note(`${s.id} starts an election for term ${s.currentTerm} to take over leadership`);
  else env.note(`${s.id} times out and starts an election for term ${s.currentTerm}`);
  if (isQuorum(s, s.votesGranted)) {
    becomeLeader(s, env);
    return;
  }
  const msg: RequestVote = {
    type: 'RequestVote',
    term: s.currentTerm,
    candidateId: s.id,
    lastLogIndex: lastLogIndex(s),
    lastLogTerm: lastLogTerm(s),
    ...(transfer ? { transfer: true as const } : {}),
  };
  for (const peer of otherVoters(s)) env.send(peer, msg);
}

/**
 * logUpToDate is the election restriction (Raft §5.4.1): a candidate's log, ending at
 * (lastIndex, lastTerm), is at least as up to date as the voter's if its last term is higher, or
 * equal with a last index at least as large.
 */
export function logUpToDate(s: RaftState, lastIndex: number, lastTerm: number): boolean {
  const myTerm = lastLogTerm(s);
  return lastTerm > myTerm || (lastTerm === myTerm && lastIndex >= lastLogIndex(s));
}

/**
 * handleRequestVote answers a RequestVote of currentTerm (Figure 2, "RequestVote RPC"): grant iff
 * votedFor is null or the candidate, and the candidate's log is at least as up to date (§5.4.1).
 * Granting records votedFor and re-arms the election timer. With the teaching bug
 * `vote-without-log-check` (bugs.ts), the up-to-date check is skipped.
 */
export function handleRequestVote(s: RaftState, from: NodeId, msg: RequestVote, env: StepEnv<RaftMessage>): void {
  const candidate = msg.candidateId;
  let voteGranted = false;
  if (s.votedFor !== null && s.votedFor !== candidate) {
    env.note(`${s.id} refuses ${candidate} in term ${s.currentTerm}: it already voted for ${s.votedFor}`);
  } else if (!logUpToDate(s, msg.lastLogIndex, msg.lastLogTerm)) {
    const behind = `${candidate}'s log (last ${msg.lastLogIndex}/${msg.lastLogTerm}) is behind its own (last ${lastLogIndex(s)}/${lastLogTerm(s)})`;
    if (s.bugs.has('vote-without-log-check')) {
      // BUG (vote-without-log-check): grant although the candidate's log is behind. Correct: refuse,
      // so that no candidate lacking a committed entry can win (§5.4.1, the election restriction).
      env.note(`${s.id} grants its vote to ${candidate} in term ${s.currentTerm} although ${behind} (bug vote-without-log-check)`);
      voteGranted = true;
      s.votedFor = candidate;
      resetElectionTimer(s, env);
    } else {
      env.note(`${s.id} refuses ${candidate} in term ${s.currentTerm}: ${behind}`);
    }
  } else {
    voteGranted = true;
    if (s.votedFor === null) env.note(`${s.id} grants its vote to ${candidate} in term ${s.currentTerm}: ${candidate}'s log is at least as up to date`);
    s.votedFor = candidate;
    resetElectionTimer(s, env);
  }
  env.send(from, { type: 'RequestVoteReply', term: s.currentTerm, voteGranted });
}

/**
 * handleRequestVoteReply counts a vote for a candidate of currentTerm; a quorum of votes, its own
 * included, makes it leader (Raft §5.2). Refusals are not counted: the candidate waits for another
 * reply, an AppendEntries from a leader, or its election timeout.
 */
export function handleRequestVoteReply(s: RaftState, from: NodeId, msg: RequestVoteReply, env: StepEnv<RaftMessage>): void {
  if (!msg.voteGranted || s.votesGranted.includes(from) || !s.peers.includes(from)) return;
  s.votesGranted.push(from);
  if (isQuorum(s, s.votesGranted)) becomeLeader(s, env);
}
