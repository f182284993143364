/**
 * Fault actions: resolving what an action of the timeline means at the moment it runs. `leader`
 * names the leader of the highest term then; a restart with no node means every crashed node.
 */
import type { TimelineAction } from '../scenario/types';
import type { NodeId } from '../types';

/** Resolved is an action's target nodes, or why it is skipped (recorded in the trace). */
export interface Resolved {
  nodes: NodeId[];
  skipped?: string;
}

/**
 * resolveAction resolves `a` given the current `leader` (or null), the `crashed` nodes and the
 * cluster's node order. Pure: it changes nothing.
 */
export function resolveAction(a: TimelineAction, leader: NodeId | null, crashed: ReadonlySet<NodeId>, nodes: readonly NodeId[]): Resolved {
  const ref = (r: string) => (r === 'leader' ? leader : r);
  switch (a.action) {
    case 'crash':
    case 'isolate':
    case 'timeout': {
      const id = ref(a.node);
      if (id === null) return { nodes: [], skipped: 'there is no leader' };
      if (a.action === 'crash' && crashed.has(id)) return { nodes: [id], skipped: `${id} is already down` };
      if (a.action === 'timeout' && crashed.has(id)) return { nodes: [id], skipped: `${id} is down` };
      return { nodes: [id] };
    }
    case 'restart': {
      if (a.node === undefined) return { nodes: nodes.filter((id) => crashed.has(id)) };
      const id = ref(a.node);
      if (id === null) return { nodes: [], skipped: 'there is no leader' };
      if (!crashed.has(id)) return { nodes: [], skipped: `${id} is not down` };
      return { nodes: [id] };
    }
    case 'request': {
      if (a.node === undefined) return { nodes: [] };
      const id = ref(a.node);
      if (id === null) return { nodes: [], skipped: 'there is no leader' };
      return { nodes: [id] };
    }
    case 'partition':
    case 'heal':
    case 'link':
      return { nodes: [] };
    default: {
      const never: never = a;
      throw new Error(`unknown action ${JSON.stringify(never)}`);
    }
  }
}
