/**
 * Log compaction (Raft §7, Figures 12–13; thesis §5.1): a node snapshots its state machine once
 * enough applied entries follow its last snapshot and discards them from its log; a leader sends a
 * follower that needs discarded entries its snapshot instead, in chunks (InstallSnapshot).
 *
 * The log accessors in state.ts read the snapshot's lastIncludedIndex as the log's offset, so the
 * rest of Raft keeps using 1-based log indexes unchanged.
 */
import { configurationAt, latestConfiguration } from './configuration';
import type { StepEnv } from '../../protocol';
import type { NodeId } from '../../types';
import { DEFAULT_SNAPSHOT_CHUNK_BYTES } from './config';
import type { InstallSnapshot, InstallSnapshotReply, RaftMessage, SnapshotConfiguration } from './messages';
import { decodeStateMachine, encodeStateMachine } from './snapshot-data';
import { entriesBetween, lastLogIndex, snapshotIndex, termAt, type RaftState } from './state';

/**
 * RaftSnapshot is a node's latest snapshot (Raft Figure 12): the state machine as of
 * lastIncludedIndex, replacing every log entry up to it. Immutable once made.
 */
export interface RaftSnapshot {
  /** The index of the last entry the snapshot replaces. */
  lastIncludedIndex: number;
  /** The term of that entry. */
  lastIncludedTerm: number;
  /** The state-machine image: key-value store and client sessions (snapshot-data.ts); its length is its size in bytes. */
  data: string;
  /**
   * The cluster configuration as of lastIncludedIndex (thesis §5.1). Membership change is to fill it
   * when it takes a snapshot and to read it on install; absent, the configuration is not changed.
   */
  configuration?: SnapshotConfiguration;
}

/** IncomingSnapshot is a snapshot a follower is receiving in chunks: the bytes so far (Figure 13, rules 2–3). */
export interface IncomingSnapshot {
  lastIncludedIndex: number;
  lastIncludedTerm: number;
  data: string;
}

/** SnapshotTransfer is a leader's progress sending its snapshot to one peer in one term: bytes the peer acknowledged. */
export interface SnapshotTransfer {
  term: number;
  lastIncludedIndex: number;
  offset: number;
}

/** SNAPSHOT_RECORDS documents the trace records of log compaction (StepEnv.record). */
export const SNAPSHOT_RECORDS = [
  {
    kind: 'snapshot-taken',
    title: 'a node takes a snapshot',
    fields: {
      lastIncludedIndex: 'the last log index the snapshot replaces',
      lastIncludedTerm: 'the term of that entry',
      bytes: 'the size of the state-machine image (characters of its JSON)',
      data: 'the state-machine image: JSON {"kv": [[key, value]…], "sessions": [[client, {lastRequestId, result}]…]}, sorted',
    },
  },
  {
    kind: 'snapshot-installed',
    title: 'a follower installs a snapshot from its leader',
    fields: {
      lastIncludedIndex: 'the last log index the snapshot replaces',
      lastIncludedTerm: 'the term of that entry',
      leader: 'the leader that sent it',
      keptEntries: 'entries after lastIncludedIndex the follower kept (Figure 13, rule 5)',
      data: 'the state-machine image the follower loaded (as in snapshot-taken)',
    },
  },
] as const;

/**
 * maybeCompact snapshots the state machine when config.snapshotThreshold applied entries follow
 * the last snapshot (Raft §7): the snapshot covers lastApplied (only committed entries), and the log
 * keeps the entries after it. Records `snapshot-taken`. Does nothing when the threshold is absent or 0.
 */
export function maybeCompact(s: RaftState, env: StepEnv<RaftMessage>): void {
  const threshold = s.config.snapshotThreshold ?? 0;
  if (threshold <= 0 || s.lastApplied - snapshotIndex(s) < threshold) return;
  takeSnapshot(s, env);
}

/** takeSnapshot replaces the log up to lastApplied by a snapshot of the state machine (Raft §7, Figure 12). */
export function takeSnapshot(s: RaftState, env: StepEnv<RaftMessage>): void {
  const lastIncludedIndex = s.lastApplied;
  if (lastIncludedIndex <= snapshotIndex(s)) return;
  const lastIncludedTerm = termAt(s, lastIncludedIndex);
  const kept = entriesBetween(s, lastIncludedIndex, lastLogIndex(s));
  const data = encodeStateMachine(s.kv, s.sessions);
  const snapshot: RaftSnapshot = { lastIncludedIndex, lastIncludedTerm, data };
  // With membership in use, the snapshot carries the configuration as of lastIncludedIndex (thesis §5.1).
  if (s.snapshot?.configuration || s.config.members !== undefined || latestConfiguration(s).index > 0) {
    const c = configurationAt(s, lastIncludedIndex);
    snapshot.configuration = { voters: [...c.voters], learners: [...c.learners], ...(c.votersOld ? { votersOld: [...c.votersOld] } : {}) };
  }
  s.snapshot = snapshot;
  s.log = kept;
  env.note(`${s.id} snapshots its state machine up to entry ${lastIncludedIndex} (term ${lastIncludedTerm}) and discards those entries`);
  env.record('snapshot-taken', { lastIncludedIndex, lastIncludedTerm, bytes: data.length, data });
}

