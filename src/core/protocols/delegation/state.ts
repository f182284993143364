/**
 * A delegation node's state. Every node may work as a follower (the tasks it holds and the effects
 * it applied) and may become the coordinator (the task table, the followers it watches with their
 * breakers, the clients' token buckets). What a follower holds, applied and promised survives a
 * crash; the coordinator's table is volatile and is rebuilt from the followers' reports.
 */
import { createDetector, type DetectorState } from '../../detectors/detector';
import { detectorConfigOf } from '../../detectors/schema';
import type { ClientId, NodeId, VirtualMs } from '../../types';
import type { Breaker } from './breaker';
import type { Bucket } from './admission';
import type { DelegationConfig } from './config';
import type { DoneRecord, TaskSpec, Token } from './messages';

/** HeldTask is one task a follower works on under `token`. */
export interface HeldTask {
  spec: TaskSpec;
  token: Token;
  /** `running` until the work is over, then `finished` until Commit or Abort. */
  status: 'running' | 'finished';
  /** When the work ends (virtual ms). */
  endsAt: VirtualMs;
}

/**
 * TaskStatus is a task's place in the coordinator's table: `queued` waits for a follower,
 * `assigned` waits for the follower's AssignAck, `backoff` waits to retry the Assign, `running` is
 * acknowledged, `committing` waits for a majority to accept that it is done, `done` is committed.
 */
export type TaskStatus = 'queued' | 'assigned' | 'backoff' | 'running' | 'committing' | 'done';

/** TaskEntry is one task in the coordinator's table. */
export interface TaskEntry {
  spec: TaskSpec;
  status: TaskStatus;
  /** The current attempt's token, null while never assigned. */
  token: Token | null;
  /** The follower of the current attempt, null while queued. */
  worker: NodeId | null;
  /** The highest attempt number known for the task. */
  attempts: number;
  /** Retries of the current attempt so far. */
  retries: number;
  /** Retries over every attempt (the table's "retried"). */
  retriesTotal: number;
  /** When the Assign's ack is due, the backoff ends, or the done-record's Accepts are resent (virtual ms). */
  deadline: VirtualMs;
  /** backoff: how long this backoff waits (virtual ms), for the `retry` record. */
  waitMs: number;
  /** Whether a follower acknowledged it (the clients were told it is accepted). */
  accepted: boolean;
  /** Clients waiting for the acceptance reply. */
  waiting: { client: ClientId; requestId: number }[];
  /** committing: the nodes that accepted the done-record. */
  accepts: NodeId[];
  /** The epoch of the done-record this entry commits (0: none yet); a newer record wins in a rebuild. */
  recordEpoch: number;
}

/** FollowerView is what the coordinator knows of one follower. */
export interface FollowerView {
  /** Whether the coordinator's failure detector suspects it. */
  suspected: boolean;
  breaker: Breaker;
  /** Tasks given to it over the run (first attempts and reassignments), for balance. */
  given: number;
}

/** CoordState is the coordinator's volatile state: its epoch, its task table and its view of the followers. */
export interface CoordState {
  epoch: number;
  /** Nodes that reported for this epoch (itself included); active once they are a majority. */
  reported: NodeId[];
  active: boolean;
  tasks: Map<string, TaskEntry>;
  followers: Map<NodeId, FollowerView>;
  /** Round robin's last pick (a node id), or null. */
  cursor: NodeId | null;
  buckets: Map<ClientId, Bucket>;
  /** Submits shed so far in this epoch, per client (for the panel). */
  shed: Record<ClientId, number>;
}

/**
 * DelegationRole is what a node is now: a `follower`, `electing` (it suspects the coordinator and
 * asks higher-ranked nodes), a `candidate` (announced, waiting for a majority's reports), or the
 * `coordinator`.
 */
export type DelegationRole = 'follower' | 'electing' | 'candidate' | 'coordinator';

/** DELEGATION_ROLES lists every role, for menus. */
export const DELEGATION_ROLES: readonly DelegationRole[] = ['coordinator', 'follower', 'electing', 'candidate'];

/** DelegationState is one node's whole state. */
export interface DelegationState {
  id: NodeId;
  /** Every node in rank order: the first ranks highest (bully). */
  nodes: NodeId[];
  config: DelegationConfig;
  /** The highest epoch this node follows. Persistent. */
  promised: number;
  /** Tasks this node works on. Persistent (a restarted follower starts their work again). */
  held: Map<string, HeldTask>;
  /** Tasks whose effect this node applied, with the attempt. Persistent: applied once per task id. */
  applied: Map<string, { spec: TaskSpec; token: Token }>;
  /** Done-records accepted from coordinators, by task. Persistent. */
  doneRecords: Map<string, DoneRecord>;
  role: DelegationRole;
  /** The coordinator this node follows, or null. */
  coordinator: NodeId | null;
  /** Electing: a higher-ranked node answered, so this node waits for its Announce. */
  answered: boolean;
  coord: CoordState | null;
  /**
   * The node's failure detector (shared, src/core/detectors): a follower watches its coordinator, the
   * coordinator its followers. Volatile: a restarted node starts a fresh one.
   */
  fd: DetectorState;
}

/** DelegationPersistent is what survives a crash. */
export interface DelegationPersistent {
  promised: number;
  held: [string, HeldTask][];
  applied: [string, { spec: TaskSpec; token: Token }][];
  doneRecords: [string, DoneRecord][];
}

/** initState gives a fresh node `id` in cluster `nodes` (rank order). */
export function initState(id: NodeId, nodes: readonly NodeId[], config: DelegationConfig): DelegationState {
  return { id, nodes: [...nodes], config, promised: 0, held: new Map(), applied: new Map(), doneRecords: new Map(), role: 'follower', coordinator: null, answered: false, coord: null, fd: createDetector(detectorConfigOf(config, config.heartbeatMs)) };
}

/** persistentOf copies what survives a crash. */
export const persistentOf = (s: DelegationState): DelegationPersistent => ({
  promised: s.promised,
  held: [...s.held].map(([k, h]) => [k, structuredClone(h)]),
  applied: [...s.applied].map(([k, a]) => [k, structuredClone(a)]),
  doneRecords: [...s.doneRecords].map(([k, r]) => [k, structuredClone(r)]),
});

/** recoverState rebuilds a node from what it saved: it restarts as a follower that knows no coordinator. */
export function recoverState(saved: DelegationPersistent, id: NodeId, nodes: readonly NodeId[], config: DelegationConfig): DelegationState {
  const s = initState(id, nodes, config);
  s.promised = saved.promised;
  for (const [k, h] of saved.held) s.held.set(k, structuredClone(h));
  for (const [k, a] of saved.applied) s.applied.set(k, structuredClone(a));
  for (const [k, r] of saved.doneRecords) s.doneRecords.set(k, structuredClone(r));
  return s;
}

/** cloneState copies a node for checkpoints. */
export const cloneState = (s: DelegationState): DelegationState => structuredClone(s);

/** majority is the fewest nodes of `n` that intersect every other majority: ⌊n/2⌋ + 1. */
export const majority = (n: number): number => Math.floor(n / 2) + 1;

/** loadOf counts the tasks `worker` holds in the coordinator's table (assigned, backing off or running). */
export function loadOf(c: CoordState, worker: NodeId): number {
  let n = 0;
  for (const t of c.tasks.values()) if (t.worker === worker && (t.status === 'assigned' || t.status === 'backoff' || t.status === 'running')) n++;
  return n;
}
