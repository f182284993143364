/**
 * Raft's log entries and RPC messages, with the field names of the extended Raft paper's Figure 2
 * (Ongaro & Ousterhout 2014). All are plain, structured-cloneable objects discriminated by `type`.
 */
import type { ClientId, NodeId, KvOp } from '../../types';

/**
 * Command is what a log entry carries: a leader's no-op (appended on election so that entries of
 * earlier terms can commit, Raft §8), or a client's op with the (client, requestId) pair used for
 * deduplication (§8).
 */
export type Command = { kind: 'noop' } | { kind: 'op'; client: ClientId; requestId: number; op: KvOp } | ConfigCommand;

/**
 * ConfigCommand is a configuration entry (thesis §4.1, paper §6): from the moment a server stores it,
 * it uses `voters` and `learners` (committed or not). `votersOld` is present only in a joint
 * configuration C_old,new (paper §6, thesis §4.3): elections and commitment then need separate
 * majorities of `votersOld` and of `voters`.
 */
export interface ConfigCommand {
  kind: 'config';
  /** The voting members (C_new), in scenario order. */
  voters: NodeId[];
  /** Non-voting members that receive the log and catch up (thesis §4.2.1), in scenario order. */
  learners: NodeId[];
  /** The old voters of a joint configuration C_old,new; absent for a simple configuration. */
  votersOld?: NodeId[];
}

/** Entry is one log entry: the term in which a leader created it, and its command (Raft §5.3). Never mutated once made. */
export interface Entry {
  term: number;
  command: Command;
}

/** RequestVote is sent by candidates to gather votes (Raft §5.2, §5.4.1). */
export interface RequestVote {
  type: 'RequestVote';
  /** The candidate's term. */
  term: number;
  candidateId: NodeId;
  /** Index of the candidate's last log entry (0: empty log). */
  lastLogIndex: number;
  /** Term of the candidate's last log entry (0: empty log). */
  lastLogTerm: number;
  /**
   * Present (true) only when the candidate campaigns because a leader told it to (TimeoutNow,
   * leadership transfer, thesis §3.10): voters then skip the disruptive-server rule (§4.2.3).
   */
  transfer?: true;
}

/** RequestVoteReply answers a RequestVote (Raft §5.2). */
export interface RequestVoteReply {
  type: 'RequestVoteReply';
  /** The voter's currentTerm, for the candidate to update itself. */
  term: number;
  voteGranted: boolean;
}

/** AppendEntries replicates log entries and doubles as the heartbeat (Raft §5.3). */
export interface AppendEntries {
  type: 'AppendEntries';
  /** The leader's term. */
  term: number;
  /** So followers can redirect clients. */
  leaderId: NodeId;
  /** Index of the log entry immediately preceding the new ones (0: none). */
  prevLogIndex: number;
  /** Term of the entry at prevLogIndex (0 when prevLogIndex is 0). */
  prevLogTerm: number;
  /** Entries to store, for indices prevLogIndex+1…; empty for a heartbeat. */
  entries: Entry[];
  /** The leader's commitIndex. */
  leaderCommit: number;
  /** The leader's latest read round (reads.ts, thesis §6.4), echoed in the reply; absent when reads go through the log. */
  readRound?: number;
}

/**
 * AppendEntriesReply answers an AppendEntries (Raft §5.3). On failure it carries the fast back-up
 * hint (end of §5.3): `conflictIndex` = the follower's log length + 1 and no `conflictTerm` if its
 * log has no entry at prevLogIndex; otherwise `conflictTerm` = the term it holds at prevLogIndex and
 * `conflictIndex` = the first index of that term in its log.
 */
export interface AppendEntriesReply {
  type: 'AppendEntriesReply';
  /** The follower's currentTerm, for the leader to update itself. */
  term: number;
  /** True if the follower held an entry matching prevLogIndex and prevLogTerm. */
  success: boolean;
  /** On success, the index of the last entry known to match the leader's log; 0 on failure. */
  matchIndex: number;
  conflictIndex?: number;
  conflictTerm?: number;
  /** The read round of the AppendEntries answered (reads.ts): the follower acknowledges the leader after it began. */
  readRound?: number;
}

/**
 * InstallSnapshot sends a follower the leader's snapshot, one chunk at a time, when the entries it
 * needs are compacted away (Raft §7, Figure 13).
 */
export interface InstallSnapshot {
  type: 'InstallSnapshot';
  /** The leader's term. */
  term: number;
  /** So followers can redirect clients. */
  leaderId: NodeId;
  /** The snapshot replaces all entries up through and including this index. */
  lastIncludedIndex: number;
  /** Term of lastIncludedIndex. */
  lastIncludedTerm: number;
  /** Byte offset where this chunk sits in the snapshot's image. */
  offset: number;
  /** Raw bytes of the snapshot chunk, starting at offset (characters of the JSON image). */
  data: string;
  /** True if this is the last chunk. */
  done: boolean;
  /** The cluster configuration as of lastIncludedIndex (thesis §5.1), when the snapshot carries one. */
  configuration?: SnapshotConfiguration;
}

/**
 * SnapshotConfiguration is the cluster configuration a snapshot carries (thesis §5.1): the voters and
 * learners as of lastIncludedIndex. Membership change fills it; absent, the configuration is unchanged.
 */
export interface SnapshotConfiguration {
  voters: NodeId[];
  learners?: NodeId[];
  /** The old voters when the configuration as of lastIncludedIndex is joint (C_old,new). */
  votersOld?: NodeId[];
}

/**
 * InstallSnapshotReply answers one InstallSnapshot chunk (Figure 13: the term), plus what the leader
 * needs to go on: which snapshot, how many bytes the follower holds (the next chunk's offset), and
 * once done the index up to which the follower's log now matches the leader's.
 */