/**
 * needsSnapshot says whether a leader must send `peer` its snapshot: the entry before
 * nextIndex[peer], which AppendEntries would name as prevLogIndex, is compacted (nextIndex ≤
 * lastIncludedIndex, Raft §7).
 */
export function needsSnapshot(s: RaftState, peer: NodeId): boolean {
  return s.snapshot != null && s.nextIndex[peer]! <= s.snapshot.lastIncludedIndex;
}

/**
 * sendSnapshotChunk sends `peer` the chunk of the leader's snapshot at the offset the peer last
 * acknowledged (from 0 for a new or changed snapshot, or in a new term), at most config.snapshotChunkBytes bytes
 * (Figure 13). A heartbeat sends it again (`resend`), so a lost chunk is resent and the follower's
 * election timer keeps being reset; otherwise (a new entry, a reply) nothing is sent while a
 * transfer of this snapshot to `peer` is under way. Throws Error if the leader has no snapshot.
 */
export function sendSnapshotChunk(s: RaftState, peer: NodeId, env: StepEnv<RaftMessage>, resend = true): void {
  const snap = s.snapshot;
  if (!snap) throw new Error(`raft: ${s.id} has no snapshot to send to ${peer}`);
  const transfers = (s.snapshotTransfers ??= {});
  let t = transfers[peer];
  if (t === undefined || t.lastIncludedIndex !== snap.lastIncludedIndex || t.term !== s.currentTerm) {
    t = { term: s.currentTerm, lastIncludedIndex: snap.lastIncludedIndex, offset: 0 };
    transfers[peer] = t;
    env.note(`${s.id} has compacted the entries ${peer} needs (its nextIndex is ${s.nextIndex[peer]}): it sends its snapshot up to ${snap.lastIncludedIndex}`);
  } else if (!resend) return;
  const size = s.config.snapshotChunkBytes ?? DEFAULT_SNAPSHOT_CHUNK_BYTES;
  const data = snap.data.slice(t.offset, t.offset + size);
  const msg: InstallSnapshot = {
    type: 'InstallSnapshot',
    term: s.currentTerm,
    leaderId: s.id,
    lastIncludedIndex: snap.lastIncludedIndex,
    lastIncludedTerm: snap.lastIncludedTerm,
    offset: t.offset,
    data,
    done: t.offset + data.length >= snap.data.length,
  };
  if (snap.configuration) msg.configuration = snap.configuration;
  env.send(peer, msg);
}

/**
 * handleInstallSnapshot is the receiver side of InstallSnapshot (Figure 13), for a follower whose
 * currentTerm equals `msg.term` (rule 1, a stale term, is step.ts's; the caller resets the election
 * timer for each chunk):
 * - a snapshot that does not reach past commitIndex is ignored and answered done (etcd's
 *   TestRestoreIgnoreSnapshot): the follower already holds those entries;
 * 2. offset 0 of another snapshot than the one under way starts a new one; a chunk at the offset
 *    the follower has reached is added; any other chunk (a resent one) is answered with the offset
 *    the follower wants;
 * 3. while not done, reply and wait for more;
 * 4. when done, save the snapshot, dropping the older and the partial one;
 * 5. if the log holds an entry at lastIncludedIndex of lastIncludedTerm, keep the entries after it;
 *    otherwise discard the whole log;
 * 6. load the state machine (and the configuration, when it carries one) from the snapshot.
 * Records `snapshot-installed`.
 */
export function handleInstallSnapshot(s: RaftState, from: NodeId, msg: InstallSnapshot, env: StepEnv<RaftMessage>): void {
  const reply = (offset: number, done: boolean, matchIndex: number): InstallSnapshotReply => ({
    type: 'InstallSnapshotReply',
    term: s.currentTerm,
    lastIncludedIndex: msg.lastIncludedIndex,
    offset,
    done,
    matchIndex,
  });
  if (msg.lastIncludedIndex <= s.commitIndex) {
    env.note(`${s.id} ignores ${from}'s snapshot up to ${msg.lastIncludedIndex}: it has committed up to ${s.commitIndex} already`);
    s.incomingSnapshot = null;
    env.send(from, reply(msg.offset + msg.data.length, true, s.commitIndex));
    return;
  }
  let incoming = s.incomingSnapshot ?? null;
  let same = incoming !== null && incoming.lastIncludedIndex === msg.lastIncludedIndex && incoming.lastIncludedTerm === msg.lastIncludedTerm;
  if (msg.offset === 0 && !same) {
    incoming = { lastIncludedIndex: msg.lastIncludedIndex, lastIncludedTerm: msg.lastIncludedTerm, data: '' };
    same = true;
  }
  if (!same || incoming!.data.length !== msg.offset) {
    const have = same ? incoming!.data.length : 0;
    env.send(from, reply(have, false, 0));
    return;
  }
  incoming = { ...incoming!, data: incoming!.data + msg.data };
  s.incomingSnapshot = incoming;
  if (!msg.done) {
    env.send(from, reply(incoming.data.length, false, 0));
    return;
  }
  installSnapshot(s, from, msg, incoming.data, env);
  env.send(from, reply(incoming.data.length, true, msg.lastIncludedIndex));
}

