/**
 * Paxos's step function: dispatches one input to the node's parts (acceptor.ts, proposer.ts,
 * learner.ts), then delivers the messages the node sent itself.
 */
import { cachedResult } from '../../kv';
import type { Input, StepEnv } from '../../protocol';
import type { KvOp, NodeId } from '../../types';
import { onAccept, onPrepare } from './acceptor';
import { quorumWarning } from './config';
import { behind, notChosen, onAccepted, onCatchUp, onLearn } from './learner';
import { ballotText, compareBallots, type PaxosMessage, type Value } from './messages';
import { makeNet, type Net } from './net';
import { armLeaderTimeout, heartbeat, mayPropose, onNack, onPromise, proposeNext, startRound, stepDown } from './proposer';
import { chosenThrough, type PaxosState } from './state';

/** step handles one input on node `s` (see Protocol.step). */
export function step(s: PaxosState, input: Input<PaxosMessage>, env: StepEnv<PaxosMessage>): void {
  const local: PaxosMessage[] = [];
  const net = makeNet(s, env, local);
  switch (input.kind) {
    case 'start': {
      const warning = quorumWarning(s.quorums);
      if (warning) env.note(`warning: ${warning}`);
      armLeaderTimeout(s, net);
      if (s.config.mode === 'multi' && s.config.distinguished === s.id) startRound(s, net);
      break;
    }
    case 'message':
      onMessage(s, input.from, input.msg, net);
      break;
    case 'timer':
      onTimer(s, input.name, net);
      break;
    case 'request':
      onRequest(s, input.client, input.requestId, input.op as KvOp, net);
      break;
    case 'timeout':
      if (mayPropose(s) && !s.leading) startRound(s, net);
      break;
    default:
      break;
  }
  for (let i = 0; i < local.length; i++) onMessage(s, s.id, local[i]!, net);
}

function onMessage(s: PaxosState, from: NodeId, m: PaxosMessage, net: Net): void {
  switch (m.type) {
    case 'Prepare':
      onPrepare(s, from, m, net);
      break;
    case 'Promise':
      onPromise(s, from, m, net);
      break;
    case 'Accept':
      onAccept(s, from, m, net);
      break;
    case 'Accepted':
      onAccepted(s, from, m, net);
      break;
    case 'Nack':
      onNack(s, m, net);
      break;
    case 'Heartbeat':
      onHeartbeat(s, from, m, net);
      break;
    case 'CatchUp':
      onCatchUp(s, from, m, net);
      break;
    case 'Learn':
      onLearn(s, m, net);
      break;
  }
  if (s.ballot !== null && s.phase !== 'idle' && compareBallots(s.promised, s.ballot) > 0) stepDown(s, net, `it promised ${ballotText(s.promised)} itself`);
}

/** onHeartbeat: a leader at least as high as our promise resets the wait; a stale one is told the promise. */
function onHeartbeat(s: PaxosState, from: NodeId, m: Extract<PaxosMessage, { type: 'Heartbeat' }>, net: Net): void {
  if (s.acceptor && compareBallots(m.ballot, s.promised) < 0) {
    net.send(from, { type: 'Nack', ballot: m.ballot, promised: s.promised });
    return;
  }
  s.maxRound = Math.max(s.maxRound, m.ballot.round);
  s.leader = m.ballot.node;
  if (s.ballot !== null && compareBallots(m.ballot, s.ballot) > 0) stepDown(s, net, `${m.ballot.node} leads with ${ballotText(m.ballot)}`);
  if (!s.leading) armLeaderTimeout(s, net);
  if (behind(s, m.chosenThrough)) net.send(from, { type: 'CatchUp', fromSlot: chosenThrough(s) + 1 });
}

function onTimer(s: PaxosState, name: string, net: Net): void {
  if (name === 'heartbeat') heartbeat(s, net);
  else if (name === 'retry') {
    if (s.config.mode === 'single' ? s.chosen[1] === undefined && s.queue.length > 0 : s.phase === 'prepare') startRound(s, net);
  } else if (name === 'leader-timeout') {
    if (s.leading) return;
    if (s.phase === 'prepare') armLeaderTimeout(s, net);
    else startRound(s, net);
  }
}

/** onRequest: single-decree proposes the client's op as its value; Multi-Paxos's leader puts it in the next slot. */
function onRequest(s: PaxosState, client: string, requestId: number, op: KvOp, net: Net): void {
  const env = net.env;
  const value: Value = { id: `${client}#${requestId}`, client, requestId, op };
  const done = cachedResult(s.sessions, client, requestId);
  if (done) {
    env.reply(client, requestId, { kind: 'result', result: done });
    return;
  }
  if (s.config.mode === 'single') {
    if (!mayPropose(s)) {
      env.reply(client, requestId, { kind: 'redirect', leader: s.config.distinguished });
      return;
    }
    if (s.chosen[1] !== undefined) {
      env.reply(client, requestId, { kind: 'result', result: notChosen(s.chosen[1]) });
      return;
    }
    env.record('request', { value: value.id });
    s.waiting[value.id] = { client, requestId };
    if (s.queue.length === 0) s.queue.push(value);
    if (s.phase === 'idle' && s.ballot === null) startRound(s, net);
    return;
  }
  if (s.leading) {
    env.record('request', { value: value.id });
    s.waiting[value.id] = { client, requestId };
    proposeNext(s, value, net);
  } else if (s.phase === 'prepare') {
    env.record('request', { value: value.id });
    s.waiting[value.id] = { client, requestId };
    if (!s.queue.some((q) => q.id === value.id)) s.queue.push(value);
  } else env.reply(client, requestId, { kind: 'redirect', leader: s.leader !== s.id ? s.leader : null });
}
