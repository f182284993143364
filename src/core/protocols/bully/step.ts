/**
 * Bully's step: one input at a time. Every node sends every other node a Heartbeat each heartbeatMs;
 * each node's failure detector (src/core/detectors) watches them all, and suspecting the coordinator
 * starts an election (election.ts, Garcia-Molina 1982 rule 1). A node also starts one when it
 * (re)starts, and in score mode when it comes to outrank its coordinator (its load fell, or the
 * coordinator's rose): "the highest rank takes over" (issue 14 §2).
 */
import { nextSuspicionAt } from '../../detectors/detector';
import { checkPeers, heardFrom, watchPeer } from '../../detectors/records';
import type { Input, StepEnv } from '../../protocol';
import type { NodeId } from '../../types';
import { type ElectionOptions, isCoordinator, onCoordinator, onElectionMessage, onElectionTimer, outranks, startElection } from './election';
import type { BullyMessage, HeartbeatMsg } from './messages';
import { ownScore, roleOf, type BullyState } from './state';

/** TIMERS names bully's own timers (the election's are in election.ts). */
export const TIMERS = { heartbeat: 'heartbeat', detector: 'detector' } as const;

/** CHECK_MIN_MS is the shortest wait before the detector's next check (virtual ms): its resolution. */
export const CHECK_MIN_MS = 10;

type Env = StepEnv<BullyMessage>;

/** electionOptions gives the election's knobs for `s`. */
const electionOptions = (s: BullyState): ElectionOptions => ({
  answerTimeoutMs: s.config.answerTimeoutMs,
  coordinatorTimeoutMs: s.config.coordinatorTimeoutMs,
  bugs: s.config.bugs,
  suspected: (peer) => s.fd.suspected.includes(peer),
});

/** armDetector sets the detector's check for the moment the next watched peer would be suspected. */
function armDetector(s: BullyState, env: Env): void {
  const next = nextSuspicionAt(s.fd);
  env.setTimer(TIMERS.detector, next === null ? s.config.heartbeatMs : Math.max(CHECK_MIN_MS, next - env.now));
}

/** sendHeartbeats tells every other node this node is alive, with its score and the coordinator it accepts. */
function sendHeartbeats(s: BullyState, env: Env): void {
  const msg: HeartbeatMsg = { type: 'Heartbeat', score: ownScore(s), coordinator: s.election.coordinator };
  for (const n of s.nodes) if (n !== s.id) env.send(n, msg);
}

/** checkDetector reports suspicions that changed, and starts an election when the coordinator is suspected. */
function checkDetector(s: BullyState, env: Env): void {
  const { state, changes } = checkPeers(s.fd, env, { round: s.election.round });
  s.fd = state;
  for (const c of changes) {
    if (c.suspected && c.peer === s.election.coordinator && !isCoordinator(s.election) && s.election.phase === 'idle') {
      startElection(s.election, env, electionOptions(s), `suspects coordinator ${c.peer}`);
    }
  }
  armDetector(s, env);
}

/** takeOverIfHigher starts an election when this node outranks the coordinator it follows (score mode). */
function takeOverIfHigher(s: BullyState, env: Env): void {
  const c = s.election.coordinator;
  if (s.election.phase === 'idle' && c !== null && c !== s.id && outranks(s.election, s.id, c)) {
    startElection(s.election, env, electionOptions(s), `outranks coordinator ${c}`);
  }
}

/**
 * heard feeds the detector: any message is a sign of life, not only a Heartbeat (a recovered node's
 * COORDINATOR may overtake its first heartbeat, and must not be judged against a stale suspicion).
 */
function heard(s: BullyState, from: NodeId, env: Env): void {
  s.fd = heardFrom(s.fd, from, env);
  checkDetector(s, env);
}

/** onHeartbeat notes the sender's score, and treats a claim to coordinate as an announcement. */
function onHeartbeat(s: BullyState, from: NodeId, m: HeartbeatMsg, env: Env): void {
  s.election.scores[from] = m.score;
  if (m.coordinator === from && (s.election.coordinator !== from || s.election.phase !== 'idle')) onCoordinator(s.election, from, env, electionOptions(s));
  takeOverIfHigher(s, env);
}

