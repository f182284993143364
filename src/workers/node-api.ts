/**
 * The API a node worker exposes over comlink: it hosts one or more {@link LocalNode}s, exactly the
 * code the in-thread driver runs. Shared by the browser's Web Workers (one node each) and Node's
 * worker_threads (a pool: a few nodes each, see thread-hosts.ts).
 */
import { getProtocol } from '../core/protocols/registry';
import { tailOfDetail, type NodeDetail } from '../core/protocol';
import { LocalNode, type NodeBoot, type NodeSnapshot, type StepCall, type StepResult } from '../core/sim/host';
import type { Scenario } from '../core/scenario/types';
import { Simulation } from '../core/sim/simulation';
import type { SimSnapshot } from '../core/sim/snapshot';
import type { NodeId, VirtualMs } from '../core/types';

const nodes = new Map<NodeId, LocalNode>();

/**
 * AheadRequest asks the worker to run the scheduler ahead. `start` gives it the page's scheduler to
 * copy (a snapshot, and the scenario with only the actions still to come); without it the worker
 * goes on with the copy it made for the same `token`.
 */
export interface AheadRequest {
  token: number;
  start?: { scenario: Scenario; snap: SimSnapshot };
  /** Handle events due by this virtual time (ms), at most `maxEvents` of them. */
  until: VirtualMs;
  maxEvents: number;
}

/** AheadResult is a run-ahead's outcome: events handled, and every step's node, time and result in order. */
export interface AheadResult {
  events: number;
  nodes: NodeId[];
  /** Each step's virtual time (ms), so the page can tell a copy that drifted. */
  times: VirtualMs[];
  results: StepResult[];
}

/** The worker's copy of the page's scheduler, for run-ahead, and the page's token for it. */
let ahead: { sim: Simulation; token: number } | null = null;

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
   * runAhead runs a copy of the page's scheduler here, stepping the nodes hosted here (which must
   * be all of the run's), for at most `maxEvents` events due by `until`, and gives every step's
   * node, time and result in order; the page then handles the same events with those results
   * (RemoteHosts.runAhead): one round trip for them all instead of one per window. The copy is
   * kept for the next request with the same token, so a long run flat out sends the scheduler once.
   * Returns null when there is no copy for `token` (the page must send `start`).
   * @throws Error if a step is for a node not hosted here.
   */
  runAhead(req: AheadRequest): AheadResult | null {
    if (req.start) {
      const sim = new Simulation(req.start.scenario);
      sim.restore({ ...req.start.snap, actionsHandled: 0 });
      ahead = { sim, token: req.token };
    } else if (!ahead || ahead.token !== req.token) {
      return null;
    }
    const out: AheadResult = { events: 0, nodes: [], times: [], results: [] };
    out.events = ahead.sim.runLocal(
      (call) => {
        const r = host(call.node).step(call);
        out.nodes.push(call.node);
        out.times.push(call.now);
        out.results.push(r);
        return r;
      },
      req.until,
      req.maxEvents,
    );
    return out;
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
