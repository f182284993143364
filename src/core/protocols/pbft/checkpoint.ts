/**
 * Checkpoints, water marks and garbage collection (Castro & Liskov 1999, §4.3), and state transfer.
 *
 * After executing a sequence number that is a multiple of K (config.checkpointInterval) a replica
 * multicasts a Checkpoint with the digest of its state. 2f+1 matching Checkpoints make it *stable*:
 * the low water mark h moves to it, the high water mark to H = h + L, and the log up to it is
 * discarded. A replica that learns a stable checkpoint beyond what it executed fetches the state
 * from a replica that has it; the State message carries the 2f+1 Checkpoints that prove it (the
 * paper leaves state transfer to Castro & Liskov 2002, §6.2; this is the simplest correct version).
 */
import type { StepEnv } from '../../protocol';
import type { NodeId } from '../../types';
import { digestOf, shortDigest, sign } from './auth';
import type { Checkpoint, Fetch, PbftMessage, State } from './messages';
import { validCheckpointProof } from './proofs';
import { settlePending } from './requests';
import { broadcast, LIMITS, suspect, type PbftState, type Snapshot } from './state';

/** stateDigest gives the digest of a state machine (keys and sessions, sorted), as in a Checkpoint. */
export function stateDigest(kv: readonly [string, string][], sessions: Snapshot['sessions']): string {
  return digestOf({ kv, sessions });
}

