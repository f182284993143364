/**
 * The checks' side of a run: bring the shadow checker (checker.ts) level with the visible run,
 * show its violations and consistency verdict in the checks store, and pause the run when a
 * property turns red or the consistency check fails. Called by the runner after every frame.
 */
import type { FoundViolation } from '../../core/check/checked-run';
import { encodeShare } from '../../core/scenario/share';
import type { Simulation } from '../../core/sim/simulation';
import { useChecks } from '../store/checks';
import { useStore } from '../store/store';
import type { ShadowChecker } from './checker';

const store = () => useStore.getState();

/**
 * runChecks brings the checker level with the run and shows the violations up to the moment shown
 * (after a seek back, later ones are not shown yet). A property that turns red, or a failed
 * consistency check (e.g. a history that is not linearizable), pauses the run. The run report's and
 * liveness lamp's words are published only with `words` (flat out, a few times a second) or `force`.
 * Returns true if it paused.
 */
export function runChecks(sim: Simulation, checker: ShadowChecker, force: boolean, words: boolean, requestPause: (events: number) => void): boolean {
  let paused = false;
  const st = store();
  checker.sync(sim);
  if (!st.playing && checker.events === sim.eventsProcessed) checker.checkNow();
  const checks = useChecks.getState();
  const shown = checker.found.filter((v) => v.events <= sim.eventsProcessed);
  if (shown.length !== checks.violations.length && showViolations(sim, shown, requestPause)) paused = true;
  const c = checker.consistency(!st.playing);
  if (c) {
    const was = checks.consistency?.result.verdict;
    checks.set({ consistency: c.view, lin: c.lin });
    if (c.view.result.verdict === 'fail' && was !== 'fail') {
      st.setPlaying(false);
      paused = true;
      if (c.lin) checks.set({ historyOpen: true });
      const reason = (c.view.result.reason ?? '').trim();
      st.pushAlert('error', `${c.view.spec.title}: no. ${reason}${reason && !/[.!?]$/.test(reason) ? '.' : ''} The run is paused.`);
    }
  }
  if (!words && !force) return paused;
  if (force || st.playing) checker.publishReport();
  checker.publishLiveness(sim.now);
  return paused;
}

/**
 * showViolations shows the violations up to the moment shown. A property that turns red pauses the
 * run at the violating event and raises an alert; later violations of a red property are only
 * listed, so Play goes on past them. Returns true if it paused.
 */
function showViolations(sim: Simulation, shown: FoundViolation[], requestPause: (events: number) => void): boolean {
  const st = store();
  const checks = useChecks.getState();
  const red = new Set(checks.violations.map((v) => v.property));
  const first = shown[0];
  const url = first ? (checks.violationUrl ?? `${location.origin}${location.pathname}#${encodeShare(sim.scenario, { events: first.events, t: first.t })}`) : null;
  checks.set({ violations: shown, violationUrl: url });
  const newlyRed = shown.filter((v) => !red.has(v.property) && (red.add(v.property), true));
  for (const v of newlyRed) {
    st.pushAlert('error', `Safety violation — ${v.property}: ${v.text} (at ${v.t.toLocaleString('en')} ms, event ${v.events.toLocaleString('en')}). The run is paused.`);
  }
  if (newlyRed.length) {
    st.setPlaying(false);
    requestPause(newlyRed[0]!.events);
  }
  return newlyRed.length > 0;
}
