/**
 * SWIM's step (Das et al. 2002): the protocol period (§3.1: ping one member, ping-req through k
 * members on silence, suspect at the period's end), round-robin probe order (§4.3), piggybacked
 * dissemination and incarnations (membership.ts), and joining through a seed and leaving (§5).
 */
import type { Input, StepEnv } from '../../protocol';
import type { Rng } from '../../prng';
import type { NodeId } from '../../types';
import { apply, applyAll, enqueue, piggyback, refute, suspicionTimer } from './membership';
import type { SwimMessage, Update } from './messages';
import { counts, type SwimState } from './state';

type Env = StepEnv<SwimMessage>;

/** LEAVE_PERIODS is how many periods a leaving node keeps gossiping its own departure. */
const LEAVE_PERIODS = 3;

function send(s: SwimState, to: NodeId, msg: SwimMessage, env: Env): void {
  s.sent++;
  env.send(to, msg);
}

/** shuffled gives a seeded random permutation of `xs` (Fisher–Yates). */
function shuffled<T>(xs: readonly T[], rng: Rng): T[] {
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    const t = out[i]!;
    out[i] = out[j]!;
    out[j] = t;
  }
  return out;
}

const probeable = (s: SwimState, n: NodeId): boolean => {
  const m = s.members.get(n);
  return m !== undefined && m.state !== 'dead';
};

/** nextTarget takes the next member of the round-robin order, reshuffling at the end of a pass (§4.3). */
function nextTarget(s: SwimState, env: Env): NodeId | null {
  while (s.order.length > 0) {
    const n = s.order.shift()!;
    if (probeable(s, n)) return n;
  }
  const fresh = shuffled([...s.members.keys()].filter((n) => probeable(s, n)).sort(), env.rng);
  s.order = fresh;
  return s.order.shift() ?? null;
}

/** endPeriod suspects the target of this period's probe if no ack came, direct or relayed (§3.1). */
function endPeriod(s: SwimState, env: Env): void {
  const p = s.probe;
  s.probe = null;
  if (!p || p.acked) return;
  const m = s.members.get(p.target);
  if (!m || m.state !== 'alive') return;
  env.record('suspicion', { member: p.target, incarnation: m.inc, indirect: p.indirect });
  apply(s, { member: p.target, state: 'suspect', inc: m.inc }, 'probe', env);
}

/** startProbe pings the next member and arms the ping timeout. */
function startProbe(s: SwimState, env: Env): void {
  const target = nextTarget(s, env);
  if (!target) return;
  const seq = s.nextSeq++;
  s.probe = { target, seq, acked: false, indirect: false };
  env.record('probe', { member: target, seq });
  send(s, target, { type: 'Ping', seq, updates: piggyback(s) }, env);
  env.setTimer('ping-timeout', s.config.pingTimeoutMs);
}

/** pingTimeout sends ping-req to k other members about a silent target (§3.1); k = 0 waits for the period's end. */
function pingTimeout(s: SwimState, env: Env): void {
  const p = s.probe;
  if (!p || p.acked) return;
  const helpers = shuffled([...s.members].filter(([n, m]) => n !== p.target && m.state === 'alive').map(([n]) => n).sort(), env.rng).slice(0, s.config.k);
  for (const h of helpers) send(s, h, { type: 'PingReq', seq: p.seq, target: p.target, updates: piggyback(s) }, env);
  p.indirect = helpers.length > 0;
}

/** period ends this period and starts the next; a leaving node goes silent after LEAVE_PERIODS. */
function period(s: SwimState, env: Env): void {
  endPeriod(s, env);
  if (s.role === 'left') {
    if (--s.leaveLeft <= 0) return;
  }
  if (s.role === 'joining') return;
  startProbe(s, env);
  env.setTimer('period', s.config.periodMs);
}

/** joinVia gives the node to join through: the seed, else the first node not outside. */
function joinVia(s: SwimState): NodeId | null {
  const { seed, outside } = s.config;
  if (seed !== '' && seed !== s.id && s.nodes.includes(seed)) return seed;
  return s.nodes.find((n) => n !== s.id && !outside.includes(n)) ?? null;
}

function askToJoin(s: SwimState, env: Env): void {
  const via = joinVia(s);
  if (!via) return;
  send(s, via, { type: 'Join', inc: s.inc }, env);
  env.setTimer('join', s.config.periodMs);
}

