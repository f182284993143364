/**
 * Flat out with one worker hosting every node, the worker runs a copy of the scheduler ahead for a
 * batch of events per round trip (RemoteHosts.runAhead) instead of one round trip per window; at 9
 * Raft nodes that is some 137 round trips per virtual second fewer. See docs/performance.md.
 */
import type { Simulation } from '../../core/sim/simulation';
import type { RemoteHosts } from '../../workers/remote-hosts';

/** A batch is sized to what is left of the slice at the wall cost per event seen so far, in [AHEAD_MIN, AHEAD_MAX] events. */
const AHEAD_MIN = 16;
const AHEAD_MAX = 80;

/** Wall ms per event of a run-ahead batch (the round trip, the page's handling and `after`), smoothed. */
let msPerEvent = 0.05;

/**
 * runAheadUntil advances `sim` in run-ahead batches until wall time `end` (performance.now, ms),
 * or until `more()` says stop (asked between batches), calling `after` after each batch (the
 * checker catching up), so that its cost counts in the batch size. Returns the events handled.
 */
export async function runAheadUntil(sim: Simulation, hosts: RemoteHosts, end: number, more: () => boolean, after: () => void): Promise<number> {
  let handled = 0;
  do {
    if (sim.nextEventTime === Infinity || sim.stopped) break;
    const start = performance.now();
    const size = Math.max(AHEAD_MIN, Math.min(AHEAD_MAX, Math.floor((end - start) / msPerEvent)));
    const n = await hosts.runAhead(sim, Infinity, size);
    if (n === 0) break;
    after();
    msPerEvent = 0.8 * msPerEvent + 0.2 * ((performance.now() - start) / n);
    handled += n;
  } while (more());
  return handled;
}
