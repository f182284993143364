/**
 * The space-time (Lamport) diagram's data: every message of a run as an arrow from (send time,
 * sender) to (delivery or drop time, receiver), plus marks on the node lanes (timer firings,
 * crashes, restarts, role changes, faults) and the term spans shaded behind each lane.
 *
 * Pure TypeScript: no DOM, no React. Built incrementally from trace records, in order, and cut back
 * with {@link SpaceTimeIndex.truncate} when the user forks the run at an earlier point. All times are
 * virtual ms; `rec` fields are positions in the run's trace (0-based).
 */
import { epochText, type AnyProtocol } from '../../core/protocol';
import type { TraceRecord } from '../../core/trace';
import type { NodeId } from '../../core/types';
import { resumeText } from '../../core/describe';
import { Arrow, BLOCK, lowerBound, upperBound, type LaneMark, type MessageArrow, type PauseSpan, type TermSpan } from './types';

export type { LaneMark, LaneMarkKind, MessageArrow, MessageFate, PauseSpan, TermSpan } from './types';
export { lowerBound, upperBound } from './types';

/** SpaceTimeOptions tunes an index. */
export interface SpaceTimeOptions {
  /** Messages kept at most; the oldest are forgotten beyond it (default 200,000). */
  maxMessages?: number;
  /** Lane marks kept at most (default: maxMessages). */
  maxMarks?: number;
  /** The role nodes have before their first `state` record (default `follower`). */
  initialRole?: string;
}

/**
 * SpaceTimeIndex accumulates a run's messages, lane marks and term spans from its trace records and
 * answers windowed queries for drawing. Memory is bounded by {@link SpaceTimeOptions.maxMessages}.
 */
export class SpaceTimeIndex {
  readonly protocol: AnyProtocol;
  readonly nodes: readonly NodeId[];
  /** Messages in send order (oldest forgotten beyond maxMessages). */
  readonly messages: MessageArrow[] = [];
  /** Lane marks in record order. */
  readonly marks: LaneMark[] = [];
  /** Term spans per node, in order. */
  readonly spans = new Map<NodeId, TermSpan[]>();
  /** Pause spans (timeline `pause` to `resume`), in the order they began. */
  readonly pauses: PauseSpan[] = [];
  /** How many messages were forgotten (oldest first) to bound memory. */
  forgottenMessages = 0;
  /** How many marks were forgotten. */
  forgottenMarks = 0;
  /**
   * Virtual ms from which the index is complete: 0 unless old messages or marks were forgotten,
   * then the send time of the oldest message kept (say "older messages not kept" before it).
   */
  firstT = 0;

  private readonly maxMessages: number;
  private readonly maxMarks: number;
  private readonly initialRole: string;
  private readonly byId = new Map<number, Arrow>();
  /** Ended messages in the order of their end records, for truncate. */
  private ends: Arrow[] = [];
  /** Per block of BLOCK messages: max of (endT ?? Infinity); NaN when it must be recomputed. */
  private blockMaxEnd: number[] = [];
  private next = 0;
  private sent = 0;

  constructor(protocol: AnyProtocol, nodes: readonly NodeId[], options: SpaceTimeOptions = {}) {
    this.protocol = protocol;
    this.nodes = nodes;
    this.maxMessages = Math.max(1, options.maxMessages ?? 200_000);
    this.maxMarks = Math.max(1, options.maxMarks ?? this.maxMessages);
    this.initialRole = options.initialRole ?? 'follower';
    for (const n of nodes) this.spans.set(n, []);
  }

  /** nextRec is the trace position the index expects next (records before it were added). */
  get nextRec(): number {
    return this.next;
  }

  /** messageById finds a kept message by its bus id. */
  messageById(id: number): MessageArrow | undefined {
    return this.byId.get(id);
  }

  /** spansOf gives node `node`'s term spans, in order. */
  spansOf(node: NodeId): readonly TermSpan[] {
    return this.spans.get(node) ?? [];
  }

