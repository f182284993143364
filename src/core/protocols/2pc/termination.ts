/**
 * The termination protocols: what an uncertain participant does when the decision does not come.
 * - 2PC, cooperative termination (Bernstein, Hadzilacos & Goodman §7.4): ask the coordinator and
 *   every other participant. Anyone who knows the decision tells it; one that has not voted aborts
 *   on the spot and says so; the uncertain can say nothing. If all are uncertain, it is blocked, and
 *   holds its locks until someone (at last the coordinator) knows.
 * - 3PC (Skeen 1981; textbook termination, more-protocols.md §1): the participants time out in turn
 *   (the one listed first goes first), and the first becomes backup coordinator. It polls the
 *   others' states: any aborted → abort; any committed → commit; all reachable uncertain → abort;
 *   some committable and none committed → it first moves the uncertain to committable (pre-commit,
 *   itself included, and waits for their acks as the coordinator would), then commits. So if it
 *   fails midway, the next backup finds someone committable and commits too, never abort.
 *   It then tells the others.
 */
import type { StepEnv } from '../../protocol';
import type { NodeId } from '../../types';
import type { Outcome, TwoPcMessage } from './messages';
import { decideLocally, newPart } from './participant';
import { force } from './wal';
import type { PartTxn, TwoPcState } from './state';

type Env = StepEnv<TwoPcMessage>;

/**
 * decisionDelay is how long (virtual ms) a participant waits for the decision before terminating:
 * config.decisionTimeoutMs in 2PC; in 3PC that times (1 + its rank among the participants), so
 * that the first-listed live participant becomes backup coordinator first.
 */
export function decisionDelay(s: TwoPcState, t: PartTxn): number {
  if (s.config.variant === '2pc') return s.config.decisionTimeoutMs;
  return s.config.decisionTimeoutMs * (1 + Math.max(0, t.participants.indexOf(s.id)));
}

/** outcomeOf is what a participant says of `t` when asked. */
export function outcomeOf(t: PartTxn): Outcome {
  switch (t.phase) {
    case 'committed':
      return 'committed';
    case 'aborted':
      return 'aborted';
    case 'committable':
      return 'committable';
    default:
      return 'uncertain';
  }
}

/**
 * onDecisionRequest answers `from`. A participant that knows nothing of `txn` has not voted, so it
 * aborts unilaterally and answers once its abort is logged. In 3PC, a participant asked by a backup
 * defers to it: it restarts its own wait, so two backups do not run at once.
 */
export function onDecisionRequest(s: TwoPcState, from: NodeId, txn: string, env: Env): void {
  const t = s.part[txn];
  if (!t) {
    const fresh = newPart(s, txn, [], {});
    s.part[txn] = fresh;
    env.note(`${s.id} has not voted on ${txn}, so it aborts it when ${from} asks`);
    decideLocally(s, fresh, 'abort', `${s.id} had not voted when ${from} asked`, env, [from]);
    return;
  }
  if (t.phase === 'deciding') {
    const pending = s.unflushed.find((p) => p.rec.type === 'decision' && p.rec.txn === txn);
    if (pending && !pending.tell.includes(from)) pending.tell.push(from);
    return;
  }
  env.send(from, { type: 'decision-reply', txn, outcome: outcomeOf(t) });
  if (s.config.variant === '3pc' && from !== s.coordinator && (t.phase === 'prepared' || t.phase === 'committable')) {
    t.backup = false;
    t.deferTo = from;
    t.deadline = env.now + decisionDelay(s, t);
  }
}

/** onDecisionReply takes an answer: a decision is adopted; a 3PC backup settles once all have answered. */
export function onDecisionReply(s: TwoPcState, from: NodeId, txn: string, outcome: Outcome, env: Env): void {
  const t = s.part[txn];
  if (!t || (t.phase !== 'prepared' && t.phase !== 'committable')) return;
  t.answers[from] = outcome;
  if (outcome === 'committed') decideLocally(s, t, 'commit', '', env);
  else if (outcome === 'aborted') decideLocally(s, t, 'abort', `${from} had aborted`, env);
  else if (t.backup && t.preWait === null && t.participants.every((p) => p === s.id || t.answers[p] !== undefined)) settleAsBackup(s, t, env);
}

