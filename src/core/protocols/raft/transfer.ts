/**
 * Leadership transfer (Ongaro's thesis §3.10; etcd raft `MsgTransferLeader`). The user asks a node
 * to become leader ("make this node leader"); it forwards the request to the leader it knows. The
 * leader stops taking client requests, catches the target up, and once the target's matchIndex
 * reaches its last index sends TimeoutNow; the target campaigns at once, skipping pre-vote and the
 * disruptive-server rule. The leader gives up after an election timeout.
 */
import type { StepEnv } from '../../protocol';
import type { ClientId, NodeId } from '../../types';
import { campaign } from './election';
import type { RaftMessage, TransferLeader } from './messages';
import { sendAppend } from './replication';
import { lastLogIndex, type RaftState } from './state';

/** MAKE_LEADER is the node action "make this node leader" (input `action`, timeline `input`). */
export const MAKE_LEADER = 'make-leader';
/** TRANSFER is the leader's timer that aborts a transfer after electionTimeoutMs[0] virtual ms. */
export const TRANSFER = 'transfer';
/** Trace record kinds: a leader starts a transfer, or gives one up. */
export const TRANSFER_START_RECORD = 'transfer-start';
export const TRANSFER_ABORT_RECORD = 'transfer-abort';

/**
 * makeLeader is the node action "make this node leader" on node `s` (thesis §3.10): a leader is
 * already leader (nothing to do); a node that knows its leader forwards TransferLeader to it; a
 * node that knows none can do nothing.
 */
export function makeLeader(s: RaftState, env: StepEnv<RaftMessage>): void {
  if (s.role === 'leader') {
    env.note(`${s.id} is already the leader of term ${s.currentTerm}: nothing to transfer`);
  } else if (s.leaderId === null) {
    env.note(`${s.id} knows no leader of term ${s.currentTerm} to ask for leadership: try again once one is elected`);
  } else {
    env.note(`${s.id} asks leader ${s.leaderId} to transfer leadership to it (thesis §3.10)`);
    env.send(s.leaderId, { type: 'TransferLeader', term: s.currentTerm, target: s.id });
  }
}

/**
 * handleTransferLeader is a leader starting a transfer to `msg.target` (etcd `stepLeader`,
 * MsgTransferLeader): to itself or to a node outside the cluster, nothing happens; a second request
 * for the same target is ignored (its timeout is not extended); one for another target aborts the
 * first. Otherwise it records `transfer-start`, arms the TRANSFER timer, and sends TimeoutNow if the
 * target is caught up, else AppendEntries to catch it up. Non-leaders drop the request.
 */
export function handleTransferLeader(s: RaftState, from: NodeId, msg: TransferLeader, env: StepEnv<RaftMessage>): void {
  const target = msg.target;
  if (s.role !== 'leader') {
    env.note(`${s.id} is not the leader: it drops ${from}'s request to transfer leadership to ${target}`);
    return;
  }
  if (target === s.id) {
    env.note(`${s.id} is already the leader: a transfer to itself does nothing`);
    return;
  }
  if (!s.peers.includes(target)) {
    env.note(`${s.id} cannot transfer leadership to ${target}: not a member of the cluster`);
    return;
  }
  if (s.transferee === target) {
    env.note(`${s.id} is already transferring leadership to ${target}: the request changes nothing`);
    return;
  }
  if (s.transferee !== null) abortTransfer(s, `superseded by a transfer to ${target}`, env);
  s.transferee = target;
  env.setTimer(TRANSFER, s.config.electionTimeoutMs[0]);
  env.record(TRANSFER_START_RECORD, { term: s.currentTerm, to: target });
  env.note(`${s.id} starts transferring leadership to ${target}: it stops taking client requests (thesis §3.10)`);
  if (s.matchIndex[target] === lastLogIndex(s)) sendTimeoutNow(s, target, env);
  else sendAppend(s, target, env);
}

/**
 * afterAppendReply runs after a leader handled an AppendEntriesReply from `from` whose matchIndex
 * was `before`: when `from` is the transferee and its matchIndex just reached the leader's last
 * index, the leader sends it TimeoutNow (etcd: on MsgAppResp, once `Match == lastIndex`).
 */
export function afterAppendReply(s: RaftState, from: NodeId, before: number | undefined, env: StepEnv<RaftMessage>): void {
  if (s.role !== 'leader' || s.transferee !== from) return;
  const match = s.matchIndex[from] ?? 0;
  if (match > (before ?? 0) && match === lastLogIndex(s)) sendTimeoutNow(s, from, env);
}

function sendTimeoutNow(s: RaftState, target: NodeId, env: StepEnv<RaftMessage>): void {
  env.note(`${target} has every entry of ${s.id}'s log (up to ${lastLogIndex(s)}): ${s.id} tells it to time out now`);
  env.send(target, { type: 'TimeoutNow', term: s.currentTerm });
}

/**
 * handleTimeoutNow is the transfer's target told to campaign (thesis §3.10): a follower of the
 * leader's term starts an election at once, for currentTerm + 1, without pre-vote, its RequestVote
 * flagged `transfer`. Other roles ignore it (etcd: a candidate ignores MsgTimeoutNow).
 */
export function handleTimeoutNow(s: RaftState, from: NodeId, env: StepEnv<RaftMessage>): void {
  if (s.role !== 'follower') {
    env.note(`${s.id} is ${s.role}: it ignores TimeoutNow from ${from}`);
    return;
  }
  env.note(`${s.id} gets TimeoutNow from ${from}: it campaigns at once, skipping pre-vote (leadership transfer, thesis §3.10)`);
  campaign(s, env, true);
}

/** transferTimeout is the TRANSFER timer firing: a leader still transferring gives up (`transfer-abort`, reason `timeout`). */
export function transferTimeout(s: RaftState, env: StepEnv<RaftMessage>): void {
  if (s.role !== 'leader' || s.transferee === null) return;
  abortTransfer(s, 'timeout', env);
}

function abortTransfer(s: RaftState, reason: string, env: StepEnv<RaftMessage>): void {
  const to = s.transferee;
  s.transferee = null;
  env.clearTimer(TRANSFER);
  env.record(TRANSFER_ABORT_RECORD, { term: s.currentTerm, to, reason });
  env.note(`${s.id} gives up transferring leadership to ${to} (${reason}) and takes client requests again`);
}

/** endTransfer forgets a transfer when its leader steps down (a transfer that worked ends this way). */
export function endTransfer(s: RaftState, env: StepEnv<RaftMessage>): void {
  if (s.transferee === null) return;
  s.transferee = null;
  env.clearTimer(TRANSFER);
}

/**
 * refusesDuringTransfer says whether a leader turns client request `requestId` of `client` away
 * because it is transferring leadership (thesis §3.10; etcd drops proposals while `leadTransferee`
 * is set). The client is told `unavailable` and retries, by then with the new leader.
 */
export function refusesDuringTransfer(s: RaftState, client: ClientId, requestId: number, env: StepEnv<RaftMessage>): boolean {
  if (s.transferee === null) return false;
  env.note(`${s.id} is transferring leadership to ${s.transferee}: it does not take ${client}'s request ${requestId}`);
  env.reply(client, requestId, { kind: 'unavailable', reason: `leadership transfer to ${s.transferee} in progress` });
  return true;
}
