/**
 * Controller: what the UI and the e2e bridge call — load, play, pause, step, user actions, share,
 * export. It is not a component; React reads what the Runner publishes to the store. Every user
 * action goes through `sim.act` (via {@link Controller.act}), so it lands in the scenario's timeline
 * and a share link replays it exactly.
 */
import type { TraceRecord } from '../../core/trace';
import type { NodeDetail } from '../../core/protocol';
import { nemesisTimeline, type NemesisKind } from '../../core/chaos/nemesis';
import { WORKLOAD_DEFAULTS, workloadTimeline } from '../../core/chaos/workload';
import { DEFAULT_EXAMPLE, defaultScenario, example } from '../../core/scenario/examples';
import { PROTOCOLS, protocolNames } from '../../core/protocols/registry';
import { parseScenario } from '../../core/scenario/schema';
import { decodeShare, encodeShare, type Moment } from '../../core/scenario/share';
import type { Scenario, TimelineAction } from '../../core/scenario/types';
import type { LinkState } from '../../core/sim/bus';
import { advanceAsync } from '../../core/sim/run';
import type { Simulation } from '../../core/sim/simulation';
import type { NodeId } from '../../core/types';
import { useStore } from '../store/store';
import type { Speed } from '../store/types';
import { lookOfProtocol } from '../protocols/registry';
import { errText, RUN_CHUNK, Runner } from './runner';
import { reconfigured, scenarioInfo, validateAction, type UserAction } from './scenarios';
import { copyText, download, hashShare, setHash, traceBlob } from './share';
import { Travel } from './travel';
import { replayTrace } from '../../core/travel/replay-trace';
import type { SpaceTimeIndex } from '../spacetime/model';

interface LoadOptions {
  moment?: Moment | null;
  play?: boolean;
  exampleId?: string | null;
  /** fromShare keeps the URL's hash; any other load clears it. */
  fromShare?: boolean;
}

const store = () => useStore.getState();

export class Controller {
  private readonly runner = new Runner();
  /** Time travel: seek, step back, step to next, breakpoints, forks. */
  readonly travel = new Travel(this.runner);
  /** The scenario as loaded, without user actions: what Reset starts again. */
  private base: Scenario | null = null;

  /** start begins the animation loop and listens for share links pasted into the address bar. */
  start(): void {
    this.runner.start();
    window.addEventListener('hashchange', this.onHashChange);
  }

  /** boot opens the share link in the URL, or the default example, playing. */
  boot(): Promise<void> {
    const hash = hashShare();
    return hash ? this.openShare(hash) : this.loadExample(DEFAULT_EXAMPLE);
  }

  whenIdle(): Promise<void> {
    return this.runner.whenIdle();
  }

  // ---------------------------------------------------------------------------------------------
  // Loading

  /** load replaces the run with `scenario` (new workers, new trace); optionally replays to a moment. */
  load(scenario: Scenario, opts: LoadOptions = {}): Promise<void> {
    return this.runner.run(async () => {
      const st = store();
      st.setPlaying(false);
      st.setShareUrl(null);
      if (!opts.fromShare) setHash('');
      st.setScenario(scenarioInfo(scenario, opts.exampleId ?? null));
      this.base = scenario;
      const ok = await this.runner.load(scenario, opts.moment ?? null);
      if (ok && opts.play && !this.runner.sim?.stopped) st.setPlaying(true);
    });
  }

  /** loadExample loads example `id` and plays it. */
  loadExample(id: string): Promise<void> {
    let scenario: Scenario;
    try {
      scenario = example(id);
    } catch (e) {
      store().pushAlert('error', `Could not load example "${id}": ${errText(e)}`);
      return Promise.resolve();
    }
    return this.load(scenario, { play: true, exampleId: id });
  }

  /**
   * openShare opens a share link (URL, hash or `s=` value). On error it shows why (the bad field in
   * the scenario's words) and keeps the run there is; with none yet (the page opened on the link),
   * it loads the default cluster.
   */
  openShare(text: string): Promise<void> {
    let shared;
    try {
      shared = decodeShare(text);
    } catch (e) {
      if (this.base) {
        store().pushAlert('error', `Could not open the share link: ${errText(e)}. Your run goes on unchanged.`);
        return Promise.resolve();
      }
      // Raised once the default cluster is loaded: the banner explains that run.
      const why = `Could not open the share link: ${errText(e)}. Showing the default cluster instead.`;
      return this.loadExample(DEFAULT_EXAMPLE).then(() => store().pushAlert('error', why));
    }
    return this.load(shared.scenario, { moment: shared.moment, play: !shared.moment, fromShare: true });
  }

  /** reset reloads the base scenario (without user actions) with a node count and seed, and plays. */
  reset(nodes?: number, seed?: number): Promise<void> {
    const base = this.base;
    if (!base) return this.loadExample(DEFAULT_EXAMPLE);
    const n = nodes ?? base.nodes.length;
    const keep = n === base.nodes.length;
    return this.load(reconfigured(base, n, seed ?? base.seed), { play: true, exampleId: keep ? store().exampleId : null });
  }

