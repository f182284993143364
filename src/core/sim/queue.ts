/**
 * EventQueue: the simulator's agenda, ordered by (time, class, insertion sequence). Class 0 holds
 * fault actions (the scenario timeline, user actions) and boots; class 1 everything else. So an
 * action recorded at virtual ms t replays before any protocol event at t, whether it came from the
 * scenario file or from a click mid-run.
 *
 * Each class has its own binary min-heap: the timeline's thousands of future actions then never
 * weigh on the hot heap of deliveries and timers, and each heap compares (time, seq) only.
 */
import type { VirtualMs } from '../types';

/** Queued is what the queue needs of an event; the simulator's events extend it. */
export interface Queued {
  time: VirtualMs;
  /** 0: fault action or boot; 1: protocol event. */
  cls: 0 | 1;
  /** Insertion sequence, set by {@link EventQueue.push}. */
  seq: number;
}

/** Heap is a binary min-heap on (time, seq); push and pop are O(log n). */
class Heap<E extends Queued> {
  readonly h: E[] = [];

  push(e: E): void {
    const h = this.h;
    let i = h.length;
    h.push(e);
    const t = e.time;
    const s = e.seq;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const parent = h[p]!;
      if (parent.time < t || (parent.time === t && parent.seq < s)) break;
      h[i] = parent;
      i = p;
    }
    h[i] = e;
  }

  pop(): E | undefined {
    const h = this.h;
    const top = h[0];
    const last = h.pop();
    if (top === undefined || last === undefined || h.length === 0) return top;
    const n = h.length;
    const t = last.time;
    const s = last.seq;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      let c = l;
      let ce = h[l]!;
      if (r < n) {
        const re = h[r]!;
        if (re.time < ce.time || (re.time === ce.time && re.seq < ce.seq)) {
          c = r;
          ce = re;
        }
      }
      if (t < ce.time || (t === ce.time && s < ce.seq)) break;
      h[i] = ce;
      i = c;
    }
    h[i] = last;
    return top;
  }
}

/** QueueSnapshot is an EventQueue's protocol events and sequence counter (see EventQueue.snapshot). */
export interface QueueSnapshot<E> {
  events: E[];
  nextSeq: number;
}

/** EventQueue keeps events of both classes in order. */
export class EventQueue<E extends Queued> {
  private readonly faults = new Heap<E>();
  private readonly events = new Heap<E>();
  private nextSeq = 0;

  get size(): number {
    return this.faults.h.length + this.events.h.length;
  }

  /** push adds `e`, stamping its insertion sequence. */
  push(e: E): void {
    e.seq = this.nextSeq++;
    (e.cls === 0 ? this.faults : this.events).push(e);
  }

  /** peek gives the earliest event without removing it, or undefined if empty. */
  peek(): E | undefined {
    const f = this.faults.h[0];
    const e = this.events.h[0];
    if (f === undefined) return e;
    if (e === undefined) return f;
    return f.time <= e.time ? f : e;
  }

  /** pop removes and returns the earliest event, or undefined if empty. */
  pop(): E | undefined {
    const f = this.faults.h[0];
    const e = this.events.h[0];
    if (f !== undefined && (e === undefined || f.time <= e.time)) return this.faults.pop();
    return this.events.pop();
  }

  /**
   * snapshot copies the protocol events (class 1) and the sequence counter, for checkpoints. Class 0
   * (actions, boots) is left out: its owner rebuilds it from the timeline, which a fork may cut.
   * Entries are shared, not copied: the caller clones the whole snapshot.
   */
  snapshot(): QueueSnapshot<E> {
    return { events: [...this.events.h], nextSeq: this.nextSeq };
  }

  /** restore puts back a snapshot's protocol events and counter, and `faults` as class 0, in order. */
  restore(s: QueueSnapshot<E>, faults: readonly E[]): void {
    this.events.h.length = 0;
    this.events.h.push(...s.events); // a heap's array order is itself a valid heap
    this.nextSeq = s.nextSeq;
    this.replaceFaults(faults);
  }

  /** replaceFaults makes `faults` (in order) the whole of class 0: the timeline changed (a fork). */
  replaceFaults(faults: readonly E[]): void {
    this.faults.h.length = 0;
    for (const f of faults) this.push(f);
  }

  /** extract removes and returns every class-1 event matching `pred`, in (time, seq) order. */
  extract(pred: (e: E) => boolean): E[] {
    const keep: E[] = [];
    const out: E[] = [];
    for (const e of this.events.h) (pred(e) ? out : keep).push(e);
    if (out.length === 0) return out;
    this.events.h.length = 0;
    for (const e of keep) this.events.push(e);
    return out.sort((a, b) => a.time - b.time || a.seq - b.seq);
  }

  /** items gives every queued event, in no particular order (for views, not for scheduling). */
  items(): readonly E[] {
    return [...this.faults.h, ...this.events.h];
  }
}
