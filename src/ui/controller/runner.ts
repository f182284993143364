/**
 * Runner: owns the Simulation, the per-node Web Workers and the trace collector, and drives the run
 * from a requestAnimationFrame loop, publishing snapshots to the store. Every operation touching the
 * simulation runs under one async lock (`run`), so a frame, a user action, a step and a reload never
 * interleave: an action must be recorded between windows, never inside one.
 *
 * Time: `vt` is the display's virtual time (virtual ms, fractional). While playing it grows by
 * speed × wall ms; each frame advances the simulation to floor(vt) within a wall budget.
 */
import type { NodeDetail } from '../../core/protocol';
import { getProtocol } from '../../core/protocols/registry';
import type { Moment } from '../../core/scenario/share';
import type { Scenario } from '../../core/scenario/types';
import { advanceAsync } from '../../core/sim/run';
import { Simulation } from '../../core/sim/simulation';
import type { NodeId } from '../../core/types';
import { createWorkerHosts } from '../../workers/browser-hosts';
import type { RemoteHosts } from '../../workers/remote-hosts';
import type { FoundViolation } from '../../core/check/checked-run';
import { encodeShare } from '../../core/scenario/share';
import type { TimelineAction } from '../../core/scenario/types';
import type { DistributiveOmit } from '../../core/types';
import { useChecks } from '../store/checks';
import { useStore, type RunSnapshot } from '../store/store';
import { ShadowChecker } from './checker';
import { TRACE_CAP, TraceCollector } from './collector';
import { groupsOfBus, linksOf, summariesOf, timersOf } from './snapshot';

/** FRAME_BUDGET_MS is the wall time one frame may spend advancing the simulation. */
const FRAME_BUDGET_MS = 8;
/** Events per advanceAsync call: small at max speed so the budget is checked often. */
const CHUNK = 256;
const MAX_SPEED_CHUNK = 48;
/** Panel details (hosts.inspect) and the event log refresh at most this often while playing. */
const INSPECT_EVERY_MS = 100;
const LOG_EVERY_MS = 100;
/** RUN_CHUNK is how many events a replay or runUntil handles between progress updates. */
export const RUN_CHUNK = 4000;

const store = () => useStore.getState();
export const errText = (e: unknown) => (e instanceof Error ? e.message : String(e));

export class Runner {
  private simV: Simulation | null = null;
  private hostsV: RemoteHosts | null = null;
  private collectorV: TraceCollector | null = null;
  private checker: ShadowChecker | null = null;
  private lock: Promise<unknown> = Promise.resolve();
  private busy = false;
  private vt = 0;
  private lastWall = 0;
  private lastInspect = 0;
  private lastLog = 0;
  private stoppedShown = false;
  private raf = 0;

  get sim(): Simulation | null {
    return this.simV;
  }
  get hosts(): RemoteHosts | null {
    return this.hostsV;
  }
  get collector(): TraceCollector | null {
    return this.collectorV;
  }

  /** start begins the animation loop (once). */
  start(): void {
    if (!this.raf) this.raf = requestAnimationFrame(this.tick);
  }

