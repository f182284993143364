/**
 * The coordinator's side of two-phase commit (Bernstein, Hadzilacos & Goodman §7.3; Gray 1978) and
 * of Skeen's three-phase commit: take a client's transaction, send prepare to each participant that
 * owns one of its keys, collect the votes, log the decision before sending it (2PC's one forced
 * coordinator write), re-send it until every participant acks, and answer the client.
 */
import type { ClientReply, Input, StepEnv } from '../../protocol';
import type { NodeId } from '../../types';
import { splitWrites } from './keys';
import { writesText, type Outcome, type TwoPcMessage } from './messages';
import type { CoordTxn, Decision, TwoPcState } from './state';
import { force } from './wal';

type Env = StepEnv<TwoPcMessage>;

/** txnId names client `client`'s request `requestId` as a transaction: `c1#3`. */
export const txnId = (client: string, requestId: number): string => `${client}#${requestId}`;

const isWrites = (x: unknown): x is Record<string, string> =>
  typeof x === 'object' && x !== null && !Array.isArray(x) && Object.keys(x).length > 0 && Object.values(x).every((v) => typeof v === 'string');

const resultOf = (t: CoordTxn): ClientReply =>
  ({ kind: 'result', result: t.phase === 'committed' ? { ok: true } : { ok: false, error: `aborted: ${t.reason ?? 'unknown'}` } });

/**
 * onRequest takes a client's transaction. A participant redirects the client to the coordinator; the
 * coordinator answers a retried request from what it knows of it, and starts a new one by writing
 * `begin` and sending each owner its share of the writes.
 */
export function onRequest(s: TwoPcState, input: Extract<Input<TwoPcMessage>, { kind: 'request' }>, env: Env): void {
  if (s.id !== s.coordinator) {
    env.reply(input.client, input.requestId, { kind: 'redirect', leader: s.coordinator });
    return;
  }
  const { op } = input;
  if (op.f !== 'txn' || !isWrites(op.writes)) {
    env.reply(input.client, input.requestId, { kind: 'result', result: { ok: false, error: `two-phase commit runs transactions such as {"f": "txn", "writes": {"x": "1"}}, not ${op.f}` } });
    return;
  }
  const txn = txnId(input.client, input.requestId);
  const known = s.coord[txn];
  if (known) {
    if (known.sent && (known.phase === 'committed' || known.phase === 'aborted')) env.reply(input.client, input.requestId, resultOf(known));
    return;
  }
  const shares = Object.fromEntries(splitWrites(op.writes, s.participants, s.config));
  const participants = Object.keys(shares);
  const t: CoordTxn = {
    txn, client: input.client, requestId: input.requestId, writes: { ...op.writes }, shares, participants,
    phase: 'voting', votes: {}, preAcks: [], acks: [], reason: null, deadline: env.now + s.config.voteTimeoutMs, began: env.now, sent: false, answers: {},
  };
  s.coord[txn] = t;
  s.log.push({ type: 'begin', txn, client: t.client, requestId: t.requestId, writes: t.writes, participants });
  env.record('begin', { txn, participants, writes: t.writes });
  env.note(`${s.id} begins ${txn} (${writesText(t.writes)}) with ${participants.join(', ')}`);
  for (const p of participants) env.send(p, { type: 'prepare', txn, writes: shares[p]!, participants });
}

/** onCoordinatorMessage handles a participant's vote, ack or termination message at the coordinator. */
export function onCoordinatorMessage(s: TwoPcState, from: NodeId, m: TwoPcMessage, env: Env): void {
  const t = s.coord[m.txn];
  switch (m.type) {
    case 'vote-commit':
    case 'vote-abort':
      if (!t || t.phase !== 'voting' || !t.participants.includes(from)) return;
      t.votes[from] = m.type === 'vote-commit' ? 'commit' : 'abort';
      if (m.type === 'vote-abort') decide(s, t, 'abort', `${from} voted abort (${m.reason})`, env);
      else countVotes(s, t, env);
      return;
    case 'pre-commit-ack':
      if (!t || t.phase !== 'pre-committing') return;
      if (!t.preAcks.includes(from)) t.preAcks.push(from);
      if (t.participants.every((p) => t.preAcks.includes(p))) decide(s, t, 'commit', '', env);
      return;
    case 'ack':
      // A participant that learnt an abort from a peer acks even before the coordinator decides: not an ack of a decision.
      if (!t || !t.sent || t.acks.includes(from)) return;
      t.acks.push(from);
      if (t.participants.every((p) => t.acks.includes(p))) {
        t.deadline = null;
        s.log.push({ type: 'end', txn: t.txn });
      }
      return;
    case 'decision-request':
      env.send(from, { type: 'decision-reply', txn: m.txn, outcome: coordinatorOutcome(t) });
      return;
    case 'decision-reply':
      if (!t || t.phase !== 'asking') return;
      t.answers[from] = m.outcome;
      if (m.outcome === 'committed') decide(s, t, 'commit', '', env);
      else if (m.outcome === 'aborted') decide(s, t, 'abort', `${from} had aborted`, env);
      return;
    default:
      return; // prepare, decisions and pre-commit go to participants only
  }
}

/**
 * coordinatorOutcome is what the coordinator says when asked: its decision once sent; aborted for a
 * transaction it never began (presumed abort); else uncertain.
 */
function coordinatorOutcome(t: CoordTxn | undefined): Outcome {
  if (!t) return 'aborted';
  if (t.sent && (t.phase === 'committed' || t.phase === 'aborted' || t.phase === 'deciding')) return t.reason === null ? 'committed' : 'aborted';
  return 'uncertain';
}

/**
 * countVotes decides once every vote is commit (3PC: sends pre-commit first). With the
 * `decide-early` bug it does not wait for the last vote.
 */