/** snapshotOf copies the state machine after executing `seq`, sorted, sharing nothing mutable with `s`. */
export function snapshotOf(s: PbftState, seq: number): Snapshot {
  const kv = [...s.kv.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const sessions: Snapshot['sessions'] = [...s.sessions.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([c, x]) => [c, { lastRequestId: x.lastRequestId, result: x.result }]);
  return { seq, digest: stateDigest(kv, sessions), kv, sessions };
}

/** takeCheckpoint keeps a snapshot at `seq` and multicasts this replica's Checkpoint for it (§4.3). */
export function takeCheckpoint(s: PbftState, env: StepEnv<PbftMessage>, seq: number): void {
  const snap = snapshotOf(s, seq);
  s.snapshots.set(seq, snap);
  const cp: Checkpoint = sign(s.key, { type: 'Checkpoint', seq, digest: snap.digest, replica: s.id });
  broadcast(s, env, cp);
  recordCheckpoint(s, env, cp);
}

/**
 * onCheckpoint records replica `from`'s Checkpoint (authenticated by the caller). Ones at or below h,
 * or not at a multiple of K, are ignored.
 */
export function onCheckpoint(s: PbftState, from: NodeId, cp: Checkpoint, env: StepEnv<PbftMessage>): void {
  if (cp.seq <= s.stable.seq || cp.seq % s.config.checkpointInterval !== 0) return;
  recordCheckpoint(s, env, cp);
}

/**
 * recordCheckpoint stores a Checkpoint (at most LIMITS.checkpointsPerReplica sequence numbers per
 * replica, the newest) and makes the checkpoint stable once 2f+1 replicas sent the same digest.
 * Two Checkpoints with different digests for one sequence number mark the sender as suspect.
 */
function recordCheckpoint(s: PbftState, env: StepEnv<PbftMessage>, cp: Checkpoint): void {
  let votes = s.checkpointVotes.get(cp.seq);
  if (!votes) s.checkpointVotes.set(cp.seq, (votes = {}));
  const earlier = votes[cp.replica];
  if (earlier) {
    if (earlier.digest !== cp.digest) suspect(s, env, cp.replica, `it sent two different checkpoints for seq ${cp.seq}`);
    return;
  }
  votes[cp.replica] = cp;
  const mine = [...s.checkpointVotes.entries()].filter(([, v]) => v[cp.replica] !== undefined).map(([seq]) => seq).sort((a, b) => a - b);
  for (const old of mine.slice(0, Math.max(0, mine.length - LIMITS.checkpointsPerReplica))) {
    const v = s.checkpointVotes.get(old)!;
    delete v[cp.replica];
    if (Object.keys(v).length === 0) s.checkpointVotes.delete(old);
  }
  const same = s.nodes.map((id) => votes[id]).filter((v): v is Checkpoint => v !== undefined && v.digest === cp.digest);
  if (same.length >= s.quorum) makeStable(s, env, cp.seq, cp.digest, same.slice(0, s.quorum));
}

/**
 * makeStable makes checkpoint (`seq`, `digest`) with `proof` the last stable one (§4.3): h = seq,
 * H = seq + L; the log, checkpoint messages and snapshots below it are discarded. Replicas whose
 * Checkpoint for `seq` disagrees become suspect. A replica that has not executed up to `seq`, or
 * whose own state there differs, starts a state transfer. No-op unless `seq` is above h.
 */
export function makeStable(s: PbftState, env: StepEnv<PbftMessage>, seq: number, digest: string, proof: Checkpoint[]): void {
  if (seq <= s.stable.seq) return;
  s.stable = { seq, digest, proof };
  for (const cp of Object.values(s.checkpointVotes.get(seq) ?? {})) {
    if (cp.digest !== digest) suspect(s, env, cp.replica, `its checkpoint digest at seq ${seq} (${shortDigest(cp.digest)}) disagrees with the stable one (${shortDigest(digest)})`);
  }
  for (const k of [...s.log.keys()]) if (k <= seq) s.log.delete(k);
  for (const k of [...s.checkpointVotes.keys()]) if (k <= seq) s.checkpointVotes.delete(k);
  for (const k of [...s.snapshots.keys()]) if (k < seq) s.snapshots.delete(k);
  if (s.nextSeq <= seq) s.nextSeq = seq + 1;
  const own = s.snapshots.get(seq);
  if (own && own.digest !== digest) {
    env.note(`${s.id}'s state at seq ${seq} differs from the stable checkpoint: it fetches the agreed state`);
    s.snapshots.delete(seq);
    s.lastExecuted = Math.min(s.lastExecuted, seq - 1);
  }
  if (s.lastExecuted < seq) startFetch(s, env);
}

/** STATE_TRANSFER_TIMER retries a state transfer, or starts one when a gap in the executed sequence persists. */
export const STATE_TRANSFER_TIMER = 'state-transfer';

/** startFetch asks the replicas that proved the stable checkpoint for its state (state transfer), and arms the retry timer. */
export function startFetch(s: PbftState, env: StepEnv<PbftMessage>): void {
  s.fetching = s.stable.seq;
  s.lastFetchAt = env.now;
  const msg: Fetch = sign(s.key, { type: 'Fetch', seq: s.stable.seq, replica: s.id });
  for (const cp of s.stable.proof) if (cp.replica !== s.id) env.send(cp.replica, msg);
  env.setTimer(STATE_TRANSFER_TIMER, s.config.requestTimeoutMs);
}

/** hasGap is true if a slot above the next one to execute committed while the next one did not. */
function hasGap(s: PbftState): boolean {
  if (s.log.get(s.lastExecuted + 1)?.committed) return false;
  for (const slot of s.log.values()) if (slot.committed && slot.seq > s.lastExecuted + 1) return true;
  return false;
}

/**
 * maybeRefetch keeps state transfer going (after every step and on the `state-transfer` timer):
 * - a transfer waiting for config.requestTimeoutMs virtual ms is asked again;
 * - a gap (a later slot committed, the next one not) that lasts that long means this replica
 *   missed messages, perhaps the Checkpoints of a stable checkpoint while it was down: it asks
 *   every replica for a stable checkpoint at or after its next sequence number.
 */
export function maybeRefetch(s: PbftState, env: StepEnv<PbftMessage>): void {
  const wait = s.config.requestTimeoutMs;
  if (s.fetching !== null && s.lastExecuted >= s.stable.seq) s.fetching = null;
  if (s.fetching !== null) {
    if (env.now - s.lastFetchAt >= wait) startFetch(s, env);
    return;
  }
  if (!hasGap(s)) {
    s.gapSince = null;
    return;
  }
  if (s.gapSince === null) {
    s.gapSince = env.now;
    env.setTimer(STATE_TRANSFER_TIMER, wait);
    return;
  }
  if (env.now - s.gapSince < wait || env.now - s.lastFetchAt < wait) return;
  s.lastFetchAt = env.now;
  s.gapSince = env.now;
  broadcast(s, env, sign(s.key, { type: 'Fetch', seq: s.lastExecuted + 1, replica: s.id }));
  env.setTimer(STATE_TRANSFER_TIMER, wait);
}

/** onFetch answers replica `from` with the state at this replica's stable checkpoint, if it is at or past the one asked for and held here. */
export function onFetch(s: PbftState, from: NodeId, f: Fetch, env: StepEnv<PbftMessage>): void {
  const snap = s.snapshots.get(s.stable.seq);
  if (s.stable.seq < f.seq || !snap || s.lastExecuted < s.stable.seq) return;
  const msg: State = sign(s.key, { type: 'State', seq: snap.seq, digest: snap.digest, proof: s.stable.proof, kv: snap.kv, sessions: snap.sessions, replica: s.id });
  env.send(from, msg);
}

/**
 * onState installs a transferred state beyond what this replica executed, if its proof holds 2f+1
 * valid matching Checkpoints and the state matches their digest; otherwise the sender is suspect.
 * Executed-list entries skipped over become placeholders `{kind: 'state-transfer'}`.
 */
export function onState(s: PbftState, from: NodeId, st: State, env: StepEnv<PbftMessage>): void {
  if (st.seq <= s.lastExecuted) return;
  if (!validCheckpointProof(s, st.seq, st.digest, st.proof)) {
    suspect(s, env, from, `its State for seq ${st.seq} carries an invalid checkpoint proof`);
    return;
  }
  if (stateDigest(st.kv, st.sessions) !== st.digest) {
    suspect(s, env, from, `its State for seq ${st.seq} does not match the checkpoint digest ${shortDigest(st.digest)}`);
    return;
  }
  const copy = structuredClone({ kv: st.kv, sessions: st.sessions });
  s.kv = new Map(copy.kv);
  s.sessions = new Map(copy.sessions);
  for (let seq = s.executed.length + 1; seq <= st.seq && s.executed.length < LIMITS.maxExecutedShown; seq++) {
    s.executed.push({ term: s.view, command: { kind: 'state-transfer', seq: st.seq } });
  }
  env.note(`${s.id} installs the state at stable checkpoint #${st.seq} from ${from} (state transfer), skipping from #${s.lastExecuted + 1}`);
  s.lastExecuted = st.seq;
  s.snapshots.set(st.seq, { seq: st.seq, digest: st.digest, ...copy });
  makeStable(s, env, st.seq, st.digest, st.proof);
  s.fetching = null;
  settlePending(s, env);
}
