/**
 * step is Raft's single entry point, etcd style: a message's term is checked once (Raft §5.1), then
 * the message is dispatched by role to stepFollower, stepCandidate or stepLeader.
 */
import type { Input, StepEnv } from '../../protocol';
import type { KvOp, NodeId } from '../../types';
import { handleClientRequest } from './clients';
import { campaign, handleRequestVote, handleRequestVoteReply } from './election';
import type { RaftMessage } from './messages';
import { broadcastAppend, handleAppendEntries, handleAppendEntriesReply, sendAppend } from './replication';
import { handleInstallSnapshot, handleInstallSnapshotReply } from './snapshot';
import { becomeFollower, ELECTION, HEARTBEAT, resetElectionTimer } from './roles';
import type { RaftState } from './state';
import { CHECK_QUORUM, checkQuorum, ignoresInLease, noteActive } from './check-quorum';
import { preCampaign, stepPreVote } from './prevote';
import { afterAppendReply, handleTimeoutNow, handleTransferLeader, MAKE_LEADER, makeLeader, TRANSFER, transferTimeout } from './transfer';
import { afterStep, beforeStep, hooked } from './step-hooks';
import { handleChangeRequest, handleMembershipAction, ignoresCandidate, mayCampaign, reconcileMembership } from './membership';

/**
 * step handles one input, mutating `s` and asking for effects through `env`:
 * - `start`: arm the election timer (or, for a leader, the heartbeat);
 * - timer `election` or a forced `timeout`: start an election (a leader ignores it, Raft §5.2);
 * - timer `heartbeat`: a leader sends AppendEntries to every peer;
 * - `request`: a client request (Raft §8);
 * - `message`: an RPC or its reply. Unknown timer names are ignored.
 */
export function step(s: RaftState, input: Input<RaftMessage>, plain: StepEnv<RaftMessage>): void {
  const env = hooked(s, input, plain);
  if (env === plain) return stepCore(s, input, env);
  if (!beforeStep(s, input, env)) stepCore(s, input, env);
  afterStep(s, env);
}

/** stepCore is the paper's Raft step, without explicit storage and reads (step-hooks.ts). */
function stepCore(s: RaftState, input: Input<RaftMessage>, env: StepEnv<RaftMessage>): void {
  switch (input.kind) {
    case 'start':
      if (s.role === 'leader') env.setTimer(HEARTBEAT, s.config.heartbeatMs);
      else resetElectionTimer(s, env);
      return;
    case 'timeout':
      electionTimeout(s, env);
      return;
    case 'behave':
      return; // Raft assumes crash faults only: it declares no Byzantine behaviours.
    case 'timer':
      if (input.name === ELECTION) electionTimeout(s, env);
      else if (input.name === HEARTBEAT && s.role === 'leader') {
        broadcastAppend(s, env);
        env.setTimer(HEARTBEAT, s.config.heartbeatMs);
        reconcileMembership(s, env, true);
      } else if (input.name === CHECK_QUORUM) checkQuorum(s, env);
      else if (input.name === TRANSFER) transferTimeout(s, env);
      return;
    case 'request':
      // Raft's ops schema (entry.ts) admits key-value ops only.
      handleClientRequest(s, input.client, input.requestId, input.op as KvOp, env);
      return;
    case 'message':
      stepMessage(s, input.from, input.msg, env);
      return;
    case 'action':
      if (input.name === MAKE_LEADER) makeLeader(s, env);
      else handleMembershipAction(s, input.name, input.args, env);
      return;
    default: {
      const _never: never = input;
      throw new Error(`unknown input ${JSON.stringify(_never)}`);
    }
  }
}

/** electionTimeout is the election timer firing (Figure 2): followers and candidates campaign, a leader ignores it. */
function electionTimeout(s: RaftState, env: StepEnv<RaftMessage>): void {
  if (s.role === 'leader') {
    env.note(`${s.id} is the leader of term ${s.currentTerm}: it ignores the election timeout`);
    return;
  }
  if (!mayCampaign(s, env)) return;
  if (s.config.preVote) preCampaign(s, env);
  else campaign(s, env);
}

/**
 * stepMessage checks the term once (Raft §5.1): a higher term makes the node a follower of it
 * (votedFor reset); a stale request is refused with the current term so its sender steps down; a
 * stale reply is dropped. Messages of currentTerm go to the role's handler.
 */
function stepMessage(s: RaftState, from: NodeId, msg: RaftMessage, env: StepEnv<RaftMessage>): void {
  if (msg.type === 'AddServer' || msg.type === 'RemoveServer') return handleChangeRequest(s, from, msg, env);
  if (ignoresInLease(s, from, msg, env)) return;
  if (msg.type === 'RequestVote' && ignoresCandidate(s, msg.candidateId, env)) return;
  if (msg.type === 'PreVote' || msg.type === 'PreVoteReply') return stepPreVote(s, from, msg, env);
  if (msg.term > s.currentTerm) {
    if (s.role !== 'follower') env.note(`${s.id} sees term ${msg.term} from ${from} and steps down to follower`);
    becomeFollower(s, msg.term, msg.type === 'AppendEntries' ? msg.leaderId : null, env);
  } else if (msg.term < s.currentTerm) {
    if (msg.type === 'RequestVote') env.send(from, { type: 'RequestVoteReply', term: s.currentTerm, voteGranted: false });
    else if (msg.type === 'AppendEntries') env.send(from, { type: 'AppendEntriesReply', term: s.currentTerm, success: false, matchIndex: 0 });
    else if (msg.type === 'InstallSnapshot') env.send(from, { type: 'InstallSnapshotReply', term: s.currentTerm, lastIncludedIndex: msg.lastIncludedIndex, offset: 0, done: false, matchIndex: 0 });
    return;
  }
  switch (s.role) {
    case 'follower':
      stepFollower(s, from, msg, env);
      return;
    case 'candidate':
    case 'pre-candidate':
      stepCandidate(s, from, msg, env);
      return;
    case 'leader':
      noteActive(s, from);
      stepLeader(s, from, msg, env);
      return;
    default: {
      const _never: never = s.role;
      throw new Error(`unknown role ${String(_never)}`);
    }
  }
}

