/**
 * Advancing flat out ('max' speed) for one slice of the runner's pump: with one worker hosting
 * every node, in run-ahead batches (one round trip each, RemoteHosts.runAhead); else window by
 * window (advanceAsync, one round trip per window). See docs/performance.md.
 */
import { advanceAsync } from '../../core/sim/run';
import type { Simulation } from '../../core/sim/simulation';
import type { RemoteHosts } from '../../workers/remote-hosts';

/**
 * Flat out with one worker hosting every node, the worker runs the scheduler ahead for a batch of
 * events (within AHEAD_MS virtual ms) per round trip (RemoteHosts.runAhead), instead of one round
 * trip per window. A batch is sized to what is left of the slice at the wall cost per event seen so
 * far (the page handles a batch in one go), between AHEAD_MIN and AHEAD_MAX events.
 */
const AHEAD_MIN = 8;
const AHEAD_MAX = 400;
const AHEAD_MS = 1000;
/** Wall ms per event of a run-ahead batch (round trip and the page's handling), smoothed. */
let aheadMsPerEvent = 0.05;

/** runAhead advances `sim` in run-ahead batches until wall time `end` (performance.now, ms) or `more()` says stop. */
async function runAhead(sim: Simulation, hosts: RemoteHosts, end: number, more: () => boolean): Promise<number> {
  let handled = 0;
  do {
    const next = sim.nextEventTime;
    if (next === Infinity || sim.stopped) break;
    const start = performance.now();
    const size = Math.max(AHEAD_MIN, Math.min(AHEAD_MAX, Math.floor((end - start) / aheadMsPerEvent)));
    const n = await hosts.runAhead(sim, Math.max(next, sim.now) + AHEAD_MS, size);
    if (n === 0) break;
    aheadMsPerEvent = 0.8 * aheadMsPerEvent + 0.2 * ((performance.now() - start) / n);
    handled += n;
  } while (more());
  return handled;
}

/**
 * advanceFlatOut advances `sim` until wall time `end` (performance.now, ms) or until `more()` says
 * stop, asked between round trips; returns the events handled (0 when none is left).
 */
export function advanceFlatOut(sim: Simulation, hosts: RemoteHosts, end: number, more: () => boolean): Promise<number> {
  return hosts.canRunAhead ? runAhead(sim, hosts, end, more) : advanceAsync(sim, hosts, { until: Infinity, more });
}
