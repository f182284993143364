/**
 * Causality in the space-time diagram (Lamport 1978; vector clocks: Fidge 1988, Mattern 1989): for
 * one event, the send of a selected message, which events happened before it, which happen after
 * it, and which are concurrent with it — ShiViz's central view, for every protocol, read from the
 * trace's messages alone.
 *
 * Events are message sends and deliveries; each node's events are ordered by their trace position
 * (`rec`). e → f (happens-before) when f follows e on e's lane, or a message sent at or after e on
 * its lane is delivered at or before f on f's lane, transitively. A dropped or in-flight message
 * orders nothing. Pure TypeScript: no DOM.
 */
import type { NodeId } from '../../core/types';
import type { MessageArrow } from './types';

/** A lane position: trace position and virtual ms of an event. */
export interface LanePoint {
  rec: number;
  t: number;
}

/**
 * Causality of one event (a send): on each node's lane, the last event in its causal past and the
 * first in its causal future (absent: none), its Lamport clock and vector clock (events counted per
 * node: sends and deliveries).
 */
export interface Causality {
  node: NodeId;
  /** The event: the selected message's send. */
  at: LanePoint;
  /** Per node, the latest event that happened before (or is) the event. */
  past: Map<NodeId, LanePoint>;
  /** Per node, the earliest event that happens after (or is) the event. */
  future: Map<NodeId, LanePoint>;
  /** Lamport's logical clock of the event (1-based: a node's first event is 1). */
  lamport: number;
  /** The vector clock of the event, per node in `nodes` order: events of that node in its past. */
  vector: { node: NodeId; count: number }[];
}

/** Relation is how an event or message stands to the selected event. */
export type Relation = 'past' | 'future' | 'concurrent';

const delivered = (m: MessageArrow): m is MessageArrow & { endRec: number; endT: number } => m.fate === 'delivered' && m.endRec !== null && m.endT !== null;

/**
 * causalityOf gives the causality of `sel`'s send among `messages` (in send order, as the index
 * keeps them) on lanes `nodes`. O(m log m) in the messages kept.
 */
export function causalityOf(messages: readonly MessageArrow[], nodes: readonly NodeId[], sel: MessageArrow): Causality {
  const at = { rec: sel.sendRec, t: sel.sendT };
  // The future: in send order, a message sent at or after a node's first future event carries the
  // future to its receiver (a delivery comes after its send, so one pass suffices).
  const future = new Map<NodeId, LanePoint>([[sel.from, at]]);
  for (const m of messages) {
    if (m.sendRec < sel.sendRec || !delivered(m)) continue;
    const f = future.get(m.from);
    if (!f || m.sendRec < f.rec) continue;
    const g = future.get(m.to);
    if (!g || m.endRec < g.rec) future.set(m.to, { rec: m.endRec, t: m.endT });
  }
  // The past: by delivery, latest first, a message delivered at or before a node's last past event
  // carries the past back to its sender (a send comes before its delivery: one pass again).
  const back = messages.filter((m) => delivered(m) && m.endRec < sel.sendRec).sort((a, b) => b.endRec! - a.endRec!);
  const past = new Map<NodeId, LanePoint>([[sel.from, at]]);
  for (const m of back) {
    const p = past.get(m.to);
    if (!p || m.endRec! > p.rec) continue;
    const q = past.get(m.from);
    if (!q || m.sendRec > q.rec) past.set(m.from, { rec: m.sendRec, t: m.sendT });
  }
  // Vector clock: the events of each node in the past. Lamport clock: replay the events in trace order.
  const counts = new Map<NodeId, number>(nodes.map((n) => [n, 0]));
  const events: { rec: number; node: NodeId; m: MessageArrow; send: boolean }[] = [];
  for (const m of messages) {
    if (m.sendRec <= (past.get(m.from)?.rec ?? -1)) counts.set(m.from, (counts.get(m.from) ?? 0) + 1);
    if (delivered(m) && m.endRec <= (past.get(m.to)?.rec ?? -1)) counts.set(m.to, (counts.get(m.to) ?? 0) + 1);
    if (m.sendRec <= sel.sendRec) events.push({ rec: m.sendRec, node: m.from, m, send: true });
    if (delivered(m) && m.endRec < sel.sendRec) events.push({ rec: m.endRec, node: m.to, m, send: false });
  }
  events.sort((a, b) => a.rec - b.rec);
  const clock = new Map<NodeId, number>();
  const stamp = new Map<MessageArrow, number>();
  let lamport = 0;
  for (const e of events) {
    const c = e.send ? (clock.get(e.node) ?? 0) + 1 : Math.max(clock.get(e.node) ?? 0, stamp.get(e.m) ?? 0) + 1;
    clock.set(e.node, c);
    if (e.send) stamp.set(e.m, c);
    if (e.m === sel && e.send) lamport = c;
  }
  return { node: sel.from, at, past, future, lamport, vector: nodes.map((n) => ({ node: n, count: counts.get(n) ?? 0 })) };
}

/** relationOfEvent gives how the event at `rec` on `node`'s lane stands to the selected event. */
export function relationOfEvent(c: Causality, node: NodeId, rec: number): Relation {
  if (rec <= (c.past.get(node)?.rec ?? -1)) return 'past';
  const f = c.future.get(node);
  return f && rec >= f.rec ? 'future' : 'concurrent';
}

/**
 * relationOfMessage gives how message `m` stands to the selected event, by its send: `past` when
 * it was sent before the event happened (on the event's lane, or on a lane the event heard from),
 * `future` when sent after it, else `concurrent`. The selected message itself is `future`.
 */
export function relationOfMessage(c: Causality, m: MessageArrow): Relation {
  if (m.from === c.node && m.sendRec === c.at.rec) return 'future';
  return relationOfEvent(c, m.from, m.sendRec);
}
