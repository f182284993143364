/**
 * Explicit storage (thesis §10.2.1; etcd raft's Ready handshake): with a disk sync latency
 * (config.syncLatencyMs), a node's writes (log entries, currentTerm, votedFor) are in place at once
 * but durable only when a sync completes, and a power loss restarts the node from its last sync
 * (the host keeps it: StepEnv.sync). So what a node promises must wait for the sync:
 * - a follower's AppendEntriesReply, a voter's RequestVoteReply and a candidate's RequestVote are
 *   held while anything is unsynced, and sent when the sync completes;
 * - a leader sends AppendEntries at once (it writes its own log in parallel, §10.2.1) but counts
 *   its own entries towards commitment only once they are synced.
 * One sync is in flight at a time; it covers every write made before it completes (group commit).
 * With no sync latency every step counts as synced and none of this runs.
 */
import type { StepEnv } from '../../protocol';
import type { NodeId } from '../../types';
import type { RaftConfig } from './config';
import type { RaftMessage } from './messages';
import { lastLogIndex, type RaftPersistent } from './state';

/** SYNC is the timer of the sync in flight. */
export const SYNC = 'sync';

/** Disk is what a node knows of its own disk (volatile: a restart reads the disk back, all synced). */
export interface Disk {
  /** currentTerm and votedFor as last synced. */
  syncedTerm: number;
  syncedVote: NodeId | null;
  /** The lowest log index written (appended or cut) since the last sync; null: the log is synced. */
  unsyncedFrom: number | null;
  /** A sync is in flight (timer {@link SYNC} armed). */
  syncing: boolean;
  /** Messages waiting for the sync, in the order sent. */
  held: { to: NodeId; msg: RaftMessage }[];
}

/** syncsExplicitly says whether `config` gives the disk a sync latency (Protocol.syncsExplicitly). */
export function syncsExplicitly(config: RaftConfig): boolean {
  const l = config.syncLatencyMs;
  return l !== undefined && (Array.isArray(l) ? l[1] > 0 : l > 0);
}

/** newDisk gives the disk of a node booted or restarted with persistent state `saved`: all of it synced. Null without a sync latency. */
export function newDisk(saved: RaftPersistent, config: RaftConfig): Disk | null {
  if (!syncsExplicitly(config)) return null;
  return { syncedTerm: saved.currentTerm, syncedVote: saved.votedFor, unsyncedFrom: null, syncing: false, held: [] };
}

/** cloneDisk copies a disk for checkpoints (held messages are never mutated: shared). */
export function cloneDisk(d: Disk | null): Disk | null {
  return d === null ? null : { ...d, held: [...d.held] };
}

/** DiskHolder is the part of a node's state this file reads. */
interface DiskHolder extends RaftPersistent {
  disk?: Disk | null;
  config: RaftConfig;
}

/** noteLogWrite records that the log changed from `index` on (an append at `index`, or a cut after `index` − 1). */
export function noteLogWrite(s: RaftPersistent, index: number): void {
  const d = (s as DiskHolder).disk;
  if (d && (d.unsyncedFrom === null || index < d.unsyncedFrom)) d.unsyncedFrom = index;
}

/** unsynced says whether the node has written anything its disk does not yet hold. */
export function unsynced(s: DiskHolder): boolean {
  const d = s.disk;
  return !!d && (d.unsyncedFrom !== null || d.syncedTerm !== s.currentTerm || d.syncedVote !== s.votedFor);
}

/** durableIndex is the last index of the log's synced prefix: lastLogIndex without a sync latency. */
export function durableIndex(s: DiskHolder): number {
  const last = lastLogIndex(s);
  const from = s.disk?.unsyncedFrom;
  return from === null || from === undefined ? last : Math.min(last, from - 1);
}

/** PROMISES are the messages that state what the sender holds durably, so must wait for the sync. */
const PROMISES = new Set<RaftMessage['type']>(['RequestVote', 'RequestVoteReply', 'AppendEntriesReply']);

/**
 * holdUntilSynced says whether `msg` must wait for the sync, and if so queues it. With the teaching
 * bug `ack-before-sync`, AppendEntriesReply goes at once.
 */
export function holdUntilSynced(s: DiskHolder & { bugs: ReadonlySet<string> }, to: NodeId, msg: RaftMessage): boolean {
  if (!s.disk || !PROMISES.has(msg.type) || !unsynced(s)) return false;
  if (msg.type === 'AppendEntriesReply' && s.bugs.has('ack-before-sync')) {
    // BUG (ack-before-sync): acknowledge entries that are written but not yet durable. Correct: hold
    // the reply until the sync completes (Figure 2: persist before responding; thesis §10.2.1).
    return false;
  }
  s.disk.held.push({ to, msg });
  return true;
}

/** syncLatency draws one sync's latency (virtual ms, ≥ 1) from config.syncLatencyMs. */
function syncLatency(config: RaftConfig, env: StepEnv<RaftMessage>): number {
  const l = config.syncLatencyMs ?? 0;
  return Math.max(1, Array.isArray(l) ? env.rng.int(l[0], l[1]) : l);
}

/** startSync starts a sync if anything is unsynced and none is in flight (called after every step). */
export function startSync(s: DiskHolder, env: StepEnv<RaftMessage>): void {
  const d = s.disk;
  if (!d || d.syncing || !unsynced(s)) return;
  d.syncing = true;
  env.setTimer(SYNC, syncLatency(s.config, env));
}

/**
 * completeSync is the sync in flight completing: everything written so far is durable (env.sync),
 * and the held messages of currentTerm go out in order. A held message of an older term is
 * dropped: the node has moved on, and a promise made in that term may no longer hold (a vote
 * reset, entries cut by a new leader). Returns whether a sync completed.
 */
export function completeSync(s: DiskHolder, env: StepEnv<RaftMessage>): boolean {
  const d = s.disk;
  if (!d || !d.syncing) return false;
  d.syncing = false;
  env.sync?.();
  d.syncedTerm = s.currentTerm;
  d.syncedVote = s.votedFor;
  d.unsyncedFrom = null;
  const held = d.held;
  d.held = [];
  for (const { to, msg } of held) if (msg.term === s.currentTerm) env.send(to, msg);
  return true;
}
