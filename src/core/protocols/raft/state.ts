/**
 * A Raft node's state, named as in the extended Raft paper's Figure 2, plus what the playground
 * needs around it (role, known leader, votes, the key-value state machine, pending client requests).
 * Plain data only (arrays, records, Maps): hosts `structuredClone` it for checkpoints.
 */
import { createKv, createSessions, type KvStore, type Sessions } from '../../kv';
import type { ClientId, NodeId, NodeSummary } from '../../types';
import type { RaftBug, RaftConfig } from './config';
import type { Entry } from './messages';
import { decodeStateMachine } from './snapshot-data';
import type { IncomingSnapshot, RaftSnapshot, SnapshotTransfer } from './snapshot';
import { cloneDisk, newDisk, noteLogWrite, type Disk } from './storage';
import { cloneReads, newReads, type Reads } from './reads';

/** RaftRole is a Raft server's role (Raft §5.1); `pre-candidate` only with config.preVote (thesis §9.6). */
export type RaftRole = 'follower' | 'candidate' | 'leader' | 'pre-candidate';

/** PendingRequest is a client request a leader appended at some index and will answer once applied. */
export interface PendingRequest {
  client: ClientId;
  requestId: number;
}

/** RaftPersistent is what survives a crash (Raft Figure 2, "Persistent state on all servers"). */
export interface RaftPersistent {
  currentTerm: number;
  votedFor: NodeId | null;
  /** The entries after the snapshot: index `snapshotIndex + 1` is `log[0]` (index 1 without a snapshot). */
  log: Entry[];
  /**
   * The latest snapshot, which replaces every entry up to its lastIncludedIndex (Raft §7, Figure 13);
   * absent or null: none, the log starts at index 1. Immutable once taken: shared, never copied.
   */
  snapshot?: RaftSnapshot | null;
}

/** RaftState is one node's whole state. Mutated in place by `step`. */
export interface RaftState extends RaftPersistent {
  id: NodeId;
  /** Every other node of the cluster. */
  peers: NodeId[];
  /** Votes needed to win an election and acks needed to commit: ⌊n/2⌋ + 1 of n nodes (Raft §5.2). */
  quorum: number;
  config: RaftConfig;
  /** The teaching bugs switched on (config.bugs, see bugs.ts); empty for correct Raft. */
  bugs: ReadonlySet<RaftBug>;
  role: RaftRole;
  /** The leader of currentTerm if known, for client redirects. */
  leaderId: NodeId | null;
  /** Highest log index known committed (volatile, Figure 2). */
  commitIndex: number;
  /** Highest log index applied to the state machine (volatile, Figure 2). */
  lastApplied: number;
  /** Leader only: index of the next entry to send to each peer (Figure 2). Advanced when sent, backed up on rejection. */
  nextIndex: Record<NodeId, number>;
  /** Leader only: highest index known replicated on each peer (Figure 2). Invariant: matchIndex < nextIndex. */
  matchIndex: Record<NodeId, number>;
  /** Candidate and leader: who granted a vote in currentTerm, self included. Pre-candidate: who granted a pre-vote for currentTerm + 1. */
  votesGranted: NodeId[];
  /** When this node last heard from the leader of its term (AppendEntries or InstallSnapshot), virtual ms; null: never since start. Read by the disruptive-server rules of CheckQuorum and membership (thesis §4.2.3). */
  leaderContactAt: number | null;
  /** Leader with config.checkQuorum: the peers heard from since the last quorum check (thesis §6.2). */
  recentActive: NodeId[];
  /** Leader only: the node leadership is being transferred to, or null (thesis §3.10). */
  transferee: NodeId | null;
  /** The replicated key-value state machine. */
  kv: KvStore;
  /** The client session table for deduplication (Raft §8). */
  sessions: Sessions;
  /** Leader only: client requests by the log index they were appended at, answered once applied. */
  pending: Map<number, PendingRequest>;
  /** Follower: the snapshot being received in chunks (InstallSnapshot, Figure 13), or null. Volatile. */
  incomingSnapshot?: IncomingSnapshot | null;
  /** Leader: per peer, how far an InstallSnapshot transfer has come (bytes acknowledged). Volatile. */
  snapshotTransfers?: Record<NodeId, SnapshotTransfer>;
  /** What is synced to disk and which messages wait for the sync (storage.ts); null without a sync latency. */
  disk: Disk | null;
  /** Reads served outside the log: rounds, lease and pending reads (reads.ts); null when reads go through the log. */
  reads: Reads | null;
  /** Leader only: each learner's current catch-up round (thesis §4.2.1, membership.ts). Records are replaced, never mutated. */
  catchUp: Record<NodeId, CatchUpRound>;
}

