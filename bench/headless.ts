/**
 * Headless in-thread measurement of the RaftScope workload: simulated seconds per wall second and
 * events per second, trace off and trace on (each record serialised by traceLine and discarded, as the
 * CLI would before writing it). Imported by bench/run.ts; also runnable on its own (it prints one
 * JSON line), which is how bench/run.ts measures an esbuild bundle of it (production-like code,
 * without tsx's per-closure keepNames wrappers).
 */
import { fileURLToPath } from 'node:url';
import { runScenario } from '../src/core/sim/run';
import { raftScopeScenario } from './workload';
import type { TraceRecord } from '../src/core/trace';
import { traceLine } from '../src/core/trace-json';

/** HeadlessResult is the median of the measured runs for one trace setting. */
export interface HeadlessRow {
  trace: boolean;
  runs: number;
  virtualSeconds: number;
  events: number;
  /** Median wall time of one run (ms). */
  medianMs: number;
  /** Simulated seconds per wall second (median run). */
  simSecondsPerWallSecond: number;
  eventsPerSecond: number;
  /** Simulated seconds per wall second of the fastest run (less sensitive to a busy machine). */
  bestSimSecondsPerWallSecond: number;
  /** Each run's wall time (ms), in order. */
  allMs: number[];
}

export interface HeadlessOptions {
  untilMs?: number;
  warmup?: number;
  runsOff?: number;
  runsOn?: number;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) >> 1]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

/** measureHeadless runs the workload in this thread: warm-up, then trace off and trace on. */
export function measureHeadless(o: HeadlessOptions = {}): { scenarioActions: number; rows: HeadlessRow[] } {
  const untilMs = o.untilMs ?? 120_000;
  const scenario = raftScopeScenario({ untilMs });
  let sink = 0;
  const traceOn = { trace: (r: TraceRecord) => void (sink += traceLine(r).length) };
  const once = (trace: boolean) => {
    const t0 = performance.now();
    const { sim } = runScenario(scenario, trace ? traceOn : {});
    return { ms: performance.now() - t0, events: sim.eventsProcessed };
  };
  for (let i = 0; i < (o.warmup ?? 2); i++) {
    once(false);
    once(true);
  }
  const rows: HeadlessRow[] = [];
  for (const [trace, runs] of [[false, o.runsOff ?? 5], [true, o.runsOn ?? 3]] as const) {
    const results = Array.from({ length: runs }, () => once(trace));
    const ms = median(results.map((r) => r.ms));
    const events = results[0]!.events;
    rows.push({
      trace,
      runs,
      virtualSeconds: untilMs / 1000,
      events,
      medianMs: ms,
      simSecondsPerWallSecond: untilMs / ms,
      eventsPerSecond: (events / ms) * 1000,
      bestSimSecondsPerWallSecond: untilMs / Math.min(...results.map((r) => r.ms)),
      allMs: results.map((r) => Math.round(r.ms * 10) / 10),
    });
  }
  if (sink < 0) console.log(sink); // keep the serialisation observable
  return { scenarioActions: scenario.timeline.length, rows };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  console.log(JSON.stringify(measureHeadless()));
}