export interface InstallSnapshotReply {
  type: 'InstallSnapshotReply';
  /** The follower's currentTerm, for the leader to update itself. */
  term: number;
  /** The lastIncludedIndex of the snapshot this answers. */
  lastIncludedIndex: number;
  /** Bytes of that snapshot the follower holds: the offset of the chunk it wants next. */
  offset: number;
  /** True once the snapshot is installed, or ignored because the follower had committed past it. */
  done: boolean;
  /** When done: the follower's log matches the leader's up to here; 0 otherwise. */
  matchIndex: number;
}

/**
 * AddServer asks the leader to add `servers` to the cluster (thesis §4.1, Figure 4.1: the AddServer
 * RPC): they join as learners, catch up, then become voters (§4.2.1). Sent by a server that wants to
 * join, or by any node told to add one. `term` is the sender's currentTerm; the leader ignores it
 * (an administrator's RPC, not a Raft RPC of §5).
 */
export interface AddServer {
  type: 'AddServer';
  term: number;
  servers: NodeId[];
}

/** RemoveServer asks the leader to remove `servers` from the cluster (thesis §4.1, Figure 4.1). `term` as for {@link AddServer}. */
export interface RemoveServer {
  type: 'RemoveServer';
  term: number;
  servers: NodeId[];
}

/** RaftMessage is every message Raft nodes exchange. */
export type RaftMessage = RequestVote | RequestVoteReply | AppendEntries | AppendEntriesReply | PreVote | PreVoteReply | TimeoutNow | TransferLeader | InstallSnapshot | InstallSnapshotReply | AddServer | RemoveServer;

/**
 * PreVote asks whether the receiver would vote for the sender in `term` = the sender's currentTerm + 1
 * (thesis §9.6). Neither side changes its term for it.
 */
export interface PreVote {
  type: 'PreVote';
  /** The term the sender would campaign in: its currentTerm + 1. */
  term: number;
  candidateId: NodeId;
  /** Index of the sender's last log entry (0: empty log). */
  lastLogIndex: number;
  /** Term of the sender's last log entry (0: empty log). */
  lastLogTerm: number;
}

/** PreVoteReply answers a PreVote (thesis §9.6): granted, with the PreVote's term; refused, with the voter's currentTerm. */
export interface PreVoteReply {
  type: 'PreVoteReply';
  term: number;
  voteGranted: boolean;
}

/** TimeoutNow tells the target of a leadership transfer to start an election at once (thesis §3.10). */
export interface TimeoutNow {
  type: 'TimeoutNow';
  /** The leader's currentTerm. */
  term: number;
}

/**
 * TransferLeader asks the leader to hand leadership to `target` (etcd `MsgTransferLeader`): a node
 * told "make this node leader" forwards it to the leader it knows (thesis §3.10).
 */
export interface TransferLeader {
  type: 'TransferLeader';
  /** The sender's currentTerm. */
  term: number;
  target: NodeId;
}

/** messageType names a message's kind, e.g. `AppendEntriesReply`. */
export function messageType(msg: RaftMessage): string {
  return msg.type;
}

/**
 * describeMessage gives a short label, e.g. `RequestVote t4 last 7/3`,
 * `AppendEntries t3 prev 4/2 +1 commit 4`, `RequestVoteReply t4 granted`,
 * `AppendEntriesReply t3 ok match 5`, `AppendEntriesReply t3 reject conflict 4/t2`.
 */
export function describeMessage(msg: RaftMessage): string {
  switch (msg.type) {
    case 'RequestVote':
      return `RequestVote t${msg.term} last ${msg.lastLogIndex}/${msg.lastLogTerm}${msg.transfer ? ' transfer' : ''}`;
    case 'PreVote':
      return `PreVote t${msg.term} last ${msg.lastLogIndex}/${msg.lastLogTerm}`;
    case 'PreVoteReply':
      return `PreVoteReply t${msg.term} ${msg.voteGranted ? 'granted' : 'denied'}`;
    case 'TimeoutNow':
      return `TimeoutNow t${msg.term}`;
    case 'TransferLeader':
      return `TransferLeader t${msg.term} to ${msg.target}`;
    case 'RequestVoteReply':
      return `RequestVoteReply t${msg.term} ${msg.voteGranted ? 'granted' : 'denied'}`;
    case 'AppendEntries':
      return `AppendEntries t${msg.term} prev ${msg.prevLogIndex}/${msg.prevLogTerm} +${msg.entries.length} commit ${msg.leaderCommit}`;
    case 'AppendEntriesReply':
      if (msg.success) return `AppendEntriesReply t${msg.term} ok match ${msg.matchIndex}`;
      return `AppendEntriesReply t${msg.term} reject conflict ${msg.conflictIndex ?? '?'}${msg.conflictTerm === undefined ? '' : `/t${msg.conflictTerm}`}`;
    case 'InstallSnapshot':
      return `InstallSnapshot t${msg.term} last ${msg.lastIncludedIndex}/${msg.lastIncludedTerm} @${msg.offset} +${msg.data.length}${msg.done ? ' done' : ''}`;
    case 'InstallSnapshotReply':
      return msg.done ? `InstallSnapshotReply t${msg.term} done match ${msg.matchIndex}` : `InstallSnapshotReply t${msg.term} have ${msg.offset}`;
    case 'AddServer':
    case 'RemoveServer':
      return `${msg.type} ${msg.servers.join(' ')}`;
    default: {
      const _never: never = msg;
      throw new Error(`unknown Raft message ${JSON.stringify(_never)}`);
    }
  }
}
