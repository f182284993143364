/**
 * Runner: owns the Simulation, the nodes' Web Workers and the trace collector, and drives the run
 * from a requestAnimationFrame loop, publishing snapshots to the store. Every operation touching the
 * simulation runs under one async lock (`run`), so a frame, a user action, a step and a reload never
 * interleave: an action must be recorded between windows, never inside one.
 *
 * Time: `vt` is the display's virtual time (virtual ms, fractional). While playing it grows by
 * speed × wall ms; each frame advances the simulation to floor(vt) within a wall budget.
 */
import { runChecks } from './checkRun';
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
import type { TraceRecord } from '../../core/trace';
import type { DistributiveOmit } from '../../core/types';
import { TimeMachine, nodeSnapshots } from '../../core/travel/machine';
import { SpaceTimeIndex } from '../spacetime/model';
import { useChecks } from '../store/checks';
import { useStore, type RunSnapshot } from '../store/store';
import { runAheadUntil } from './run-ahead';
import { ShadowChecker } from './checker';
import { TraceCollector, type CollectorSnapshot } from './collector';
import { groupsOfBus, linksOf, pausedOf, summariesOf, timersOf } from './snapshot';
import { drawnRegions } from '../topology/regionHint';

/** FRAME_BUDGET_MS is the wall time one frame may spend advancing the simulation. */
const FRAME_BUDGET_MS = 8;
/** Events per advanceAsync call at a set speed: small, so the wall budget is checked often. */
const CHUNK = 256;
/**
 * Flat out, the run advances in slices of at most this much wall time (ms), one after another,
 * not once per animation frame: the nodes' round trips go on while the browser renders, and a
 * slice ends early when a frame is due so the frame shows the latest state. User actions queue
 * behind at most one slice.
 */
const SLICE_MS = 6;
/** Panel details (hosts.inspect) and the event log refresh at most this often while playing. */
const INSPECT_EVERY_MS = 100;
/**
 * Published details carry each log's newest DETAIL_LOG_TAIL entries only: the panels draw at most
 * 24 cells per log, and cloning whole logs out of the workers four times a second cost more than
 * the run (a 9-node run flat out holds thousands of entries per node). `details()` gives whole logs.
 */
const DETAIL_LOG_TAIL = 64;
const LOG_EVERY_MS = 100;
/**
 * Flat out the run moves some 150 virtual ms per frame, faster than anyone reads: the picture is
 * published at most every FLAT_OUT_PUBLISH_MS (20 times a second; the page still draws 50–60
 * frames a second, and 32 ms left the run half its speed on two cores), and the log, node details
 * and the side panel's words every FLAT_OUT_DETAIL_MS, so the page's rendering leaves time for the run.
 */
const FLAT_OUT_PUBLISH_MS = 50;
const FLAT_OUT_DETAIL_MS = 250;
/** The space-time diagram keeps at most this many messages (the oldest go first): bounded memory. */
const DIAGRAM_MESSAGES = 100_000;
/** RUN_CHUNK is how many events a replay or runUntil handles between progress updates (and checkpoints). */
export const RUN_CHUNK = 1000;

const store = () => useStore.getState();
export const errText = (e: unknown) => (e instanceof Error ? e.message : String(e));

export class Runner {
  private simV: Simulation | null = null;
  private hostsV: RemoteHosts | null = null;
  private collectorV: TraceCollector | null = null;
  private checker: ShadowChecker | null = null;
  private machineV: TimeMachine<CollectorSnapshot> | null = null;
  private spacetimeV: SpaceTimeIndex | null = null;
  /** A breakpoint or a violation asks to pause at this event (events handled) after the frame. */
  private pauseAt: number | null = null;
  /** Sees every record of the visible run while playing (breakpoints); off while a seek replays. */
  watcher: ((r: TraceRecord, events: number) => void) | null = null;
  private replaying = false;
  private lock: Promise<unknown> = Promise.resolve();
  private busy = false;
  private vt = 0;
  private lastWall = 0;
  private lastInspect = 0;
  private lastLog = 0;
  /** When the side panel's slow parts (request outcomes, checks' words) were last published (wall ms). */
  private lastSlowParts = 0;
  private stoppedShown = false;
  private raf = 0;
  /** Flat out: the pump of slices is running; an animation frame has asked for a publish. */
  private pumping = false;
  private frameDue = false;
  /** Wall time (performance.now, ms) of the latest publish. */
  private lastPublish = 0;

