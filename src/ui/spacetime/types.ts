/**
 * Data types of the space-time diagram (see model.ts): message arrows, lane marks, term spans, and
 * the binary searches the index uses. Times are virtual ms; `rec` fields are trace positions.
 */
import type { AnyProtocol } from '../../core/protocol';
import type { TraceRecord } from '../../core/trace';
import type { NodeId } from '../../core/types';
import { lookOfProtocol } from '../protocols/registry';

/** MessageFate is what became of a message as far as the index knows. */
export type MessageFate = 'delivered' | 'dropped' | 'in-flight';

/** MessageArrow is one message copy (a duplicate is its own arrow). Times are virtual ms. */
export interface MessageArrow {
  readonly id: number;
  readonly from: NodeId;
  readonly to: NodeId;
  /** Virtual ms of the send. */
  readonly sendT: number;
  /** Trace position of the `send` record. */
  readonly sendRec: number;
  /** Virtual ms of the delivery or drop; null while in flight. */
  readonly endT: number | null;
  /** Trace position of the `deliver`/`drop` record; null while in flight. */
  readonly endRec: number | null;
  readonly fate: MessageFate;
  /** Why it was dropped (the drop record's reason), when `fate` is `dropped`. */
  readonly dropReason?: string;
  /** True for the bus's extra copy of a duplicated message. */
  readonly dup: boolean;
  /** True when the send waits on the bus for the user (manual delivery mode): no `deliverAt`. */
  readonly held: boolean;
  /** protocol.messageType, e.g. `AppendEntries`. */
  readonly type: string;
  /** protocol.describeMessage, computed on first read. */
  readonly label: string;
  /** Drawing class (colour): a kind id of the protocol's look, as in the topology. */
  readonly kind: string;
  /** Virtual ms the bus planned to deliver it; absent when dropped at once (or held). */
  readonly deliverAt?: number;
  /** The message itself, as sent. */
  readonly msg: unknown;
}

/** LaneMarkKind says what a lane mark shows. */
export type LaneMarkKind = 'timer' | 'crash' | 'restart' | 'role' | 'fault';

/**
 * LaneMark is a point event on a node's lane. `node` is null for cluster-wide faults (partition,
 * heal), drawn across every lane.
 */
export interface LaneMark {
  node: NodeId | null;
  /** Virtual ms. */
  t: number;
  /** Trace position of the record. */
  rec: number;
  kind: LaneMarkKind;
  /** Human-readable, e.g. `n2 → leader (term 3)`. */
  text: string;
  /** For `role` marks: the new role. */
  role?: string;
}

/**
 * PauseSpan is a stretch of one node's lane while it was paused (timeline `pause` until its
 * `resume` record). `toT`/`toRec` are null while the pause lasts.
 */
export interface PauseSpan {
  node: NodeId;
  /** Virtual ms the pause began, and the trace position of its `fault` record. */
  fromT: number;
  fromRec: number;
  /** Virtual ms it ended (the `resume` record's), and that record's position; null while open. */
  toT: number | null;
  toRec: number | null;
}

/**
 * TermSpan is a stretch of one node's lane in one term and role (a new span starts whenever the
 * node's term or role changes). `toT`/`toRec` are null for the span still open.
 */
export interface TermSpan {
  node: NodeId;
  term: number;
  role: string;
  /** Virtual ms the span starts. */
  fromT: number;
  /** Trace position of the `state` record that opened it. */
  fromRec: number;
  /** Virtual ms the span ends (the next span's fromT); null while open. */
  toT: number | null;
  toRec: number | null;
}

/** Arrow is the index's MessageArrow; its label is described on first read. */
export class Arrow implements MessageArrow {
  id: number;
  from: NodeId;
  to: NodeId;
  sendT: number;
  sendRec: number;
  endT: number | null = null;
  endRec: number | null = null;
  fate: MessageFate = 'in-flight';
  dropReason?: string;
  dup: boolean;
  held: boolean;
  type: string;
  /** The message's kind in the protocol's look (src/ui/protocols/), e.g. `rv-yes`. */
  kind: string;
  deliverAt?: number;
  msg: unknown;
  /** Absolute position in send order (counts forgotten messages too). */
  pos: number;
  #label: string | undefined;
  readonly #protocol: AnyProtocol;

  constructor(protocol: AnyProtocol, r: Extract<TraceRecord, { type: 'send' }>, rec: number, pos: number) {
    this.#protocol = protocol;
    this.id = r.id;
    this.from = r.from;
    this.to = r.to;
    this.sendT = r.t;
    this.sendRec = rec;
    this.dup = r.dup === true;
    this.held = 'held' in r && r.held === true;
    this.type = protocol.messageType(r.msg);
    this.kind = lookOfProtocol(protocol).kindOf(r.msg);
    if (r.deliverAt !== undefined) this.deliverAt = r.deliverAt;
    this.msg = r.msg;
    this.pos = pos;
  }

  get label(): string {
    return (this.#label ??= this.#protocol.describeMessage(this.msg));
  }

  reopen(): void {
    this.endT = null;
    this.endRec = null;
    this.fate = 'in-flight';
    delete this.dropReason;
  }
}

/** BLOCK is how many messages share one entry of the interval index. */
export const BLOCK = 128;

/** upperBound gives the first i in [0, n) with key(i) > x (n if none); keys ascending. */
export function upperBound(n: number, key: (i: number) => number, x: number): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (key(mid) <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** lowerBound gives the first i in [0, n) with key(i) ≥ x (n if none); keys ascending. */
export function lowerBound(n: number, key: (i: number) => number, x: number): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (key(mid) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

