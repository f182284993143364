/**
 * Log replication (Raft §5.3) and the leader's commit rule (§5.4.2): what a leader sends, how a
 * follower checks and stores it, and how the leader reacts to the answer.
 */
import type { NodeId } from '../../types';
import type { StepEnv } from '../../protocol';
import { applyCommitted } from './apply';
import type { AppendEntries, AppendEntriesReply, Entry, RaftMessage } from './messages';
import { committedIndex, nextCommitIndex } from './quorum';
import { quorumIndex, replicas } from './configuration';
import { needsSnapshot, sendSnapshotChunk, skipCompacted } from './snapshot';
import { appendEntry, entriesBetween, lastLogIndex, snapshotIndex, termAt, truncateAfter, type RaftState } from './state';
import { durableIndex } from './storage';

/**
 * sendAppend sends `peer` an AppendEntries holding the entries from nextIndex[peer] on (at most
 * config.maxEntriesPerAppend; none when the peer is caught up, which makes it a heartbeat), and
 * advances nextIndex[peer] past them, so entries are not sent twice while earlier ones are in
 * flight. A rejection backs nextIndex up again ({@link handleAppendEntriesReply}).
 */
export function sendAppend(s: RaftState, peer: NodeId, env: StepEnv<RaftMessage>): void {
  if (needsSnapshot(s, peer)) return sendSnapshotChunk(s, peer, env, false); // the entries it needs are compacted (§7)
  const prevLogIndex = s.nextIndex[peer]! - 1;
  const last = Math.min(lastLogIndex(s), prevLogIndex + s.config.maxEntriesPerAppend);
  const entries: Entry[] = entriesBetween(s, prevLogIndex, last);
  env.send(peer, {
    type: 'AppendEntries',
    term: s.currentTerm,
    leaderId: s.id,
    prevLogIndex,
    prevLogTerm: termAt(s, prevLogIndex),
    entries,
    leaderCommit: s.commitIndex,
  });
  s.nextIndex[peer] = last + 1;
}

/** broadcastAppend sends AppendEntries to every peer: the leader's heartbeat (Raft §5.2) and catch-up. */
export function broadcastAppend(s: RaftState, env: StepEnv<RaftMessage>): void {
  for (const peer of replicas(s)) {
    if (needsSnapshot(s, peer)) sendSnapshotChunk(s, peer, env); // resend the chunk due: lost chunks, election timer (§7)
    else sendAppend(s, peer, env);
  }
}

/**
 * appendAsLeader appends `entry` to a leader's own log (Leader Append-Only, Figure 3), sends it to
 * every peer whose nextIndex has reached it (lagging peers get it through their reply chain or the
 * next heartbeat), and commits at once if the leader alone is a quorum. Returns the new index.
 * With the teaching bug `apply-before-quorum` (bugs.ts), the leader takes the entry as committed at
 * once: it applies it, answers its client, and announces it in leaderCommit from the next send on.
 */
export function appendAsLeader(s: RaftState, entry: Entry, env: StepEnv<RaftMessage>): number {
  const index = appendEntry(s, entry);
  for (const peer of replicas(s)) if (s.nextIndex[peer]! <= index) sendAppend(s, peer, env);
  if (s.bugs.has('apply-before-quorum')) {
    // BUG (apply-before-quorum): commit what is only in the leader's own log. Correct: commit once a
    // majority stores the entry, as advanceCommitIndex does (§5.3, §5.4; Figure 2, "Leaders").
    env.note(`${s.id} commits entry ${index} before a majority stores it (bug apply-before-quorum)`);
    s.commitIndex = index;
    applyCommitted(s, env);
    return index;
  }
  advanceCommitIndex(s, env);
  return index;
}

/**
 * advanceCommitIndex moves a leader's commitIndex to the largest index a quorum of its latest
 * configuration holds (configuration.ts: both majorities while joint, paper §6; the leader counts
 * only if it is a voter, thesis §4.2.2) with an entry of currentTerm (Raft §5.4.2), then applies
 * what became committed. With the teaching bug `commit-old-terms` (bugs.ts), the term of that entry
 * is not checked.
 */
