/**
 * The op-based OR-Set over causal delivery (RR-7506 Spec. 15, §2.2.2): add(e) ships (e, a unique
 * tag); remove(e) ships the tags of e observed at its origin. Each op carries its origin's vector
 * clock and is delivered at a replica only when causally ready (Babaoğlu & Marzullo §10.2):
 * `vc[origin] = delivered[origin] + 1` and `vc[k] ≤ delivered[k]` for every other k. Until then it
 * waits in the buffer, so a remove never overtakes the add it removes. Ops are broadcast at once
 * and repaired by anti-entropy (Digest → Ops), so loss, duplicates and reordering are harmless: a
 * duplicate has `vc[origin] ≤ delivered[origin]` and is dropped. Each delivery is a `deliver` record.
 */
import type { StepEnv } from '../../protocol';
import type { NodeId, Op } from '../../types';
import type { CrdtMessage, SetOp } from './messages';
import type { CrdtState } from './state';
import { at, increment, merge, mergeMin, type VClock } from './vclock';

type Env = StepEnv<CrdtMessage>;

/** MAX_OPS bounds one Ops answer. */
const MAX_OPS = 64;

/** ready tells whether `op` is causally ready at a replica that has delivered `vc`. */
export function ready(op: SetOp, vc: VClock): boolean {
  if (at(op.vc, op.origin) !== at(vc, op.origin) + 1) return false;
  return Object.keys(op.vc).every((k) => k === op.origin || at(op.vc, k) <= at(vc, k));
}

/** seen tells whether `op` was delivered already at a replica that has delivered `vc` (a duplicate). */
export const seen = (op: SetOp, vc: VClock): boolean => at(op.vc, op.origin) <= at(vc, op.origin);

/** apply applies a delivered op to the set's live tags. */
function apply(s: CrdtState, op: SetOp): void {
  if (s.payload.type !== 'op-or-set') return;
  const adds = { ...s.payload.adds };
  if (op.f === 'add') for (const t of op.tags) adds[t] = op.elem;
  else for (const t of op.tags) delete adds[t];
  s.payload = { type: 'op-or-set', adds };
}

/** deliver delivers `op` here: applies it, advances the delivered clock, logs it and records it. */
function deliver(s: CrdtState, op: SetOp, env: Env): void {
  apply(s, op);
  s.vv = s.config.bugs.includes('vclock-min-merge') ? mergeMin(s.vv, op.vc) : merge(s.vv, op.vc);
  s.log.push(op);
  env.record('deliver', { id: `${op.origin}:${at(op.vc, op.origin)}`, origin: op.origin, f: op.f, elem: op.elem, tags: op.tags, opVc: op.vc, vv: s.vv, state: s.payload });
}

/** updateOpSet applies a client's add or remove at its origin, records `update` and broadcasts the op. */
export function updateOpSet(s: CrdtState, op: Op, env: Env): void {
  if (s.payload.type !== 'op-or-set') return;
  const elem = String(op.elem);
  const vc = increment(s.vv, s.id);
  const n = at(vc, s.id);
  const tags = op.f === 'add' ? [`${s.id}.${n}`] : Object.entries(s.payload.adds).filter(([, e]) => e === elem).map(([t]) => t);
  const setOp: SetOp = { origin: s.id, vc, f: op.f === 'add' ? 'add' : 'remove', elem, tags };
  apply(s, setOp);
  s.vv = vc;
  s.log.push(setOp);
  env.record('update', { id: `${s.id}:${n}`, f: setOp.f, elem, tags, vv: s.vv, state: s.payload });
  for (const p of s.peers) env.send(p, { type: 'Op', op: setOp });
}

/** onOp buffers a received op and delivers every op that is now causally ready. */
export function onOp(s: CrdtState, op: SetOp, env: Env): void {
  if (seen(op, s.vv) || s.buffer.some((b) => b.origin === op.origin && at(b.vc, b.origin) === at(op.vc, op.origin))) return;
  s.buffer.push(op);
  drain(s, env);
}

/** onOps takes the ops anti-entropy brought. */
export function onOps(s: CrdtState, ops: readonly SetOp[], env: Env): void {
  for (const op of ops) onOp(s, op, env);
}

/** drain delivers buffered ops while any is ready, and drops duplicates. */
function drain(s: CrdtState, env: Env): void {
  for (let progress = true; progress; ) {
    progress = false;
    for (let i = 0; i < s.buffer.length; i++) {
      const op = s.buffer[i]!;
      if (seen(op, s.vv)) {
        s.buffer.splice(i--, 1);
      } else if (ready(op, s.vv)) {
        s.buffer.splice(i--, 1);
        deliver(s, op, env);
        progress = true;
      }
    }
  }
}

/** onDigest answers a peer's delivered clock with the ops it lacks, oldest first. */
export function onDigest(s: CrdtState, from: NodeId, vc: VClock, env: Env): void {
  const missing = s.log.filter((op) => !seen(op, vc)).slice(0, MAX_OPS);
  if (missing.length) env.send(from, { type: 'Ops', ops: missing });
}
