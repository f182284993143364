/**
 * Fault actions: resolving what an action of the timeline means at the moment it runs. `leader`
 * names the leader of the highest term then; a restart with no node means every crashed node.
 */
import type { TimelineAction } from '../scenario/types';
import type { TraceRecord } from '../trace';
import type { NodeId, VirtualMs } from '../types';
import type { Bus } from './bus';

/** Resolved is an action's target nodes, or why it is skipped (recorded in the trace). */
export interface Resolved {
  nodes: NodeId[];
  skipped?: string;
}

/**
 * resolveAction resolves `a` given the current `leader` (or null), the `crashed` nodes, the
 * cluster's node order and each node's current role (for `role:R` refs). Pure: it changes nothing.
 */
export function resolveAction(a: TimelineAction, leader: NodeId | null, crashed: ReadonlySet<NodeId>, nodes: readonly NodeId[], roleOf: (id: NodeId) => string = () => ''): Resolved {
  const ref = (r: string) => {
    if (r === 'leader') return leader;
    if (r.startsWith('role:')) return nodes.find((id) => !crashed.has(id) && roleOf(id) === r.slice(5)) ?? null;
    return r;
  };
  const none = (r: string) => (r.startsWith('role:') ? `no node is up in role ${r.slice(5)}` : 'there is no leader');
  switch (a.action) {
    case 'crash':
    case 'isolate':
    case 'skew':
    case 'pause':
    case 'byzantine':
    case 'input':
    case 'timeout': {
      const id = ref(a.node);
      if (id === null) return { nodes: [], skipped: none(a.node) };
      if (a.action === 'crash' && crashed.has(id)) return { nodes: [id], skipped: `${id} is already down` };
      if (a.action === 'pause' && crashed.has(id)) return { nodes: [id], skipped: `${id} is down` };
      if ((a.action === 'timeout' || a.action === 'input') && crashed.has(id)) return { nodes: [id], skipped: `${id} is down` };
      return { nodes: [id] };
    }
    case 'restart': {
      if (a.node === undefined) return { nodes: nodes.filter((id) => crashed.has(id)) };
      const id = ref(a.node);
      if (id === null) return { nodes: [], skipped: none(a.node) };
      if (!crashed.has(id)) return { nodes: [], skipped: `${id} is not down` };
      return { nodes: [id] };
    }
    case 'request': {
      if (a.node === undefined) return { nodes: [] };
      const id = ref(a.node);
      if (id === null) return { nodes: [], skipped: none(a.node) };
      return { nodes: [id] };
    }
    case 'fire':
      return crashed.has(a.node) ? { nodes: [a.node], skipped: `${a.node} is down` } : { nodes: [a.node] };
    case 'partition':
    case 'heal':
    case 'link':
    case 'manual':
    case 'deliver':
    case 'drop':
    case 'duplicate':
      return { nodes: [] };
    default: {
      const never: never = a;
      throw new Error(`unknown action ${JSON.stringify(never)}`);
    }
  }
}

/**
 * faultRecord gives the `fault` trace record of an action at `t`: its own fields, plus `node` and
 * `ref: "leader"` when `leader` was resolved, `nodes` for a restart, `skipped` with the reason.
 */
export function faultRecord(a: TimelineAction, r: Resolved, t: VirtualMs): TraceRecord {
  const { at: _at, action, ...fields } = a;
  void _at;
  const ref = 'node' in a && typeof a.node === 'string' && (a.node === 'leader' || a.node.startsWith('role:')) ? a.node : null;
  const resolved = ref && r.nodes.length ? { node: r.nodes[0], ref } : {};
  if (r.skipped) return { t, type: 'fault', action, ...fields, ...resolved, skipped: r.skipped };
  return { t, type: 'fault', action, ...fields, ...resolved, ...(action === 'restart' ? { nodes: r.nodes } : {}) };
}

/** applyNetworkFault applies isolate, partition, heal and link to `bus`; false for any other action. */
export function applyNetworkFault(bus: Bus, a: TimelineAction, r: Resolved): boolean {
  switch (a.action) {
    case 'isolate':
      bus.isolate(r.nodes[0]!);
      return true;
    case 'partition':
      bus.partition(a.groups);
      return true;
    case 'heal':
      bus.heal();
      return true;
    case 'link':
      bus.setLink(a.from, a.to, {
        ...(a.latencyMs ? { latencyMs: a.latencyMs } : {}),
        ...(a.loss !== undefined ? { loss: a.loss } : {}),
        ...(a.duplicate !== undefined ? { duplicate: a.duplicate } : {}),
        ...(a.cut !== undefined ? { cut: a.cut } : {}),
      });
      return true;
    default:
      return false;
  }
}