  /** roleOf gives the role node `node` has after every record added (its last span's role). */
  roleOf(node: NodeId): string {
    const s = this.spans.get(node);
    return s?.[s.length - 1]?.role ?? this.initialRole;
  }

  /**
   * add takes record `r` at trace position `recordIndex` (strictly increasing from call to call).
   * Records other than send/deliver/drop/timer/state/fault are ignored.
   */
  add(r: TraceRecord, recordIndex: number): void {
    this.next = recordIndex + 1;
    switch (r.type) {
      case 'send': {
        const a = new Arrow(this.protocol, r, recordIndex, this.sent++);
        const i = this.messages.length;
        this.messages.push(a);
        this.byId.set(a.id, a);
        if (i % BLOCK === 0) this.blockMaxEnd.push(Infinity);
        else this.blockMaxEnd[(i / BLOCK) | 0] = Infinity;
        if (this.messages.length > this.maxMessages) this.forgetMessages();
        return;
      }
      case 'deliver':
      case 'drop': {
        const a = this.byId.get(r.id);
        if (!a || a.endRec !== null) return;
        a.endT = r.t;
        a.endRec = recordIndex;
        a.fate = r.type === 'deliver' ? 'delivered' : 'dropped';
        if (r.type === 'drop') a.dropReason = r.reason;
        this.ends.push(a);
        this.blockMaxEnd[((a.pos - this.forgottenMessages) / BLOCK) | 0] = NaN;
        return;
      }
      case 'timer':
        this.pushMark({ node: r.node, t: r.t, rec: recordIndex, kind: 'timer', text: `${r.node}'s ${r.name} timer fires` });
        return;
      case 'state':
        this.state(r, recordIndex);
        return;
      case 'fault':
        this.fault(r, recordIndex);
        return;
      case 'resume': {
        const open = this.pauses.findLast((p) => p.node === r.node && p.toRec === null);
        if (open) {
          open.toT = r.t;
          open.toRec = recordIndex;
        }
        this.pushMark({ node: r.node, t: r.t, rec: recordIndex, kind: 'fault', text: resumeText(r) });
        return;
      }
      default:
        return;
    }
  }

  private state(r: Extract<TraceRecord, { type: 'state' }>, rec: number): void {
    let list = this.spans.get(r.node);
    if (!list) this.spans.set(r.node, (list = []));
    const last = list[list.length - 1];
    const prevRole = last?.role ?? this.initialRole;
    if (last && last.role === r.role && last.term === r.term) return;
    if (last) {
      last.toT = r.t;
      last.toRec = rec;
    }
    list.push({ node: r.node, term: r.term, role: r.role, fromT: r.t, fromRec: rec, toT: null, toRec: null });
    if (prevRole === r.role) return;
    const base = { node: r.node, t: r.t, rec, role: r.role };
    if (r.role === 'crashed') this.pushMark({ ...base, kind: 'crash', text: `${r.node} crashes` });
    else if (prevRole === 'crashed') this.pushMark({ ...base, kind: 'restart', text: `${r.node} restarts as ${r.role}${epochText(this.protocol, r.term) ? ` (${epochText(this.protocol, r.term)})` : ''}` });
    else this.pushMark({ ...base, kind: 'role', text: `${r.node} → ${r.role}${epochText(this.protocol, r.term) ? ` (${epochText(this.protocol, r.term)})` : ''}` });
  }

