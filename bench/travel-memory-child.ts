/**
 * Time-travel memory run, in a child process (bench/travel.ts starts it): one virtual hour of the
 * RaftScope workload (2 requests/s, as memory-child.ts) through the browser's main-thread pipeline
 * — trace kept for export (capped), event-log collector, space-time index, checkpoints — and prints
 * one JSON line with the peak RSS and the heap after a full GC.
 * Usage: node --expose-gc --import tsx bench/travel-memory-child.ts [untilMs]
 */
import { advance, pipeline } from './travel';
import { raftScopeScenario } from './workload';

const untilMs = Number(process.argv[2]) || 3_600_000;
const t0 = performance.now();
const p = pipeline(raftScopeScenario({ untilMs, requestsPerSecond: 2 }));
while (p.sim.nextEventTime <= untilMs) advance(p, 100_000, untilMs);
const wallMs = performance.now() - t0;
(globalThis as { gc?: () => void }).gc?.();
const mem = process.memoryUsage();
console.log(
  JSON.stringify({
    untilMs,
    events: p.sim.eventsProcessed,
    records: p.collector.total,
    checkpoints: p.machine.checkpoints.size,
    spacingEvents: p.machine.checkpoints.spacing,
    messagesIndexed: p.spacetime.messages.length,
    maxRssKb: process.resourceUsage().maxRSS,
    heapAfterGcMb: mem.heapUsed / 2 ** 20,
    wallMs,
  }),
);