function countVotes(s: TwoPcState, t: CoordTxn, env: Env): void {
  const missing = t.participants.filter((p) => t.votes[p] === undefined);
  const early = s.config.bugs.includes('decide-early') && t.participants.length >= 2 && missing.length === 1;
  if (missing.length > 0 && !early) return;
  if (s.config.variant === '2pc') {
    decide(s, t, 'commit', '', env);
    return;
  }
  t.phase = 'pre-committing';
  t.deadline = env.now + s.config.ackTimeoutMs;
  env.note(`${s.id}: every vote on ${t.txn} is commit; pre-commit`);
  for (const p of t.participants) env.send(p, { type: 'pre-commit', txn: t.txn });
}

/**
 * decide settles `t`: the decision is forced to the log and sent once durable. With the
 * `send-before-log` bug it is sent first, so a crash before the write completes loses it.
 */
export function decide(s: TwoPcState, t: CoordTxn, decision: Decision, reason: string, env: Env): void {
  if (t.phase === 'deciding' || t.phase === 'committed' || t.phase === 'aborted') return;
  t.phase = 'deciding';
  t.reason = decision === 'abort' ? reason : null;
  t.deadline = null;
  if (s.config.bugs.includes('send-before-log')) announce(s, t, env);
  force(s, env.now, { type: 'decision', txn: t.txn, decision, reason });
}

/**
 * announce tells the decision: the `decision` record, global-commit or global-abort to every
 * participant that has not acked, and the client's answer; then waits ackTimeoutMs for acks.
 */
export function announce(s: TwoPcState, t: CoordTxn, env: Env): void {
  const commit = t.reason === null;
  if (!t.sent) {
    t.sent = true;
    env.record('decision', { txn: t.txn, decision: commit ? 'commit' : 'abort', ...(commit ? {} : { reason: t.reason }) });
    env.note(`${s.id} decides ${commit ? 'commit' : 'abort'} on ${t.txn}${commit ? '' : `: ${t.reason}`}`);
  }
  const msg: TwoPcMessage = commit ? { type: 'global-commit', txn: t.txn } : { type: 'global-abort', txn: t.txn, reason: t.reason! };
  for (const p of t.participants) if (!t.acks.includes(p)) env.send(p, msg);
  const answer: ClientReply = { kind: 'result', result: commit ? { ok: true } : { ok: false, error: `aborted: ${t.reason}` } };
  env.reply(t.client, t.requestId, answer);
  t.deadline = t.participants.every((p) => t.acks.includes(p)) ? null : env.now + s.config.ackTimeoutMs;
}

/** onDecisionDurable runs once the coordinator's decision on `t` is in its log. */
export function onDecisionDurable(s: TwoPcState, t: CoordTxn, decision: Decision, env: Env): void {
  t.phase = decision === 'commit' ? 'committed' : 'aborted';
  if (!t.sent) announce(s, t, env);
}

/**
 * onCoordinatorDeadline handles `t`'s deadline: missing votes abort it; missing 3PC pre-commit acks
 * commit it (the silent participants are presumed crashed, Skeen 1981); missing acks re-send the
 * decision; after a 3PC restart, the participants' answers settle it.
 */
export function onCoordinatorDeadline(s: TwoPcState, t: CoordTxn, env: Env): void {
  switch (t.phase) {
    case 'voting': {
      const missing = t.participants.filter((p) => t.votes[p] === undefined);
      decide(s, t, 'abort', `no vote from ${missing.join(', ')} within ${s.config.voteTimeoutMs} ms`, env);
      return;
    }
    case 'pre-committing':
      env.note(`${s.id}: no pre-commit-ack on ${t.txn} from ${t.participants.filter((p) => !t.preAcks.includes(p)).join(', ')}; presumed crashed, commit`);
      decide(s, t, 'commit', '', env);
      return;
    case 'committed':
    case 'aborted':
      announce(s, t, env);
      return;
    case 'asking':
      settleAfterAsking(s, t, env);
      return;
    case 'deciding':
      t.deadline = null;
      return;
    default: {
      const never: never = t.phase;
      throw new Error(`unknown coordinator phase ${String(never)}`);
    }
  }
}

/**
 * settleAfterAsking applies Skeen's termination rule to the answers a restarted 3PC coordinator got:
 * any committable → commit; all uncertain → abort; no answer yet → ask again.
 */
function settleAfterAsking(s: TwoPcState, t: CoordTxn, env: Env): void {
  const said = Object.values(t.answers);
  if (said.includes('committable')) decide(s, t, 'commit', '', env);
  else if (said.length > 0) decide(s, t, 'abort', 'every reachable participant was uncertain after the coordinator restarted', env);
  else ask(s, t, env);
}

/** ask sends a decision-request about `t` to every participant (3PC restart). */
function ask(s: TwoPcState, t: CoordTxn, env: Env): void {
  t.phase = 'asking';
  t.deadline = env.now + s.config.ackTimeoutMs;
  for (const p of t.participants) env.send(p, { type: 'decision-request', txn: t.txn });
}

/**
 * resumeCoordinator runs after a restart: a decision in the log is re-sent; a transaction begun but
 * not decided is aborted in 2PC (the coordinator never sent commit, so presumed abort is safe) and
 * asked about in 3PC (a backup may have committed it meanwhile).
 */
export function resumeCoordinator(s: TwoPcState, env: Env): void {
  for (const t of Object.values(s.coord)) {
    if (t.phase === 'committed' || t.phase === 'aborted') {
      if (!t.participants.every((p) => t.acks.includes(p))) announce(s, t, env);
    } else if (s.config.variant === '2pc') decide(s, t, 'abort', 'the coordinator restarted before deciding', env);
    else ask(s, t, env);
  }
}