  get sim(): Simulation | null {
    return this.simV;
  }
  get hosts(): RemoteHosts | null {
    return this.hostsV;
  }
  get collector(): TraceCollector | null {
    return this.collectorV;
  }
  get machine(): TimeMachine<CollectorSnapshot> | null {
    return this.machineV;
  }
  get spacetime(): SpaceTimeIndex | null {
    return this.spacetimeV;
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
    this.hostsV = this.simV = this.collectorV = this.checker = this.machineV = this.spacetimeV = null;
    this.pauseAt = null;
    useChecks.getState().reset(getProtocol(scenario.protocol).protocol.safety.properties, scenario.protocol);
    st.setPhase('starting', `Starting ${scenario.nodes.length} node workers…`);
    const collector = new TraceCollector(getProtocol(scenario.protocol).protocol);
    const sim = new Simulation(scenario, { trace: collector.sink });
    collector.eventOf = () => sim.eventsProcessed;
    collector.onRecord = (r, events) => {
      if (this.watcher && !this.replaying) this.watcher(r, events);
    };
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
    const machine = (this.machineV = new TimeMachine<CollectorSnapshot>());
    // The diagram holds the whole run known (the checker's copy is at its furthest point); it fades
    // what lies after the moment shown. A fork rebuilds it with the checker.
    this.checker = new ShadowChecker(
      sim.scenario,
      (copy) => {
        if (copy.eventsProcessed > machine.horizon) machine.noteEvent(copy.now);
      },
      () => {
        const index = (this.spacetimeV = new SpaceTimeIndex(getProtocol(scenario.protocol).protocol, scenario.nodes, { maxMessages: DIAGRAM_MESSAGES }));
        let n = 0;
        return (r) => index.add(r, n++);
      },
    );
    this.capture(true);
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
      this.afterChunk();
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
    if (st.speed === 'max') {
      this.frameDue = true;
      if (!this.pumping) void this.pump();
      return;
    }
    this.vt += st.speed * dt;
    // Never run far ahead of the simulation when it cannot keep up.
    const lagCap = Math.max(20, st.speed * 250);
    if (this.vt > sim.now + lagCap) this.vt = sim.now + lagCap;
    if (!this.busy) this.run(() => this.frame()).catch((e) => this.fail(e));
  };

  private fail(e: unknown): void {
    store().setPlaying(false);
    store().pushAlert('error', `The simulation failed: ${errText(e)}`);
  }

  /** flatOut says whether the run plays at 'max' speed now. */
  private flatOut(): boolean {
    const st = store();
    return st.playing && st.speed === 'max' && st.phase === 'ready' && !!this.simV && !this.simV.stopped;
  }

  /** pump runs slices back to back (each under the lock) while the run plays flat out. */
  private async pump(): Promise<void> {
    this.pumping = true;
    try {
      while (this.flatOut()) {
        // A slice that handled nothing (the run has no events left) waits for the next frame.
        if (!(await this.run(() => this.slice()))) break;
      }
    } catch (e) {
      this.fail(e);
    } finally {
      this.pumping = false;
    }
  }

  /**
   * slice publishes first if an animation frame asked for it (at most every FLAT_OUT_PUBLISH_MS),
   * then advances flat out for at most SLICE_MS of wall time, or until the next frame is due or a
   * pause is asked for, between whole windows. Returns whether it handled any event.
   */
  private async slice(): Promise<boolean> {
    const sim = this.simV;
    const hosts = this.hostsV;
    if (!sim || !hosts || !this.flatOut()) return false;
    if (this.frameDue && performance.now() - this.lastPublish >= FLAT_OUT_PUBLISH_MS) {
      this.frameDue = false;
      await this.publish(false);
      await this.honourPause();
      if (!this.flatOut() || sim !== this.simV) return false;
    }
    this.frameDue = false;
    const end = performance.now() + SLICE_MS;
    const more = () => performance.now() < end && !this.frameDue && this.pauseAt === null;
    // The checker follows batch by batch (or slice by slice): caught up only at a publish, it was one long task.
    const ahead = hosts.canRunAhead && !sim.manual;
    const handled = ahead ? await runAheadUntil(sim, hosts, end, more, () => this.afterChunk()) : await advanceAsync(sim, hosts, { until: Infinity, more });
    this.vt = sim.now;
    if (handled > 0 && !ahead) this.afterChunk();
    if (handled === 0 || sim.stopped || this.pauseAt !== null) {
      await this.publish(false);
      await this.honourPause();
    }
    return handled > 0;
  }

