/**
 * The CRDT step: one replica's reaction to one input (Shapiro et al., RR-7506).
 * - A client's update (`inc`, `dec`, `add`, `remove`, `set`) is applied at the replica it reaches,
 *   whichever side of a partition that is, acknowledged at once and recorded as `update`; `read`
 *   answers the local query. An op the type does not serve is refused in words.
 * - Every `periodMs` (timer `anti-entropy`) a state-based replica sends its payload to one random
 *   peer, which merges it (a `merge` record with before and after when it changes anything) and
 *   answers with its own when it holds updates the sender lacks (§2.2.1, Prop. 2.1).
 * - The op-based OR-Set broadcasts each op and delivers ops causally (opset.ts).
 * - LWW timestamps come from the replica's own clock (timer `clock`, state.ts), at least one past
 *   any timestamp the replica has seen, so a write always beats the writes it observed (Spec. 8's
 *   "causal" timestamps).
 */
import type { Input, StepEnv } from '../../protocol';
import type { NodeId, Op } from '../../types';
import { join, laterTs, liveTags, query, showQuery, type Payload, type Timestamp } from './lattice';
import type { CrdtMessage } from './messages';
import { onDigest, onOp, onOps, updateOpSet } from './opset';
import { readClock, TICK_MS, type CrdtState } from './state';
import { at, compare, increment, merge } from './vclock';

type Env = StepEnv<CrdtMessage>;

/** step handles one input at one replica. */
export function step(s: CrdtState, input: Input<CrdtMessage>, env: Env): void {
  switch (input.kind) {
    case 'start':
      env.setTimer('anti-entropy', s.config.periodMs + env.rng.int(0, s.config.periodMs - 1));
      if (s.config.type === 'lww-register') env.setTimer('clock', TICK_MS);
      return;
    case 'timer':
      if (input.name === 'anti-entropy') antiEntropy(s, env);
      else if (input.name === 'clock') tick(s, env);
      return;
    case 'message':
      onMessage(s, input.from, input.msg, env);
      return;
    case 'request':
      onRequest(s, input.client, input.requestId, input.op, env);
      return;
    case 'timeout':
    case 'behave':
    case 'action':
      return;
    default: {
      const never: never = input;
      throw new Error(`unknown input ${JSON.stringify(never)}`);
    }
  }
}

/** tick advances the replica's clock by one tick and measures its rate (clock ms per virtual ms). */
function tick(s: CrdtState, env: Env): void {
  const elapsed = env.now - s.clock.at;
  s.clock = { ms: s.clock.ms + TICK_MS, at: env.now, rate: elapsed > 0 ? TICK_MS / elapsed : s.clock.rate };
  env.setTimer('clock', TICK_MS);
}

/** SERVES says which updates each type serves (read is served by all). */
const SERVES: Record<CrdtState['config']['type'], readonly string[]> = {
  'g-counter': ['inc'],
  'pn-counter': ['inc', 'dec'],
  'or-set': ['add', 'remove'],
  'lww-register': ['set'],
  'op-or-set': ['add', 'remove'],
};

function onRequest(s: CrdtState, client: string, requestId: number, op: Op, env: Env): void {
  const ok = (value?: string) => env.reply(client, requestId, { kind: 'result', result: value === undefined ? { ok: true } : { ok: true, value } });
  if (op.f === 'read') return ok(showQuery(query(s.payload)));
  const type = s.config.type;
  if (!SERVES[type].includes(op.f)) {
    env.reply(client, requestId, { kind: 'result', result: { ok: false, error: `a ${type} serves ${[...SERVES[type], 'read'].join(', ')}, not ${op.f}` } });
    return;
  }
  if (type === 'op-or-set') updateOpSet(s, op, env);
  else update(s, op, env);
  ok();
}

/** update applies a client's update to a state-based payload and records it. */
function update(s: CrdtState, op: Op, env: Env): void {
  const me = s.id;
  const x = s.payload;
  const n = at(s.vv, me) + 1;
  const fields: Record<string, unknown> = { id: `${me}:${n}`, f: op.f };
  let next: Payload = x;
  if (x.type === 'g-counter' || x.type === 'pn-counter') {
    const by = Number(op.by ?? 1);
    fields.by = by;
    if (op.f === 'inc') next = { ...x, p: { ...x.p, [me]: (x.p[me] ?? 0) + by } };
    else if (x.type === 'pn-counter') next = { ...x, n: { ...x.n, [me]: (x.n[me] ?? 0) + by } };
  } else if (x.type === 'or-set') {
    const elem = String(op.elem);
    fields.elem = elem;
    if (op.f === 'add') {
      const tag = `${me}.${n}`;
      fields.tag = tag;
      next = { ...x, adds: { ...x.adds, [tag]: elem } };
    } else {
      const tags = liveTags(x).filter(([, e]) => e === elem).map(([t]) => t);
      fields.tags = tags;
      const removed = { ...x.removed };
      for (const t of tags) removed[t] = elem;
      next = { ...x, removed };
    }
  } else if (x.type === 'lww-register') {
    const value = String(op.value);
    const clock = readClock(s.clock, env.now);
    const ms = s.config.bugs.includes('lww-skew-loses-write') ? clock : Math.max(clock, (s.maxTs?.[0] ?? -1) + 1);
    const ts: Timestamp = [ms, me];
    Object.assign(fields, { value, ts, clock, observed: x.ts });
    next = laterTs(ts, x.ts) ? { type: x.type, value, ts } : x;
    if (laterTs(ts, s.maxTs)) s.maxTs = ts;
  }
  s.payload = next;
  s.vv = increment(s.vv, me);
  env.record('update', { ...fields, vv: s.vv, state: s.payload });
}

/** antiEntropy sends this replica's state (or, op-based, its delivered clock) to one random peer. */
function antiEntropy(s: CrdtState, env: Env): void {
  env.setTimer('anti-entropy', s.config.periodMs);
  if (s.peers.length === 0) return;
  const to = env.rng.pick(s.peers);
  if (s.config.type === 'op-or-set') env.send(to, { type: 'Digest', vc: s.vv });
  else env.send(to, { type: 'State', payload: s.payload, vv: s.vv, maxTs: s.maxTs, reply: false });
}

function onMessage(s: CrdtState, from: NodeId, m: CrdtMessage, env: Env): void {
  switch (m.type) {
    case 'State': {
      if (m.payload.type !== s.payload.type) return;
      const mine = compare(s.vv, m.vv);
      if (mine === 'before' || mine === 'concurrent') {
        const before = s.payload;
        s.payload = join(before, m.payload, s.config.bugs.includes('remove-wins'));
        s.vv = merge(s.vv, m.vv);
        s.lastMerge = { from, at: env.now, before, after: s.payload };
        env.record('merge', { from, before, after: s.payload, vv: s.vv, state: s.payload });
      }
      if (laterTs(m.maxTs, s.maxTs)) s.maxTs = m.maxTs;
      if (!m.reply && (mine === 'after' || mine === 'concurrent')) env.send(from, { type: 'State', payload: s.payload, vv: s.vv, maxTs: s.maxTs, reply: true });
      return;
    }
    case 'Op':
      onOp(s, m.op, env);
      return;
    case 'Digest':
      onDigest(s, from, m.vc, env);
      return;
    case 'Ops':
      onOps(s, m.ops, env);
      return;
    default: {
      const never: never = m;
      throw new Error(`unknown crdt message ${JSON.stringify(never)}`);
    }
  }
}
