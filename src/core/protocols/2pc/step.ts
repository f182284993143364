/**
 * The step function: one input to one node. Dispatches by role (coordinator or participant) and
 * keeps four named timers armed for the earliest deadline of their kind:
 * - `flush`: the next forced log write becomes durable (config.logWriteMs);
 * - `votes`: the coordinator's next deadline (missing votes, 3PC pre-commit acks, acks to re-send for);
 * - `decision`: a participant's next decision timeout (the termination protocol);
 * Virtual ms throughout.
 */
import type { Input, StepEnv } from '../../protocol';
import { onCoordinatorDeadline, onCoordinatorMessage, onDecisionDurable, onRequest, resumeCoordinator } from './coordinator';
import type { TwoPcMessage } from './messages';
import { onLocalDecisionDurable, onParticipantMessage, onPreCommitDurable, onPreparedDurable } from './participant';
import type { Pending, TwoPcState } from './state';
import { onParticipantDeadline } from './termination';
import { undecided } from './wal';

type Env = StepEnv<TwoPcMessage>;

/** TIMERS names the timers a node arms: the forced-write flush, the coordinator's deadlines, a participant's decision timeout. */
export const TIMERS = ['flush', 'votes', 'decision'] as const;

/** step handles one input on node `s`. */
export function step(s: TwoPcState, input: Input<TwoPcMessage>, env: Env): void {
  const coordinator = s.id === s.coordinator;
  switch (input.kind) {
    case 'start':
      if (s.recovering) {
        s.recovering = false;
        if (coordinator) resumeCoordinator(s, env);
        else resumeParticipant(s, env);
      }
      break;
    case 'message':
      if (coordinator) onCoordinatorMessage(s, input.from, input.msg, env);
      else onParticipantMessage(s, input.from, input.msg, env);
      break;
    case 'request':
      onRequest(s, input, env);
      break;
    case 'timer':
      onTimer(s, input.name, env);
      break;
    case 'timeout':
    case 'behave':
    case 'action':
      break;
    default: {
      const never: never = input;
      throw new Error(`unknown input ${JSON.stringify(never)}`);
    }
  }
  rearm(s, env);
}

function onTimer(s: TwoPcState, name: string, env: Env): void {
  delete s.armed[name];
  if (name === 'flush') {
    const due = s.unflushed.filter((p) => p.at <= env.now);
    s.unflushed = s.unflushed.filter((p) => p.at > env.now);
    for (const p of due) durable(s, p, env);
  } else if (name === 'votes') {
    for (const t of Object.values(s.coord)) if (t.deadline !== null && t.deadline <= env.now) onCoordinatorDeadline(s, t, env);
  } else if (name === 'decision') {
    for (const t of Object.values(s.part)) if (t.deadline !== null && t.deadline <= env.now) onParticipantDeadline(s, t, env);
  }
}

/** durable appends a forced write to the log and does what waited for it. */
function durable(s: TwoPcState, p: Pending, env: Env): void {
  const { rec } = p;
  s.log.push(rec);
  if (rec.type === 'prepared') {
    const t = s.part[rec.txn];
    if (t) onPreparedDurable(s, t, env);
  } else if (rec.type === 'pre-commit') {
    const t = s.part[rec.txn];
    if (t) onPreCommitDurable(s, t, env);
  } else if (rec.type === 'decision') {
    const c = s.coord[rec.txn];
    const t = s.part[rec.txn];
    if (c) onDecisionDurable(s, c, rec.decision, env);
    else if (t) onLocalDecisionDurable(s, t, rec.decision, p.tell, env);
  }
}

/**
 * resumeParticipant runs after a restart: each transaction the log leaves undecided is uncertain
 * again (its locks held); the participant asks the coordinator for the outcome and waits.
 */
function resumeParticipant(s: TwoPcState, env: Env): void {
  for (const t of Object.values(s.part)) {
    if (!undecided(t)) continue;
    t.since = env.now;
    t.deadline = env.now + s.config.decisionTimeoutMs;
    env.note(`${s.id} restarts prepared in ${t.txn} and asks ${t.coordinator} for the outcome`);
    env.send(t.coordinator, { type: 'decision-request', txn: t.txn });
  }
}

/** rearm sets each timer to its earliest deadline, or clears it when none is left. */
function rearm(s: TwoPcState, env: Env): void {
  let flush = Infinity;
  for (const p of s.unflushed) flush = Math.min(flush, p.at);
  let votes = Infinity;
  for (const t of Object.values(s.coord)) if (t.deadline !== null) votes = Math.min(votes, t.deadline);
  let decision = Infinity;
  for (const t of Object.values(s.part)) if (t.deadline !== null) decision = Math.min(decision, t.deadline);
  const want: Record<string, number> = { flush, votes, decision };
  for (const name of TIMERS) {
    const at = want[name]!;
    if (at === Infinity) {
      if (s.armed[name] !== undefined) {
        env.clearTimer(name);
        delete s.armed[name];
      }
    } else if (s.armed[name] !== at) {
      env.setTimer(name, Math.max(1, at - env.now));
      s.armed[name] = at;
    }
  }
}
