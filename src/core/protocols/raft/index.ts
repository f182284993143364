/**
 * Raft, as in the extended Raft paper (Ongaro & Ousterhout 2014, §5 and Figure 2), with the leader's
 * no-op on election and client deduplication of §8; and, each when switched on, pre-vote and
 * CheckQuorum, leadership transfer, log compaction (§7, snapshot.ts), explicit storage, reads outside
 * the log, and membership changes (Ongaro's thesis §4, membership.ts).
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
import { RAFT_PRODUCTION_ACTIONS, RAFT_PRODUCTION_RECORDS } from './production';
import { SNAPSHOT_RECORDS } from './snapshot';
import { durableIndex, syncsExplicitly } from './storage';
import { leaseMs, leaseValid } from './reads';
import { latestConfiguration } from './configuration';
import { configText, MEMBERSHIP_ACTIONS, MEMBERSHIP_RECORDS, membershipOn, withMembership } from './membership';

export type { RaftConfig } from './config';
export { RAFT_BUGS, type RaftBug } from './bugs';
export type { AddServer, AppendEntries, AppendEntriesReply, Command, ConfigCommand, Entry, RaftMessage, RemoveServer, RequestVote, RequestVoteReply } from './messages';
export type { InstallSnapshot, InstallSnapshotReply, SnapshotConfiguration } from './messages';
export type { RaftSnapshot } from './snapshot';
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
    ...(s.snapshot ? { snapshot: { lastIncludedIndex: s.snapshot.lastIncludedIndex, lastIncludedTerm: s.snapshot.lastIncludedTerm } } : {}),
    progress,
    votesReceived: s.role === 'follower' ? null : [...s.votesGranted],
    kv: kvContents(s.kv),
    extra: {
      leaderId: s.leaderId,
      quorum: s.quorum,
      pendingRequests: s.pending.size,
      clientSessions: s.sessions.size,
      ...(s.transferee === null ? {} : { transferringTo: s.transferee }),
      ...(s.disk ? { syncedThrough: durableIndex(s), syncInFlight: s.disk.syncing, heldForSync: s.disk.held.length } : {}),
      ...(s.reads ? { readsPending: s.reads.pending.length, ...(s.config.reads === 'lease' && s.role === 'leader' ? { leaseValid: leaseValid(s.reads) } : {}) } : {}),
      ...extra,
    },
  };
}

/** minSyncMs is the least sync latency (virtual ms) config.syncLatencyMs allows; Infinity without one. */
function minSyncMs(config: RaftConfig): number {
  const l = config.syncLatencyMs;
  if (l === undefined || !syncsExplicitly(config)) return Infinity;
  return Math.max(1, Array.isArray(l) ? l[0] : l);
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
  minTimerDelayMs: (config: RaftConfig) => Math.min(config.heartbeatMs, config.electionTimeoutMs[0], minSyncMs(config), config.reads === 'lease' ? leaseMs(config) : Infinity),
  syncsExplicitly,
  safety: raftSafety,
  teachingBugs: RAFT_BUGS,
  messageTypes: ['RequestVote', 'RequestVoteReply', 'AppendEntries', 'AppendEntriesReply', 'PreVote', 'PreVoteReply', 'TimeoutNow', 'TransferLeader', 'InstallSnapshot', 'InstallSnapshotReply', 'AddServer', 'RemoveServer'],
  roles: ['follower', 'candidate', 'leader', 'pre-candidate', 'learner', 'outside'],
  recordKinds: [...RAFT_PRODUCTION_RECORDS, ...SNAPSHOT_RECORDS, ...MEMBERSHIP_RECORDS],
  nodeActions: [...RAFT_PRODUCTION_ACTIONS, ...MEMBERSHIP_ACTIONS],
  timeoutAction: { title: 'Force election timeout', description: 'Make the node time out now and start an election (Raft §5.2)' },
};
