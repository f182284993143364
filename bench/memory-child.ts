/**
 * Memory run, meant to run in a child process (bench/run.ts starts it): one virtual hour of the
 * RaftScope workload, headless, with every trace record serialised and discarded, as a streaming
 * CLI run would. Prints one JSON line with the process's peak RSS.
 * Requests: 2 per second (7,200 timeline actions; a scenario holds at most 10,000), not 50.
 * Usage: node --import tsx bench/memory-child.ts [untilMs] [requestsPerSecond] | --baseline
 */
import { readFileSync } from 'node:fs';
import { runScenario } from '../src/core/sim/run';
import { raftScopeScenario } from './workload';

function vmHWMKb(): number | null {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

const baseline = process.argv.includes('--baseline');
const untilMs = Number(process.argv[2]) || 3_600_000;
const rps = Number(process.argv[3]) || 2;
const scenario = raftScopeScenario({ untilMs, requestsPerSecond: rps });
let records = 0;
let bytes = 0;
let events = 0;
const t0 = performance.now();
if (!baseline) {
  const { sim } = runScenario(scenario, {
    trace: (r) => {
      records++;
      bytes += JSON.stringify(r).length + 1;
    },
  });
  events = sim.eventsProcessed;
}
const wallMs = performance.now() - t0;
const mem = process.memoryUsage();
console.log(
  JSON.stringify({
    baseline,
    untilMs,
    requestsPerSecond: rps,
    timelineActions: scenario.timeline.length,
    events,
    records,
    traceBytes: bytes,
    wallMs,
    maxRssKb: process.resourceUsage().maxRSS,
    vmHWMKb: vmHWMKb(),
    heapUsedEndMb: mem.heapUsed / 2 ** 20,
  }),
);
