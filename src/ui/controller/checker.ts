/**
 * ShadowChecker: the invariant monitor of the browser run. The nodes run in Web Workers, where the
 * monitor cannot read their logs after every event; but a run is deterministic, so a second copy
 * of it in this thread (CheckedRun, in-thread hosts) goes through exactly the same states. The
 * checker keeps that copy level with the visible run after every frame, step and action, checks the
 * protocol's properties after every event, and checks the protocol's consistency model (the client
 * history's linearizability for Raft and PBFT).
 * In-thread Raft is some fifty times faster than the worker round trips, so the copy costs little.
 */
import { CheckedRun, type FoundViolation } from '../../core/check/checked-run';
import type { CheckResult, KvHistory } from '../../core/check/linearizability';
import { STABLE_MS } from '../../core/check/run-report';
import type { Scenario, TimelineAction } from '../../core/scenario/types';
import type { Simulation } from '../../core/sim/simulation';
import type { NodeSnapshot } from '../../core/sim/host';
import { nodeSnapshots } from '../../core/travel/machine';
import type { NodeId } from '../../core/types';
import type { TraceSink } from '../../core/trace';
import type { DistributiveOmit } from '../../core/types';
import { useChecks, type ConsistencyView, type LinView } from '../store/checks';

/** Wall-time budget of one consistency check (ms): paused, and while playing. */
const LIN_BUDGET_PAUSED_MS = 1500;
const LIN_BUDGET_PLAYING_MS = 25;
/** While playing, the history is checked at most this often (wall ms). */
const LIN_EVERY_MS = 1500;

export class ShadowChecker {
  private run: CheckedRun;
  private linAtOps = -1;
  private lastLinWall = 0;
  private readonly onEvent: (sim: Simulation) => void;
  private readonly newSink: () => TraceSink;

  /**
   * `onEvent` sees every event the copy handles (time travel notes their times); `newSink` gives a
   * sink for every trace record of the copy, asked again whenever the copy starts over (a fork).
   */
  constructor(scenario: Scenario, onEvent: (sim: Simulation) => void = () => undefined, newSink: () => TraceSink = () => () => undefined) {
    this.onEvent = onEvent;
    this.newSink = newSink;
    this.run = new CheckedRun(structuredClone(scenario), { onEvent, trace: newSink() });
  }

  /** events and now are where the copy is: the furthest point of the run known (the horizon). */
  get events(): number {
    return this.run.sim.eventsProcessed;
  }

  get now(): number {
    return this.run.sim.now;
  }

  /**
   * sync brings the copy level with `sim` (same events handled, same clock) and returns the
   * violations found on the way. A copy ahead of `sim` stays where it is: the user went back in
   * time, and the copy holds the run's furthest point. If the copy has drifted (it never should),
   * it is rebuilt from `sim`'s scenario and replayed.
   */
  sync(sim: Simulation): FoundViolation[] {
    const before = this.run.found.length;
    if (this.run.sim.eventsProcessed > sim.eventsProcessed) return [];
    const behind = sim.eventsProcessed - this.run.sim.eventsProcessed;
    if (behind > 0) this.run.advance(Infinity, behind, false);
    if (this.run.sim.eventsProcessed !== sim.eventsProcessed) this.rebuild(sim);
    this.run.sim.advanceTo(sim.now);
    return this.run.found.slice(before);
  }

  /** fork rebuilds the copy at `sim`'s moment, after the user changed the past (the old future is gone). */
  fork(sim: Simulation): void {
    this.rebuild(sim);
    this.linAtOps = -1;
  }

  /** nodeSnapshots copies every node of the copy (for a checkpoint; valid when level with the run). */
  nodeSnapshots(): Record<NodeId, NodeSnapshot> {
    return nodeSnapshots(this.run.hosts);
  }

  /** act mirrors a user action recorded by the visible run as `recorded`. */
  act(action: DistributiveOmit<TimelineAction, 'at'>, recorded: TimelineAction, sim: Simulation): void {
    const mine = this.run.sim.now === sim.now ? this.tryAct(action) : null;
    if (!mine || mine.at !== recorded.at) this.rebuild(sim);
  }

  /** schedule mirrors future actions the visible run just scheduled. */
  schedule(actions: readonly TimelineAction[], sim: Simulation): void {
    if (this.run.sim.now !== sim.now) return this.rebuild(sim);
    try {
      this.run.sim.schedule(actions);
    } catch {
      this.rebuild(sim);
    }
  }

  private tryAct(action: DistributiveOmit<TimelineAction, 'at'>): TimelineAction | null {
    try {
      return this.run.act(action);
    } catch {
      return null;
    }
  }

  private rebuild(sim: Simulation): void {
    this.run = new CheckedRun(structuredClone(sim.scenario), { onEvent: this.onEvent, trace: this.newSink() });
    this.run.advance(Infinity, sim.eventsProcessed, false);
    this.run.sim.advanceTo(sim.now);
  }

  /** checkNow runs the whole-cluster checks (e.g. at a pause); returns new violations. */
  checkNow(): FoundViolation[] {
    const before = this.run.found.length;
    this.run.checkNow();
    return this.run.found.slice(before);
  }

  get found(): readonly FoundViolation[] {
    return this.run.found;
  }

  /**
   * consistency runs the protocol's consistency check on the run so far if it changed (new client or
   * protocol records): always when `paused`, else at most every 1.5 s with a small budget so frames
   * stay smooth. Returns the view (and, for a key-value history, the history chart's data), or null
   * if skipped.
   */
  consistency(paused: boolean): { view: ConsistencyView; lin: LinView | null } | null {
    const r = this.run;
    const final = r.sim.now >= r.sim.scenario.until;
    const changes = r.history.length + r.records.length + (final ? 1 : 0);
    const wall = performance.now();
    if (changes === this.linAtOps) return null;
    if (!paused && wall - this.lastLinWall < LIN_EVERY_MS) return null;
    this.lastLinWall = wall;
    const budget = paused ? LIN_BUDGET_PAUSED_MS : LIN_BUDGET_PLAYING_MS;
    const result = r.consistency(final, { deadline: () => performance.now() - wall > budget });
    // A check cut short while playing is tried again at the next pause.
    if (result.verdict !== 'unknown' || paused) this.linAtOps = changes;
    const at = r.sim.now;
    const ms = performance.now() - wall;
    const { id, title, description, source } = r.consistencySpec;
    const extra = result.extra as { history?: KvHistory; result?: CheckResult } | undefined;
    const lin = extra?.history && extra.result ? { result: extra.result, history: extra.history, at, ms } : null;
    return { view: { spec: { id, title, description, source }, result, at, ms }, lin };
  }

  /** publishLiveness writes the liveness verdict at virtual time `t` (the moment shown) to the checks store, if it changed. */
  publishLiveness(t: number): void {
    const v = this.run.liveness.verdictAt(Math.min(t, this.run.sim.now));
    const cur = useChecks.getState().liveness;
    if (!cur || cur.status !== v.status || cur.text !== v.text) useChecks.getState().set({ liveness: v });
  }

  /** publish writes op counts and recovery times to the checks store. */
  publishReport(): void {
    const r = this.run;
    useChecks.getState().set({ ops: { ...r.recorder.ops }, recoveries: r.recorder.recoveries(r.sim.now, STABLE_MS) });
  }
}
