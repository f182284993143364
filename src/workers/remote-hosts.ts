/**
 * RemoteHosts: AsyncHosts over comlink endpoints, whatever carries them (browser Web Workers,
 * Node worker_threads). A worker hosts one node or several. The calls of a window go to each
 * worker in one message, all workers at once, so workers step in parallel; results come back in
 * call order.
 */
import type { Remote } from 'comlink';
import { tailOfDetail, type NodeDetail } from '../core/protocol';
import type { NodeSnapshot, StepCall, StepResult } from '../core/sim/host';
import type { AsyncHosts, LocalHosts } from '../core/sim/run';
import type { Simulation } from '../core/sim/simulation';
import type { TimelineAction } from '../core/scenario/types';
import type { NodeId, VirtualMs } from '../core/types';
import type { AheadRequest, NodeApi } from './node-api';

/**
 * AheadMark is where the worker's copy of the scheduler stands after the last run-ahead: the page's
 * Simulation, its event count and clock, and its timeline (the array, its length and last action).
 * A run is deterministic, so a page scheduler at the same mark is in the copy's state.
 */
interface AheadMark {
  sim: Simulation;
  events: number;
  now: VirtualMs;
  timeline: readonly TimelineAction[];
  length: number;
  last: TimelineAction | undefined;
}

/** RemoteHosts routes calls to per-node remotes. */
export class RemoteHosts implements AsyncHosts {
  private readonly remotes: Map<NodeId, Remote<NodeApi>>;
  private readonly onTerminate: () => void;
  /**
   * Nodes a seek computed in this thread that the workers have not received yet. Handing a node's
   * state to its worker costs a structured clone of its log; a scrubbing user seeks many times
   * and steps rarely, so the hand-off waits for the next step, and inspect reads these meanwhile.
   */
  private staged: LocalHosts | null = null;
  /** The token of the worker's scheduler copy and where it stands (run-ahead); null: no copy. */
  private aheadToken = 0;
  private aheadMark: AheadMark | null = null;

  constructor(remotes: Map<NodeId, Remote<NodeApi>>, onTerminate: () => void) {
    this.remotes = remotes;
    this.onTerminate = onTerminate;
  }

  private remote(id: NodeId): Remote<NodeApi> {
    const r = this.remotes.get(id);
    if (!r) throw new Error(`no worker hosts node ${id}`);
    return r;
  }

  /** stage makes `nodes` (in this thread) the nodes' state from now on; workers get it before their next step. */
  stage(nodes: LocalHosts): void {
    this.staged = nodes;
  }

  /** flush hands staged node states to their workers (a no-op when none are staged). */
  async flush(): Promise<void> {
    const nodes = this.staged;
    if (!nodes) return;
    this.staged = null;
    await Promise.all([...nodes.nodes].map(([id, n]) => this.remote(id).restore(id, n.snapshot())));
  }

  /**
   * run sends each worker its calls of the window in one message (a node's calls stay in order);
   * workers run in parallel.
   */
  async run(calls: readonly StepCall[]): Promise<StepResult[]> {
    if (this.staged) await this.flush();
    const byWorker = new Map<Remote<NodeApi>, number[]>();
    for (let i = 0; i < calls.length; i++) {
      const r = this.remote(calls[i]!.node);
      const list = byWorker.get(r);
      if (list) list.push(i);
      else byWorker.set(r, [i]);
    }
    const out: StepResult[] = new Array(calls.length);
    await Promise.all(
      [...byWorker].map(async ([remote, indexes]) => {
        const answers = await remote.step(indexes.map((i) => calls[i]!));
        indexes.forEach((i, k) => (out[i] = answers[k]!));
      }),
    );
    return out;
  }

  /** sole is the one worker hosting every node, or null when several share them. */
  private get sole(): Remote<NodeApi> | null {
    const all = new Set(this.remotes.values());
    return all.size === 1 ? [...all][0]! : null;
  }

  /** canRunAhead says whether one worker hosts every node, so {@link runAhead} works. */
  get canRunAhead(): boolean {
    return this.sole !== null;
  }

