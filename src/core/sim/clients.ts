/**
 * Simulated clients, as in Jepsen: each has at most one operation outstanding, sends it to a node,
 * follows redirects to the leader and retries on timeout with the same request id, so the state
 * machine's deduplication makes a retried request take effect at most once. Client↔node messages
 * take the network's default latency and are not subject to partitions; a request to a crashed node
 * is lost and the client times out.
 */
import type { ClientReply } from '../protocol';
import type { Rng } from '../prng';
import type { Scenario } from '../scenario/types';
import type { TraceSink } from '../trace';
import type { ClientId, NodeId, Op, VirtualMs } from '../types';
import type { SimEvent } from './events';

/** PendingOp is a client's outstanding operation. */
export interface PendingOp {
  op: Op;
  requestId: number;
  /** Node the last attempt went to. */
  target: NodeId;
  attempts: number;
}

/** ClientState is one client's bookkeeping. */
export interface ClientState {
  id: ClientId;
  nextRequestId: number;
  current: PendingOp | null;
  /** Ops waiting for the current one to finish, with the node each names (if any). */
  queue: { op: Op; node: NodeId | null }[];
  /** Where the client believes the leader is, from the last answer or redirect. */
  leaderHint: NodeId | null;
  /** Generation of the retry timer; a fired entry of an older generation is stale. */
  timerGen: number;
  /** When the retry timer is due (virtual ms); Infinity when disarmed. */
  timerDeadline: number;
  /** Time of the current generation's queue entry, or null if none is queued. */
  timerQueuedAt: number | null;
}

/** ClientHost is what clients need of the scheduler. */
export interface ClientHost {
  now(): VirtualMs;
  push(e: SimEvent): void;
  trace: TraceSink | undefined;
  rng: Rng;
  scenario: Scenario;
}

/** nextNode gives the node after `id` in `nodes`, round robin: where a client retries after a timeout. */
export function nextNode(nodes: readonly NodeId[], id: NodeId): NodeId {
  const i = nodes.indexOf(id);
  return nodes[(i + 1) % nodes.length]!;
}

/** Clients keeps every client by id, creating them on first use, and runs their retry logic. */
export class Clients {
  private readonly byId = new Map<ClientId, ClientState>();
  private readonly host: ClientHost;

  constructor(host: ClientHost) {
    this.host = host;
  }

  private get(id: ClientId): ClientState {
    let c = this.byId.get(id);
    if (!c) {
      c = { id, nextRequestId: 1, current: null, queue: [], leaderHint: null, timerGen: 0, timerDeadline: Infinity, timerQueuedAt: null };
      this.byId.set(id, c);
    }
    return c;
  }

  /** snapshot copies every client's state (for checkpoints). */
  snapshot(): ClientState[] {
    return structuredClone([...this.byId.values()]);
  }

  /** restore puts back a {@link snapshot}. */
  restore(s: readonly ClientState[]): void {
    this.byId.clear();
    for (const c of structuredClone(s)) this.byId.set(c.id, c);
  }

  /** delay draws a client↔node one-way delay from the network's default latency (virtual ms). */
  delay(): number {
    const [lo, hi] = this.host.scenario.network.latencyMs;
    return this.host.rng.int(lo, hi);
  }

  /** backoffMs is how long a client waits before retrying when nobody knows the leader (virtual ms). */
  backoffMs(): number {
    return Math.max(1, Math.min(100, this.host.scenario.clients.timeoutMs));
  }

  /** request has `client` invoke `op`, first at `node` if given; queued behind its current op. */
  request(client: ClientId, op: Op, node: NodeId | null): void {
    const c = this.get(client);
    if (c.current) c.queue.push({ op, node });
    else this.invoke(c, op, node);
  }

