/**
 * Simulated clients, as in Jepsen: each has at most one operation outstanding, sends it to a node,
 * follows redirects to the leader and retries on timeout with the same request id, so the
 * state machine's deduplication makes a retried request take effect at most once.
 */
import type { ClientId, NodeId, Op } from '../types';

/** PendingOp is a client's outstanding operation. */
export interface PendingOp {
  op: Op;
  requestId: number;
  /** Node the last attempt went to. */
  target: NodeId;
  attempts: number;
}

/** ClientState is one client's bookkeeping, owned by the simulator. */
export interface ClientState {
  id: ClientId;
  nextRequestId: number;
  current: PendingOp | null;
  /** Ops waiting for the current one to finish, with the node each names (if any). */
  queue: { op: Op; node: NodeId | null }[];
  /** Where the client believes the leader is, from the last redirect. */
  leaderHint: NodeId | null;
  /** Generation of the retry timer; a fired timer of an older generation is stale. */
  timerGen: number;
}

/** Clients keeps every client by id, creating them on first use. */
export class Clients {
  private readonly byId = new Map<ClientId, ClientState>();
  private fresh = 1;

  /** get gives client `id`, creating it if new. */
  get(id: ClientId): ClientState {
    let c = this.byId.get(id);
    if (!c) {
      c = { id, nextRequestId: 1, current: null, queue: [], leaderHint: null, timerGen: 0 };
      this.byId.set(id, c);
    }
    return c;
  }

  /** freshId gives the lowest unused id `cK`, for a request that names no client. */
  freshId(): ClientId {
    while (this.byId.has(`c${this.fresh}`)) this.fresh++;
    return `c${this.fresh}`;
  }

  /** all lists every client, in creation order. */
  all(): ClientState[] {
    return [...this.byId.values()];
  }
}

/** nextNode gives the node after `id` in `nodes`, round robin: where a client retries after a timeout. */
export function nextNode(nodes: readonly NodeId[], id: NodeId): NodeId {
  const i = nodes.indexOf(id);
  return nodes[(i + 1) % nodes.length]!;
}
