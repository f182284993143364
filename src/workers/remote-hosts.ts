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
import type { NodeId } from '../core/types';
import type { NodeApi } from './node-api';

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