  /**
   * runAhead handles at most `maxEvents` events of `sim` due by `until` (virtual ms) with one round
   * trip: the worker that hosts every node runs a copy of the scheduler, stepping its nodes, and
   * sends back every step's result in order; `sim` then handles the same events one at a time with
   * those results (Simulation.runLocal), so its trace is the one windows would give. The copy is
   * made from a snapshot of `sim` the first time and whenever `sim` has moved on without it (a
   * user action, a seek, steps window by window); otherwise the worker goes on with its own.
   * Returns the events handled.
   * @throws Error if several workers host the nodes, or if the two runs disagree (a bug).
   */
  async runAhead(sim: Simulation, until: VirtualMs, maxEvents: number): Promise<number> {
    const remote = this.sole;
    if (!remote) throw new Error('runAhead needs one worker hosting every node');
    if (this.staged) await this.flush();
    const tl = sim.scenario.timeline;
    const m = this.aheadMark;
    const level = m !== null && m.sim === sim && m.events === sim.eventsProcessed && m.now === sim.now && m.timeline === tl && m.length === tl.length && m.last === tl[tl.length - 1];
    const fresh = (): AheadRequest => {
      const snap = sim.snapshot();
      return { token: ++this.aheadToken, start: { scenario: { ...sim.scenario, timeline: tl.slice(snap.actionsHandled) }, snap }, until, maxEvents };
    };
    this.aheadMark = null;
    const ahead = (level ? await remote.runAhead({ token: this.aheadToken, until, maxEvents }) : null) ?? (await remote.runAhead(fresh()))!;
    let i = 0;
    const handled = sim.runLocal(
      (call) => {
        if (ahead.nodes[i] !== call.node || ahead.times[i] !== call.now) {
          throw new Error(`run ahead: step ${i} was for ${ahead.nodes[i] ?? 'nothing'} at ${ahead.times[i] ?? '-'} ms in the worker, for ${call.node} at ${call.now} ms here`);
        }
        return ahead.results[i++]!;
      },
      until,
      ahead.events,
    );
    if (handled !== ahead.events || i !== ahead.results.length) {
      throw new Error(`run ahead: the worker handled ${ahead.events} events in ${ahead.results.length} steps, the page ${handled} in ${i}`);
    }
    this.aheadMark = { sim, events: sim.eventsProcessed, now: sim.now, timeline: tl, length: tl.length, last: tl[tl.length - 1] };
    return handled;
  }

  /** workers is how many distinct workers host the nodes. */
  get workers(): number {
    return new Set(this.remotes.values()).size;
  }

  /**
   * inspectAll gives the details of nodes `ids` (in order) with one round trip per worker; with
   * `logTail`, each log cut to its newest `logTail` entries (`logStart` tells where they begin).
   */
  async inspectAll(ids: readonly NodeId[], logTail?: number): Promise<NodeDetail[]> {
    if (this.staged) {
      const staged = this.staged;
      return ids.map((id) => (logTail === undefined ? staged.inspect(id) : tailOfDetail(staged.inspect(id), logTail)));
    }
    const byWorker = new Map<Remote<NodeApi>, number[]>();
    ids.forEach((id, i) => {
      const r = this.remote(id);
      const list = byWorker.get(r);
      if (list) list.push(i);
      else byWorker.set(r, [i]);
    });
    const out: NodeDetail[] = new Array(ids.length);
    await Promise.all(
      [...byWorker].map(async ([remote, indexes]) => {
        const answers = await remote.inspectMany(indexes.map((i) => ids[i]!), logTail);
        indexes.forEach((i, k) => (out[i] = answers[k]!));
      }),
    );
    return out;
  }

  inspect(id: NodeId): Promise<NodeDetail> {
    return this.staged ? Promise.resolve(this.staged.inspect(id)) : this.remote(id).inspect(id);
  }

  snapshot(id: NodeId): Promise<NodeSnapshot> {
    return this.staged ? Promise.resolve(this.staged.nodes.get(id)!.snapshot()) : this.remote(id).snapshot(id);
  }

  restore(id: NodeId, s: NodeSnapshot): Promise<void> {
    return this.remote(id).restore(id, s);
  }

  /** terminate stops every worker. */
  terminate(): void {
    this.onTerminate();
  }
}
