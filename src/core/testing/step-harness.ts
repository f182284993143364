/**
 * The unit-test harness every protocol shares: one node stepped by hand-built inputs through a fake
 * StepEnv that records each effect and keeps the node's armed timers, as a simulator would.
 */
import type { Rng } from '../prng';
import type { AnyProtocol, ClientReply, Input, StepEnv } from '../protocol';
import type { ClientId, NodeId } from '../types';

/** Effects is what one step asked for, in order per kind (`M`: the protocol's message type). */
export interface Effects<M> {
  sends: { to: NodeId; msg: M }[];
  timersSet: { name: string; afterMs: number }[];
  timersCleared: string[];
  replies: { client: ClientId; requestId: number; reply: ClientReply }[];
  applies: { index: number; term: number; command: unknown }[];
  notes: string[];
  /** Structured trace records (StepEnv.record), in order. */
  records: { kind: string; fields: Record<string, unknown> }[];
}

/** HarnessNode is one node under test: its state, random stream, clock (virtual ms) and armed timers (name → afterMs). */
export interface HarnessNode<S> {
  id: NodeId;
  state: S;
  rng: Rng;
  now: number;
  timers: Map<string, number>;
}

/**
 * stepWith runs one input on `node` with `protocol` and gives the effects it asked for. With
 * `cloneSends` each sent message is copied, so a test may change it without touching the sender.
 */
export function stepWith<S, M>(protocol: AnyProtocol, node: HarnessNode<S>, input: Input<M>, cloneSends = false): Effects<M> {
  const fx: Effects<M> = { sends: [], timersSet: [], timersCleared: [], replies: [], applies: [], notes: [], records: [] };
  const env: StepEnv<M> = {
    now: node.now,
    rng: node.rng,
    send: (to, msg) => fx.sends.push({ to, msg: cloneSends ? structuredClone(msg) : msg }),
    setTimer: (name, afterMs) => {
      fx.timersSet.push({ name, afterMs });
      node.timers.set(name, afterMs);
    },
    clearTimer: (name) => {
      fx.timersCleared.push(name);
      node.timers.delete(name);
    },
    reply: (client, requestId, reply) => fx.replies.push({ client, requestId, reply }),
    applied: (index, term, command) => fx.applies.push({ index, term, command }),
    note: (text) => fx.notes.push(text),
    record: (kind, fields) => fx.records.push({ kind, fields }),
  };
  protocol.step(node.state, input, env);
  return fx;
}

/**
 * pumpWith delivers `sends` (from node `from`) and everything they cause, first in first out, among
 * `nodes` (sends to other nodes, and those `drop` rejects, are lost), until quiet; `deliver` steps
 * one node with one message. Gives the effects of every step taken.
 * @throws Error after `limit` deliveries.
 */
export function pumpWith<S, M>(
  nodes: readonly HarnessNode<S>[],
  from: NodeId,
  sends: Effects<M>['sends'],
  deliver: (node: HarnessNode<S>, from: NodeId, msg: M) => Effects<M>,
  drop: (from: NodeId, to: NodeId, msg: M) => boolean = () => false,
  limit = 10_000,
): Effects<M>[] {
  const queue = sends.map((s) => ({ from, ...s }));
  const all: Effects<M>[] = [];
  for (let delivered = 0; queue.length > 0; delivered++) {
    if (delivered >= limit) throw new Error(`pump: not quiet after ${limit} deliveries`);
    const { from: sender, to, msg } = queue.shift()!;
    const node = nodes.find((n) => n.id === to);
    if (node === undefined || drop(sender, to, msg)) continue;
    const fx = deliver(node, sender, msg);
    all.push(fx);
    for (const s of fx.sends) queue.push({ from: to, ...s });
  }
  return all;
}
