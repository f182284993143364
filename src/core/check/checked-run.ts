/**
 * CheckedRun: a run in this thread with the protocol's safety monitor watching after every event,
 * the client history kept for the linearizability checker, and the facts a run report needs.
 * The fuzzer, the headless report and the browser's invariant lamps all use it: in the browser it
 * shadows the run that the Web Workers compute (same scenario, same events, so the same states).
 */
import { getProtocol } from '../protocols/registry';
import type { SafetyMonitor, SafetyProperty, Violation } from '../protocol';
import type { ConsistencyInput, ConsistencyResult, ConsistencySpec, ProtocolEntry } from '../protocols/plugin';
import type { Scenario, TimelineAction } from '../scenario/types';
import { LocalHosts } from '../sim/run';
import type { SimLimits } from '../sim/options';
import { Simulation } from '../sim/simulation';
import type { TraceRecord, TraceSink } from '../trace';
import type { DistributiveOmit, VirtualMs } from '../types';
import { LivenessMonitor } from './liveness';
import { RunRecorder } from './report';

/** ClientRecord is a `client` trace record: one step of the client history. */
export type ClientRecord = Extract<TraceRecord, { type: 'client' }>;

/** ProtocolRecord is a `record` trace record: a protocol's structured record (StepEnv.record). */
export type ProtocolRecord = Extract<TraceRecord, { type: 'record' }>;

/** FoundViolation is a violation and the moment it was found: after `events` handled events. */
export interface FoundViolation extends Violation {
  events: number;
}

/** CheckedRunOptions tune a checked run. */
export interface CheckedRunOptions {
  /** Also send every trace record here. */
  trace?: TraceSink;
  /** Events between the monitor's whole-cluster checks (default 100). */
  checkEvery?: number;
  limits?: Partial<SimLimits>;
  /** Called after every event the run handles, e.g. to note its time for time travel. */
  onEvent?: (sim: Simulation) => void;
}

/** CheckedRun steps a scenario one event at a time, checking the protocol's invariants. */
export class CheckedRun {
  readonly sim: Simulation;
  readonly hosts: LocalHosts;
  readonly monitor: SafetyMonitor;
  readonly properties: readonly SafetyProperty[];
  /** Every client record, in order: the history the consistency model checks. */
  readonly history: ClientRecord[] = [];
  /** Every protocol record (StepEnv.record), in order, for the protocol's consistency check. */
  readonly records: ProtocolRecord[] = [];
  /** Every fault and resume record, in order: what the protocol's measures read of the faults. */
  readonly faults: Extract<TraceRecord, { type: 'fault' | 'resume' }>[] = [];
  /** The protocol's consistency model and checker (its registry entry's `consistency`). */
  readonly consistencySpec: ConsistencySpec;
  private readonly entry: ProtocolEntry;
  readonly recorder = new RunRecorder();
  /** The liveness check: once faults stop, operations complete (liveness.ts). */
  readonly liveness: LivenessMonitor;
  /** Violations with the moment each was found, in order. */
  readonly found: FoundViolation[] = [];
  private readonly checkEvery: number;
  private sinceCheck = 0;
  private readonly onEvent: ((sim: Simulation) => void) | undefined;

  /** @throws Error if the scenario names an unknown protocol. */
  constructor(scenario: Scenario, opts: CheckedRunOptions = {}) {
    this.entry = getProtocol(scenario.protocol);
    const { protocol, consistency } = this.entry;
    this.consistencySpec = consistency;
    this.hosts = new LocalHosts(scenario);
    this.properties = protocol.safety.properties;
    this.monitor = protocol.safety.monitor(scenario.nodes, this.hosts);
    this.checkEvery = opts.checkEvery ?? 100;
    this.onEvent = opts.onEvent;
    this.liveness = new LivenessMonitor(scenario);
    const extra = opts.trace;
    this.sim = new Simulation(scenario, {
      ...(opts.limits ? { limits: opts.limits } : {}),
      trace: (r) => {
        this.monitor.observe(r);
        this.recorder.observe(r);
        this.liveness.observe(r);
        if (r.type === 'client') this.history.push(r);
        else if (r.type === 'record') this.records.push(r);
        else if (r.type === 'fault' || r.type === 'resume') this.faults.push(r);
        if (extra) extra(r);
      },
    });
  }

  /** first is the first violation found, or null. */
  get first(): FoundViolation | null {
    return this.found[0] ?? null;
  }

  /**
   * advance handles events due by `until` (virtual ms), at most `maxEvents`, one at a time. With
   * `stopOnViolation` it stops right after the event that broke a property. Returns the number of
   * events handled.
   */
  advance(until: VirtualMs, maxEvents = Infinity, stopOnViolation = true): number {
    const start = this.sim.eventsProcessed;
    while (this.sim.eventsProcessed - start < maxEvents) {
      if (this.sim.runLocal(this.hosts.step, until, 1) === 0) break;
      this.onEvent?.(this.sim);
      if (++this.sinceCheck >= this.checkEvery) {
        this.sinceCheck = 0;
        this.monitor.check(this.sim.now);
      }
      if (this.collect() && stopOnViolation) break;
    }
    this.liveness.tick(this.sim.now);
    return this.sim.eventsProcessed - start;
  }

  /** checkNow runs the whole-cluster checks at once (e.g. when a run pauses); true if something new broke. */
  checkNow(): boolean {
    this.sinceCheck = 0;
    this.monitor.check(this.sim.now);
    return this.collect();
  }

  /**
   * consistency runs the protocol's consistency check (ProtocolEntry.consistency) on the run so far:
   * `final` once the run is over (a convergence check judges only then). `budget` bounds it: a
   * wall-clock `deadline` (UI, CLI) or a deterministic `maxSteps` (the fuzzer).
   */
  consistency(final: boolean, budget: { deadline?: () => boolean; maxSteps?: number } = {}): ConsistencyResult {
    return this.consistencySpec.check(this.input(final, budget));
  }

  /** metrics gives the protocol's own measures of the run so far (ProtocolEntry.metrics), or undefined when it declares none. */
  metrics(): Record<string, unknown> | undefined {
    return this.entry.metrics?.(this.input(true, {}));
  }

  private input(final: boolean, budget: { deadline?: () => boolean; maxSteps?: number }): ConsistencyInput {
    const sim = this.sim;
    return {
      scenario: sim.scenario,
      history: this.history,
      records: this.records,
      faults: this.faults,
      view: this.hosts,
      live: sim.scenario.nodes.filter((id) => !sim.isDown(id)),
      connected: (a, b) => sim.bus.blocked(a, b) === null,
      now: sim.now,
      final,
      ...budget,
    };
  }

  /** act records a user action, as Simulation.act does. @throws ScenarioError for an invalid action. */
  act(action: DistributiveOmit<TimelineAction, 'at'>): TimelineAction {
    return this.sim.act(action);
  }

  /**
   * runToEnd runs to the scenario's `until` (or the first violation), checks once more and marks
   * operations still pending as `info`.
   */
  runToEnd(stopOnViolation = false): this {
    const until = this.sim.scenario.until;
    this.advance(until, Infinity, stopOnViolation);
    if (stopOnViolation && this.first) return this;
    if (!this.sim.stopped) this.sim.advanceTo(until);
    this.liveness.tick(this.sim.now);
    this.checkNow();
    this.sim.finish();
    return this;
  }

  private collect(): boolean {
    const all = this.monitor.violations;
    if (all.length === this.found.length) return false;
    for (let i = this.found.length; i < all.length; i++) this.found.push({ ...all[i]!, events: this.sim.eventsProcessed });
    return true;
  }
}