  /**
   * switchProtocol loads the default cluster of protocol `name` (PBFT: 3f+1 = 4 replicas; Raft: 5
   * nodes) with the current seed, and plays. An unknown name is refused with an alert.
   */
  switchProtocol(name: string): Promise<void> {
    if (!(name in PROTOCOLS)) {
      store().pushAlert('error', `Unknown protocol "${name}" (known: ${protocolNames().join(', ')}).`);
      return Promise.resolve();
    }
    if (name === this.base?.protocol) return Promise.resolve();
    return this.load(defaultScenario(undefined, this.base?.seed ?? 7, name), { play: true, exampleId: null });
  }

  /**
   * setBugs restarts the current scenario (without user actions) with these teaching bugs switched
   * on (`config.bugs`), and plays. An unknown bug is refused with an alert, and nothing changes.
   */
  setBugs(bugs: string[]): Promise<void> {
    const base = this.base;
    if (!base) return Promise.resolve();
    let scenario: Scenario;
    try {
      scenario = parseScenario({ ...base, config: { ...base.config, bugs } });
    } catch (e) {
      store().pushAlert('error', `Could not switch the bugs: ${errText(e)}`);
      return Promise.resolve();
    }
    return this.load(scenario, { play: true, exampleId: store().exampleId });
  }

  /**
   * unleashChaos schedules a seeded nemesis (and, if asked, client traffic) from the next virtual ms
   * for `durationMs`, repairing everything at its end. The actions go into the timeline, so a share
   * link replays them. Returns how many actions were scheduled.
   */
  unleashChaos(opts: { durationMs: number; ratePerSecond: number; kinds: NemesisKind[]; traffic: boolean }): Promise<number> {
    return this.runner.run(async () => {
      const sim = this.runner.sim;
      if (!sim) return 0;
      const start = sim.now + 1;
      const end = start + opts.durationMs;
      const seed = (sim.scenario.seed + start) >>> 0;
      try {
        const actions = [
          ...nemesisTimeline(seed, sim.scenario.nodes, sim.scenario.network, { startMs: start, endMs: end, ratePerSecond: opts.ratePerSecond, durationMs: [500, 3000], kinds: opts.kinds }),
          ...(opts.traffic ? workloadTimeline(seed, { ...WORKLOAD_DEFAULTS, ratePerSecond: 4, startMs: start, endMs: end + 2000 }) : []),
        ].sort((a, b) => a.at - b.at);
        this.travel.forkBeforeAction();
        const recorded = sim.schedule(actions);
        this.runner.mirrorSchedule(actions);
        store().pushAlert('info', `Chaos: ${recorded.length} actions scheduled from ${(start / 1000).toFixed(1)} s; everything is repaired at ${(end / 1000).toFixed(1)} s.`);
        await this.runner.publish(true);
        return recorded.length;
      } catch (e) {
        store().pushAlert('error', `Could not unleash chaos: ${errText(e)}`);
        return 0;
      }
    });
  }

  private onHashChange = (): void => {
    const hash = hashShare();
    if (hash) void this.openShare(hash);
  };

  // ---------------------------------------------------------------------------------------------
  // Playback

  play(): void {
    const sim = this.runner.sim;
    if (!sim || sim.stopped) return;
    this.runner.syncClock();
    this.travel.arm();
    store().setPlaying(true);
  }

  /**
   * pause stops the loop; resolves once the frame in progress has finished and the paused moment is
   * shown in full (the log and the node details are otherwise refreshed at most every 100 ms).
   */
  pause(): Promise<void> {
    store().setPlaying(false);
    return this.runner.run(() => this.runner.publish(true));
  }

  togglePlay(): void {
    if (store().playing) void this.pause();
    else this.play();
  }

  setSpeed(speed: Speed): void {
    store().setSpeed(speed);
    this.runner.syncClock();
  }

  /** step pauses and handles exactly one event. */
  step(): Promise<void> {
    store().setPlaying(false);
    return this.runner.run(async () => {
      const { sim, hosts } = this.runner;
      if (!sim || !hosts) return;
      await advanceAsync(sim, hosts, { until: Infinity, maxEvents: 1 });
      this.runner.syncClock();
      await this.runner.publish(true);
    });
  }

  /** runUntil pauses and runs to virtual time `t` (ms). */
  runUntil(t: number): Promise<void> {
    store().setPlaying(false);
    return this.runner.run(async () => {
      const { sim, hosts } = this.runner;
      if (!sim || !hosts) return;
      while (!sim.stopped && sim.nextEventTime <= t) {
        await advanceAsync(sim, hosts, { until: t, maxEvents: RUN_CHUNK });
        this.runner.afterChunk();
      }
      if (!sim.stopped) sim.advanceTo(t);
      this.runner.syncClock();
      await this.runner.publish(true);
      await this.runner.honourPause();
    });
  }

  displayTime(): number {
    return this.runner.displayTime();
  }

  refreshLog(): void {
    this.runner.refreshLog();
  }

  // ---------------------------------------------------------------------------------------------
  // User actions