  private fault(r: Extract<TraceRecord, { type: 'fault' }>, rec: number): void {
    const f = r as Record<string, unknown>;
    const node = typeof f.node === 'string' ? f.node : null;
    let text: string;
    let lane: NodeId | null;
    switch (r.action) {
      case 'isolate':
        text = `${node ?? '?'} isolated`;
        lane = node;
        break;
      case 'timeout':
        text = `forced timeout on ${node ?? '?'}`;
        lane = node;
        break;
      case 'skew':
        text = `${node ?? '?'} clock ×${String(f.rate)}`;
        lane = node;
        break;
      case 'pause':
        if (f.skipped !== undefined) return;
        text = `${node ?? '?'} paused for ${String(f.ms)} ms`;
        lane = node;
        // A pause of a paused node extends the open span: its end comes with the resume record.
        if (node && !this.pauses.some((p) => p.node === node && p.toRec === null)) this.pauses.push({ node, fromT: r.t, fromRec: rec, toT: null, toRec: null });
        break;
      case 'byzantine':
        text = f.behaviour === 'honest' ? `${node ?? '?'} honest again` : `${node ?? '?'} Byzantine: ${String(f.behaviour)}`;
        lane = node;
        break;
      case 'partition':
        text = Array.isArray(f.groups) ? `partition ${(f.groups as unknown[]).map((g) => `{${Array.isArray(g) ? g.join(' ') : ''}}`).join(' | ')}` : 'partition';
        lane = null;
        break;
      case 'heal':
        text = 'heal the network';
        lane = null;
        break;
      case 'link':
        text = `link ${String(f.from)} → ${String(f.to)} changed`;
        lane = typeof f.from === 'string' ? f.from : null;
        break;
      default:
        // crash/restart show through state records; requests are not lane events.
        return;
    }
    this.pushMark({ node: lane, t: r.t, rec, kind: 'fault', text });
  }

  private pushMark(m: LaneMark): void {
    this.marks.push(m);
    if (this.marks.length > this.maxMarks) {
      const drop = this.marks.length - this.maxMarks + (this.maxMarks >> 3);
      this.marks.splice(0, drop);
      this.forgottenMarks += drop;
      this.firstT = Math.max(this.firstT, this.marks[0]?.t ?? 0);
    }
  }

  /** forgetMessages drops the oldest messages (an eighth of the cap beyond it) and rebuilds the index. */
  private forgetMessages(): void {
    const drop = Math.min(this.messages.length, this.messages.length - this.maxMessages + (this.maxMessages >> 3));
    const gone = this.messages.splice(0, drop) as Arrow[];
    for (const a of gone) this.byId.delete(a.id);
    this.forgottenMessages += drop;
    const keptFrom = this.messages[0]?.sendRec ?? Infinity;
    this.ends = this.ends.filter((a) => a.sendRec >= keptFrom);
    this.blockMaxEnd = new Array<number>(Math.ceil(this.messages.length / BLOCK)).fill(NaN);
    this.firstT = Math.max(this.firstT, this.messages[0]?.sendT ?? gone[gone.length - 1]?.sendT ?? 0);
  }

  /**
   * truncate forgets everything learned from records at positions ≥ `recordCount`: later sends
   * vanish, later deliveries/drops become in flight again, later marks and spans go (an open span
   * is reopened). Cost: proportional to what is removed, plus a binary search.
   */
  truncate(recordCount: number): void {
    if (recordCount >= this.next) return;
    this.next = Math.max(0, recordCount);
    const msgs = this.messages as Arrow[];
    while (msgs.length > 0 && msgs[msgs.length - 1]!.sendRec >= recordCount) {
      const a = msgs.pop()!;
      this.byId.delete(a.id);
      this.sent--;
    }
    this.blockMaxEnd.length = Math.ceil(msgs.length / BLOCK);
    if (msgs.length % BLOCK !== 0) this.blockMaxEnd[this.blockMaxEnd.length - 1] = NaN;
    while (this.ends.length > 0 && this.ends[this.ends.length - 1]!.endRec! >= recordCount) {
      const a = this.ends.pop()!;
      if (a.sendRec >= recordCount) continue;
      a.reopen();
      this.blockMaxEnd[((a.pos - this.forgottenMessages) / BLOCK) | 0] = Infinity;
    }
    const m = lowerBound(this.marks.length, (i) => this.marks[i]!.rec, recordCount);
    this.marks.length = m;
    while (this.pauses.length > 0 && this.pauses[this.pauses.length - 1]!.fromRec >= recordCount) this.pauses.pop();
    for (const p of this.pauses) {
      if (p.toRec !== null && p.toRec >= recordCount) {
        p.toT = null;
        p.toRec = null;
      }
    }
    for (const list of this.spans.values()) {
      while (list.length > 0 && list[list.length - 1]!.fromRec >= recordCount) list.pop();
      const last = list[list.length - 1];
      if (last && last.toRec !== null && last.toRec >= recordCount) {
        last.toT = null;
        last.toRec = null;
      }
    }
  }