  private invoke(c: ClientState, op: Op, node: NodeId | null): void {
    const h = this.host;
    const requestId = c.nextRequestId++;
    const target = node ?? c.leaderHint ?? h.rng.pick(h.scenario.nodes);
    c.current = { op, requestId, target, attempts: 0 };
    if (h.trace) h.trace({ t: h.now(), type: 'client', client: c.id, phase: 'invoke', op, node: target });
    this.send(c, target);
  }

  private send(c: ClientState, target: NodeId): void {
    const cur = c.current!;
    cur.target = target;
    cur.attempts++;
    const now = this.host.now();
    this.host.push({ time: now + this.delay(), cls: 1, seq: 0, kind: 'request', node: target, client: c.id, requestId: cur.requestId, op: cur.op });
    this.arm(c, this.host.scenario.clients.timeoutMs);
  }

  /**
   * arm sets the retry timer, lazily as node timers do: a later deadline reuses the queued entry
   * (which re-queues itself when it comes due early), so a busy client keeps one entry, not one per
   * request.
   */
  private arm(c: ClientState, afterMs: number): void {
    const deadline = this.host.now() + afterMs;
    c.timerDeadline = deadline;
    if (c.timerQueuedAt !== null && c.timerQueuedAt <= deadline) return;
    this.queueTimer(c, ++c.timerGen, deadline);
  }

  private queueTimer(c: ClientState, gen: number, at: number): void {
    c.timerQueuedAt = at;
    this.host.push({ time: at, cls: 1, seq: 0, kind: 'clientTimer', client: c.id, gen });
  }

  /** reply handles node `from`'s answer to `requestId`; late answers to settled attempts are ignored. */
  reply(id: ClientId, from: NodeId, requestId: number, reply: ClientReply): void {
    const c = this.get(id);
    const cur = c.current;
    if (!cur || cur.requestId !== requestId) return;
    if (reply.kind === 'redirect') {
      c.leaderHint = reply.leader;
      if (reply.leader !== null && reply.leader !== from) this.send(c, reply.leader);
      else this.arm(c, this.backoffMs());
      return;
    }
    if (reply.kind === 'unavailable') {
      // Try the same node again after a pause; the outcome stays open (info if the run ends).
      c.leaderHint = from;
      this.arm(c, this.backoffMs());
      return;
    }
    c.leaderHint = from;
    c.timerDeadline = Infinity;
    c.current = null;
    const { trace, now } = this.host;
    const { result } = reply;
    const op = cur.op;
    if (trace) {
      const t = now();
      if (!result.ok) trace({ t, type: 'client', client: id, phase: 'fail', op, result: result.error, node: from });
      else if (op.f === 'get') trace({ t, type: 'client', client: id, phase: 'ok', op, result: result.value ?? null, node: from });
      else trace({ t, type: 'client', client: id, phase: 'ok', op, node: from });
    }
    const next = c.queue.shift();
    if (next) this.invoke(c, next.op, next.node);
  }

  /**
   * timer handles a retry timer's entry: stale or early ones are dropped or re-queued; a due one
   * resends to the hinted leader, else to the next node round robin.
   */
  timer(id: ClientId, gen: number): void {
    const c = this.get(id);
    if (c.timerGen !== gen) return; // superseded by an earlier deadline's entry
    c.timerQueuedAt = null;
    if (!c.current || c.timerDeadline === Infinity) return;
    if (c.timerDeadline > this.host.now()) {
      this.queueTimer(c, gen, c.timerDeadline);
      return;
    }
    const target = c.leaderHint && c.leaderHint !== c.current.target ? c.leaderHint : nextNode(this.host.scenario.nodes, c.current.target);
    c.leaderHint = null;
    this.send(c, target);
  }

  /** finish records every operation still outstanding as `info` (outcome unknown), as Jepsen does. */
  finish(): void {
    const { trace, now } = this.host;
    for (const c of this.byId.values()) {
      for (const p of [...(c.current ? [c.current] : []), ...c.queue]) {
        if (trace) trace({ t: now(), type: 'client', client: c.id, phase: 'info', op: p.op });
      }
    }
  }
}
