/**
 * The API a node worker exposes over comlink: it hosts one or more {@link LocalNode}s, exactly the
 * code the in-thread driver runs. Shared by the browser's Web Workers (one node each) and Node's
 * worker_threads (a pool: a few nodes each, see thread-hosts.ts).
 */
import { getProtocol } from '../core/protocols/registry';
import { tailOfDetail, type NodeDetail } from '../core/protocol';
import { LocalNode, type NodeBoot, type NodeSnapshot, type StepCall, type StepResult } from '../core/sim/host';
import type { NodeId } from '../core/types';

const nodes = new Map<NodeId, LocalNode>();

function host(id: NodeId): LocalNode {
  const n = nodes.get(id);
  if (!n) throw new Error(`node worker: node ${id} was not booted here`);
  return n;
}

/** nodeApi is what a node worker exposes. */
export const nodeApi = {
  /** boot creates (or re-creates) hosted node `boot.id`. @throws Error for an unknown protocol. */
  boot(boot: NodeBoot): void {
    nodes.set(boot.id, new LocalNode(getProtocol(boot.protocol).protocol, boot));
  },
  /** step answers calls in order; each may be for any node hosted here. @throws Error for a node not hosted here. */
  step(calls: StepCall[]): StepResult[] {
    return calls.map((c) => host(c.node).step(c));
  },
  inspect(id: NodeId): NodeDetail {
    return host(id).inspect();
  },
  /**
   * inspectMany gives the details of several hosted nodes in one round trip, in order; with
   * `logTail`, each log cut to its newest `logTail` entries ({@link tailOfDetail}).
   */
  inspectMany(ids: NodeId[], logTail?: number): NodeDetail[] {
    return ids.map((id) => (logTail === undefined ? host(id).inspect() : tailOfDetail(host(id).inspect(), logTail)));
  },
  snapshot(id: NodeId): NodeSnapshot {
    return host(id).snapshot();
  },
  restore(id: NodeId, s: NodeSnapshot): void {
    host(id).restore(s);
  },
};

/** NodeApi is the type a comlink Remote wraps. */
export type NodeApi = typeof nodeApi;