  /**
   * act validates and records a user action. When paused it is applied at once (the clock moves
   * 1 virtual ms); when playing the next frame applies it. Rejects with a ScenarioError if the
   * action is invalid (e.g. an empty key), so every recorded action fits a share link.
   */
  act(action: UserAction): Promise<TimelineAction | null> {
    try {
      if (this.runner.sim) validateAction(this.runner.sim.scenario, action);
    } catch (e) {
      return Promise.reject(e);
    }
    return this.runner.run(async () => {
      const { sim, hosts } = this.runner;
      if (!sim || !hosts) return null;
      this.travel.forkBeforeAction();
      const rec = sim.act(action);
      this.runner.mirrorAct(action, rec);
      if (!store().playing) {
        await advanceAsync(sim, hosts, { until: rec.at });
        if (!sim.stopped) sim.advanceTo(rec.at);
        this.runner.syncClock();
      }
      await this.runner.publish(true);
      return rec;
    });
  }

  /**
   * setManual switches manual delivery mode (an action, so share links replay it): while on, the
   * user delivers, drops or duplicates each message and fires each timer.
   */
  setManual(enabled: boolean): Promise<TimelineAction | null> {
    if (enabled) store().setBottomTab('bus');
    return this.act({ action: 'manual', enabled });
  }

  /**
   * repartition acts `partition` with these groups, or `heal` when there is one group. `regions`
   * (one per group) records where the canvas draws each group, so a share link redraws it there.
   */
  repartition(groups: NodeId[][], regions?: string[]): Promise<TimelineAction | null> {
    if (groups.length <= 1) return this.heal();
    return this.act(regions ? { action: 'partition', groups, regions } : { action: 'partition', groups });
  }

  /** heal moves every node back into the main region and heals the network. */
  heal(): Promise<TimelineAction | null> {
    const st = store();
    st.applyBusGroups([st.nodeIds]);
    return this.act({ action: 'heal' });
  }

  /** linkState gives both directions of a link's settings (copies). */
  linkState(a: NodeId, b: NodeId): { ab: LinkState; ba: LinkState } | null {
    const sim = this.runner.sim;
    if (!sim) return null;
    const copy = (l: Readonly<LinkState>): LinkState => ({ latencyMs: [l.latencyMs[0], l.latencyMs[1]], loss: l.loss, duplicate: l.duplicate, cut: l.cut });
    return { ab: copy(sim.bus.link(a, b)), ba: copy(sim.bus.link(b, a)) };
  }

  // ---------------------------------------------------------------------------------------------
  // Share, export, views

  /** share pauses, puts the share link of this moment in the URL, copies it and shows it. */
  share(): Promise<string> {
    store().setPlaying(false);
    return this.runner.run(async () => {
      const sim = this.runner.sim;
      if (!sim) return '';
      await this.runner.publish(true);
      const url = setHash(encodeShare(sim.scenario, { events: sim.eventsProcessed, t: sim.now }));
      store().setShareUrl(url);
      void copyText(url);
      return url;
    });
  }

  /**
   * traceRecords gives the export's content: the run's trace up to this moment, rebuilt from the
   * scenario as it is now (every action recorded since it was loaded is in the header's timeline),
   * so the export is a prefix of what `npm run sim` prints for that same scenario.
   */
  traceRecords(): readonly TraceRecord[] {
    const sim = this.runner.sim;
    if (!sim) return [];
    // Played past `until`? The headless run of the exported scenario must reach as far.
    const scenario = { ...structuredClone(sim.scenario), until: Math.max(sim.scenario.until, sim.now) };
    try {
      return replayTrace(scenario, sim.eventsProcessed, sim.now);
    } catch (e) {
      store().pushAlert('error', `Could not export the trace: ${errText(e)}`);
      return [];
    }
  }

  /** exportTrace downloads the records so far as trace-<seed>.jsonl. */
  exportTrace(): void {
    const { sim } = this.runner;
    if (sim) download(traceBlob(this.traceRecords()), `trace-${sim.scenario.seed}.jsonl`);
  }

  /** details inspects every node now (after the frame in progress). */
  details(): Promise<Record<NodeId, NodeDetail>> {
    return this.runner.run(() => this.runner.inspectAll());
  }

  /** messageKind classifies a message for drawing: a kind id of the running protocol's look (`other` when none runs). */
  messageKind(msg: unknown): string {
    const sim = this.runner.sim;
    return sim ? lookOfProtocol(sim.protocol).kindOf(msg) : 'other';
  }

  /**
   * spacetime gives the space-time diagram's index of the whole run known (mutated as it runs, and
   * replaced on a fork), or null; `cursorRec` is how many of its records are the past.
   */
  spacetime(): SpaceTimeIndex | null {
    return this.runner.spacetime;
  }

  /** cursorRec is how many trace records the run has emitted up to the moment shown. */
  cursorRec(): number {
    return this.runner.collector?.total ?? 0;
  }

  /** workers is how many Web Workers host the run's nodes (0 before a load). */
  workers(): number {
    return this.runner.hosts?.workers ?? 0;
  }

  /** current gives the live simulation, for read-only views (bridge). */
  current(): Simulation | null {
    return this.runner.sim;
  }
}