  private blockEnd(b: number): number {
    let v = this.blockMaxEnd[b]!;
    if (Number.isNaN(v)) {
      v = -Infinity;
      const end = Math.min(this.messages.length, (b + 1) * BLOCK);
      for (let i = b * BLOCK; i < end; i++) {
        const e = this.messages[i]!.endT;
        if (e === null) {
          v = Infinity;
          break;
        }
        if (e > v) v = e;
      }
      this.blockMaxEnd[b] = v;
    }
    return v;
  }

  /**
   * messagesInWindow gives the kept messages overlapping [t0, t1] (virtual ms), in send order: sent
   * by t1 and ended at t0 or later (in-flight ones count as never ended). Scans one number per 128
   * messages plus the blocks that may overlap, so it stays fast for hundreds of thousands.
   */
  messagesInWindow(t0: number, t1: number): MessageArrow[] {
    const out: MessageArrow[] = [];
    this.forEachInWindow(t0, t1, (m) => out.push(m));
    return out;
  }

  /** forEachInWindow is {@link messagesInWindow} without the array. */
  forEachInWindow(t0: number, t1: number, fn: (m: MessageArrow) => void): void {
    const msgs = this.messages;
    const hi = upperBound(msgs.length, (i) => msgs[i]!.sendT, t1);
    if (hi === 0) return;
    const lastBlock = ((hi - 1) / BLOCK) | 0;
    for (let b = 0; b <= lastBlock; b++) {
      if (this.blockEnd(b) < t0) continue;
      const end = Math.min(hi, (b + 1) * BLOCK);
      for (let i = b * BLOCK; i < end; i++) {
        const m = msgs[i]!;
        if (m.endT === null || m.endT >= t0) fn(m);
      }
    }
  }

  /** marksInWindow gives the lane marks with t in [t0, t1] (virtual ms), in record order. */
  marksInWindow(t0: number, t1: number): LaneMark[] {
    const marks = this.marks;
    const lo = lowerBound(marks.length, (i) => marks[i]!.t, t0);
    const hi = upperBound(marks.length, (i) => marks[i]!.t, t1);
    return marks.slice(lo, Math.max(lo, hi));
  }

  /** pausesInWindow gives the pause spans overlapping [t0, t1] (virtual ms); open ones run on. */
  pausesInWindow(t0: number, t1: number): PauseSpan[] {
    return this.pauses.filter((p) => p.fromT <= t1 && (p.toT ?? Infinity) >= t0);
  }

  /** spansInWindow gives every node's term spans overlapping [t0, t1] (virtual ms); open spans run on. */
  spansInWindow(t0: number, t1: number): TermSpan[] {
    const out: TermSpan[] = [];
    for (const list of this.spans.values()) for (const s of list) if (s.fromT <= t1 && (s.toT ?? Infinity) >= t0) out.push(s);
    return out;
  }
}

/** buildIndexFromRecords builds an index from a whole trace (records at positions 0, 1, …). */
export function buildIndexFromRecords(
  protocol: AnyProtocol,
  nodes: readonly NodeId[],
  records: readonly TraceRecord[],
  options: SpaceTimeOptions = {},
): SpaceTimeIndex {
  const index = new SpaceTimeIndex(protocol, nodes, options);
  for (let i = 0; i < records.length; i++) index.add(records[i]!, i);
  return index;
}