/** CatchUpRound is one round of a learner's catch-up (thesis §4.2.1): it ends once the learner holds `target`. */
export interface CatchUpRound {
  /** The leader's term when the round began; a round of another term is stale. */
  term: number;
  /** 1 for the first round. */
  round: number;
  /** The leader's last log index when the round began. */
  target: number;
  /** When the round began (virtual ms). */
  startedMs: number;
}

/** newState gives a follower with the given persistent state and everything volatile fresh. */
function newState(saved: RaftPersistent, id: NodeId, nodes: readonly NodeId[], config: RaftConfig): RaftState {
  // A restart recovers from the snapshot plus the log (Raft §7): the state machine as of lastIncludedIndex.
  const image = saved.snapshot ? decodeStateMachine(saved.snapshot.data) : null;
  for (const m of config.members ?? []) {
    if (!nodes.includes(m)) throw new Error(`config.members names ${m}, which is not a node of this scenario (nodes: ${nodes.join(', ')})`);
  }
  return {
    id,
    peers: nodes.filter((n) => n !== id),
    quorum: Math.floor(nodes.length / 2) + 1,
    config,
    bugs: new Set(config.bugs),
    currentTerm: saved.currentTerm,
    votedFor: saved.votedFor,
    log: saved.log,
    ...(saved.snapshot ? { snapshot: saved.snapshot } : {}),
    role: 'follower',
    leaderId: null,
    commitIndex: snapshotIndex(saved),
    lastApplied: snapshotIndex(saved),
    nextIndex: {},
    matchIndex: {},
    votesGranted: [],
    leaderContactAt: null,
    recentActive: [],
    transferee: null,
    kv: image ? image.kv : createKv(),
    sessions: image ? image.sessions : createSessions(),
    pending: new Map(),
    disk: newDisk(saved, config),
    reads: newReads(config),
    catchUp: {},
  };
}

/** initState gives a fresh node: a follower at term 0 with an empty log (Raft §5.2). */
export function initState(id: NodeId, nodes: readonly NodeId[], config: RaftConfig): RaftState {
  return newState({ currentTerm: 0, votedFor: null, log: [] }, id, nodes, config);
}

/**
 * recoverState rebuilds a node after a crash: a follower with `saved`'s currentTerm, votedFor and log
 * (deep-copied) and snapshot, commitIndex and lastApplied at the snapshot's lastIncludedIndex (0
 * without one), the state machine and session table loaded from the snapshot (empty without one).
 * Later committed entries are re-applied as commitIndex is learned again (Raft §5, §7).
 * With the teaching bug `forget-voted-for`, votedFor comes back null instead (see bugs.ts).
 */
export function recoverState(saved: RaftPersistent, id: NodeId, nodes: readonly NodeId[], config: RaftConfig): RaftState {
  const persisted = persistentOf(saved);
  if (config.bugs?.includes('forget-voted-for')) {
    // BUG (forget-voted-for): votedFor was never written to stable storage, so the restarted node may
    // vote again in currentTerm. Correct: it survives the crash (Figure 2, "Persistent state"; §5.2).
    persisted.votedFor = null;
  }
  return newState(persisted, id, nodes, config);
}

/** persistentOf gives a deep copy of currentTerm, votedFor and log, sharing nothing with `state`. */
export function persistentOf(state: RaftPersistent): RaftPersistent {
  const saved: RaftPersistent = { currentTerm: state.currentTerm, votedFor: state.votedFor, log: structuredClone(state.log) };
  if (state.snapshot) saved.snapshot = state.snapshot; // immutable once taken: shared
  return saved;
}

/*
 * The log accessors below are the only code that knows how log indexes map onto `state.log`; the
 * rest of Raft reads and changes the log through them, by Raft's 1-based index.
 */

/** snapshotIndex is the snapshot's lastIncludedIndex: the entries up to it are compacted (0: no snapshot, Raft §7). */
export function snapshotIndex(s: RaftPersistent): number {
  return s.snapshot ? s.snapshot.lastIncludedIndex : 0;
}

