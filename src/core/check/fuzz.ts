/**
 * The fuzzer's core: run one seeded chaos scenario with every check on, decide whether it failed,
 * and shrink a failure to a short scenario. `npm run fuzz` (src/cli/fuzz.ts) spreads seeds over
 * worker threads; tests call these functions directly. Pure: no clock, no randomness but the seed.
 */
import { chaosScenario, type ChaosOptions } from '../chaos/scenarios';
import type { Moment } from '../scenario/share';
import type { Scenario } from '../scenario/types';
import { CheckedRun } from './checked-run';
import type { ConsistencyResult, ConsistencyVerdict } from '../protocols/plugin';
import type { OpCounts } from './report';
import { shrink, type Failure } from './shrink';

/** Budget of the consistency check in a fuzz run, in search steps (deterministic): small histories, so a small budget. */
const FUZZ_CHECK_STEPS = 2_000_000;

/** RunFailure is a failure and the moment to show it at (share links open there). */
export interface RunFailure extends Failure {
  moment: Moment;
  nodes: string[];
}

/** CheckedOutcome is one scenario's run with every check. */
export interface CheckedOutcome {
  run: CheckedRun;
  failure: RunFailure | null;
  /** The consistency check's result (ProtocolEntry.consistency), null when the run already failed. */
  consistency: ConsistencyResult | null;
}

/**
 * checkScenario runs `scenario` with the safety monitor (stopping at the first violation) and, if
 * the run ends clean, checks liveness (an operation stalled with no fault in force, liveness.ts)
 * and the protocol's consistency model (linearizability for Raft and PBFT, atomic commit for 2PC,
 * eventual delivery for gossip). A consistency failure's `kind` is the model's id.
 */
export function checkScenario(scenario: Scenario): CheckedOutcome {
  const run = new CheckedRun(scenario).runToEnd(true);
  const v = run.first;
  if (v) {
    return {
      run,
      consistency: null,
      failure: { kind: v.property, t: v.t, text: v.text, nodes: v.nodes, moment: { events: v.events, t: v.t } },
    };
  }
  const end = { events: run.sim.eventsProcessed, t: run.sim.now };
  const stall = run.liveness.spells.find((s) => s.stall)?.stall;
  if (stall) {
    const text = run.liveness.verdictAt(stall.t).text;
    return { run, consistency: null, failure: { kind: 'liveness', t: stall.t, text, nodes: [], moment: end } };
  }
  const spec = run.consistencySpec;
  const result = run.consistency(true, { maxSteps: FUZZ_CHECK_STEPS });
  const failure: RunFailure | null =
    result.verdict === 'fail'
      ? { kind: spec.id, t: run.sim.now, text: result.reason ?? `the run breaks ${spec.title.toLowerCase()}`, nodes: result.nodes ?? [], moment: end }
      : null;
  return { run, failure, consistency: result };
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
  /** The consistency check's verdict; `skipped` when the run failed before it. */
  consistency: ConsistencyVerdict | 'skipped';
  /** Whether the cluster was recovered when the run ended, in the protocol's sense (by default a leader with a quorum; faults stop two thirds of the way in). */
  recoveredAtEnd: boolean;
}

/** fuzzSeed runs chaos seed `seed` with `opts` and summarises it. */
export function fuzzSeed(seed: number, opts: ChaosOptions = {}): FuzzOutcome {
  const scenario = chaosScenario(seed, opts);
  const { run, failure, consistency } = checkScenario(scenario);
  return {
    seed,
    nodes: scenario.nodes.length,
    events: run.sim.eventsProcessed,
    virtualMs: run.sim.now,
    ops: { ...run.recorder.ops },
    failure,
    consistency: consistency?.verdict ?? 'skipped',
    recoveredAtEnd: run.recorder.recoveredNow,
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