/**
 * onParticipantDeadline runs when `t`'s decision is late: 2PC asks the coordinator and the peers
 * again and is blocked; 3PC becomes backup coordinator, or settles when its poll is over.
 */
export function onParticipantDeadline(s: TwoPcState, t: PartTxn, env: Env): void {
  if (t.phase !== 'prepared' && t.phase !== 'committable') {
    t.deadline = null;
    return;
  }
  if (s.config.variant === '2pc') {
    if (!t.blocked) env.note(`${s.id} is uncertain about ${t.txn} and asks ${[t.coordinator, ...peers(s, t)].join(', ')}`);
    t.blocked = true;
    t.answers = {};
    t.deadline = env.now + s.config.decisionTimeoutMs;
    for (const n of [t.coordinator, ...peers(s, t)]) env.send(n, { type: 'decision-request', txn: t.txn });
    return;
  }
  if (t.backup) {
    settleAsBackup(s, t, env);
    return;
  }
  t.backup = true;
  t.deferTo = null;
  t.answers = {};
  t.preWait = null;
  t.preAcks = [];
  t.deadline = env.now + s.config.ackTimeoutMs;
  env.note(`${s.id} hears no decision on ${t.txn} and becomes backup coordinator`);
  for (const p of peers(s, t)) env.send(p, { type: 'decision-request', txn: t.txn });
}

const peers = (s: TwoPcState, t: PartTxn): NodeId[] => t.participants.filter((p) => p !== s.id);

/**
 * settleAsBackup applies the 3PC termination rule (Skeen 1981) to the backup's own state and the
 * answers it got; called again when its pre-commit round times out, it commits (participants that
 * did not ack are presumed crashed, as the coordinator presumes in its own pre-commit round).
 */
function settleAsBackup(s: TwoPcState, t: PartTxn, env: Env): void {
  if (t.preWait !== null) {
    const missing = t.preWait.filter((p) => !t.preAcks.includes(p));
    env.note(`backup ${s.id}: no pre-commit-ack on ${t.txn} from ${missing.join(', ')}; presumed crashed, commit`);
    decideLocally(s, t, 'commit', '', env);
    return;
  }
  const said = [...Object.values(t.answers), outcomeOf(t)];
  if (said.includes('aborted')) decideLocally(s, t, 'abort', `backup ${s.id}: a participant had aborted`, env);
  else if (said.includes('committed')) decideLocally(s, t, 'commit', '', env);
  else if (said.includes('committable')) moveToCommittable(s, t, env);
  else decideLocally(s, t, 'abort', `backup ${s.id}: every reachable participant was uncertain`, env);
}

/**
 * moveToCommittable is the backup's pre-commit round: some participant is committable, so the
 * coordinator may have committed; before it commits, the backup makes every uncertain participant
 * (itself included) committable, so that a later backup never finds them all uncertain and aborts.
 */
function moveToCommittable(s: TwoPcState, t: PartTxn, env: Env): void {
  const uncertain = peers(s, t).filter((p) => t.answers[p] === 'uncertain');
  t.preWait = t.phase === 'prepared' ? [...uncertain, s.id] : uncertain;
  t.preAcks = [];
  t.deadline = env.now + s.config.ackTimeoutMs;
  env.note(`backup ${s.id}: someone is committable in ${t.txn}, so it moves ${t.preWait.join(', ') || 'no one'} to committable before it commits`);
  if (t.preWait.length === 0) {
    decideLocally(s, t, 'commit', '', env);
    return;
  }
  for (const p of uncertain) env.send(p, { type: 'pre-commit', txn: t.txn });
  if (t.phase === 'prepared') force(s, env.now, { type: 'pre-commit', txn: t.txn });
}

/** onBackupPreCommitAck counts a pre-commit-ack to the backup (its own pre-commit too); all in, and itself committable → commit. */
export function onBackupPreCommitAck(s: TwoPcState, t: PartTxn, from: NodeId, env: Env): void {
  const wait = t.preWait;
  if (wait === null) return;
  if (!t.preAcks.includes(from)) t.preAcks.push(from);
  if (t.phase === 'committable' && wait.every((p) => t.preAcks.includes(p))) decideLocally(s, t, 'commit', '', env);
}
