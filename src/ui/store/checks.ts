/**
 * The checks store: what the invariant lamps, the consistency verdict, the history chart and
 * the run summary show. The controller's shadow checker (controller/checker.ts) writes it; it is
 * kept apart from the run store because it changes rarely and is read by a few panels only.
 */
import { create } from 'zustand';
import type { FoundViolation } from '../../core/check/checked-run';
import type { CheckResult, KvHistory } from '../../core/check/linearizability';
import type { LivenessVerdict } from '../../core/check/liveness';
import type { FaultRecovery, OpCounts } from '../../core/check/report';
import type { SafetyProperty } from '../../core/protocol';
import type { ConsistencyResult, ConsistencySpec } from '../../core/protocols/plugin';

/**
 * ConsistencyView is the last check of the protocol's consistency model (ProtocolEntry.consistency):
 * linearizability for Raft and PBFT, atomic commit for 2PC, eventual delivery for gossip.
 */
export interface ConsistencyView {
  spec: Pick<ConsistencySpec, 'id' | 'title' | 'description' | 'source'>;
  result: ConsistencyResult;
  /** Virtual ms of the run when it was checked. */
  at: number;
  /** Wall ms the check took. */
  ms: number;
}

/** LinView is the last linearizability check (key-value protocols only): the verdict and what it checked, for the history chart. */
export interface LinView {
  result: CheckResult;
  /** The history checked (for the chart). */
  history: KvHistory;
  /** Virtual ms of the run when it was checked. */
  at: number;
  /** Wall ms the check took. */
  ms: number;
}

/** ChecksState is the checks' view of the current run. */
export interface ChecksState {
  properties: readonly SafetyProperty[];
  /** The protocol checked (a registry name), for its consistency model's lamp before the first check. */
  protocol: string;
  violations: FoundViolation[];
  /** The consistency lamp's last check, or null before the first. */
  consistency: ConsistencyView | null;
  /** The history chart's data, when the consistency model is linearizability of a key-value history. */
  lin: LinView | null;
  ops: OpCounts;
  recoveries: FaultRecovery[];
  /** The liveness check at the moment shown (core/check/liveness.ts), or null before the first frame. */
  liveness: LivenessVerdict | null;
  /** Whether the history chart is open. */
  historyOpen: boolean;
  /** The share URL of the first violation's moment, once made. */
  violationUrl: string | null;
  reset(properties: readonly SafetyProperty[], protocol: string): void;
  set(partial: Partial<Omit<ChecksState, 'reset' | 'set'>>): void;
}

const NO_OPS: OpCounts = { submitted: 0, ok: 0, fail: 0, info: 0 };

export const useChecks = create<ChecksState>()((set) => ({
  properties: [],
  protocol: '',
  violations: [],
  consistency: null,
  lin: null,
  ops: NO_OPS,
  recoveries: [],
  liveness: null,
  historyOpen: false,
  violationUrl: null,
  reset: (properties, protocol) => set({ properties, protocol, violations: [], consistency: null, lin: null, ops: NO_OPS, recoveries: [], liveness: null, historyOpen: false, violationUrl: null }),
  set: (partial) => set(partial),
}));