export function advanceCommitIndex(s: RaftState, env: StepEnv<RaftMessage>): void {
  // The leader's own entries count once synced (storage.ts); the quorum is its configuration's (membership.ts).
  const counted = quorumIndex(s, (id) => (id === s.id ? durableIndex(s) : (s.matchIndex[id] ?? 0)));
  let n = nextCommitIndex([counted], (i) => termAt(s, i), s.currentTerm, s.commitIndex, 1);
  if (s.bugs.has('commit-old-terms')) {
    // BUG (commit-old-terms): commit any index a majority stores, whatever its term. Correct: only an
    // entry of currentTerm commits by counting replicas (§5.4.2, Figure 8), as nextCommitIndex does.
    if (counted > n) {
      env.note(`${s.id} commits up to entry ${counted} of term ${termAt(s, counted)} by counting replicas (bug commit-old-terms)`);
      n = counted;
    }
  }
  if (n > s.commitIndex) {
    s.commitIndex = n;
    applyCommitted(s, env);
  }
}

/** firstIndexOfTerm gives the first index, scanning back from `index`, whose entry has the same term as `index`. */
function firstIndexOfTerm(s: RaftState, index: number): number {
  const term = termAt(s, index);
  let first = index;
  while (first > 1 && termAt(s, first - 1) === term) first--;
  return first;
}

/**
 * handleAppendEntries is the receiver side of AppendEntries (Figure 2), for a follower whose
 * currentTerm equals `msg.term`:
 * 1. reject if the log has no entry at prevLogIndex whose term is prevLogTerm (with the fast
 *    back-up hint, end of §5.3);
 * 2. if an existing entry conflicts with a new one (same index, different terms), delete it and all
 *    that follow; an entry that matches is kept, and so is everything after it (a stale or
 *    reordered message must not cut the log);
 * 3. append the entries not already in the log;
 * 4. if leaderCommit > commitIndex, set commitIndex = min(leaderCommit, index of last new entry),
 *    never lowering it, and apply.
 *
 * With the teaching bug `skip-consistency-check` (bugs.ts), step 1 is skipped: the entries are stored
 * from prevLogIndex + 1 on whatever the log holds before them, and a log too short to reach
 * prevLogIndex gets them appended at its end (so they land at lower indexes than the leader's).
 */
