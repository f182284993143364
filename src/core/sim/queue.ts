/**
 * EventQueue: the simulator's agenda, a binary min-heap of events ordered by
 * (time, class, insertion sequence). Class 0 holds fault actions (the scenario timeline, user
 * actions) and boots; class 1 everything else. So an action recorded at virtual ms t replays before
 * any protocol event at t, whether it came from the scenario file or from a click mid-run.
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

function before(a: Queued, b: Queued): boolean {
  return a.time < b.time || (a.time === b.time && (a.cls < b.cls || (a.cls === b.cls && a.seq < b.seq)));
}

/** EventQueue is a binary heap; push and pop are O(log n) with no allocation beyond the array. */
export class EventQueue<E extends Queued> {
  private heap: E[] = [];
  private nextSeq = 0;

  get size(): number {
    return this.heap.length;
  }

  /** push adds `e`, stamping its insertion sequence. */
  push(e: E): void {
    e.seq = this.nextSeq++;
    const h = this.heap;
    let i = h.length;
    h.push(e);
    while (i > 0) {
      const p = (i - 1) >> 1;
      const parent = h[p]!;
      if (!before(e, parent)) break;
      h[i] = parent;
      i = p;
    }
    h[i] = e;
  }

  /** peek gives the earliest event without removing it, or undefined if empty. */
  peek(): E | undefined {
    return this.heap[0];
  }

  /** pop removes and returns the earliest event, or undefined if empty. */
  pop(): E | undefined {
    const h = this.heap;
    const top = h[0];
    const last = h.pop();
    if (top === undefined || last === undefined || h.length === 0) return top;
    const n = h.length;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const c = r < n && before(h[r]!, h[l]!) ? r : l;
      if (!before(h[c]!, last)) break;
      h[i] = h[c]!;
      i = c;
    }
    h[i] = last;
    return top;
  }

  /** items gives every queued event, in no particular order (for views, not for scheduling). */
  items(): readonly E[] {
    return this.heap;
  }
}
