/**
 * A participant's side of two-phase commit (Bernstein, Hadzilacos & Goodman §7.3) and three-phase
 * commit (Skeen 1981): vote on a prepare (abort on a lock conflict, a refusal or at random; else
 * lock, force "prepared", then vote commit), hold the locks while uncertain, and log and apply the
 * decision. The termination protocols are in termination.ts.
 */
import type { StepEnv } from '../../protocol';
import type { NodeId } from '../../types';
import { writesText, type TwoPcMessage } from './messages';
import type { Decision, PartTxn, TwoPcState } from './state';
import { force, releaseLocks } from './wal';
import { decisionDelay, onBackupPreCommitAck, onDecisionReply, onDecisionRequest } from './termination';

type Env = StepEnv<TwoPcMessage>;

/** newPart gives a participant's fresh record of `txn`. */
export const newPart = (s: TwoPcState, txn: string, participants: NodeId[], writes: Record<string, string>): PartTxn => ({
  txn, coordinator: s.coordinator, participants, writes, phase: 'preparing', vote: null, reason: null, since: null, deadline: null,
  blocked: false, backup: false, answers: {}, deferTo: null, ackTo: null, preWait: null, preAcks: [],
});

/** onParticipantMessage handles a message at a participant. */
export function onParticipantMessage(s: TwoPcState, from: NodeId, m: TwoPcMessage, env: Env): void {
  switch (m.type) {
    case 'prepare':
      onPrepare(s, from, m, env);
      return;
    case 'pre-commit':
      onPreCommit(s, from, m.txn, env);
      return;
    case 'global-commit':
    case 'global-abort':
      onDecision(s, from, m.txn, m.type === 'global-commit' ? 'commit' : 'abort', m.type === 'global-abort' ? m.reason : '', env);
      return;
    case 'decision-request':
      onDecisionRequest(s, from, m.txn, env);
      return;
    case 'decision-reply':
      onDecisionReply(s, from, m.txn, m.outcome, env);
      return;
    case 'pre-commit-ack': {
      // To a 3PC backup coordinator moving the uncertain to committable.
      const t = s.part[m.txn];
      if (t?.backup && t.preWait !== null) onBackupPreCommitAck(s, t, from, env);
      return;
    }
    default:
      return; // votes and acks go to the coordinator
  }
}

/** refusal gives the reason a participant refuses `writes`, or null: a lock conflict, config.refuse, or config.abortRate. */
function refusal(s: TwoPcState, txn: string, writes: Record<string, string>, env: Env): string | null {
  for (const key of Object.keys(writes)) {
    const holder = s.locks[key];
    if (holder !== undefined && holder !== txn) return `${key} locked by ${holder}`;
  }
  if (s.config.refuse.includes(s.id)) return `${s.id} refuses every transaction`;
  if (s.config.abortRate > 0 && env.rng.float() < s.config.abortRate) return `${s.id} aborts at random`;
  return null;
}

/**
 * onPrepare votes on `txn`. A repeated prepare gets the vote again. Abort: the participant aborts
 * at once (it may, not having voted commit). Commit: lock the keys, force "prepared" with the
 * writes, and vote once it is durable (wal.ts).
 */
function onPrepare(s: TwoPcState, from: NodeId, m: Extract<TwoPcMessage, { type: 'prepare' }>, env: Env): void {
  const known = s.part[m.txn];
  if (known) {
    if (known.phase === 'aborted') env.send(from, { type: 'vote-abort', txn: m.txn, reason: known.reason ?? 'aborted' });
    else if (known.vote === 'commit') env.send(from, { type: 'vote-commit', txn: m.txn });
    return;
  }
  const t = newPart(s, m.txn, m.participants, m.writes);
  t.coordinator = from;
  s.part[m.txn] = t;
  const reason = refusal(s, m.txn, m.writes, env);
  if (reason !== null) {
    t.phase = 'aborted';
    t.vote = 'abort';
    t.reason = reason;
    s.log.push({ type: 'decision', txn: m.txn, decision: 'abort', reason });
    env.record('vote', { txn: m.txn, vote: 'abort', reason });
    env.record('decision', { txn: m.txn, decision: 'abort', reason });
    env.note(`${s.id} votes abort on ${m.txn}: ${reason}`);
    env.send(from, { type: 'vote-abort', txn: m.txn, reason });
    return;
  }
  for (const key of Object.keys(m.writes)) s.locks[key] = m.txn;
  force(s, env.now, { type: 'prepared', txn: m.txn, coordinator: from, participants: m.participants, writes: m.writes });
}

