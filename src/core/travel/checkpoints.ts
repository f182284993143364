/**
 * Checkpoints of a run for time travel: the scheduler's snapshot, every node's snapshot, and
 * whatever the caller's views need (`extra`), taken every so many events. Seeking restores the
 * nearest checkpoint at or before the target and replays the rest, so a seek costs at most one
 * spacing of replay. Memory stays bounded: past `max` checkpoints, every other one is dropped and
 * the spacing doubles (as RaftScope keeps its checkpoints, but bounded).
 */
import type { NodeSnapshot } from '../sim/host';
import type { SimSnapshot } from '../sim/snapshot';
import type { NodeId, VirtualMs } from '../types';

/** Checkpoint is the whole deterministic state of a run after `events` events, at virtual time `t`. */
export interface Checkpoint<X = unknown> {
  events: number;
  /** Virtual ms. */
  t: VirtualMs;
  sim: SimSnapshot;
  nodes: Record<NodeId, NodeSnapshot>;
  /** The caller's own state at this moment (e.g. the UI's event-log collector). */
  extra: X;
}

/**
 * CHECKPOINT_DEFAULTS: a checkpoint every 1,000 events, at most 192 before thinning. A seek then
 * replays at most a spacing of events (bench: p99 well under 100 ms over a 100,000-event run), and
 * a checkpoint costs little since node copies share the log's entries (Protocol.cloneState).
 */
export const CHECKPOINT_DEFAULTS = { everyEvents: 1000, max: 192 } as const;

/** CheckpointOptions: `everyEvents` is the first spacing (events), `max` the most kept (≥ 4). */
export interface CheckpointOptions {
  everyEvents?: number;
  max?: number;
}

/** Checkpoints keeps checkpoints in event order; the first (event 0) is never dropped. */
export class Checkpoints<X = unknown> {
  private readonly list: Checkpoint<X>[] = [];
  private every: number;
  private readonly max: number;

  /** @throws RangeError if `everyEvents` < 1 or `max` < 4. */
  constructor(opts: CheckpointOptions = {}) {
    this.every = opts.everyEvents ?? CHECKPOINT_DEFAULTS.everyEvents;
    this.max = opts.max ?? CHECKPOINT_DEFAULTS.max;
    if (!(this.every >= 1)) throw new RangeError(`checkpoint spacing must be at least 1 event (got ${this.every})`);
    if (!(this.max >= 4)) throw new RangeError(`at least 4 checkpoints must be kept (got ${this.max})`);
  }

  /** spacing is the current least distance between checkpoints (events). */
  get spacing(): number {
    return this.every;
  }

  get size(): number {
    return this.list.length;
  }

  /** last is the newest checkpoint, or null. */
  get last(): Checkpoint<X> | null {
    return this.list[this.list.length - 1] ?? null;
  }

  /** due is true when a checkpoint after `events` events should be taken. */
  due(events: number): boolean {
    const last = this.last;
    return !last || events >= last.events + this.every;
  }

  /** add appends `c` (after every checkpoint kept), thinning when over the limit. @throws Error if out of order. */
  add(c: Checkpoint<X>): void {
    const last = this.last;
    if (last && c.events <= last.events) throw new Error(`checkpoint at ${c.events} events comes after one at ${last.events}`);
    this.list.push(c);
    if (this.list.length > this.max) {
      // Keep the first, drop every other one after it, and space new ones twice as far apart.
      const kept = this.list.filter((_, i) => i % 2 === 0 || i === this.list.length - 1);
      this.list.length = 0;
      this.list.push(...kept);
      this.every *= 2;
    }
  }

  /** atOrBefore gives the newest checkpoint with at most `events` events, or null if none. */
  atOrBefore(events: number): Checkpoint<X> | null {
    let lo = 0;
    let hi = this.list.length - 1;
    let best: Checkpoint<X> | null = null;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const c = this.list[mid]!;
      if (c.events <= events) {
        best = c;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return best;
  }

  /** cut forgets every checkpoint after `events` events (a fork: that future is gone). */
  cut(events: number): void {
    while (this.list.length && this.list[this.list.length - 1]!.events > events) this.list.pop();
  }

  /** all lists the checkpoints, oldest first (read only). */
  all(): readonly Checkpoint<X>[] {
    return this.list;
  }
}
