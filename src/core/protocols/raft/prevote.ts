/**
 * Pre-vote (Ongaro's thesis §9.6; etcd raft `PreVote`): before raising its term, a node whose
 * election timer fires asks every peer whether it would vote for it in currentTerm + 1. Only with a
 * quorum of yeses does it campaign. So a node cut off from the majority never inflates its term, and
 * on its return it cannot depose a healthy leader. Nobody changes its term for a PreVote.
 */
import type { StepEnv } from '../../protocol';
import type { NodeId } from '../../types';
import { isQuorum } from './configuration';
import { campaign, logUpToDate } from './election';
import type { PreVote, PreVoteReply, RaftMessage } from './messages';
import { becomeFollower, resetElectionTimer } from './roles';
import { lastLogIndex, lastLogTerm, type RaftState } from './state';

/** PRE_VOTE_RECORD is the trace record kind of "a pre-vote round starts". */
export const PRE_VOTE_RECORD = 'pre-vote';

/**
 * preCampaign starts a pre-vote round (thesis §9.6): the node becomes a pre-candidate of its
 * unchanged currentTerm (votedFor untouched, leader forgotten), counts its own pre-vote, re-arms its
 * election timer, records `pre-vote` and sends PreVote for currentTerm + 1 to every peer. A node that
 * is a quorum alone campaigns at once.
 */
export function preCampaign(s: RaftState, env: StepEnv<RaftMessage>): void {
  s.role = 'pre-candidate';
  s.leaderId = null;
  s.votesGranted = [s.id];
  resetElectionTimer(s, env);
  const term = s.currentTerm + 1;
  env.record(PRE_VOTE_RECORD, { term: s.currentTerm, for: term });
  env.note(`${s.id} times out and asks for pre-votes for term ${term}, keeping term ${s.currentTerm} (pre-vote, thesis §9.6)`);
  if (isQuorum(s, s.votesGranted)) {
    campaign(s, env);
    return;
  }
  const msg: PreVote = { type: 'PreVote', term, candidateId: s.id, lastLogIndex: lastLogIndex(s), lastLogTerm: lastLogTerm(s) };
  for (const peer of s.peers) env.send(peer, msg);
}

/**
 * stepPreVote handles a PreVote or PreVoteReply in any role, before (and instead of) the usual term
 * check, because a PreVote carries a future term that must not change anyone's currentTerm.
 */
export function stepPreVote(s: RaftState, from: NodeId, msg: PreVote | PreVoteReply, env: StepEnv<RaftMessage>): void {
  if (msg.type === 'PreVote') handlePreVote(s, from, msg, env);
  else handlePreVoteReply(s, from, msg, env);
}

/**
 * handlePreVote answers a PreVote (thesis §9.6, etcd `Step`): a PreVote of a lower term than
 * currentTerm is refused. Otherwise the receiver could vote for the sender if it already voted for
 * it, or has voted for nobody and knows no leader, or the PreVote's term is above currentTerm; and
 * the sender's log must be at least as up to date (§5.4.1). A grant carries the PreVote's term, a
 * refusal the receiver's currentTerm. Neither changes the receiver's term, vote or timer.
 * (With CheckQuorum, a node that heard from its leader lately never gets here: see check-quorum.ts.)
 */
function handlePreVote(s: RaftState, from: NodeId, msg: PreVote, env: StepEnv<RaftMessage>): void {
  const refuse = (why: string): void => {
    env.note(`${s.id} refuses ${from} a pre-vote for term ${msg.term}: ${why}`);
    env.send(from, { type: 'PreVoteReply', term: s.currentTerm, voteGranted: false });
  };
  if (msg.term < s.currentTerm) return refuse(`its own term ${s.currentTerm} is higher`);
  const canVote = s.votedFor === msg.candidateId || (s.votedFor === null && s.leaderId === null) || msg.term > s.currentTerm;
  if (!canVote) return refuse(`it already voted for ${s.votedFor ?? 'nobody'} in term ${s.currentTerm}${s.leaderId === null ? '' : ` and follows ${s.leaderId}`}`);
  if (!logUpToDate(s, msg.lastLogIndex, msg.lastLogTerm)) {
    return refuse(`${from}'s log (last ${msg.lastLogIndex}/${msg.lastLogTerm}) is behind its own (last ${lastLogIndex(s)}/${lastLogTerm(s)})`);
  }
  env.note(`${s.id} would vote for ${from} in term ${msg.term}: it grants a pre-vote and keeps term ${s.currentTerm}`);
  env.send(from, { type: 'PreVoteReply', term: msg.term, voteGranted: true });
}

/**
 * handlePreVoteReply counts a pre-vote (thesis §9.6): a pre-candidate granted pre-votes for
 * currentTerm + 1 by a quorum, its own included, campaigns for real. A refusal carrying a higher
 * term than currentTerm makes the node a follower of that term (the term comes from the refusing
 * node, as in etcd); other replies are stale and ignored. Refusals are not counted: the pre-candidate
 * waits for its election timer.
 */
function handlePreVoteReply(s: RaftState, from: NodeId, msg: PreVoteReply, env: StepEnv<RaftMessage>): void {
  if (!msg.voteGranted) {
    if (msg.term > s.currentTerm) {
      env.note(`${s.id} learns of term ${msg.term} from ${from}'s pre-vote refusal and becomes its follower`);
      becomeFollower(s, msg.term, null, env);
    }
    return;
  }
  if (s.role !== 'pre-candidate' || msg.term !== s.currentTerm + 1) return;
  if (s.votesGranted.includes(from) || !s.peers.includes(from)) return;
  s.votesGranted.push(from);
  if (!isQuorum(s, s.votesGranted)) return;
  env.note(`${s.id} has pre-votes from ${s.votesGranted.join(', ')}, a quorum: it starts a real election`);
  campaign(s, env);
}