export function handleAppendEntries(s: RaftState, from: NodeId, received: AppendEntries, env: StepEnv<RaftMessage>): void {
  // Entries up to the snapshot's lastIncludedIndex are committed, so they match the leader's (§7).
  const msg = skipCompacted(s, received);
  if (msg === null) return env.send(from, { type: 'AppendEntriesReply', term: s.currentTerm, success: true, matchIndex: snapshotIndex(s) });
  const { entries } = msg;
  // The new entries go at the indexes after this one: prevLogIndex, except under skip-consistency-check.
  let prevLogIndex = msg.prevLogIndex;
  if (prevLogIndex > lastLogIndex(s)) {
    if (s.bugs.has('skip-consistency-check')) {
      // BUG (skip-consistency-check): accept anyway and append the entries at the end of the log.
      // Correct: reject, the log has no entry at prevLogIndex (§5.3, the consistency check).
      env.note(`${s.id} accepts AppendEntries from ${from} although its log ends at ${lastLogIndex(s)}, before prevLogIndex ${prevLogIndex} (bug skip-consistency-check)`);
      prevLogIndex = lastLogIndex(s);
    } else {
      env.note(`${s.id} rejects AppendEntries from ${from}: no entry at prevLogIndex ${prevLogIndex} (its log ends at ${lastLogIndex(s)})`);
      env.send(from, { type: 'AppendEntriesReply', term: s.currentTerm, success: false, matchIndex: 0, conflictIndex: lastLogIndex(s) + 1 });
      return;
    }
  } else if (prevLogIndex > 0 && termAt(s, prevLogIndex) !== msg.prevLogTerm) {
    const conflictTerm = termAt(s, prevLogIndex);
    if (s.bugs.has('skip-consistency-check')) {
      // BUG (skip-consistency-check): keep the mismatched entry and store the new ones after it.
      // Correct: reject, the logs differ at prevLogIndex (§5.3, the consistency check).
      env.note(`${s.id} accepts AppendEntries from ${from} although entry ${prevLogIndex} has term ${conflictTerm}, not prevLogTerm ${msg.prevLogTerm} (bug skip-consistency-check)`);
    } else {
      const conflictIndex = firstIndexOfTerm(s, prevLogIndex);
      env.note(`${s.id} rejects AppendEntries from ${from}: entry ${prevLogIndex} has term ${conflictTerm}, not prevLogTerm ${msg.prevLogTerm}`);
      env.send(from, { type: 'AppendEntriesReply', term: s.currentTerm, success: false, matchIndex: 0, conflictIndex, conflictTerm });
      return;
    }
  }
  for (let i = 0; i < entries.length; i++) {
    const index = prevLogIndex + 1 + i;
    if (index <= lastLogIndex(s)) {
      if (termAt(s, index) === entries[i]!.term) continue;
      env.note(`${s.id} deletes entries ${index}–${lastLogIndex(s)}: they conflict with leader ${from}'s log`);
      truncateAfter(s, index - 1);
    }
    for (let j = i; j < entries.length; j++) appendEntry(s, entries[j]!);
    break;
  }
  const lastNewIndex = prevLogIndex + entries.length;
  if (msg.leaderCommit > s.commitIndex) {
    const commit = Math.min(msg.leaderCommit, lastNewIndex);
    if (commit > s.commitIndex) {
      s.commitIndex = commit;
      applyCommitted(s, env);
    }
  }
  env.send(from, { type: 'AppendEntriesReply', term: s.currentTerm, success: true, matchIndex: lastNewIndex });
}

/**
 * backUpIndex gives the nextIndex a rejection's hint suggests (end of §5.3): one past the leader's
 * last entry of conflictTerm if it has any, else conflictIndex.
 */
function backUpIndex(s: RaftState, msg: AppendEntriesReply): number {
  const conflictIndex = msg.conflictIndex ?? 1;
  if (msg.conflictTerm === undefined) return conflictIndex;
  for (let i = lastLogIndex(s); i >= 1; i--) {
    const t = termAt(s, i);
    if (t === msg.conflictTerm) return i + 1;
    if (t < msg.conflictTerm) break;
  }
  return conflictIndex;
}

/**
 * handleAppendEntriesReply is the leader's side (Figure 2, "Leaders"), for a reply of currentTerm.
 * Success: raise matchIndex (and nextIndex with it), try to commit, and send more at once if the
 * follower still lags, so catch-up pipelines. Failure: back nextIndex up by the hint, never below
 * matchIndex + 1 nor 1, and retry; a rejection that would not lower nextIndex is stale and ignored.
 */
export function handleAppendEntriesReply(s: RaftState, from: NodeId, msg: AppendEntriesReply, env: StepEnv<RaftMessage>): void {
  if (s.nextIndex[from] === undefined) return;
  if (msg.success) {
    if (msg.matchIndex > s.matchIndex[from]!) {
      s.matchIndex[from] = msg.matchIndex;
      if (s.nextIndex[from]! <= msg.matchIndex) s.nextIndex[from] = msg.matchIndex + 1;
      if (msg.matchIndex > s.commitIndex) advanceCommitIndex(s, env);
    }
    if (s.nextIndex[from]! <= lastLogIndex(s)) sendAppend(s, from, env);
    return;
  }
  const next = Math.max(backUpIndex(s, msg), s.matchIndex[from]! + 1, 1);
  if (next >= s.nextIndex[from]!) return;
  s.nextIndex[from] = next;
  sendAppend(s, from, env);
}
