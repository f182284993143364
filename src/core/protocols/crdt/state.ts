/**
 * One CRDT replica's state: its payload (lattice.ts), its version vector `vv` (the updates of each
 * origin its payload includes; op-based: the ops delivered, its causal-delivery clock), the largest
 * LWW timestamp it has seen, its own clock (which the `skew` action makes run fast or slow), and,
 * op-based, the log of delivered ops (for anti-entropy) and the buffer of ops not yet causally ready.
 * Everything but the buffer survives a crash (the replica's durable store; its clock keeps running).
 */
import type { NodeDetail } from '../../protocol';
import type { NodeId, NodeSummary, VirtualMs } from '../../types';
import type { CrdtConfig } from './config';
import { emptyPayload, query, showQuery, type Payload, type Timestamp } from './lattice';
import type { SetOp } from './messages';
import { total, type VClock } from './vclock';

/** TICK_MS is the replica clock's tick (ms on its own clock): each tick re-measures the clock's rate. */
export const TICK_MS = 100;

/**
 * Clock is a replica's own clock, read between ticks as `ms + (now − at) × rate` (never past the
 * next tick). The `clock` timer fires every {@link TICK_MS} by the replica's clock, so a skewed
 * clock's ticks come faster or slower in virtual time and its rate is measured from them.
 */
export interface Clock {
  /** The reading at the last tick (ms). */
  ms: number;
  /** When that tick fired (virtual ms). */
  at: VirtualMs;
  /** Clock ms per virtual ms, as the last tick measured it. */
  rate: number;
}

/** CrdtRole: `replica`, or `buffering` while op-based ops wait for their causal past. */
export type CrdtRole = 'replica' | 'buffering';

/** CRDT_ROLES lists every role. */
export const CRDT_ROLES: readonly CrdtRole[] = ['replica', 'buffering'];

/** CrdtState is one replica's whole state. */
export interface CrdtState {
  id: NodeId;
  peers: NodeId[];
  config: CrdtConfig;
  payload: Payload;
  /** Version vector: updates of each origin included (op-based: delivered). */
  vv: VClock;
  /** The largest LWW timestamp this replica has written or merged. */
  maxTs: Timestamp | null;
  clock: Clock;
  /** Op-based: every delivered op, in delivery order. */
  log: SetOp[];
  /** Op-based: received ops not yet causally ready. Volatile. */
  buffer: SetOp[];
  /** The last merge that changed this replica (state-based), for the panel's merge view. Volatile. */
  lastMerge: LastMerge | null;
}

/** LastMerge is one merge as the panel shows it: the peer, when (virtual ms), the payloads before and after. */
export interface LastMerge {
  from: NodeId;
  at: VirtualMs;
  before: Payload;
  after: Payload;
}

/** CrdtPersistent is what survives a crash: everything but the buffer. */
export type CrdtPersistent = Omit<CrdtState, 'buffer' | 'lastMerge' | 'id' | 'peers' | 'config'>;

/** initState gives a fresh replica `id` of cluster `nodes`. */
export function initState(id: NodeId, nodes: readonly NodeId[], config: CrdtConfig): CrdtState {
  return { id, peers: nodes.filter((n) => n !== id), config, payload: emptyPayload(config.type), vv: {}, maxTs: null, clock: { ms: 0, at: 0, rate: 1 }, log: [], buffer: [], lastMerge: null };
}

/** cloneState deep-copies a replica (payloads and clocks are replaced, not mutated, but copied anyway for safety). */
export const cloneState = (s: CrdtState): CrdtState => structuredClone(s);

/** persistentOf copies what survives a crash. */
export const persistentOf = (s: CrdtState): CrdtPersistent => structuredClone({ payload: s.payload, vv: s.vv, maxTs: s.maxTs, clock: s.clock, log: s.log });

/** recoverState rebuilds a replica from its durable store; its buffer is empty. */
export function recoverState(saved: CrdtPersistent, id: NodeId, nodes: readonly NodeId[], config: CrdtConfig): CrdtState {
  return { ...initState(id, nodes, config), ...structuredClone(saved) };
}

/** readClock reads the replica's clock at `now` (ms, whole). */
export const readClock = (c: Clock, now: VirtualMs): number => Math.floor(c.ms + Math.min(TICK_MS, Math.max(0, now - c.at) * c.rate));

/** roleOf gives a replica's role. */
export const roleOf = (s: CrdtState): CrdtRole => (s.buffer.length > 0 ? 'buffering' : 'replica');

/** summaryOf gives the trace's summary: no epoch or log; fields `value` (the query, in words) and `updates` included. */
export const summaryOf = (s: CrdtState): NodeSummary => ({
  role: roleOf(s),
  term: 0,
  votedFor: null,
  commitIndex: 0,
  lastLogIndex: 0,
  lastApplied: 0,
  fields: { value: showQuery(query(s.payload)), updates: total(s.vv) },
});

/** CrdtDetail is a replica's structured view for the CRDT panel (NodeDetail.protocolDetail). */
export interface CrdtDetail {
  payload: Payload;
  vv: VClock;
  /** The query result in words. */
  value: string;
  maxTs: Timestamp | null;
  /** The replica's clock now (ms). */
  clockMs: number;
  buffer: SetOp[];
  lastMerge: LastMerge | null;
}

/** inspectNode gives the node panel's view (`now` for the clock reading). */
export function inspectNode(s: CrdtState, now: VirtualMs = s.clock.at): NodeDetail {
  const value = showQuery(query(s.payload));
  return {
    summary: summaryOf(s),
    log: [],
    kv: { value },
    extra: { type: s.config.type, updates: total(s.vv), buffered: s.buffer.length },
    protocolDetail: { payload: s.payload, vv: s.vv, value, maxTs: s.maxTs, clockMs: readClock(s.clock, now), buffer: s.buffer, lastMerge: s.lastMerge } satisfies CrdtDetail,
  };
}