  /** frame advances the run to the display time (speeds other than 'max'), then publishes. */
  private async frame(): Promise<void> {
    const sim = this.simV;
    const hosts = this.hostsV;
    const st = store();
    if (!sim || !hosts || !st.playing || sim.stopped || st.speed === 'max') return;
    const start = performance.now();
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
    if (sim === this.simV) await this.publish(false);
    await this.honourPause();
  }

  /** honourPause goes back to the event a breakpoint or violation asked to pause at, if the frame ran past it. */
  async honourPause(): Promise<void> {
    const at = this.pauseAt;
    const sim = this.simV;
    this.pauseAt = null;
    if (at === null || !sim) return;
    store().setPlaying(false);
    if (sim.eventsProcessed > at) await this.seekTo(at);
  }

  /** requestPause asks to pause at event `events` (the first asked wins within a frame). */
  requestPause(events: number): void {
    if (this.pauseAt === null || events < this.pauseAt) this.pauseAt = events;
  }

  // ---------------------------------------------------------------------------------------------
  // Time travel

  /** afterChunk brings the checker level and takes a checkpoint if due (between chunks of a long advance). */
  afterChunk(): void {
    if (this.simV) this.checker?.sync(this.simV);
    this.capture();
  }

  /** capture takes a checkpoint if one is due and the checker (whose nodes it copies) is level with the run. */
  capture(force = false): void {
    const { simV: sim, checker, machineV: machine, collectorV: collector } = this;
    if (!sim || !checker || !machine || !collector) return;
    if (checker.events !== sim.eventsProcessed || checker.now !== sim.now) return;
    machine.capture(sim, () => checker.nodeSnapshots(), () => collector.snapshot(), force);
  }

  /**
   * seekTo (under the lock) puts the visible run exactly `events` events in, then moves its clock to
   * `t` (virtual ms) if given: restores the nearest checkpoint and replays the rest in this thread;
   * the workers get the nodes' states before their next step (RemoteHosts.stage). May go past the
   * known horizon (step to next).
   * @throws RangeError if the run cannot reach `events` (it stopped at a limit).
   */
  async seekTo(events: number, t?: number): Promise<void> {
    const { simV: sim, hostsV: hosts, collectorV: collector, machineV: machine } = this;
    if (!sim || !hosts || !collector || !machine) return;
    this.replaying = true;
    let local;
    try {
      const restore = (c: { extra: CollectorSnapshot }) => collector.restore(c.extra);
      // Past the furthest point known (step to next): walk there a spacing at a time, leaving
      // checkpoints behind, so later seeks into that stretch stay short.
      const spacing = machine.checkpoints.spacing;
      for (let at = (machine.checkpoints.last?.events ?? 0) + spacing; at < events; at += spacing) {
        const walked = machine.seek(sim, at, restore, true);
        machine.capture(sim, () => nodeSnapshots(walked), () => collector.snapshot(), true);
      }
      local = machine.seek(sim, events, restore, true);
    } finally {
      this.replaying = false;
    }
    if (t !== undefined) sim.advanceTo(t);
    hosts.stage(local);
    this.stoppedShown = sim.stopped !== null;
    this.vt = sim.now;
    await this.publish(true);
  }

