/**
 * A lease-lock node's state: a lock node's lease (who it promised, the token it confirmed, the
 * highest token it knows), a client's attempt and lease as it believes them, or storage's highest
 * token and its accepted and rejected writes. One state type for all three parts, tagged by `part`.
 */
import type { NodeDetail } from '../../protocol';
import type { NodeId, NodeSummary, OpResult, VirtualMs } from '../../types';
import type { LeaseLockConfig } from './config';
import { layoutOf, partOf, type Layout, type Part } from './roles';

/** PendingOp is a client request waiting for its write. */
export interface PendingOp {
  client: string;
  requestId: number;
  value: string;
}

/** WriteView is one write as storage saw it. */
export interface WriteView {
  t: VirtualMs;
  holder: NodeId;
  token: number;
  value: string;
  ok: boolean;
}

/** LeaseSpan is one lease a lock node confirmed: who, which token, from when until when (virtual ms), and how it ended. */
export interface LeaseSpan {
  holder: NodeId;
  token: number;
  from: VirtualMs;
  until: VirtualMs;
  /** null while it lasts. */
  end: 'released' | 'expired' | null;
}

/** LEASE_HISTORY is how many past leases a lock node keeps for the panel's timeline. */
export const LEASE_HISTORY = 12;

/** ClientPhase is where a client is: no lease, asking (promise round), confirming, holding it, or writing. */
export type ClientPhase = 'idle' | 'acquiring' | 'confirming' | 'holding' | 'writing';

/** LeaseState is one node's whole state. */
export interface LeaseState {
  id: NodeId;
  part: Part;
  config: LeaseLockConfig;
  layout: Layout;
  // Lock node.
  /** The highest token this lock node has confirmed (persistent). */
  maxToken: number;
  /** Who this lock node promised the lease to, or null when free (persistent). */
  promisedTo: NodeId | null;
  /** The attempt it promised, and the token it confirmed for it (0: not yet). */
  req: number;
  token: number;
  /** When the lease ends by this node's reckoning (virtual ms; the expire timer decides, on its clock). */
  until: VirtualMs;
  /** The last {@link LEASE_HISTORY} leases this node confirmed, oldest first (for the panel). */
  leases: LeaseSpan[];
  /**
   * The clients this lock node refused, in the order they first asked: its line of waiters (lock.ts).
   * Each client at most once, so never longer than the layout's clients. Volatile: lost in a crash.
   */
  waiters: NodeId[];
  /** The first in line, for whom the free lease is kept until `keptUntil`, or null (volatile). */
  keptFor: NodeId | null;
  /** When the lease stops being kept for `keptFor` (virtual ms, this node's clock). */
  keptUntil: VirtualMs;
  // Client.
  phase: ClientPhase;
  /** Attempts so far. */
  attempt: number;
  /** When the current attempt was sent (virtual ms): the lease counts from here, the conservative end. */
  sentAt: VirtualMs;
  promises: Map<NodeId, number>;
  refusals: Set<NodeId>;
  confirms: Set<NodeId>;
  /** The token of the lease held (or being confirmed); 0 without one. */
  held: number;
  /** The lease's end as the client believes it (virtual ms, reckoned on its clock at the grant or renewal). */
  heldUntil: VirtualMs;
  /** The lease ran out by the client's clock, or a lock node said it was lost. */
  lost: boolean;
  /** Attempts that failed in a row (the backoff grows with it). */
  failures: number;
  /** Writes left in this lease's turn: those queued at the grant, so a busy holder's turn ends. */
  turn: number;
  renewSentAt: VirtualMs;
  renewAcks: Set<NodeId>;
  queue: PendingOp[];
  /** Results of finished requests, by `client#requestId`, for a client's retries. */
  done: Map<string, OpResult>;
  // Storage.
  highest: number;
  value: string | null;
  writes: WriteView[];
  /** The write replies sent, by `holder#op`, so a duplicated Write is answered alike and stored once. */
  answered: Map<string, { ok: boolean; token: number }>;
}

/** LeasePersistent is what survives a crash: a lock node's lease and tokens, storage's data. */
export interface LeasePersistent {
  maxToken: number;
  promisedTo: NodeId | null;
  req: number;
  token: number;
  until: VirtualMs;
  highest: number;
  value: string | null;
  writes: WriteView[];
}

/** LeaseRole is what the canvas shows: a free or held lock node, a client waiting or holding, storage. */
export type LeaseRole = 'lock-free' | 'lock-held' | 'waiting' | 'holder' | 'storage';

/** LEASE_ROLES lists every role. */
export const LEASE_ROLES: readonly LeaseRole[] = ['lock-free', 'lock-held', 'waiting', 'holder', 'storage'];