/** setScorePart changes health or load and lets the new rank act: a node that now outranks its coordinator takes over. */
function setScorePart(s: BullyState, part: 'health' | 'load', value: number, env: Env): void {
  s[part] = value;
  s.election.scores[s.id] = ownScore(s);
  env.record('score', { [part]: value, score: ownScore(s) });
  takeOverIfHigher(s, env);
}

/** amountOf reads an action's `value` argument, or null when it is not a number from 0 to 1000. */
const amountOf = (args: Record<string, unknown> | undefined): number | null => {
  const x = args?.value;
  return typeof x === 'number' && Number.isFinite(x) && x >= 0 && x <= 1000 ? x : null;
};

/**
 * toggled gives the value a menu action without a value sets: load 0 ↔ 100 (idle, overloaded),
 * health 100 ↔ 20 (healthy, sick).
 */
export const toggled = (part: 'health' | 'load', now: number): number => (part === 'load' ? (now === 0 ? 100 : 0) : now === 100 ? 20 : 100);

/** afterStep keeps `coordinatorSince` in step with the role. */
function afterStep(s: BullyState, env: Env): void {
  const coordinating = roleOf(s) === 'coordinator';
  if (coordinating && s.coordinatorSince === null) s.coordinatorSince = env.now;
  else if (!coordinating) s.coordinatorSince = null;
}

/** step handles one input; see the module comment. */
export function step(s: BullyState, input: Input<BullyMessage>, env: Env): void {
  const opts = electionOptions(s);
  switch (input.kind) {
    case 'start':
      for (const n of s.nodes) if (n !== s.id) s.fd = watchPeer(s.fd, n, env);
      sendHeartbeats(s, env);
      env.setTimer(TIMERS.heartbeat, s.config.heartbeatMs);
      armDetector(s, env);
      startElection(s.election, env, opts, 'starts');
      break;
    case 'message':
      heard(s, input.from, env);
      if (input.msg.type === 'Heartbeat') onHeartbeat(s, input.from, input.msg, env);
      else onElectionMessage(s.election, input.from, input.msg, env, opts);
      break;
    case 'timer':
      if (input.name === TIMERS.heartbeat) {
        sendHeartbeats(s, env);
        env.setTimer(TIMERS.heartbeat, s.config.heartbeatMs);
      } else if (input.name === TIMERS.detector) checkDetector(s, env);
      else onElectionTimer(s.election, input.name, env, opts);
      break;
    case 'timeout':
      startElection(s.election, env, opts, 'forced by the user');
      break;
    case 'action': {
      if (input.name !== 'set-load' && input.name !== 'set-health') break;
      const part = input.name === 'set-load' ? 'load' : 'health';
      if (input.args?.value === undefined) setScorePart(s, part, toggled(part, s[part]), env);
      else {
        const value = amountOf(input.args);
        if (value === null) env.note(`${s.id} ignores ${input.name}: value must be a number from 0 to 1000 (got ${JSON.stringify(input.args.value)})`);
        else setScorePart(s, part, value, env);
      }
      break;
    }
    case 'request': {
      const op = input.op;
      if ((op.f === 'load' || op.f === 'health') && typeof op.value === 'number') {
        setScorePart(s, op.f, op.value, env);
        env.reply(input.client, input.requestId, { kind: 'result', result: { ok: true, value: String(ownScore(s)) } });
      } else if (op.f === 'who') env.reply(input.client, input.requestId, { kind: 'result', result: { ok: true, value: s.election.coordinator ?? 'none' } });
      else env.reply(input.client, input.requestId, { kind: 'result', result: { ok: false, error: `bully knows load, health and who, not ${op.f}` } });
      break;
    }
    case 'behave':
      break;
    default: {
      const never: never = input;
      throw new Error(`unknown input ${JSON.stringify(never)}`);
    }
  }
  afterStep(s, env);
}