  /**
   * forkIfBehind forks the run before an action is recorded in the past: the timeline's later
   * actions and everything known after this moment are dropped, and the checker starts again from
   * here. Returns the actions cut, or null when the run is at its furthest point (nothing to fork).
   */
  forkIfBehind(): TimelineAction[] | null {
    const { simV: sim, checker, machineV: machine, collectorV: collector } = this;
    if (!sim || !checker || !machine || !collector) return null;
    if (sim.eventsProcessed >= machine.horizon && checker.events === sim.eventsProcessed && checker.now <= sim.now) return null;
    const cut = sim.cutFuture();
    machine.cut(sim.eventsProcessed);
    checker.fork(sim);
    useChecks.getState().set({ violationUrl: null });
    return cut;
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
    const wall = (this.lastPublish = performance.now());
    const detailEvery = this.flatOut() ? FLAT_OUT_DETAIL_MS : LOG_EVERY_MS;
    const snap: Partial<RunSnapshot> = {
      now: sim.now,
      events: sim.eventsProcessed,
      nextEventTime: sim.nextEventTime,
      summaries: summariesOf(sim, st.summaries),
      leader: sim.leader(),
      inFlight: sim.inFlight(),
      timers: timersOf(sim, st.timers),
      paused: pausedOf(sim, st.paused),
      traceCount: collector.total,
      manual: sim.manual,
    };
    if (sim.manual || st.manual) {
      snap.armed = Object.fromEntries(sim.scenario.nodes.map((id) => [id, sim.nodeTimers(id).map((x) => ({ name: x.name, deadline: x.deadline }))]));
    }
    const groups = groupsOfBus(sim, st.groups);
    if (groups !== st.groups) snap.groups = groups;
    if (collector.linksDirty) {
      collector.linksDirty = false;
      snap.links = linksOf(sim, st.links);
    }
    if (force || wall - this.lastLog >= Math.max(LOG_EVERY_MS, detailEvery)) {
      this.lastLog = wall;
      if (force || collector.logDirty) snap.logLines = collector.logLines(st.logFilter);
      if (force || collector.votesDirty) snap.votes = collector.votesView();
    }
    // Flat out, the side panel's words (request outcomes, run summary, liveness) change with every
    // publish, and repainting the side panel cost more than the rest of the page: they follow the
    // log's cadence. A violation or a failed consistency check still shows (and pauses) at once.
    const slowParts = force || wall - this.lastSlowParts >= detailEvery;
    if (slowParts) this.lastSlowParts = wall;
    if ((force || collector.clientsDirty) && (slowParts || !this.flatOut())) snap.clientOutcomes = collector.clientOutcomes();
    // The status line always matches the event counter (it describes one event: cheap).
    if (force || st.currentEvent.events !== sim.eventsProcessed) snap.currentEvent = collector.currentEvent();
    // A violation pauses the run: show the nodes as they are at that moment.
    if (this.simV && this.checker && runChecks(this.simV, this.checker, force, slowParts || !this.flatOut(), (events) => this.requestPause(events))) force = true;
    this.capture();
    const machine = this.machineV;
    if (machine) {
      snap.horizonEvents = Math.max(machine.horizon, sim.eventsProcessed);
      snap.horizonT = Math.max(this.checker?.now ?? 0, sim.now);
    }
    if (force || wall - this.lastInspect >= Math.max(INSPECT_EVERY_MS, detailEvery)) {
      this.lastInspect = wall;
      snap.details = await this.inspectAll(DETAIL_LOG_TAIL);
    }
    if (sim.stopped && !this.stoppedShown) {
      this.stoppedShown = true;
      snap.stopped = sim.stopped;
      st.setPlaying(false);
      st.pushAlert('limit', `The run stopped: ${sim.stopped}`);
    }
    st.setRun(snap);
    if (snap.groups) st.applyBusGroups(snap.groups, drawnRegions(sim.scenario.timeline, sim.now, snap.groups));
  }

  /** mirrorAct repeats a user action the visible run just recorded as `recorded` on the checker's copy. */
  mirrorAct(action: DistributiveOmit<TimelineAction, 'at'>, recorded: TimelineAction): void {
    if (this.simV && this.checker) this.checker.act(action, recorded, this.simV);
  }

  /** mirrorSchedule repeats actions the visible run just scheduled on the checker's copy. */
  mirrorSchedule(actions: readonly TimelineAction[]): void {
    if (this.simV && this.checker) this.checker.schedule(actions, this.simV);
  }

  /** inspectAll asks every node's worker for its detail (call under the lock); `logTail` cuts each log to its newest entries. */
  async inspectAll(logTail?: number): Promise<Record<NodeId, NodeDetail>> {
    const sim = this.simV;
    const hosts = this.hostsV;
    if (!sim || !hosts) return {};
    const ids = sim.scenario.nodes;
    const all = await hosts.inspectAll(ids, logTail);
    return Object.fromEntries(ids.map((id, i) => [id, all[i]!]));
  }

  /** refreshLog re-filters the event log now (after the filter changed). */
  refreshLog(): void {
    if (this.collectorV) store().setRun({ logLines: this.collectorV.logLines(store().logFilter) });
  }
}
