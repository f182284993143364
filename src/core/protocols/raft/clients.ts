/** Client interaction (Raft §8): redirects, deduplicated retries, and requests a leader leaves unanswered. */
import type { ClientId, NodeId, KvOp } from '../../types';
import type { StepEnv } from '../../protocol';
import { cachedResult, isStale } from '../../kv';
import type { RaftMessage } from './messages';
import { appendAsLeader } from './replication';
import { lastLogIndex, snapshotIndex, type RaftState } from './state';
import { refusesDuringTransfer } from './transfer';

/**
 * handleClientRequest serves request `requestId` of `client`:
 * - a non-leader redirects to the leader it knows (or null);
 * - a request the session table shows applied is answered at once with the cached result (§8);
 *   one older than the client's last applied request is answered with a `stale request` failure;
 * - a leader whose log holds config.maxLogEntries entries (after its snapshot, if any) answers `unavailable: log full` (a limit
 *   of the playground, not a protocol rule). Not a failure: an earlier attempt of this request may
 *   sit in the log and still commit, so the client keeps retrying;
 * - otherwise the op (reads included, for linearizability) is appended and answered once applied.
 */
export function handleClientRequest(s: RaftState, client: ClientId, requestId: number, op: KvOp, env: StepEnv<RaftMessage>): void {
  if (s.role !== 'leader') {
    env.reply(client, requestId, { kind: 'redirect', leader: s.leaderId });
    return;
  }
  const cached = cachedResult(s.sessions, client, requestId);
  if (cached !== undefined) {
    env.note(`${s.id} has already applied ${client}'s request ${requestId}: it answers from the session table`);
    env.reply(client, requestId, { kind: 'result', result: cached });
    return;
  }
  if (isStale(s.sessions, client, requestId)) {
    env.reply(client, requestId, { kind: 'result', result: { ok: false, error: `stale request ${requestId}` } });
    return;
  }
  if (refusesDuringTransfer(s, client, requestId, env)) return;
  if (lastLogIndex(s) - snapshotIndex(s) >= s.config.maxLogEntries) { // entries held: a snapshot frees room (§7)
    env.note(`${s.id}'s log is full (${s.config.maxLogEntries} entries, the configured limit): it cannot take ${client}'s request ${requestId}`);
    env.reply(client, requestId, { kind: 'unavailable', reason: 'log full' });
    return;
  }
  // Register before appending: a single-node leader commits and answers within appendAsLeader.
  const index = lastLogIndex(s) + 1;
  s.pending.set(index, { client, requestId });
  appendAsLeader(s, { term: s.currentTerm, command: { kind: 'op', client, requestId, op } }, env);
}

/**
 * redirectPending answers every request a leader still owes with a redirect to `leader` (null:
 * unknown), when it steps down: the entries may yet commit, so the client must retry elsewhere with
 * the same requestId and deduplication makes the op take effect at most once.
 */
export function redirectPending(s: RaftState, leader: NodeId | null, env: StepEnv<RaftMessage>): void {
  if (s.pending.size === 0) return;
  for (const { client, requestId } of s.pending.values()) env.reply(client, requestId, { kind: 'redirect', leader });
  s.pending.clear();
}
