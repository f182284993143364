/**
 * What a delegation node shows: the summary under each node on the canvas (its epoch, the tasks it
 * holds and applied) and the detail for the delegation panel (the coordinator's task table, loads and
 * breakers; a follower's own tasks).
 */
import type { DetectorState } from '../../detectors/detector';
import type { NodeDetail } from '../../protocol';
import type { NodeId, NodeSummary, VirtualMs } from '../../types';
import type { BreakerState } from './breaker';
import { capabilitiesOf, type Policy } from './config';
import type { DelegationRole, DelegationState, TaskStatus } from './state';
import { loadOf } from './state';

/** TaskRow is one row of the coordinator's task table. */
export interface TaskRow {
  task: string;
  capability: string;
  durationMs: number;
  status: TaskStatus;
  worker: NodeId | null;
  /** The current attempt number (0: never assigned). */
  attempt: number;
  /** Retries over every attempt. */
  retries: number;
  accepted: boolean;
}

/** FollowerRow is one follower as the coordinator sees it. */
export interface FollowerRow {
  id: NodeId;
  capabilities: readonly string[];
  /** Tasks it holds now. */
  load: number;
  /** Tasks given to it over the coordinator's epoch. */
  given: number;
  suspected: boolean;
  breaker: BreakerState;
  /** Consecutive failures the breaker counted. */
  failures: number;
}

/** HeldRow is one task a node works on. */
export interface HeldRow {
  task: string;
  attempt: number;
  epoch: number;
  status: 'running' | 'finished';
  endsAt: VirtualMs;
}

/** DelegationDetail is a node's structured view for the delegation panel (NodeDetail.protocolDetail). */
export interface DelegationDetail {
  role: DelegationRole;
  epoch: number;
  coordinator: NodeId | null;
  policy: Policy;
  held: HeldRow[];
  applied: string[];
  /** The coordinator's table, in arrival order; null on a follower. */
  table: TaskRow[] | null;
  /** The coordinator's followers; null on a follower. */
  followers: FollowerRow[] | null;
  /** Whether the coordinator has heard from a majority (null on a follower). */
  active: boolean | null;
  /** Submits the coordinator shed in its epoch, per client (null on a follower). */
  shed: Record<string, number> | null;
  /** The node's failure detector (a follower watches its coordinator, the coordinator its followers), for the shared suspicion matrix. */
  fd: DetectorState;
}

/** summaryOf gives the trace's summary: the epoch followed as the term, tasks held and applied as fields. */
export function summaryOf(s: DelegationState): NodeSummary {
  const fields: Record<string, number> = { held: s.held.size, applied: s.applied.size };
  if (s.coord) fields.tasks = s.coord.tasks.size;
  return { role: s.role, term: s.promised, votedFor: s.coordinator, commitIndex: 0, lastLogIndex: 0, lastApplied: 0, fields };
}

/** inspectDelegation gives a node's structured view. */
export function inspectDelegation(s: DelegationState): DelegationDetail {
  const c = s.coord;
  return {
    role: s.role,
    epoch: s.promised,
    coordinator: s.coordinator,
    policy: s.config.policy,
    held: [...s.held.values()].map((h) => ({ task: h.spec.id, attempt: h.token.attempt, epoch: h.token.epoch, status: h.status, endsAt: h.endsAt })),
    applied: [...s.applied.keys()],
    table: c
      ? [...c.tasks.values()].map((e) => ({ task: e.spec.id, capability: e.spec.capability, durationMs: e.spec.durationMs, status: e.status, worker: e.worker, attempt: e.token?.attempt ?? 0, retries: e.retriesTotal, accepted: e.accepted }))
      : null,
    followers: c
      ? [...c.followers].map(([id, f]) => ({ id, capabilities: capabilitiesOf(s.config, id), load: loadOf(c, id), given: f.given, suspected: f.suspected, breaker: f.breaker.state, failures: f.breaker.failures }))
      : null,
    active: c ? c.active : null,
    shed: c ? { ...c.shed } : null,
    fd: s.fd,
  };
}

/** inspectNode gives the node panel's view: held and applied tasks as rows, and the delegation detail. */
export function inspectNode(s: DelegationState): NodeDetail {
  const kv: Record<string, string> = {};
  for (const h of s.held.values()) kv[h.spec.id] = `${h.status}, attempt ${h.token.attempt}`;
  for (const [id, a] of s.applied) kv[id] = `applied (attempt ${a.token.attempt})`;
  return {
    summary: summaryOf(s),
    log: [],
    kv,
    extra: { epoch: s.promised, coordinator: s.coordinator, capabilities: capabilitiesOf(s.config, s.id).join(' '), policy: s.config.policy },
    protocolDetail: inspectDelegation(s),
  };
}
