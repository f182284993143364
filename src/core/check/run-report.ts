/**
 * The run report of one scenario, as `npm run sim -- --report` prints it and the UI's run summary
 * shows it: operations submitted and succeeded, the recovery time after each fault, the safety
 * violations (with the moment each was found) and the verdict of the protocol's consistency model.
 */
import type { Scenario } from '../scenario/types';
import type { VirtualMs } from '../types';
import { CheckedRun, type FoundViolation } from './checked-run';
import type { ConsistencyVerdict } from '../protocols/plugin';
import type { CalmSpell, LivenessVerdict } from './liveness';
import type { FaultRecovery, OpCounts } from './report';
import type { TraceSink } from '../trace';

/** RunReport is the JSON a report prints. Times are virtual ms. */
export interface RunReport {
  protocol: string;
  seed: number;
  nodes: number;
  /** The run's end (virtual ms) and the events handled. */
  endMs: VirtualMs;
  events: number;
  operations: OpCounts;
  faults: FaultRecovery[];
  /** Mean and worst recovery over the faults that recovered (virtual ms), or null if none did. */
  recovery: { meanMs: number; worstMs: number; notRecovered: number } | null;
  violations: FoundViolation[];
  /**
   * The protocol's consistency check (ProtocolEntry.consistency): `model` its id (`linearizability`,
   * `atomic-commit`, `eventual-delivery`), its verdict, why, the operations checked and a detail line.
   */
  consistency: { model: string; title: string; verdict: ConsistencyVerdict; reason?: string; operations: number; detail?: string };
  /** What "recovered" means in `faults` and `recovery` for this protocol, e.g. `a stable leader with a quorum`. */
  recoveryMeaning: string;
  /** The liveness check at the end (liveness.ts), and every stall it found: an operation that waited past the bound with no fault in force. */
  liveness: LivenessVerdict & { stalls: NonNullable<CalmSpell['stall']>[] };
  /** The protocol's own measures (ProtocolEntry.metrics), when it declares any. */
  metrics?: Record<string, unknown>;
}

/** STABLE_MS: a recovered state (by default a leader) counts as stable once it has lasted this long (virtual ms). */
export const STABLE_MS = 1000;

/**
 * runReport runs `scenario` to its end with every check on and reports it. `deadline` bounds the
 * consistency check (the caller's clock; the verdict is `unknown` when it passes); `trace` also
 * receives every trace record (e.g. for a comparison's own measures).
 */
export function runReport(scenario: Scenario, opts: { deadline?: () => boolean; trace?: TraceSink } = {}): RunReport {
  const run = new CheckedRun(scenario, opts.trace ? { trace: opts.trace } : {}).runToEnd(false);
  const c = run.consistency(true, opts.deadline ? { deadline: opts.deadline } : {});
  const spec = run.consistencySpec;
  const faults = run.recorder.recoveries(run.sim.now, STABLE_MS);
  const metrics = run.metrics();
  const done = faults.flatMap((f) => (f.recoveryMs === null ? [] : [f.recoveryMs]));
  return {
    protocol: scenario.protocol,
    seed: scenario.seed,
    nodes: scenario.nodes.length,
    endMs: run.sim.now,
    events: run.sim.eventsProcessed,
    operations: { ...run.recorder.ops },
    faults,
    recovery: faults.length ? { meanMs: done.length ? Math.round(done.reduce((a, b) => a + b, 0) / done.length) : 0, worstMs: done.length ? Math.max(...done) : 0, notRecovered: faults.length - done.length } : null,
    violations: run.found,
    consistency: { model: spec.id, title: spec.title, verdict: c.verdict, ...(c.reason ? { reason: c.reason } : {}), operations: c.operations, ...(c.detail ? { detail: c.detail } : {}) },
    recoveryMeaning: run.recorder.meaning,
    liveness: { ...run.liveness.verdictAt(run.sim.now), stalls: run.liveness.spells.flatMap((s) => (s.stall ? [s.stall] : [])) },
    ...(metrics ? { metrics } : {}),
  };
}