/** initState gives a fresh node `id` of cluster `nodes`. */
export function initState(id: NodeId, nodes: readonly NodeId[], config: LeaseLockConfig): LeaseState {
  const layout = layoutOf(nodes, config);
  return {
    id, part: partOf(layout, id), config, layout,
    maxToken: 0, promisedTo: null, req: 0, token: 0, until: 0, leases: [], waiters: [], keptFor: null, keptUntil: 0,
    phase: 'idle', attempt: 0, sentAt: 0, promises: new Map(), refusals: new Set(), confirms: new Set(), held: 0, heldUntil: 0, lost: false, failures: 0,
    turn: 0, renewSentAt: 0, renewAcks: new Set(), queue: [], done: new Map(),
    highest: 0, value: null, writes: [], answered: new Map(),
  };
}

/** persistentOf copies what survives a crash. */
export const persistentOf = (s: LeaseState): LeasePersistent => ({
  maxToken: s.maxToken, promisedTo: s.promisedTo, req: s.req, token: s.token, until: s.until, highest: s.highest, value: s.value, writes: [...s.writes],
});

/**
 * recoverState rebuilds a node after a restart: a lock node keeps its lease (its timer is re-armed
 * at start) but forgets its line of waiters (they ask again), storage its data; a client forgets its lease.
 */
export function recoverState(saved: LeasePersistent, id: NodeId, nodes: readonly NodeId[], config: LeaseLockConfig): LeaseState {
  return { ...initState(id, nodes, config), ...saved, writes: [...saved.writes] };
}

/** cloneState copies a node for checkpoints (write views are never mutated, so they are shared). */
export const cloneState = (s: LeaseState): LeaseState => ({
  ...s,
  promises: new Map(s.promises), refusals: new Set(s.refusals), confirms: new Set(s.confirms), renewAcks: new Set(s.renewAcks),
  queue: [...s.queue], waiters: [...s.waiters], done: new Map(s.done), writes: [...s.writes], answered: new Map(s.answered), leases: s.leases.map((l) => ({ ...l })),
});

/** roleOf gives a node's role (see {@link LeaseRole}). */
export function roleOf(s: LeaseState): LeaseRole {
  if (s.part === 'lock') return s.promisedTo ? 'lock-held' : 'lock-free';
  if (s.part === 'storage') return 'storage';
  return s.phase === 'holding' || s.phase === 'writing' ? 'holder' : 'waiting';
}

/** summaryOf gives the trace's summary: no epoch or log; the token (a lock node's or a client's) and, for storage, the highest token. */
export function summaryOf(s: LeaseState): NodeSummary {
  const fields: Record<string, string | number | null> =
    s.part === 'lock' ? { token: s.maxToken, holder: s.promisedTo } : s.part === 'storage' ? { highest: s.highest, writes: s.writes.length } : { token: s.held };
  return { role: roleOf(s), term: 0, votedFor: null, commitIndex: 0, lastLogIndex: 0, lastApplied: 0, fields };
}

/** LeaseDetail is a node's structured view for the lease panel (NodeDetail.protocolDetail). */
export interface LeaseDetail {
  part: Part;
  holder: NodeId | null;
  token: number;
  until: VirtualMs;
  phase: ClientPhase;
  lost: boolean;
  queued: number;
  highest: number;
  writes: WriteView[];
  leases: LeaseSpan[];
  /** A lock node's line of waiters, first first; empty for other parts. */
  waiters: NodeId[];
  /** The first in line a lock node keeps the free lease for, or null. */
  keptFor: NodeId | null;
  config: LeaseLockConfig;
}

/** inspectNode gives the node panel's view. */
export function inspectNode(s: LeaseState): NodeDetail {
  const extra: NodeDetail['extra'] =
    s.part === 'lock'
      ? {
          'promised to': s.promisedTo, token: s.token || null, 'highest token': s.maxToken, until: s.promisedTo ? s.until : null,
          'kept for': s.keptFor, 'in line': s.waiters.length ? s.waiters.join(', ') : null,
        }
      : s.part === 'storage'
        ? { 'highest token': s.highest, value: s.value, accepted: s.writes.filter((w) => w.ok).length, rejected: s.writes.filter((w) => !w.ok).length, fencing: s.config.fencing && !s.config.bugs.includes('no-fencing') }
        : { phase: s.phase, token: s.held || null, 'lease until (its clock)': s.held ? s.heldUntil : null, lost: s.lost, queued: s.queue.length };
  const detail: LeaseDetail = {
    part: s.part, holder: s.part === 'lock' ? s.promisedTo : s.part === 'client' && s.held ? s.id : null,
    token: s.part === 'lock' ? s.token : s.held, until: s.part === 'lock' ? s.until : s.heldUntil,
    phase: s.phase, lost: s.lost, queued: s.queue.length, highest: s.highest, writes: s.writes, leases: s.leases, waiters: s.waiters, keptFor: s.keptFor, config: s.config,
  };
  return { summary: summaryOf(s), log: [], kv: s.part === 'storage' && s.value !== null ? { value: s.value } : {}, extra, protocolDetail: detail };
}
