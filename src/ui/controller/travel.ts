/**
 * Travel: the time-travel commands — seek by time or event, step back, step to the next event of a
 * kind, breakpoints, and forking when the user acts in the past. The Runner owns the time machine
 * and does the seeking; this is the part the controls, the keyboard and the bridge call.
 */
import { lookOf } from '../protocols/registry';
import { conditionWords } from '../protocols/words';
import { conditionText, notFoundText, sameCondition, type Condition } from '../../core/travel/conditions';
import { findNext, matcherAt } from '../../core/travel/scan';
import { useStore } from '../store/store';
import { errText, type Runner } from './runner';

/** How far "step to next" looks ahead (events) before it gives up. */
export const SCAN_LIMIT = 200_000;

const store = () => useStore.getState();

/** words gives the running protocol's words for conditions in alerts. */
const words = () => conditionWords(lookOf(store().protocol));

export class Travel {
  /** The first breakpoint hit while playing, until the frame ends. */
  private hit: { condition: Condition; events: number } | null = null;

  constructor(private readonly runner: Runner) {}

  /** seekTime (paused) shows the run at virtual time `t` (ms): back in time, or forward up to the furthest point known. */
  seekTime(t: number): Promise<void> {
    store().setPlaying(false);
    return this.runner.run(async () => {
      const { sim, machine } = this.runner;
      if (!sim || !machine) return;
      const horizonT = Math.max(machine.horizonTime, sim.now);
      const target = Math.max(0, Math.min(t, horizonT));
      await this.guard(() => this.runner.seekTo(machine.times.countAt(target), target));
    });
  }

  /** seekEvents (paused) shows the run right after event `events` (0: the start). */
  seekEvents(events: number): Promise<void> {
    store().setPlaying(false);
    return this.runner.run(async () => {
      const { sim, machine } = this.runner;
      if (!sim || !machine) return;
      await this.guard(() => this.runner.seekTo(Math.max(0, Math.min(events, Math.max(machine.horizon, sim.eventsProcessed)))));
    });
  }

  /** stepBack (paused) undoes the last event: the run as it was one event earlier. */
  stepBack(): Promise<void> {
    store().setPlaying(false);
    return this.runner.run(async () => {
      const sim = this.runner.sim;
      if (!sim || sim.eventsProcessed === 0) return;
      await this.guard(() => this.runner.seekTo(sim.eventsProcessed - 1));
    });
  }

  /** stepToNext (paused) runs to just after the next event at which `condition` holds, or says there is none. */
  stepToNext(condition: Condition = store().stepTarget): Promise<void> {
    store().setPlaying(false);
    return this.runner.run(async () => {
      const { sim, machine } = this.runner;
      if (!sim || !machine) return;
      await this.guard(async () => {
        const found = findNext(machine, sim.scenario, sim.eventsProcessed, [condition], SCAN_LIMIT);
        if (!found) {
          store().pushAlert('info', notFoundText(condition, SCAN_LIMIT, words()));
          return;
        }
        await this.runner.seekTo(found.events);
      });
    });
  }

  private async guard(fn: () => Promise<void>): Promise<void> {
    try {
      await fn();
    } catch (e) {
      store().pushAlert('error', `Could not travel there: ${errText(e)}`);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Breakpoints

  /** addBreakpoint adds `c` (once) and watches for it while playing. */
  addBreakpoint(c: Condition): void {
    const list = store().breakpoints;
    if (!list.some((b) => sameCondition(b, c))) store().setBreakpoints([...list, c]);
    this.arm();
  }

  removeBreakpoint(c: Condition): void {
    store().setBreakpoints(store().breakpoints.filter((b) => !sameCondition(b, c)));
    this.arm();
  }

  /**
   * arm starts watching the visible run for the breakpoints from where it is now (at every play and
   * whenever the list changes), so a condition that already holds does not fire again.
   */
  arm(): void {
    const sim = this.runner.sim;
    const list = store().breakpoints;
    this.hit = null;
    if (!sim || list.length === 0) {
      this.runner.watcher = null;
      return;
    }
    const matcher = matcherAt(sim, list);
    this.runner.watcher = (r, events) => {
      const m = matcher.feed(r);
      if (m.length === 0 || this.hit) return;
      this.hit = { condition: m[0]!, events };
      this.runner.requestPause(events);
      const t = r.t;
      store().pushAlert('info', `Breakpoint: ${conditionText(m[0]!, words())} — paused after event ${events.toLocaleString('en')} (${t.toLocaleString('en')} ms).`);
    };
  }

  // ---------------------------------------------------------------------------------------------
  // Forks

  /**
   * forkBeforeAction is called before an action is recorded: if the user went back in time, the run
   * forks here and an alert says what the old branch loses. Returns true if it forked.
   */
  forkBeforeAction(): boolean {
    const cut = this.runner.forkIfBehind();
    if (cut === null) return false;
    const sim = this.runner.sim!;
    // Requests the form sent on the old branch are gone with it: list them no more (their clients'
    // ids are free again, and the next request may take one).
    const kept = new Set(sim.scenario.timeline.flatMap((a) => (a.action === 'request' && a.client ? [a.client] : [])));
    store().keepRequests(kept);
    store().pushAlert(
      'info',
      `Forked at ${sim.now.toLocaleString('en')} ms: the run now follows your action${cut.length ? `; ${cut.length} later action${cut.length === 1 ? '' : 's'} of the old branch ${cut.length === 1 ? 'was' : 'were'} dropped from the timeline` : ''}.`,
    );
    return true;
  }
}
