/**
 * PBFT headless: simulated seconds per wall second for 4 and 7 replicas on the benchmark's request
 * stream (50 requests/s over 10 clients), plain (trace off) and checked (the Agreement and
 * Validity monitor after every event, as the fuzzer and the browser's lamps run it), honest and
 * with the primary turning into an equivocator at 2 s (a view change, then a Byzantine backup).
 */
import { CheckedRun } from '../src/core/check/checked-run';
import { runScenario } from '../src/core/sim/run';
import { pbftScenario } from './workload';

/** PbftRow is one measured configuration (median of `runs`). */
export interface PbftRow {
  label: string;
  nodes: number;
  checked: boolean;
  virtualSeconds: number;
  events: number;
  opsOk: number;
  simSecondsPerWallSecond: number;
  eventsPerSecond: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;

/** measurePbft runs each configuration `runs` times after one warm-up. */
export function measurePbft(untilMs = 60_000, runs = 3): PbftRow[] {
  const rows: PbftRow[] = [];
  const equivocate = [{ at: 2000, action: 'byzantine', node: 'leader', behaviour: 'equivocate' }];
  for (const nodes of [4, 7]) {
    for (const [label, extra] of [['honest', []], ['primary equivocates at 2 s', equivocate]] as const) {
      const sc = pbftScenario({ untilMs, nodes }, [...extra]);
      for (const checked of [false, true]) {
        const once = () => {
          const t0 = performance.now();
          if (checked) {
            const r = new CheckedRun(sc).runToEnd(false);
            if (r.found.length) throw new Error(`PBFT bench: ${r.found[0]!.property} broke: ${r.found[0]!.text}`);
            return { ms: performance.now() - t0, events: r.sim.eventsProcessed, ok: r.recorder.ops.ok };
          }
          const { sim } = runScenario(sc);
          return { ms: performance.now() - t0, events: sim.eventsProcessed, ok: -1 };
        };
        once();
        const results = Array.from({ length: runs }, once);
        const ms = median(results.map((r) => r.ms));
        rows.push({
          label,
          nodes,
          checked,
          virtualSeconds: untilMs / 1000,
          events: results[0]!.events,
          opsOk: results[0]!.ok,
          simSecondsPerWallSecond: untilMs / ms,
          eventsPerSecond: (results[0]!.events / ms) * 1000,
        });
      }
    }
  }
  return rows;
}
