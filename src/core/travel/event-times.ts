/**
 * EventTimes: the virtual time of every event of a run, in order, so that a scrubber position
 * (virtual ms) maps to an event count and back. Four bytes per event (times are whole virtual ms).
 */
import type { VirtualMs } from '../types';

/** EventTimes records event k's time (k = 1, 2, …) and answers time ↔ event-count questions. */
export class EventTimes {
  private times = new Int32Array(1 << 12);
  private n = 0;

  /** count is how many events are recorded: the horizon of the run. */
  get count(): number {
    return this.n;
  }

  /** push records the time of event `count + 1` (virtual ms). @throws RangeError if time goes back. */
  push(t: VirtualMs): void {
    if (this.n > 0 && t < this.times[this.n - 1]!) throw new RangeError(`event time ${t} ms is before the previous event's ${this.times[this.n - 1]} ms`);
    if (this.n === this.times.length) {
      const bigger = new Int32Array(this.times.length * 2);
      bigger.set(this.times);
      this.times = bigger;
    }
    this.times[this.n++] = t;
  }

  /** timeOf gives the time of event `k` (1-based), or 0 for k = 0. @throws RangeError if k is unknown. */
  timeOf(k: number): VirtualMs {
    if (k === 0) return 0;
    if (!(k >= 1 && k <= this.n)) throw new RangeError(`event ${k} is not recorded (the run has ${this.n} events)`);
    return this.times[k - 1]!;
  }

  /** countAt gives how many events happened at or before virtual time `t`. */
  countAt(t: VirtualMs): number {
    let lo = 0;
    let hi = this.n;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.times[mid]! <= t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** truncate forgets events after the first `count` (a fork). */
  truncate(count: number): void {
    this.n = Math.min(this.n, Math.max(0, count));
  }

  /** bytes is the memory held (bytes). */
  get bytes(): number {
    return this.times.byteLength;
  }
}
