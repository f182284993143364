/**
 * RemoteHosts: AsyncHosts over one comlink endpoint per node, whatever carries it (browser Web
 * Workers, Node worker_threads). A window holds at most one call per node, so its calls go out to
 * all their workers at once and run in parallel; results come back in call order.
 */
import type { Remote } from 'comlink';
import type { NodeDetail } from '../core/protocol';
import type { NodeSnapshot, StepCall, StepResult } from '../core/sim/host';
import type { AsyncHosts } from '../core/sim/run';
import type { NodeId } from '../core/types';
import type { NodeApi } from './node-api';

/** RemoteHosts routes calls to per-node remotes. */
export class RemoteHosts implements AsyncHosts {
  private readonly remotes: Map<NodeId, Remote<NodeApi>>;
  private readonly onTerminate: () => void;

  constructor(remotes: Map<NodeId, Remote<NodeApi>>, onTerminate: () => void) {
    this.remotes = remotes;
    this.onTerminate = onTerminate;
  }

  private remote(id: NodeId): Remote<NodeApi> {
    const r = this.remotes.get(id);
    if (!r) throw new Error(`no worker hosts node ${id}`);
    return r;
  }

  async run(calls: readonly StepCall[]): Promise<StepResult[]> {
    const answers = await Promise.all(calls.map((c) => this.remote(c.node).step([c])));
    return answers.map((a) => a[0]!);
  }

  inspect(id: NodeId): Promise<NodeDetail> {
    return this.remote(id).inspect();
  }

  snapshot(id: NodeId): Promise<NodeSnapshot> {
    return this.remote(id).snapshot();
  }

  restore(id: NodeId, s: NodeSnapshot): Promise<void> {
    return this.remote(id).restore(s);
  }

  /** terminate stops every worker. */
  terminate(): void {
    this.onTerminate();
  }
}