/** stepFollower handles a message of currentTerm as follower: AppendEntries from the leader resets the election timer (Figure 2). */
function stepFollower(s: RaftState, from: NodeId, msg: RaftMessage, env: StepEnv<RaftMessage>): void {
  switch (msg.type) {
    case 'RequestVote':
      handleRequestVote(s, from, msg, env);
      return;
    case 'AppendEntries':
      s.leaderId = msg.leaderId;
      s.leaderContactAt = env.now;
      resetElectionTimer(s, env);
      handleAppendEntries(s, from, msg, env);
      return;
    case 'InstallSnapshot': // each chunk resets the election timer (§7)
      s.leaderId = msg.leaderId;
      s.leaderContactAt = env.now;
      resetElectionTimer(s, env);
      handleInstallSnapshot(s, from, msg, env);
      return;
    case 'TimeoutNow':
      handleTimeoutNow(s, from, env);
      return;
    case 'TransferLeader':
      handleTransferLeader(s, from, msg, env);
      return;
    case 'RequestVoteReply':
    case 'AppendEntriesReply':
    case 'InstallSnapshotReply':
    case 'PreVote':
    case 'PreVoteReply':
      return; // Answers to a role this node no longer holds (pre-votes never get here: see stepPreVote).
    case 'AddServer':
    case 'RemoveServer':
      return; // handled in stepMessage
    default: {
      const _never: never = msg;
      throw new Error(`unknown Raft message ${JSON.stringify(_never)}`);
    }
  }
}

/** stepCandidate handles a message of currentTerm as candidate: AppendEntries means another node won this term (Raft §5.2). */
function stepCandidate(s: RaftState, from: NodeId, msg: RaftMessage, env: StepEnv<RaftMessage>): void {
  switch (msg.type) {
    case 'RequestVote':
      handleRequestVote(s, from, msg, env);
      return;
    case 'RequestVoteReply':
      if (s.role === 'candidate') handleRequestVoteReply(s, from, msg, env); // a pre-candidate counts only pre-votes
      return;
    case 'AppendEntries':
    case 'InstallSnapshot':
      env.note(`${s.id} hears from ${msg.leaderId}, leader of term ${msg.term}, and gives up its candidacy`);
      becomeFollower(s, msg.term, msg.leaderId, env);
      stepFollower(s, from, msg, env);
      return;
    case 'AppendEntriesReply':
    case 'InstallSnapshotReply':
    case 'PreVote':
    case 'PreVoteReply':
    case 'AddServer':
    case 'RemoveServer':
      return;
    case 'TimeoutNow':
      handleTimeoutNow(s, from, env);
      return;
    case 'TransferLeader':
      handleTransferLeader(s, from, msg, env);
      return;
    default: {
      const _never: never = msg;
      throw new Error(`unknown Raft message ${JSON.stringify(_never)}`);
    }
  }
}

/** stepLeader handles a message of currentTerm as leader. Another leader of the same term cannot exist (Election Safety). */
function stepLeader(s: RaftState, from: NodeId, msg: RaftMessage, env: StepEnv<RaftMessage>): void {
  switch (msg.type) {
    case 'RequestVote':
      handleRequestVote(s, from, msg, env);
      return;
    case 'AppendEntriesReply': {
      const before = s.matchIndex[from];
      handleAppendEntriesReply(s, from, msg, env);
      afterAppendReply(s, from, before, env);
      reconcileMembership(s, env);
      return;
    }
    case 'InstallSnapshotReply':
      handleInstallSnapshotReply(s, from, msg, env, sendAppend);
      reconcileMembership(s, env); // a learner may catch up through a snapshot
      return;
    case 'TransferLeader':
      handleTransferLeader(s, from, msg, env);
      return;
    case 'TimeoutNow':
    case 'PreVote':
    case 'PreVoteReply':
      return; // TimeoutNow of its own term cannot come from another leader; pre-votes never get here.
    case 'AppendEntries':
    case 'InstallSnapshot':
      env.note(`${s.id} ignores ${msg.type} from ${from}: two leaders in term ${msg.term} would break Election Safety`);
      return;
    case 'RequestVoteReply':
    case 'AddServer':
    case 'RemoveServer':
      return; // Late votes after winning; membership requests are handled in stepMessage.
    default: {
      const _never: never = msg;
      throw new Error(`unknown Raft message ${JSON.stringify(_never)}`);
    }
  }
}