  /** run executes `fn` under the lock, after everything queued before it. */
  run<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.lock.then(async () => {
      this.busy = true;
      try {
        return await fn();
      } finally {
        this.busy = false;
      }
    });
    this.lock = next.catch(() => undefined);
    return next;
  }

  /** whenIdle resolves once every queued operation (and the frame in progress) is done. */
  whenIdle(): Promise<void> {
    return this.lock.then(() => undefined);
  }

  /** syncClock puts the display time on the simulation's clock (after a step, a reload, a speed change). */
  syncClock(): void {
    if (this.simV) this.vt = this.simV.now;
  }

  /** load (under the lock) replaces the run: new trace, new workers; replays to `moment` if given. */
  async load(scenario: Scenario, moment: Moment | null): Promise<boolean> {
    const st = store();
    this.hostsV?.terminate();
    this.hostsV = this.simV = this.collectorV = this.checker = null;
    useChecks.getState().reset(getProtocol(scenario.protocol).protocol.safety.properties);
    st.setPhase('starting', `Starting ${scenario.nodes.length} node workers…`);
    const collector = new TraceCollector(getProtocol(scenario.protocol).protocol);
    collector.onCap = () =>
      store().pushAlert('info', `The trace kept for export is capped at ${TRACE_CAP.toLocaleString('en')} records: an export holds the run up to that point.`);
    const sim = new Simulation(scenario, { trace: collector.sink });
    let hosts: RemoteHosts;
    try {
      hosts = await createWorkerHosts(sim.scenario);
    } catch (e) {
      st.pushAlert('error', `Could not start the node workers: ${errText(e)}`);
      st.setPhase('ready');
      return false;
    }
    this.simV = sim;
    this.hostsV = hosts;
    this.collectorV = collector;
    this.checker = new ShadowChecker(sim.scenario);
    this.stoppedShown = false;
    if (moment) await this.replay(sim, hosts, moment);
    this.vt = sim.now;
    await this.publish(true);
    st.setPhase('ready');
    return true;
  }

  /** replay runs until exactly `moment.events` events are handled, then moves the clock to moment.t. */
  private async replay(sim: Simulation, hosts: RemoteHosts, moment: Moment): Promise<void> {
    const st = store();
    const progress = () =>
      st.setPhase('replaying', `Replaying the shared run: ${sim.eventsProcessed.toLocaleString('en')} / ${moment.events.toLocaleString('en')} events`);
    progress();
    while (sim.eventsProcessed < moment.events && !sim.stopped) {
      const n = await advanceAsync(sim, hosts, { until: Infinity, maxEvents: Math.min(RUN_CHUNK, moment.events - sim.eventsProcessed) });
      if (n === 0) break;
      progress();
    }
    if (sim.eventsProcessed !== moment.events) {
      st.pushAlert('error', `The share link's moment (${moment.events} events) cannot be reached: the run ${sim.stopped ? `stopped (${sim.stopped})` : `ends after ${sim.eventsProcessed} events`}.`);
      return;
    }
    sim.advanceTo(moment.t);
  }

  // ---------------------------------------------------------------------------------------------
  // The frame loop

  private tick = (wall: number): void => {
    this.raf = requestAnimationFrame(this.tick);
    const dt = this.lastWall ? Math.min(wall - this.lastWall, 100) : 0;
    this.lastWall = wall;
    const st = store();
    const sim = this.simV;
    if (!st.playing || !sim || st.phase !== 'ready') return;
    if (st.speed !== 'max') {
      this.vt += st.speed * dt;
      // Never run far ahead of the simulation when it cannot keep up.
      const lagCap = Math.max(20, st.speed * 250);
      if (this.vt > sim.now + lagCap) this.vt = sim.now + lagCap;
    }
    if (!this.busy) this.run(() => this.frame()).catch((e) => this.fail(e));
  };

  private fail(e: unknown): void {
    store().setPlaying(false);
    store().pushAlert('error', `The simulation failed: ${errText(e)}`);
  }

  private async frame(): Promise<void> {
    const sim = this.simV;
    const hosts = this.hostsV;
    const st = store();
    if (!sim || !hosts || !st.playing || sim.stopped) return;
    const start = performance.now();
    if (st.speed === 'max') {
      while (performance.now() - start < FRAME_BUDGET_MS) {
        const n = await advanceAsync(sim, hosts, { until: Infinity, maxEvents: MAX_SPEED_CHUNK });
        if (n === 0 || sim.stopped) break;
      }
      this.vt = sim.now;
    } else {
      const until = Math.floor(this.vt);
      let reached = false;
      while (performance.now() - start < FRAME_BUDGET_MS) {
        const n = await advanceAsync(sim, hosts, { until, maxEvents: CHUNK });
        if (sim.stopped) break;
        if (n < CHUNK) {
          reached = true;
          break;
        }
      }
      if (reached) sim.advanceTo(until);
    }
    if (sim === this.simV) await this.publish(false);
  }

  /** displayTime is the virtual time to draw at: smooth between frames, never past the next event. */
  displayTime(): number {
    const st = store();
    if (st.playing && st.speed !== 'max' && st.phase === 'ready') return Math.max(st.now, Math.min(this.vt, st.nextEventTime));
    return st.now;
  }

  /** publish pushes a snapshot to the store; details and the log at most every 100 ms unless forced. */
  async publish(force: boolean): Promise<void> {
    const sim = this.simV;
    const hosts = this.hostsV;
    const collector = this.collectorV;
    if (!sim || !hosts || !collector) return;
    const st = store();
    const wall = performance.now();
    const snap: Partial<RunSnapshot> = {
      now: sim.now,
      events: sim.eventsProcessed,
      nextEventTime: sim.nextEventTime,
      summaries: summariesOf(sim, st.summaries),
      leader: sim.leader(),
      inFlight: sim.inFlight(),
      timers: timersOf(sim, st.timers),
      traceCount: collector.records.length,
    };
    const groups = groupsOfBus(sim, st.groups);
    if (groups !== st.groups) snap.groups = groups;
    if (collector.linksDirty) {
      collector.linksDirty = false;
      snap.links = linksOf(sim, st.links);
    }
    if (force || wall - this.lastLog >= LOG_EVERY_MS) {
      this.lastLog = wall;
      if (force || collector.logDirty) snap.logLines = collector.logLines(st);
      if (force || collector.votesDirty) snap.votes = collector.votesView();
    }
    // A violation pauses the run: show the nodes as they are at that moment.
    if (this.runChecks(force)) force = true;
    if (force || wall - this.lastInspect >= INSPECT_EVERY_MS) {
      this.lastInspect = wall;
      snap.details = await this.inspectAll();
    }
    if (sim.stopped && !this.stoppedShown) {
      this.stoppedShown = true;
      snap.stopped = sim.stopped;
      st.setPlaying(false);
      st.pushAlert('limit', `The run stopped: ${sim.stopped}`);
    }
    st.setRun(snap);
    if (snap.groups) st.applyBusGroups(snap.groups);
  }

  /** mirrorAct repeats a user action the visible run just recorded as `recorded` on the checker's copy. */
  mirrorAct(action: DistributiveOmit<TimelineAction, 'at'>, recorded: TimelineAction): void {
    if (this.simV && this.checker) this.checker.act(action, recorded, this.simV);
  }

  /** mirrorSchedule repeats actions the visible run just scheduled on the checker's copy. */
  mirrorSchedule(actions: readonly TimelineAction[]): void {
    if (this.simV && this.checker) this.checker.schedule(actions, this.simV);
  }

  /**
   * runChecks brings the checker level with the run and shows what it found; a violation (or a
   * history found not linearizable) pauses the run. Returns true if it paused.
   */
  private runChecks(force: boolean): boolean {
    const sim = this.simV;
    const checker = this.checker;
    if (!sim || !checker) return false;
    let paused = false;
    const st = store();
    const fresh = checker.sync(sim);
    if (!st.playing) fresh.push(...checker.checkNow());
    const checks = useChecks.getState();
    if (fresh.length && this.onViolations(fresh)) paused = true;
    const lin = checker.linearizability(!st.playing);
    if (lin) {
      checks.set({ lin });
      if (lin.result.verdict === 'not linearizable' && checks.lin?.result.verdict !== 'not linearizable') {
        st.setPlaying(false);
        paused = true;
        checks.set({ historyOpen: true });
        st.pushAlert('error', `The client history is not linearizable: ${lin.result.reason ?? ''}. The run is paused.`);
      }
    }
    if (force || fresh.length || st.playing) checker.publishReport();
    return paused;
  }

  /**
   * onViolations records violations. A property that turns red pauses the run and raises an alert;
   * later violations of a red property are only recorded, so Play goes on past them. Returns true
   * if it paused.
   */
  private onViolations(fresh: FoundViolation[]): boolean {
    const sim = this.simV!;
    const st = store();
    const checks = useChecks.getState();
    const red = new Set(checks.violations.map((v) => v.property));
    const all = [...checks.violations, ...fresh];
    const first = all[0]!;
    const url = checks.violationUrl ?? `${location.origin}${location.pathname}#${encodeShare(sim.scenario, { events: first.events, t: first.t })}`;
    checks.set({ violations: all, violationUrl: url });
    const newlyRed = fresh.filter((v) => !red.has(v.property) && (red.add(v.property), true));
    for (const v of newlyRed) {
      st.pushAlert('error', `Safety violation — ${v.property}: ${v.text} (at ${v.t.toLocaleString('en')} ms, event ${v.events.toLocaleString('en')}). The run is paused.`);
    }
    if (newlyRed.length) st.setPlaying(false);
    return newlyRed.length > 0;
  }

  /** inspectAll asks every node's worker for its detail (call under the lock). */
  async inspectAll(): Promise<Record<NodeId, NodeDetail>> {
    const sim = this.simV;
    const hosts = this.hostsV;
    if (!sim || !hosts) return {};
    const ids = sim.scenario.nodes;
    const all = await Promise.all(ids.map((id) => hosts.inspect(id)));
    return Object.fromEntries(ids.map((id, i) => [id, all[i]!]));
  }

  /** refreshLog re-filters the event log now (after the filter changed). */
  refreshLog(): void {
    if (this.collectorV) store().setRun({ logLines: this.collectorV.logLines(store()) });
  }
}
