/**
 * The fuzzer's core: run one seeded chaos scenario with every check on, decide whether it failed,
 * and shrink a failure to a short scenario. `npm run fuzz` (src/cli/fuzz.ts) spreads seeds over
 * worker threads; tests call these functions directly. Pure: no clock, no randomness but the seed.
 */
import { chaosScenario, type ChaosOptions } from '../chaos/scenarios';
import type { Moment } from '../scenario/share';
import type { Scenario } from '../scenario/types';
import { CheckedRun } from './checked-run';
import { checkLinearizability, historyFromTrace, kvModel, type CheckResult, type Verdict } from './linearizability';
import type { OpCounts } from './report';
import { shrink, type Failure } from './shrink';

/** Budget of the linearizability check in a fuzz run: small histories, so a small budget. */
const FUZZ_LIN_BUDGET = { maxSteps: 2_000_000, maxCacheEntries: 1_000_000 };

/** RunFailure is a failure and the moment to show it at (share links open there). */
export interface RunFailure extends Failure {
  moment: Moment;
  nodes: string[];
}

/** CheckedOutcome is one scenario's run with every check. */
export interface CheckedOutcome {
  run: CheckedRun;
  failure: RunFailure | null;
  linearizability: CheckResult | null;
}

/**
 * checkScenario runs `scenario` with the safety monitor (stopping at the first violation) and, if
 * the run ends clean, checks liveness (an operation stalled with no fault in force, liveness.ts)
 * and its client history for linearizability against the key-value model.
 */
export function checkScenario(scenario: Scenario): CheckedOutcome {
  const run = new CheckedRun(scenario).runToEnd(true);
  const v = run.first;
  if (v) {
    return {
      run,
      linearizability: null,
      failure: { kind: v.property, t: v.t, text: v.text, nodes: v.nodes, moment: { events: v.events, t: v.t } },
    };
  }
  const end = { events: run.sim.eventsProcessed, t: run.sim.now };
  const stall = run.liveness.spells.find((s) => s.stall)?.stall;
  if (stall) {
    const text = run.liveness.verdictAt(stall.t).text;
    return { run, linearizability: null, failure: { kind: 'liveness', t: stall.t, text, nodes: [], moment: end } };
  }
  const lin = checkLinearizability(historyFromTrace(run.history), kvModel(), FUZZ_LIN_BUDGET);
  const failure: RunFailure | null =
    lin.verdict === 'not linearizable'
      ? { kind: 'linearizability', t: run.sim.now, text: lin.reason ?? 'the client history is not linearizable', nodes: [], moment: end }
      : null;
  return { run, failure, linearizability: lin };
}

/** FuzzOutcome is the summary of one fuzz seed, small enough to send between threads. */
export interface FuzzOutcome {
  seed: number;
  nodes: number;
  events: number;
  /** Virtual ms the run covered. */
  virtualMs: number;
  ops: OpCounts;
  failure: RunFailure | null;
  linearizability: Verdict | 'skipped';
  /** Whether a leader was in place when the run ended (faults stop two thirds of the way in). */
  leaderAtEnd: boolean;
}

/** fuzzSeed runs chaos seed `seed` with `opts` and summarises it. */
export function fuzzSeed(seed: number, opts: ChaosOptions = {}): FuzzOutcome {
  const scenario = chaosScenario(seed, opts);
  const { run, failure, linearizability } = checkScenario(scenario);
  return {
    seed,
    nodes: scenario.nodes.length,
    events: run.sim.eventsProcessed,
    virtualMs: run.sim.now,
    ops: { ...run.recorder.ops },
    failure,
    linearizability: linearizability?.verdict ?? 'skipped',
    leaderAtEnd: run.sim.leader() !== null,
  };
}

/** Shrunk is a failing seed's scenario cut down, and its failure there. */
export interface Shrunk {
  scenario: Scenario;
  failure: RunFailure;
  runs: number;
}

/** shrinkSeed re-creates seed `seed`'s scenario and shrinks its failure (see shrink.ts). */
export function shrinkSeed(seed: number, opts: ChaosOptions, failure: RunFailure, maxRuns = 300): Shrunk {
  const scenario = chaosScenario(seed, opts);
  const r = shrink(scenario, failure, (s) => checkScenario(s).failure, maxRuns);
  return { scenario: r.scenario, failure: r.failure, runs: r.runs };
}
