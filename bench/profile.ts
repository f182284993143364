/**
 * Profiling harness: runs the RaftScope workload in-thread (trace off unless --trace) a few times so
 * a CPU profile is dominated by steady-state simulation. `npx tsx bench/cpu-profile.ts` bundles it,
 * profiles it and prints the hottest functions and lines with their source file:line. (Profiling it
 * under tsx directly works too, but tsx's output puts every function on line 1.)
 */
import { runScenario } from '../src/core/sim/run';
import { raftScopeScenario } from './workload';

const args = process.argv.slice(2);
const trace = args.includes('--trace');
const runs = Number(args[args.indexOf('--runs') + 1]) || 6;
const scenario = raftScopeScenario({ untilMs: 120_000 });
let bytes = 0;
for (let i = 0; i < runs; i++) {
  const t0 = performance.now();
  const { sim } = runScenario(scenario, trace ? { trace: (r) => void (bytes += JSON.stringify(r).length) } : {});
  const ms = performance.now() - t0;
  console.log(`run ${i + 1}: ${sim.eventsProcessed} events in ${ms.toFixed(0)} ms = ${((scenario.until / ms)).toFixed(0)}× real time${trace ? `, ${bytes} trace bytes` : ''}`);
}
