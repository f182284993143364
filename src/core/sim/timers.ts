/**
 * Node timers with lazy re-arming, on each node's own clock (which a `skew` action can make run
 * fast or slow). Raft followers reset their election timer on every heartbeat;
 * pushing a queue entry each time would double the queue's traffic. Instead a timer keeps one
 * queue entry: moving the deadline later only updates the deadline, and when the entry comes due
 * early it is pushed again at the deadline. Moving it earlier, or clearing and setting it again,
 * makes a new generation, so older entries are recognised as stale.
 */
import type { NodeId, VirtualMs } from '../types';
import type { SimEvent, TimerState } from './events';

/** TimerEntry is a timer's queue entry. */
export type TimerEntry = Extract<SimEvent, { kind: 'timer' }>;

/** NodeTimer is an armed timer as views show it (e.g. the election-timer ring). */
export interface NodeTimer {
  name: string;
  setAt: VirtualMs;
  deadline: VirtualMs;
}

/** TimersSnapshot is the Timers' whole state (see Timers.snapshot). */
export interface TimersSnapshot {
  byNode: Map<NodeId, Map<string, TimerState>>;
  rates: Map<NodeId, number>;
  gen: number;
  manual: boolean;
}

/** Timers holds every node's armed timers; it queues entries through `push`. */
export class Timers {
  private readonly byNode = new Map<NodeId, Map<string, TimerState>>();
  /** Clock rate per skewed node (absent: 1). */
  private readonly rates = new Map<NodeId, number>();
  /** The least real delay of any timer (virtual ms, ≥ 1), whatever the skew: part of the lookahead. */
  readonly minDelayMs: number;
  /** Generations are global, so a timer cleared and set again never matches a stale entry. */
  private gen = 0;
  /** In manual mode timers stay armed but queue nothing: they fire only when the user fires them. */
  private manual = false;
  private readonly push: (e: TimerEntry) => void;

  /**
   * @param minProtocolDelayMs the protocol's least timer delay (Protocol.minTimerDelayMs); a clock
   *   running up to `maxRate` times as fast shortens it to minDelayMs.
   */
  constructor(nodes: readonly NodeId[], push: (e: TimerEntry) => void, minProtocolDelayMs: number, maxRate: number) {
    this.minDelayMs = Math.max(1, Math.floor(minProtocolDelayMs / maxRate));
    for (const id of nodes) this.byNode.set(id, new Map());
    this.push = push;
  }

  private of(node: NodeId): Map<string, TimerState> {
    const m = this.byNode.get(node);
    if (!m) throw new Error(`timers: unknown node ${node}`);
    return m;
  }

  /** setRate makes `node`'s clock run `rate` times as fast from now on (1: normal). */
  setRate(node: NodeId, rate: number): void {
    if (rate === 1) this.rates.delete(node);
    else this.rates.set(node, rate);
  }

  /** set arms `node`'s timer `name` to fire `afterMs` ms of the node's clock after `now` (virtual ms). */
  set(node: NodeId, name: string, afterMs: number, now: VirtualMs): void {
    const timers = this.of(node);
    const rate = this.rates.get(node);
    const deadline = now + Math.max(this.minDelayMs, rate === undefined ? afterMs : Math.round(afterMs / rate));
    const t = timers.get(name);
    if (this.manual) {
      timers.set(name, { deadline, setAt: now, gen: ++this.gen, queuedAt: Infinity });
      return;
    }
    if (t && t.queuedAt <= deadline) {
      t.deadline = deadline;
      t.setAt = now;
      return;
    }
    const gen = ++this.gen;
    timers.set(name, { deadline, setAt: now, gen, queuedAt: deadline });
    this.push({ time: deadline, cls: 1, seq: 0, kind: 'timer', node, name, gen });
  }

  /** clear disarms one timer (its entry goes stale); clearAll disarms all of a node's (a crash). */
  clear(node: NodeId, name: string): void {
    this.of(node).delete(name);
  }

  clearAll(node: NodeId): void {
    this.of(node).clear();
  }

  /** early is true when entry `e` is stale or due before its timer's deadline: not an event. */
  early(e: TimerEntry): boolean {
    const t = this.of(e.node).get(e.name);
    return !t || t.gen !== e.gen || t.deadline > e.time;
  }

  /** requeueAt is when rearm would queue entry `e` again (its timer's deadline), or null if it is stale. */
  requeueAt(e: TimerEntry): VirtualMs | null {
    const t = this.of(e.node).get(e.name);
    return t && t.gen === e.gen ? t.deadline : null;
  }

  /** rearm queues an early entry again at its timer's deadline; a stale one is dropped. */
  rearm(e: TimerEntry): void {
    const t = this.of(e.node).get(e.name);
    if (!t || t.gen !== e.gen) return;
    t.queuedAt = t.deadline;
    this.push({ time: t.deadline, cls: 1, seq: 0, kind: 'timer', node: e.node, name: e.name, gen: e.gen });
  }

  /** fired disarms a timer whose entry has just fired. */
  fired(e: TimerEntry): void {
    this.of(e.node).delete(e.name);
  }

  /** armed is true when `node`'s timer `name` is set (it may be overdue in manual mode). */
  armed(node: NodeId, name: string): boolean {
    return this.of(node).has(name);
  }

  /** fire disarms `node`'s timer `name` because the user fired it (manual mode); false if it is not armed. */
  fire(node: NodeId, name: string): boolean {
    return this.of(node).delete(name);
  }

  /**
   * setManual switches manual mode. Going manual makes every queued entry stale; leaving it queues
   * every armed timer again at its deadline, or at `now + 1` (virtual ms) if that has passed.
   */
  setManual(on: boolean, now: VirtualMs): void {
    if (on === this.manual) return;
    this.manual = on;
    for (const [node, timers] of this.byNode) {
      for (const [name, t] of timers) {
        t.gen = ++this.gen;
        t.queuedAt = on ? Infinity : Math.max(t.deadline, now + 1);
        if (!on) {
          t.deadline = t.queuedAt;
          this.push({ time: t.queuedAt, cls: 1, seq: 0, kind: 'timer', node, name, gen: t.gen });
        }
      }
    }
  }

  /** snapshot copies every armed timer, the skew rates and the counters (for checkpoints). */
  snapshot(): TimersSnapshot {
    return structuredClone({ byNode: this.byNode, rates: this.rates, gen: this.gen, manual: this.manual });
  }

  /** restore puts back a {@link snapshot} (queue entries are restored with the queue). */
  restore(s: TimersSnapshot): void {
    const c = structuredClone(s);
    this.byNode.clear();
    for (const [k, m] of c.byNode) this.byNode.set(k, m);
    this.rates.clear();
    for (const [k, r] of c.rates) this.rates.set(k, r);
    this.gen = c.gen;
    this.manual = c.manual;
  }

  /** list gives a node's armed timers. */
  list(node: NodeId): NodeTimer[] {
    return [...this.of(node)].map(([name, t]) => ({ name, setAt: t.setAt, deadline: t.deadline }));
  }
}
