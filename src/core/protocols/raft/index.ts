/**
 * Raft, as in the extended Raft paper (Ongaro & Ousterhout 2014, §5 and Figure 2), with the leader's
 * no-op on election and client deduplication of §8, and membership changes (Ongaro's thesis §4,
 * membership.ts). Log compaction is not modelled.
 */
import type { NodeDetail, Protocol } from '../../protocol';
import type { NodeId } from '../../types';
import { kvContents } from '../../kv';
import type { RaftConfig } from './config';
import { describeMessage, messageType, type RaftMessage } from './messages';
import { cloneState, initState, persistentOf, recoverState, summaryOf, type RaftPersistent, type RaftState } from './state';
import { step } from './step';
import { raftSafety } from './invariants';
import { RAFT_BUGS } from './bugs';
import { latestConfiguration } from './configuration';
import { configText, MEMBERSHIP_ACTIONS, MEMBERSHIP_RECORDS, membershipOn, withMembership } from './membership';

export type { RaftConfig } from './config';
export { RAFT_BUGS, type RaftBug } from './bugs';
export type { AddServer, AppendEntries, AppendEntriesReply, Command, ConfigCommand, Entry, RaftMessage, RemoveServer, RequestVote, RequestVoteReply } from './messages';
export type { RaftPersistent, RaftRole, RaftState } from './state';
export { committedIndex, nextCommitIndex } from './quorum';

/** inspectRaft gives the node panel's view: the log, leader progress, votes, the state machine and extras. */
function inspectRaft(s: RaftState): NodeDetail {
  let progress: NodeDetail['progress'] = null;
  if (s.role === 'leader') {
    progress = {};
    for (const peer of s.peers) progress[peer] = { nextIndex: s.nextIndex[peer]!, matchIndex: s.matchIndex[peer]! };
  }
  const extra: NodeDetail['extra'] = {};
  if (membershipOn(s)) {
    const c = latestConfiguration(s);
    extra.configuration = configText(c);
    extra.configurationEntry = c.index === 0 ? 'none (the initial members)' : `${c.index} (${c.index <= s.commitIndex ? 'committed' : 'not committed'})`;
  }
  return {
    summary: withMembership(summaryOf(s), s),
    log: [...s.log], // an Entry is already {term, command} and never mutated once logged: share it
    progress,
    votesReceived: s.role === 'follower' ? null : [...s.votesGranted],
    kv: kvContents(s.kv),
    extra: {
      leaderId: s.leaderId,
      quorum: s.quorum,
      pendingRequests: s.pending.size,
      clientSessions: s.sessions.size,
      ...extra,
    },
  };
}

/** raft is the Raft protocol for the registry. */
export const raft: Protocol<RaftState, RaftMessage, RaftPersistent, RaftConfig> = {
  name: 'raft',
  init: (id: NodeId, nodes: readonly NodeId[], config: RaftConfig) => initState(id, nodes, config),
  persistent: persistentOf,
  recover: recoverState,
  step,
  cloneState,
  summary: (s: RaftState) => withMembership(summaryOf(s), s),
  inspect: inspectRaft,
  messageType,
  describeMessage,
  minTimerDelayMs: (config: RaftConfig) => Math.min(config.heartbeatMs, config.electionTimeoutMs[0]),
  safety: raftSafety,
  teachingBugs: RAFT_BUGS,
  messageTypes: ['RequestVote', 'RequestVoteReply', 'AppendEntries', 'AppendEntriesReply', 'AddServer', 'RemoveServer'],
  roles: ['follower', 'candidate', 'leader', 'learner', 'outside'],
  recordKinds: [...MEMBERSHIP_RECORDS],
  nodeActions: [...MEMBERSHIP_ACTIONS],
  timeoutAction: { title: 'Force election timeout', description: 'Make the node time out now and start an election (Raft §5.2)' },
};
