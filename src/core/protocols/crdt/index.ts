/**
 * CRDTs and anti-entropy, after Shapiro, Preguiça, Baquero & Zawirski, "A comprehensive study of
 * Convergent and Commutative Replicated Data Types" (INRIA RR-7506, 2011): leader-free replicas of
 * one replicated type (config `type`) take client updates anywhere, even on both sides of a
 * partition, and converge by anti-entropy (state-based) or causal delivery (the op-based OR-Set).
 *
 * Records (StepEnv.record), enough to check convergence from the trace alone:
 * - `update` (node: the origin) `id` (`origin:n`), `f`, the op's fields (`by`; `elem` with `tag` or
 *   `tags`; `value` with `ts` [ms, node], `clock` and `observed` for LWW), `vv` and `state` after;
 * - `merge` `from`, `before`, `after` (payloads), `vv` and `state` after;
 * - `deliver` (op-based) `id`, `origin`, `f`, `elem`, `tags`, `opVc`, `vv` and `state` after.
 */
import type { Protocol, RecordKind } from '../../protocol';
import type { NodeId } from '../../types';
import { CRDT_BUGS } from './bugs';
import type { CrdtConfig } from './config';
import { crdtSafety } from './invariants';
import { describeMessage, MESSAGE_TYPES, messageType, type CrdtMessage } from './messages';
import { cloneState, CRDT_ROLES, initState, inspectNode, persistentOf, recoverState, summaryOf, TICK_MS, type CrdtPersistent, type CrdtState } from './state';
import { step } from './step';

export { CRDT_BUG_IDS, CRDT_DEFAULTS, CRDT_TYPES, crdtConfig, crdtConfigSchema, type CrdtBug, type CrdtConfig, type CrdtType } from './config';
export type { CrdtMessage, SetOp } from './messages';
export type { CrdtDetail, CrdtRole, CrdtState, LastMerge } from './state';
export type { Payload, Timestamp } from './lattice';
export type { VClock } from './vclock';

const AFTER = 'the replica’s payload after it (plain JSON)';
const VV = 'its version vector after it: updates included per origin';

/** RECORD_KINDS documents every record the protocol emits. */
export const RECORD_KINDS: readonly RecordKind[] = [
  {
    kind: 'update',
    title: 'a client update applied at its origin replica',
    fields: {
      id: 'origin:n, the origin’s n-th update',
      f: 'inc, dec, add, remove or set',
      by: 'counters: the amount',
      elem: 'sets: the element',
      tag: 'state-based add: its unique tag',
      tags: 'remove: the tags observed; op-based add: its one tag',
      value: 'LWW: the value written',
      ts: 'LWW: its timestamp [ms, node]',
      clock: 'LWW: the replica clock’s reading (ms)',
      observed: 'LWW: the timestamp the replica held before the write',
      vv: VV,
      state: AFTER,
    },
  },
  {
    kind: 'merge',
    title: 'a replica merges a peer’s state into its own (state-based)',
    fields: { from: 'the peer', before: 'the payload before', after: 'the payload after', vv: VV, state: AFTER },
  },
  {
    kind: 'deliver',
    title: 'a replica delivers an op, causally ready (op-based)',
    fields: { id: 'origin:n', origin: 'the origin replica', f: 'add or remove', elem: 'the element', tags: 'the tags added or removed', opVc: 'the op’s vector clock', vv: VV, state: AFTER },
  },
];

/** crdt is the CRDT protocol for the registry: no leader, no epoch, no forced timeout. */
export const crdt: Protocol<CrdtState, CrdtMessage, CrdtPersistent, CrdtConfig> = {
  name: 'crdt',
  init: (id: NodeId, nodes: readonly NodeId[], config: CrdtConfig) => initState(id, nodes, config),
  persistent: persistentOf,
  recover: recoverState,
  step,
  cloneState,
  summary: summaryOf,
  inspect: (s) => inspectNode(s),
  messageType,
  describeMessage,
  minTimerDelayMs: (c: CrdtConfig) => Math.min(c.periodMs, TICK_MS),
  safety: crdtSafety,
  teachingBugs: CRDT_BUGS,
  leaderRole: null,
  roles: CRDT_ROLES,
  timeoutAction: null,
  epochName: null,
  hasLog: false,
  messageTypes: MESSAGE_TYPES,
  recordKinds: RECORD_KINDS,
};
