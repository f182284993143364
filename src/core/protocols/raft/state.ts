/**
 * A Raft node's state, named as in the extended Raft paper's Figure 2, plus what the playground
 * needs around it (role, known leader, votes, the key-value state machine, pending client requests).
 * Plain data only (arrays, records, Maps): hosts `structuredClone` it for checkpoints.
 */
import { createKv, createSessions, type KvStore, type Sessions } from '../../kv';
import type { ClientId, NodeId, NodeSummary } from '../../types';
import type { RaftBug, RaftConfig } from './config';
import type { Entry } from './messages';

/** RaftRole is a Raft server's role (Raft §5.1). */
export type RaftRole = 'follower' | 'candidate' | 'leader';

/** PendingRequest is a client request a leader appended at some index and will answer once applied. */
export interface PendingRequest {
  client: ClientId;
  requestId: number;
}

/** RaftPersistent is what survives a crash (Raft Figure 2, "Persistent state on all servers"). */
export interface RaftPersistent {
  currentTerm: number;
  votedFor: NodeId | null;
  /** Index 1 is `log[0]`. */
  log: Entry[];
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
  /** Candidate and leader: who granted a vote in currentTerm, self included. */
  votesGranted: NodeId[];
  /** The replicated key-value state machine. */
  kv: KvStore;
  /** The client session table for deduplication (Raft §8). */
  sessions: Sessions;
  /** Leader only: client requests by the log index they were appended at, answered once applied. */
  pending: Map<number, PendingRequest>;
  /** Leader only: each learner's current catch-up round (thesis §4.2.1, membership.ts). Records are replaced, never mutated. */
  catchUp: Record<NodeId, CatchUpRound>;
  /** When this node last heard from a leader of its term (virtual ms; null: never), for thesis §4.2.3 (membership.ts). */
  heardFromLeaderMs: number | null;
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
    role: 'follower',
    leaderId: null,
    commitIndex: 0,
    lastApplied: 0,
    nextIndex: {},
    matchIndex: {},
    votesGranted: [],
    kv: createKv(),
    sessions: createSessions(),
    pending: new Map(),
    catchUp: {},
    heardFromLeaderMs: null,
  };
}

/** initState gives a fresh node: a follower at term 0 with an empty log (Raft §5.2). */
export function initState(id: NodeId, nodes: readonly NodeId[], config: RaftConfig): RaftState {
  return newState({ currentTerm: 0, votedFor: null, log: [] }, id, nodes, config);
}

/**
 * recoverState rebuilds a node after a crash: a follower with `saved`'s currentTerm, votedFor and log
 * (deep-copied), commitIndex and lastApplied 0, an empty state machine and session table. Committed
 * entries are re-applied as commitIndex is learned again (Raft §5, no snapshots).
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
  return { currentTerm: state.currentTerm, votedFor: state.votedFor, log: structuredClone(state.log) };
}

/*
 * The log accessors below are the only code that knows how log indexes map onto `state.log`; the
 * rest of Raft reads and changes the log through them, by Raft's 1-based index.
 */

/** lastLogIndex is the index of the last entry (0: empty log). */
export function lastLogIndex(s: RaftPersistent): number {
  return s.log.length;
}

/** termAt gives the term of the entry at `index` (1-based); 0 for index 0 or beyond the log. */
export function termAt(s: RaftPersistent, index: number): number {
  return index >= 1 && index <= s.log.length ? s.log[index - 1]!.term : 0;
}

/** entryAt gives the entry at `index` (1-based). Throws RangeError when the log holds no such entry. */
export function entryAt(s: RaftPersistent, index: number): Entry {
  const e = index >= 1 ? s.log[index - 1] : undefined;
  if (e === undefined) throw new RangeError(`raft: no log entry at index ${index} (the log ends at ${s.log.length})`);
  return e;
}

/** entriesBetween gives the entries at indexes (after, upTo], a new array sharing the entries. */
export function entriesBetween(s: RaftPersistent, after: number, upTo: number): Entry[] {
  return upTo > after ? s.log.slice(after, upTo) : [];
}

/** truncateAfter deletes every entry after `index` (Raft §5.3: a conflicting suffix is cut off). */
export function truncateAfter(s: RaftPersistent, index: number): void {
  if (index < s.log.length) s.log.length = Math.max(0, index);
}

/** appendEntry appends `e` at lastLogIndex + 1 and returns its index. */
export function appendEntry(s: RaftPersistent, e: Entry): number {
  s.log.push(e);
  return s.log.length;
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
    kv: new Map(s.kv),
    sessions: new Map([...s.sessions].map(([k, v]) => [k, { ...v }])),
    pending: new Map([...s.pending].map(([k, v]) => [k, { ...v }])),
    catchUp: { ...s.catchUp },
  };
}
