/**
 * TimeMachine: seeking a deterministic run to any earlier event. It keeps the time of every event
 * (EventTimes) and checkpoints of the whole state (Checkpoints); a seek restores the nearest
 * checkpoint at or before the target into the given Simulation, restores the nodes into in-thread
 * hosts and replays the remaining events there. The Simulation's own trace sink sees the replayed
 * events, so views rebuilt from a checkpoint's `extra` catch up on the way.
 *
 * The run is a function of its scenario, so the state reached by a seek is the state a straight
 * run reaches (tested in machine.test.ts). A fork (an action taken in the past) cuts the future.
 */
import { LocalHosts } from '../sim/run';
import type { NodeSnapshot } from '../sim/host';
import type { Simulation } from '../sim/simulation';
import type { NodeId, VirtualMs } from '../types';
import { Checkpoints, type Checkpoint, type CheckpointOptions } from './checkpoints';
import { EventTimes } from './event-times';

/** TimeMachine records one run's events and checkpoints, and seeks in it. */
export class TimeMachine<X = unknown> {
  readonly checkpoints: Checkpoints<X>;
  readonly times = new EventTimes();

  constructor(opts: CheckpointOptions = {}) {
    this.checkpoints = new Checkpoints<X>(opts);
  }

  /** horizon is how many events of the run are known: the furthest a seek may go. */
  get horizon(): number {
    return this.times.count;
  }

  /** horizonTime is the time of the last known event (virtual ms). */
  get horizonTime(): VirtualMs {
    return this.times.timeOf(this.times.count);
  }

  /** noteEvent records the time of the next event (call once per event, in order). */
  noteEvent(t: VirtualMs): void {
    this.times.push(t);
  }

  /**
   * capture takes a checkpoint of `sim` now if one is due (or `force`), with the nodes' snapshots
   * and the caller's `extra`, both asked for only then. `sim` must have handled no more events than
   * were noted. Returns true if it took one.
   */
  capture(sim: Simulation, nodes: () => Record<NodeId, NodeSnapshot>, extra: () => X, force = false): boolean {
    const events = sim.eventsProcessed;
    const last = this.checkpoints.last;
    if (last && events <= last.events) return false;
    if (!force && !this.checkpoints.due(events)) return false;
    this.checkpoints.add({ events, t: sim.now, sim: sim.snapshot(), nodes: nodes(), extra: extra() });
    return true;
  }

  /**
   * seek puts `sim` exactly `target` events into the run and gives in-thread hosts holding every
   * node as it is then. `onRestore` is called with the checkpoint restored, before the replay, so
   * the caller can put back its views (the replay then feeds them through `sim`'s trace sink).
   * With `beyondHorizon` it may replay past the known horizon (e.g. to the next event of a kind
   * found by scanning ahead); the events beyond are not noted.
   * @throws RangeError if `target` is beyond the {@link horizon} (unless allowed), no checkpoint lies
   *   at or before it, or the run stops (at a limit) before it.
   */
  seek(sim: Simulation, target: number, onRestore: (c: Checkpoint<X>) => void = () => undefined, beyondHorizon = false): LocalHosts {
    if (target > this.horizon && !beyondHorizon) throw new RangeError(`event ${target} cannot be reached: the run is known up to event ${this.horizon}`);
    const c = this.checkpoints.atOrBefore(target);
    if (!c) throw new RangeError(`no checkpoint at or before event ${target}`);
    sim.restore(c.sim);
    onRestore(c);
    const hosts = new LocalHosts(sim.scenario);
    for (const [id, node] of hosts.nodes) {
      const snap = c.nodes[id];
      if (!snap) throw new RangeError(`the checkpoint at event ${c.events} has no state for node ${id}`);
      node.restore(snap);
    }
    sim.runLocal(hosts.step, Infinity, target - c.events);
    if (sim.eventsProcessed !== target) {
      throw new RangeError(`event ${target} cannot be reached: the run ${sim.stopped ? `stopped (${sim.stopped})` : 'has no more events'} after ${sim.eventsProcessed}`);
    }
    return hosts;
  }

  /** cut forgets everything after `events` events: a fork at that point. */
  cut(events: number): void {
    this.times.truncate(events);
    this.checkpoints.cut(events);
  }
}

/** nodeSnapshots copies every node of in-thread `hosts` (for {@link TimeMachine.capture}). */
export function nodeSnapshots(hosts: LocalHosts): Record<NodeId, NodeSnapshot> {
  const out: Record<NodeId, NodeSnapshot> = {};
  for (const [id, node] of hosts.nodes) out[id] = node.snapshot();
  return out;
}