/** lastLogIndex is the index of the last entry, or the snapshot's lastIncludedIndex if no entry follows it (0: empty). */
export function lastLogIndex(s: RaftPersistent): number {
  return snapshotIndex(s) + s.log.length;
}

/**
 * termAt gives the term of the entry at `index` (1-based): the snapshot's lastIncludedTerm at its
 * lastIncludedIndex (Figure 13); 0 for index 0, beyond the log, or compacted before lastIncludedIndex.
 */
export function termAt(s: RaftPersistent, index: number): number {
  const base = snapshotIndex(s);
  if (index > base) return index - base <= s.log.length ? s.log[index - base - 1]!.term : 0;
  return index === base && s.snapshot ? s.snapshot.lastIncludedTerm : 0;
}

/** entryAt gives the entry at `index` (1-based). Throws RangeError when the log holds no such entry (beyond it, or compacted). */
export function entryAt(s: RaftPersistent, index: number): Entry {
  const base = snapshotIndex(s);
  const e = index > base ? s.log[index - base - 1] : undefined;
  if (e === undefined) throw new RangeError(`raft: no log entry at index ${index} (the log holds ${base + 1}–${lastLogIndex(s)})`);
  return e;
}

/**
 * entriesBetween gives the entries at indexes (after, upTo], a new array sharing the entries.
 * Throws RangeError if `after` is below the snapshot's lastIncludedIndex (those entries are compacted).
 */
export function entriesBetween(s: RaftPersistent, after: number, upTo: number): Entry[] {
  if (upTo <= after) return [];
  const base = snapshotIndex(s);
  if (after < base) throw new RangeError(`raft: entries after ${after} are compacted into the snapshot up to ${base}`);
  return s.log.slice(after - base, upTo - base);
}

/**
 * truncateAfter deletes every entry after `index` (Raft §5.3: a conflicting suffix is cut off). The
 * snapshot holds only committed entries and is never cut: below lastIncludedIndex it keeps the snapshot.
 */
export function truncateAfter(s: RaftPersistent, index: number): void {
  const keep = index - snapshotIndex(s);
  if (keep < s.log.length) noteLogWrite(s, Math.max(snapshotIndex(s), index) + 1);
  if (keep < s.log.length) s.log.length = Math.max(0, keep);
}

/** appendEntry appends `e` at lastLogIndex + 1 and returns its index. */
export function appendEntry(s: RaftPersistent, e: Entry): number {
  s.log.push(e);
  noteLogWrite(s, lastLogIndex(s));
  return lastLogIndex(s);
}

/** lastLogTerm is the term of the last entry (0: empty log). */
export function lastLogTerm(s: RaftPersistent): number {
  return termAt(s, lastLogIndex(s));
}

/** summaryOf gives the compact per-step view. O(1). */
export function summaryOf(s: RaftState): NodeSummary {
  return {
    role: s.role,
    term: s.currentTerm,
    votedFor: s.votedFor,
    commitIndex: s.commitIndex,
    lastLogIndex: lastLogIndex(s),
    lastApplied: s.lastApplied,
  };
}

/**
 * cloneState copies a node's state for checkpoints (Protocol.cloneState). Log entries are shared:
 * Raft never changes an entry once created (a conflicting suffix is cut off and new entries are
 * appended, §5.3), so a checkpoint holds references, not copies. Everything mutable is copied.
 */
export function cloneState(s: RaftState): RaftState {
  return {
    ...s,
    peers: [...s.peers],
    log: [...s.log],
    nextIndex: { ...s.nextIndex },
    matchIndex: { ...s.matchIndex },
    votesGranted: [...s.votesGranted],
    recentActive: [...s.recentActive],
    kv: new Map(s.kv),
    sessions: new Map([...s.sessions].map(([k, v]) => [k, { ...v }])),
    pending: new Map([...s.pending].map(([k, v]) => [k, { ...v }])),
    ...(s.snapshotTransfers ? { snapshotTransfers: { ...s.snapshotTransfers } } : {}), // each transfer is replaced, never mutated
    disk: cloneDisk(s.disk),
    reads: cloneReads(s.reads),
    catchUp: { ...s.catchUp },
  };
}
