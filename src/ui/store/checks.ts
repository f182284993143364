/**
 * The checks store: what the invariant lamps, the linearizability verdict, the history chart and
 * the run summary show. The controller's shadow checker (controller/checker.ts) writes it; it is
 * kept apart from the run store because it changes rarely and is read by a few panels only.
 */
import { create } from 'zustand';
import type { FoundViolation } from '../../core/check/checked-run';
import type { CheckResult, KvHistory } from '../../core/check/linearizability';
import type { LivenessVerdict } from '../../core/check/liveness';
import type { FaultRecovery, OpCounts } from '../../core/check/report';
import type { SafetyProperty } from '../../core/protocol';

/** LinView is the last linearizability check: the verdict and what it checked. */
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
  violations: FoundViolation[];
  lin: LinView | null;
  ops: OpCounts;
  recoveries: FaultRecovery[];
  /** The liveness check at the moment shown (core/check/liveness.ts), or null before the first frame. */
  liveness: LivenessVerdict | null;
  /** Whether the history chart is open. */
  historyOpen: boolean;
  /** The share URL of the first violation's moment, once made. */
  violationUrl: string | null;
  reset(properties: readonly SafetyProperty[]): void;
  set(partial: Partial<Omit<ChecksState, 'reset' | 'set'>>): void;
}

const NO_OPS: OpCounts = { submitted: 0, ok: 0, fail: 0, info: 0 };

export const useChecks = create<ChecksState>()((set) => ({
  properties: [],
  violations: [],
  lin: null,
  ops: NO_OPS,
  recoveries: [],
  liveness: null,
  historyOpen: false,
  violationUrl: null,
  reset: (properties) => set({ properties, violations: [], lin: null, ops: NO_OPS, recoveries: [], liveness: null, historyOpen: false, violationUrl: null }),
  set: (partial) => set(partial),
}));