/** start arms the period (at a random offset, so members do not probe in lockstep) or asks to join. */
function start(s: SwimState, env: Env): void {
  s.probe = null;
  s.order = [];
  if (s.role === 'joining') {
    if (!s.config.outside.includes(s.id) || s.restarted) askToJoin(s, env);
    return;
  }
  if (s.role === 'left') return;
  if (s.restarted) refute(s, 'restart', s.inc, env);
  for (const [n, m] of s.members) if (m.state === 'suspect') env.setTimer(suspicionTimer(n), s.config.suspicionTimeoutMs);
  env.setTimer('period', env.rng.int(1, s.config.periodMs));
}

/** accusation gives the update this node holds against `about` when it suspects or buries it (the buddy system, Lifeguard §IV). */
function accusation(s: SwimState, about: NodeId): Update[] {
  const m = s.members.get(about);
  return m && m.state !== 'alive' ? [{ member: about, state: m.state, inc: m.inc }] : [];
}

function onMessage(s: SwimState, from: NodeId, msg: SwimMessage, env: Env): void {
  if (s.role === 'left' && s.leaveLeft <= 0) return;
  switch (msg.type) {
    case 'Ping':
      applyAll(s, msg.updates, env);
      send(s, from, { type: 'Ack', seq: msg.seq, updates: [...accusation(s, from), ...piggyback(s)] }, env);
      return;
    case 'PingReq': {
      applyAll(s, msg.updates, env);
      const seq = s.nextSeq++;
      s.relays.set(seq, { requester: from, seq: msg.seq, target: msg.target });
      send(s, msg.target, { type: 'Ping', seq, updates: piggyback(s) }, env);
      return;
    }
    case 'Ack': {
      applyAll(s, msg.updates, env);
      const relay = msg.target === undefined ? s.relays.get(msg.seq) : undefined;
      if (relay) {
        s.relays.delete(msg.seq);
        send(s, relay.requester, { type: 'Ack', seq: relay.seq, target: relay.target, updates: piggyback(s) }, env);
        return;
      }
      const p = s.probe;
      if (p && p.seq === msg.seq && (msg.target ?? from) === p.target) p.acked = true;
      return;
    }
    case 'Join': {
      if (s.role !== 'member') return;
      const known = s.members.get(from);
      if (!known || known.state !== 'alive' || known.inc < msg.inc) apply(s, { member: from, state: 'alive', inc: Math.max(msg.inc, known ? known.inc + 1 : 0) }, 'join', env);
      const list: Update[] = [{ member: s.id, state: 'alive', inc: s.inc }, ...[...s.members].map(([member, m]) => ({ member, state: m.state, inc: m.inc }))];
      send(s, from, { type: 'JoinAck', members: list }, env);
      return;
    }
    case 'JoinAck': {
      if (s.role !== 'joining') return;
      s.role = 'member';
      env.clearTimer('join');
      for (const u of msg.members) apply(s, u, 'join', env);
      enqueue(s, { member: s.id, state: 'alive', inc: s.inc });
      env.setTimer('period', env.rng.int(1, s.config.periodMs));
      return;
    }
  }
}

function onAction(s: SwimState, name: string, env: Env): void {
  if (name === 'join' && s.role !== 'member') {
    if (s.role === 'left') {
      s.inc++;
      s.leaveLeft = 0;
    }
    s.role = 'joining';
    askToJoin(s, env);
  } else if (name === 'leave' && s.role === 'member') {
    s.role = 'left';
    s.leaveLeft = LEAVE_PERIODS;
    env.record('membership', { member: s.id, state: 'dead', incarnation: s.inc, via: 'leave' });
    enqueue(s, { member: s.id, state: 'dead', inc: s.inc });
  }
}

/** step handles one input (see the module comment). */
export function step(s: SwimState, input: Input<SwimMessage>, env: Env): void {
  switch (input.kind) {
    case 'start':
      start(s, env);
      return;
    case 'message':
      onMessage(s, input.from, input.msg, env);
      return;
    case 'timer':
      if (input.name === 'period') period(s, env);
      else if (input.name === 'ping-timeout') pingTimeout(s, env);
      else if (input.name === 'join') {
        if (s.role === 'joining') askToJoin(s, env);
      } else if (input.name.startsWith('suspect:')) {
        const member = input.name.slice('suspect:'.length);
        const m = s.members.get(member);
        if (m && m.state === 'suspect' && !s.config.bugs.includes('never-confirm')) apply(s, { member, state: 'dead', inc: m.inc }, 'timeout', env);
      }
      return;
    case 'action':
      onAction(s, input.name, env);
      return;
    case 'request': {
      const c = counts(s);
      env.reply(input.client, input.requestId, { kind: 'result', result: { ok: true, value: `alive ${c.alive}, suspect ${c.suspect}, dead ${c.dead}` } });
      return;
    }
    default:
      return;
  }
}