/** onPreparedDurable votes commit once "prepared" is in the log, and starts waiting for the decision. */
export function onPreparedDurable(s: TwoPcState, t: PartTxn, env: Env): void {
  if (t.phase !== 'preparing') return;
  t.phase = 'prepared';
  t.vote = 'commit';
  t.since = env.now;
  t.deadline = env.now + decisionDelay(s, t);
  env.record('vote', { txn: t.txn, vote: 'commit' });
  env.note(`${s.id} is prepared in ${t.txn} (${writesText(t.writes)}) and votes commit`);
  env.send(t.coordinator, { type: 'vote-commit', txn: t.txn });
}

/**
 * onPreCommit (3PC) forces pre-commit, then acks whoever asked (the coordinator, or a backup
 * coordinator): the participant is committable.
 */
function onPreCommit(s: TwoPcState, from: NodeId, txn: string, env: Env): void {
  const t = s.part[txn];
  if (!t) return;
  if (t.phase === 'committable') env.send(from, { type: 'pre-commit-ack', txn });
  if (t.phase !== 'prepared') return;
  t.deferTo = null;
  t.ackTo = from === t.coordinator ? null : from;
  force(s, env.now, { type: 'pre-commit', txn });
}

/** onPreCommitDurable (3PC): committable now; ack to whoever asked; a backup counts itself. */
export function onPreCommitDurable(s: TwoPcState, t: PartTxn, env: Env): void {
  if (t.phase !== 'prepared') return;
  t.phase = 'committable';
  if (t.backup && t.preWait !== null) {
    onBackupPreCommitAck(s, t, s.id, env);
    return;
  }
  t.deadline = env.now + decisionDelay(s, t);
  env.send(t.ackTo ?? t.coordinator, { type: 'pre-commit-ack', txn: t.txn });
}

/**
 * onDecision takes a decision from the coordinator (or a 3PC backup). A decided participant acks
 * again and keeps its decision (decisions are final); one that knows nothing of `txn` presumes abort
 * (it never voted commit, unless its log was lost); an undecided one forces the decision, then acks.
 */
export function onDecision(s: TwoPcState, from: NodeId, txn: string, decision: Decision, reason: string, env: Env): void {
  const t = s.part[txn];
  if (t && (t.phase === 'committed' || t.phase === 'aborted')) {
    if ((t.phase === 'committed') !== (decision === 'commit')) env.note(`${s.id} had already ${t.phase} ${txn}; it keeps that and ignores ${decision}`);
    env.send(from, { type: 'ack', txn });
    return;
  }
  if (!t) {
    const fresh = newPart(s, txn, [], {});
    s.part[txn] = fresh;
    if (decision === 'commit') env.note(`${s.id} knows nothing of ${txn}: presumes abort`);
    decideLocally(s, fresh, 'abort', decision === 'commit' ? `${s.id} had no record of ${txn}` : reason, env);
    return;
  }
  if (t.phase === 'deciding') return;
  decideLocally(s, t, decision, reason, env);
}

/** decideLocally forces `decision` on `t`; wal.ts applies it once durable ({@link onLocalDecisionDurable}). */
export function decideLocally(s: TwoPcState, t: PartTxn, decision: Decision, reason: string, env: Env, tell: NodeId[] = []): void {
  if (t.phase === 'deciding' || t.phase === 'committed' || t.phase === 'aborted') return;
  t.phase = 'deciding';
  t.reason = decision === 'abort' ? reason : null;
  t.deadline = null;
  force(s, env.now, { type: 'decision', txn: t.txn, decision, reason }, tell);
}

/**
 * onLocalDecisionDurable applies a logged decision: commit writes the data, both release the locks;
 * the participant acks the coordinator, answers whoever asked, and as a 3PC backup tells the others.
 */
export function onLocalDecisionDurable(s: TwoPcState, t: PartTxn, decision: Decision, tell: NodeId[], env: Env): void {
  t.phase = decision === 'commit' ? 'committed' : 'aborted';
  t.blocked = false;
  t.deferTo = null;
  if (decision === 'commit') Object.assign(s.kv, t.writes);
  releaseLocks(s, t.txn);
  env.record('decision', { txn: t.txn, decision, ...(decision === 'abort' ? { reason: t.reason } : {}) });
  env.send(t.coordinator, { type: 'ack', txn: t.txn });
  const outcome = decision === 'commit' ? 'committed' : 'aborted';
  for (const n of tell) env.send(n, { type: 'decision-reply', txn: t.txn, outcome });
  if (t.backup) {
    const msg: TwoPcMessage = decision === 'commit' ? { type: 'global-commit', txn: t.txn } : { type: 'global-abort', txn: t.txn, reason: t.reason ?? '' };
    for (const p of t.participants) if (p !== s.id) env.send(p, msg);
    t.backup = false;
  }
}
