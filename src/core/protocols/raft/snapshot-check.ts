/**
 * How the safety monitor sees a compacted log (Raft §7): the entries a snapshot replaced stand as
 * the entries the cluster applied at those indexes, so Log Matching, Leader Append-Only and Leader
 * Completeness compare whole logs as if nothing were compacted. The snapshot itself is checked
 * against what was applied when it is taken or installed (invariants.ts, State Machine Safety).
 */
import type { LogEntryView } from '../../types';
import type { RaftPersistent } from './state';

/** AppliedEntries gives the entry first applied at an index in the run (RaftSafetyMonitor.appliedEntry). */
export interface AppliedEntries {
  appliedEntry(index: number): LogEntryView | undefined;
}

/** Per monitor, the applied entries from index 1 on without a gap: applied entries never change, so they are gathered once. */
const gathered = new WeakMap<AppliedEntries, LogEntryView[]>();

/**
 * fullLog gives node state `s`'s log from index 1: the log itself when nothing is compacted, else
 * the applied entries up to the snapshot's lastIncludedIndex followed by the log. An index nobody
 * was seen applying (a monitor started mid-run) stands as a `compacted` placeholder carrying
 * lastIncludedTerm at lastIncludedIndex and term 0 below it. O(log length).
 */
export function fullLog(s: RaftPersistent, applied: AppliedEntries): readonly LogEntryView[] {
  const snap = s.snapshot;
  if (!snap) return s.log;
  let known = gathered.get(applied);
  if (!known) gathered.set(applied, (known = []));
  for (let e = applied.appliedEntry(known.length + 1); e !== undefined && known.length < snap.lastIncludedIndex; e = applied.appliedEntry(known.length + 1)) known.push(e);
  const prefix = known.slice(0, snap.lastIncludedIndex);
  for (let i = prefix.length + 1; i <= snap.lastIncludedIndex; i++) {
    prefix.push(applied.appliedEntry(i) ?? { term: i === snap.lastIncludedIndex ? snap.lastIncludedTerm : 0, command: { kind: 'compacted' } });
  }
  return prefix.concat(s.log);
}