/** installSnapshot applies Figure 13's rules 4–6 to a complete snapshot `data` from leader `from`. */
function installSnapshot(s: RaftState, from: NodeId, msg: InstallSnapshot, data: string, env: StepEnv<RaftMessage>): void {
  const { lastIncludedIndex, lastIncludedTerm } = msg;
  const image = decodeStateMachine(data);
  const matches = lastIncludedIndex <= lastLogIndex(s) && termAt(s, lastIncludedIndex) === lastIncludedTerm;
  const kept = matches ? entriesBetween(s, lastIncludedIndex, lastLogIndex(s)) : [];
  const snapshot: RaftSnapshot = { lastIncludedIndex, lastIncludedTerm, data };
  const configuration = msg.configuration ?? s.snapshot?.configuration;
  if (configuration) snapshot.configuration = configuration;
  s.snapshot = snapshot;
  s.log = kept;
  s.incomingSnapshot = null;
  s.commitIndex = Math.max(s.commitIndex, lastIncludedIndex);
  s.lastApplied = lastIncludedIndex;
  s.kv = image.kv;
  s.sessions = image.sessions;
  env.note(
    `${s.id} installs ${from}'s snapshot up to entry ${lastIncludedIndex} (term ${lastIncludedTerm}) and ${matches ? `keeps its ${kept.length} later entries` : 'discards its log'}`,
  );
  env.record('snapshot-installed', { lastIncludedIndex, lastIncludedTerm, leader: from, keptEntries: kept.length, data });
}

/**
 * handleInstallSnapshotReply is the leader's side, for a reply of currentTerm. Done: the follower
 * matches up to the reply's matchIndex, so matchIndex and nextIndex move there and replication goes
 * on with AppendEntries. Not done: send the chunk at the offset the follower asks for; a repeated
 * answer for the chunk already sent is dropped (the heartbeat resends lost chunks).
 */
export function handleInstallSnapshotReply(
  s: RaftState,
  from: NodeId,
  msg: InstallSnapshotReply,
  env: StepEnv<RaftMessage>,
  sendAppend: (s: RaftState, peer: NodeId, env: StepEnv<RaftMessage>) => void,
): void {
  if (s.nextIndex[from] === undefined) return;
  const t = s.snapshotTransfers?.[from];
  if (msg.done) {
    if (t !== undefined && t.lastIncludedIndex === msg.lastIncludedIndex) delete s.snapshotTransfers![from];
    if (msg.matchIndex > s.matchIndex[from]!) s.matchIndex[from] = msg.matchIndex;
    if (s.nextIndex[from]! <= s.matchIndex[from]!) s.nextIndex[from] = s.matchIndex[from]! + 1;
    if (s.nextIndex[from]! <= lastLogIndex(s)) sendAppend(s, from, env);
    return;
  }
  if (t === undefined || t.term !== s.currentTerm || t.lastIncludedIndex !== msg.lastIncludedIndex || msg.offset === t.offset) return;
  s.snapshotTransfers![from] = { ...t, offset: msg.offset };
  sendSnapshotChunk(s, from, env);
}

/**
 * skipCompacted adapts an AppendEntries whose prevLogIndex falls inside the follower's snapshot
 * (Raft §7): the entries up to lastIncludedIndex are committed and so match the leader's. Gives the
 * message re-based on lastIncludedIndex, or null when nothing in it reaches past the snapshot.
 */
export function skipCompacted<M extends { prevLogIndex: number; prevLogTerm: number; entries: { term: number }[] }>(s: RaftState, msg: M): M | null {
  const base = snapshotIndex(s);
  if (msg.prevLogIndex >= base) return msg;
  const skip = base - msg.prevLogIndex;
  if (msg.entries.length < skip) return null;
  const prevLogTerm = skip > 0 ? msg.entries[skip - 1]!.term : msg.prevLogTerm;
  return { ...msg, prevLogIndex: base, prevLogTerm, entries: msg.entries.slice(skip) };
}
