/**
 * The API a node worker exposes over comlink: it hosts one or more {@link LocalNode}s, exactly the
 * code the in-thread driver runs. Shared by the browser's Web Workers (one node each) and Node's
 * worker_threads (a pool: a few nodes each, see thread-hosts.ts).
 */
import { getProtocol } from '../core/protocols/registry';
import type { NodeDetail } from '../core/protocol';
import { LocalNode, type NodeBoot, type NodeSnapshot, type StepCall, type StepResult } from '../core/sim/host';
import type { NodeId, VirtualMs } from '../core/types';
import type { Scenario } from '../core/scenario/types';
import { Simulation } from '../core/sim/simulation';
import type { SimSnapshot } from '../core/sim/snapshot';

/** AheadResult is a run-ahead's outcome: events handled, and every step's node and result in order. */
export interface AheadResult {
  events: number;
  nodes: NodeId[];
  results: StepResult[];
}

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
   * runAhead runs the scheduler in this worker, restored from the page's snapshot `snap` of it,
   * for at most `maxEvents` events due by `until` (virtual ms), stepping the nodes hosted here
   * (which must be all of the run's), and gives every step's node and result in order. The page
   * then handles the same events with those results (RemoteHosts.runAhead): one round trip for
   * them all instead of one per window. `scenario.timeline` holds only the actions still to come
   * by `until` (the snapshot is taken as if none had been handled).
   * @throws Error if a step is for a node not hosted here.
   */
  runAhead(scenario: Scenario, snap: SimSnapshot, until: VirtualMs, maxEvents: number): AheadResult {
    const sim = new Simulation(scenario);
    sim.restore({ ...snap, actionsHandled: 0 });
    const out: AheadResult = { events: 0, nodes: [], results: [] };
    out.events = sim.runLocal(
      (call) => {
        const r = host(call.node).step(call);
        out.nodes.push(call.node);
        out.results.push(r);
        return r;
      },
      until,
      maxEvents,
    );
    return out;
  },
  /** inspectMany gives the details of several hosted nodes in one round trip, in order. */
  inspectMany(ids: NodeId[]): NodeDetail[] {
    return ids.map((id) => host(id).inspect());
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
