/**
 * The run report of one scenario, as `npm run sim -- --report` prints it and the UI's run summary
 * shows it: operations submitted and succeeded, the recovery time after each fault, the safety
 * violations (with the moment each was found) and the linearizability verdict of the history.
 */
import type { Scenario } from '../scenario/types';
import type { VirtualMs } from '../types';
import { CheckedRun, type FoundViolation } from './checked-run';
import { checkLinearizability, historyFromTrace, kvModel, type Verdict } from './linearizability';
import type { CalmSpell, LivenessVerdict } from './liveness';
import type { FaultRecovery, OpCounts } from './report';

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
  linearizability: { verdict: Verdict; reason?: string; operations: number; keys: number };
  /** The liveness check at the end (liveness.ts), and every stall it found: an operation that waited past the bound with no fault in force. */
  liveness: LivenessVerdict & { stalls: NonNullable<CalmSpell['stall']>[] };
}

/** STABLE_MS: a leader counts as stable once it has kept its place this long (virtual ms). */
export const STABLE_MS = 1000;

/**
 * runReport runs `scenario` to its end with every check on and reports it. `deadline` bounds the
 * linearizability check (the caller's clock; the verdict is `unknown` when it passes).
 */
export function runReport(scenario: Scenario, opts: { deadline?: () => boolean } = {}): RunReport {
  const run = new CheckedRun(scenario).runToEnd(false);
  const history = historyFromTrace(run.history);
  const lin = checkLinearizability(history, kvModel(), opts.deadline ? { deadline: opts.deadline } : {});
  const faults = run.recorder.recoveries(run.sim.now, STABLE_MS);
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
    linearizability: { verdict: lin.verdict, ...(lin.reason ? { reason: lin.reason } : {}), operations: history.length, keys: lin.keys.length },
    liveness: { ...run.liveness.verdictAt(run.sim.now), stalls: run.liveness.spells.flatMap((s) => (s.stall ? [s.stall] : [])) },
  };
}
