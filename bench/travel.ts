/**
 * Time-travel benchmarks (bench/run.ts section 8), in this thread, with the browser's main-thread
 * pipeline: the visible Simulation feeding the event-log collector and the space-time index, a
 * TimeMachine capturing checkpoints as the Runner does (CHECKPOINT_DEFAULTS: every 1,000 events, thinned).
 *
 * - seek: random seeks over a run of at least 100,000 events, p50 / p99 / max wall ms, each seek
 *   being checkpoint restore + in-thread replay + a copy of every node's state (what the workers get);
 * - memory (bench/travel-memory-child.ts, a child process): one virtual hour with all of the above.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { getProtocol } from '../src/core/protocols/registry';
import { Rng } from '../src/core/prng';
import { LocalHosts } from '../src/core/sim/run';
import { Simulation } from '../src/core/sim/simulation';
import { TimeMachine, nodeSnapshots } from '../src/core/travel/machine';
import type { Scenario } from '../src/core/scenario/types';
import { TraceCollector, type CollectorSnapshot } from '../src/ui/controller/collector';
import { SpaceTimeIndex } from '../src/ui/spacetime/model';
import { raftScopeScenario } from './workload';

/** Pipeline is the main thread of the browser playground, with in-thread nodes. */
export interface Pipeline {
  sim: Simulation;
  hosts: LocalHosts;
  collector: TraceCollector;
  spacetime: SpaceTimeIndex;
  /** The diagram index takes records only while the run moves forward (in the browser it is fed by the checker's copy). */
  recording: boolean;
  machine: TimeMachine<CollectorSnapshot>;
}

/** pipeline builds the main-thread pieces for `scenario`, as Runner.load does. */
export function pipeline(scenario: Scenario): Pipeline {
  const protocol = getProtocol(scenario.protocol).protocol;
  const collector = new TraceCollector(protocol);
  const spacetime = new SpaceTimeIndex(protocol, scenario.nodes, { maxMessages: 100_000 });
  let n = 0;
  let p: Pipeline | null = null;
  const sim = new Simulation(scenario, {
    trace: (r) => {
      collector.sink(r);
      if (p?.recording !== false) spacetime.add(r, n++);
    },
  });
  collector.eventOf = () => sim.eventsProcessed;
  const hosts = new LocalHosts(sim.scenario);
  const machine = new TimeMachine<CollectorSnapshot>();
  p = { sim, hosts, collector, spacetime, recording: true, machine };
  machine.capture(sim, () => nodeSnapshots(hosts), () => collector.snapshot(), true);
  return p;
}

/** advance runs the pipeline by up to `events` events, noting each and capturing checkpoints. */
export function advance(p: Pipeline, events: number, until = Infinity): void {
  for (let i = 0; i < events; i++) {
    if (p.sim.runLocal(p.hosts.step, until, 1) === 0) break;
    p.machine.noteEvent(p.sim.now);
    if (p.sim.eventsProcessed % 500 === 0) p.machine.capture(p.sim, () => nodeSnapshots(p.hosts), () => p.collector.snapshot());
  }
}

/** SeekBench is what benchSeek measured (wall ms). */
export interface SeekBench {
  events: number;
  virtualMs: number;
  checkpoints: number;
  spacingEvents: number;
  buildMs: number;
  seeks: number;
  /** Checkpoint restore + replay + views, in this thread. */
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Copying every node's state for its worker (a structured clone, as postMessage makes). */
  handoffP50Ms: number;
  handoffP99Ms: number;
}

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))]!;

/** benchSeek records a RaftScope run of `events` events and seeks to `seeks` random moments of it. */
export function benchSeek(events = 100_000, seeks = 300): SeekBench {
  const t0 = performance.now();
  const p = pipeline(raftScopeScenario({ untilMs: 180_000 }));
  advance(p, events);
  const buildMs = performance.now() - t0;
  const rng = Rng.derive(1, 'seek-bench');
  const times: number[] = [];
  const handoff: number[] = [];
  for (let i = 0; i < seeks; i++) {
    const t = rng.int(0, p.machine.horizonTime);
    const s = performance.now();
    p.recording = false;
    const hosts = p.machine.seek(p.sim, p.machine.times.countAt(t), (c) => p.collector.restore(c.extra));
    p.sim.advanceTo(t);
    times.push(performance.now() - s);
    const h = performance.now();
    for (const id of p.sim.scenario.nodes) structuredClone(hosts.nodes.get(id)!.snapshot());
    handoff.push(performance.now() - h);
  }
  return {
    events: p.machine.horizon,
    virtualMs: p.machine.horizonTime,
    checkpoints: p.machine.checkpoints.size,
    spacingEvents: p.machine.checkpoints.spacing,
    buildMs,
    seeks,
    p50Ms: pct(times, 50),
    p99Ms: pct(times, 99),
    maxMs: Math.max(...times),
    handoffP50Ms: pct(handoff, 50),
    handoffP99Ms: pct(handoff, 99),
  };
}

/** TravelMemory is the child's report (see travel-memory-child.ts). */
export interface TravelMemory {
  untilMs: number;
  events: number;
  records: number;
  checkpoints: number;
  spacingEvents: number;
  messagesIndexed: number;
  maxRssKb: number;
  /** The JS heap in use after a full GC at the end: what the run really keeps (MB). */
  heapAfterGcMb: number;
  wallMs: number;
}

/** benchTravelMemory runs the one-hour pipeline in a child process and gives its peak RSS. */
export function benchTravelMemory(root: string, untilMs: number): TravelMemory | { error: string } {
  const r = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', join(root, 'bench/travel-memory-child.ts'), String(untilMs)], { cwd: root, encoding: 'utf8', timeout: 600_000 });
  if (r.status !== 0) return { error: `travel memory child exited ${r.status ?? r.signal}: ${r.stderr.slice(-500)}` };
  return JSON.parse(r.stdout.trim().split('\n').at(-1)!) as TravelMemory;
}
