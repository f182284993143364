/**
 * Delegation: a coordinator, chosen by a bully election by rank (Garcia-Molina 1982), delegates
 * client tasks to followers by policy (round robin, least loaded, consistent hashing, capability
 * match), detects failed followers by heartbeats, retries with exponential backoff and reassigns
 * under fencing tokens, keeps a circuit breaker per follower (Nygard) and sheds client floods with a
 * token bucket. A new coordinator rebuilds its task table from the followers' reports. The records
 * it traces are documented in {@link DELEGATION_RECORDS}.
 */
import { DETECTOR_RECORD_KINDS } from '../../detectors/records';
import type { Protocol, RecordKind } from '../../protocol';
import type { NodeId } from '../../types';
import { DELEGATION_BUGS } from './bugs';
import type { DelegationConfig } from './config';
import { inspectNode, summaryOf } from './inspect';
import { delegationSafety } from './invariants';
import { describeMessage, MESSAGE_TYPES, messageType, type DelegationMessage } from './messages';
import { cloneState, DELEGATION_ROLES, initState, persistentOf, recoverState, type DelegationPersistent, type DelegationState } from './state';
import { step } from './step';

export { DELEGATION_DEFAULTS, DELEGATION_BUG_IDS, POLICIES, delegationConfig, delegationConfigSchema, type DelegationBug, type DelegationConfig, type Policy } from './config';
export type { DelegationMessage, TaskSpec, Token } from './messages';
export type { DelegationDetail, FollowerRow, HeldRow, TaskRow } from './inspect';
export { DELEGATION_PROPERTIES, DelegationSafetyMonitor } from './invariants';

const TASK = { task: 'the task id', attempt: 'the attempt number (1 for the first assignment)' };

/**
 * DELEGATION_RECORDS documents the structured trace records delegation emits (StepEnv.record);
 * `node` is the node that records. The failure detector's shared records (watch, unwatch,
 * heartbeat, suspect, unsuspect: src/core/detectors/records.ts) come first; a follower watches its
 * coordinator and the coordinator its followers, and their suspect records carry task and attempt
 * null.
 */
export const DELEGATION_RECORDS: readonly RecordKind[] = [
  ...DETECTOR_RECORD_KINDS,
  { kind: 'announce', title: 'a node announces itself coordinator', fields: { epoch: 'its new epoch', task: 'null', attempt: 'null' } },
  { kind: 'assign', title: 'the coordinator assigns a task', fields: { ...TASK, epoch: 'the coordinator’s epoch (with attempt, the fencing token)', worker: 'the follower', policy: 'the policy that picked it' } },
  { kind: 'reassign', title: 'the coordinator reassigns a task as a new attempt', fields: { ...TASK, epoch: 'the coordinator’s epoch', worker: 'the new follower', from: 'the follower it was taken from', reason: 'why' } },
  { kind: 'retry', title: 'the coordinator sends an unacknowledged Assign again', fields: { ...TASK, epoch: 'the token’s epoch', worker: 'the follower', retry: 'the retry’s number for this attempt', backoffMs: 'how long it backed off (virtual ms)' } },
  { kind: 'start', title: 'a follower starts work on a task', fields: { ...TASK, epoch: 'the token’s epoch', durationMs: 'how long the work takes (virtual ms)' } },
  { kind: 'complete', title: 'a follower applies a task’s effect (its attempt was committed)', fields: { ...TASK, epoch: 'the token’s epoch' } },
  { kind: 'abort', title: 'the coordinator tells a stale attempt to give up', fields: { ...TASK, epoch: 'the stale token’s epoch', worker: 'the follower holding it', reason: 'why' } },
  { kind: 'shed', title: 'the coordinator sheds a submit', fields: { client: 'the client', task: 'the task id', attempt: 'null', reason: 'the reason, also in the reply' } },
  { kind: 'breaker', title: 'a follower’s circuit breaker changes state', fields: { of: 'the follower', from: 'closed, open or half-open', to: 'the new state', task: 'the task whose failure or success moved it, or null', attempt: 'its attempt, or null' } },
];

/** delegation is the protocol for the registry. Timers may come due 1 ms apart (a task's work), so minTimerDelayMs is 1. */
export const delegation: Protocol<DelegationState, DelegationMessage, DelegationPersistent, DelegationConfig> = {
  name: 'delegation',
  init: (id: NodeId, nodes: readonly NodeId[], config: DelegationConfig) => initState(id, nodes, config),
  persistent: persistentOf,
  recover: recoverState,
  step,
  cloneState,
  summary: summaryOf,
  inspect: inspectNode,
  messageType,
  describeMessage,
  minTimerDelayMs: () => 1,
  safety: delegationSafety,
  teachingBugs: DELEGATION_BUGS,
  leaderRole: 'coordinator',
  roles: DELEGATION_ROLES,
  recordKinds: DELEGATION_RECORDS,
  timeoutAction: { title: 'Suspect the coordinator', description: 'This node suspects the coordinator now and holds a bully election (Garcia-Molina 1982).' },
  epochName: 'epoch',
  hasLog: false,
  messageTypes: MESSAGE_TYPES,
};
