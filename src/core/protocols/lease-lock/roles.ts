/**
 * Which node plays which part. The cluster's first `lockNodes` nodes are the lock service, its last
 * node is the storage, and the nodes between are the clients; so `["lock", "alice", "bob",
 * "storage"]` reads as it runs. A cluster too small for a client has none (the scenario's node
 * range keeps the playground's clusters from that).
 */
import type { NodeId } from '../../types';
import type { LeaseLockConfig } from './config';

/** Part is what a node does: grant leases, use them, or hold the data. */
export type Part = 'lock' | 'client' | 'storage';

/** Layout is a cluster's parts. */
export interface Layout {
  locks: NodeId[];
  clients: NodeId[];
  storage: NodeId | null;
}

/** layoutOf splits `nodes` into lock nodes, clients and storage under `config`. */
export function layoutOf(nodes: readonly NodeId[], config: Pick<LeaseLockConfig, 'lockNodes'>): Layout {
  const l = Math.min(config.lockNodes, nodes.length);
  const storage = nodes.length > l ? nodes[nodes.length - 1]! : null;
  return { locks: nodes.slice(0, l), clients: nodes.slice(l, Math.max(l, nodes.length - 1)), storage };
}

/** partOf gives node `id`'s part. */
export function partOf(layout: Layout, id: NodeId): Part {
  if (layout.locks.includes(id)) return 'lock';
  if (id === layout.storage) return 'storage';
  return 'client';
}

/** majorityOf is how many lock nodes make a quorum: more than half. */
export const majorityOf = (layout: Layout): number => Math.floor(layout.locks.length / 2) + 1;
