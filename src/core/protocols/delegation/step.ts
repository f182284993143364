/**
 * Delegation's step: one node's reaction to one input. Every node starts as a follower watching for
 * the coordinator's heartbeats; the highest-ranked node announces itself at start. Timers (virtual
 * ms): `watch` (the coordinator's silence), `election`, `heartbeat` and `tick` (the coordinator's),
 * `resend` (unanswered Done reports) and `task:<id>` (a task's work).
 */
import type { Input, StepEnv } from '../../protocol';
import { heard, onAccepted, onAssignAck, onDone, onHeartbeatTimer, onRequest, onTickTimer } from './coordinator';
import { announce, onAnnounce, onAnswer, onElection, onElectionTimer, onReject, onReport, onWatch, stepDown, suspectNow, watch } from './election';
import { onAbort, onAccept, onAssign, onCommit, onHeartbeat, onTaskTimer, restartWork, sendDone } from './follower';
import type { DelegationMessage } from './messages';
import type { DelegationState } from './state';

type Env = StepEnv<DelegationMessage>;

/** step handles one input on node `s`. */
export function step(s: DelegationState, input: Input<DelegationMessage>, env: Env): void {
  switch (input.kind) {
    case 'start':
      restartWork(s, env);
      if (s.nodes[0] === s.id && s.promised === 0) announce(s, env);
      else watch(s, env);
      return;
    case 'timer':
      onTimer(s, input.name, env);
      return;
    case 'message':
      onMessage(s, input.from, input.msg, env);
      return;
    case 'request':
      if (s.role === 'coordinator') onRequest(s, input.client, input.requestId, input.op, env);
      else if (s.role === 'candidate') env.reply(input.client, input.requestId, { kind: 'unavailable', reason: `${s.id} is waiting for a majority to report` });
      else env.reply(input.client, input.requestId, { kind: 'redirect', leader: s.coordinator });
      return;
    case 'timeout':
      suspectNow(s, env);
      return;
    case 'behave':
    case 'action':
      return;
    default: {
      const never: never = input;
      throw new Error(`unknown input ${JSON.stringify(never)}`);
    }
  }
}

function onTimer(s: DelegationState, name: string, env: Env): void {
  if (name === 'watch') onWatch(s, env);
  else if (name === 'election') onElectionTimer(s, env);
  else if (name === 'heartbeat') onHeartbeatTimer(s, env);
  else if (name === 'tick') onTickTimer(s, env);
  else if (name === 'resend') sendDone(s, env);
  else if (name.startsWith('task:')) onTaskTimer(s, name.slice(5), env);
}

function onMessage(s: DelegationState, from: string, m: DelegationMessage, env: Env): void {
  const c = s.coord;
  /** A follower's message to this node as coordinator of the epoch it names (or, unnamed, of now). */
  const toMe = (epoch?: number): boolean => {
    if (!c?.active) return false;
    if (epoch !== undefined && epoch !== c.epoch) {
      if (epoch > c.epoch) {
        s.promised = Math.max(s.promised, epoch);
        stepDown(s, env);
      }
      return false;
    }
    heard(s, from, env);
    return true;
  };
  switch (m.type) {
    case 'Heartbeat':
      if (c && m.epoch <= c.epoch) env.send(from, { type: 'Reject', epoch: s.promised });
      else onHeartbeat(s, from, m.epoch, env);
      return;
    case 'HeartbeatAck':
      toMe(m.epoch);
      return;
    case 'Election':
      onElection(s, from, env);
      return;
    case 'Answer':
      onAnswer(s, env);
      return;
    case 'Announce':
      onAnnounce(s, from, m.epoch, env);
      return;
    case 'Report':
      onReport(s, from, m, env);
      if (c?.active && m.epoch === c.epoch) heard(s, from, env);
      return;
    case 'Reject':
      onReject(s, m.epoch, env);
      return;
    case 'Assign':
      onAssign(s, from, m, env);
      return;
    case 'AssignAck':
      if (toMe(m.epoch)) onAssignAck(s, from, m.task, m.token, env);
      return;
    case 'Done':
      if (toMe()) onDone(s, from, m.spec, m.token, env);
      return;
    case 'Accept':
      onAccept(s, from, m, env);
      return;
    case 'Accepted':
      if (toMe(m.epoch)) onAccepted(s, from, m.task, env);
      return;
    case 'Commit':
      onCommit(s, from, m, env);
      return;
    case 'Abort':
      onAbort(s, from, m, env);
      return;
    default: {
      const never: never = m;
      throw new Error(`unknown delegation message ${JSON.stringify(never)}`);
    }
  }
}
