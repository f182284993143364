/**
 * Pauses: the `pause` fault (a GC pause, a stopped VM). A paused node keeps its state but steps for
 * nothing. Every event that comes due for it (a message, a timer, a client request) is parked, in
 * the order it came due; at the resume the parked events go back on the queue at the resume's
 * time, ahead of anything else due for that node then, so the node handles them in that order and
 * its clock has simply jumped. Timers stay armed while parked: a step at the resume that moves or
 * clears one makes its parked entry early or stale, as for any timer entry (timers.ts).
 */
import type { NodeId, VirtualMs } from '../types';
import type { SimEvent } from './events';
import type { EventQueue } from './queue';

/** PauseState is one paused node's pause: since and until in virtual ms, and what waits for it. */
export interface PauseState {
  since: VirtualMs;
  until: VirtualMs;
  /** Events that came due for the node while paused, in the order they came due. */
  parked: SimEvent[];
}

/** PauseView is a paused node as views show it: its span (virtual ms) and what waits, by kind. */
export interface PauseView {
  since: VirtualMs;
  until: VirtualMs;
  messages: number;
  timers: number;
  requests: number;
}

/** PausesSnapshot is every pause in force, for checkpoints. */
export type PausesSnapshot = [NodeId, PauseState][];

/** pausedTarget gives the node an event would step that a pause can hold, or null. */
function pausedTarget(e: SimEvent): NodeId | null {
  switch (e.kind) {
    case 'deliver':
      return e.to;
    case 'timer':
    case 'request':
    case 'boot':
      return e.node;
    default:
      return null;
  }
}

/** counts tallies parked events by kind. */
function counts(parked: readonly SimEvent[]): { messages: number; timers: number; requests: number } {
  let messages = 0;
  let timers = 0;
  let requests = 0;
  for (const e of parked) {
    if (e.kind === 'deliver') messages++;
    else if (e.kind === 'timer') timers++;
    else if (e.kind === 'request') requests++;
  }
  return { messages, timers, requests };
}

/** Pauses holds every pause in force; it queues and unqueues `resume` entries on `queue`. */
export class Pauses {
  private readonly byNode = new Map<NodeId, PauseState>();

  constructor(private readonly queue: EventQueue<SimEvent>) {}

  /** any is true while some node is paused (the hot path checks it first). */
  get any(): boolean {
    return this.byNode.size > 0;
  }

  /** isPaused tells whether `id` is paused now. */
  isPaused(id: NodeId): boolean {
    return this.byNode.has(id);
  }

  /** holds tells whether `e` is due for a paused node, so it must be parked instead of handled. */
  holds(e: SimEvent): boolean {
    if (this.byNode.size === 0) return false;
    const id = pausedTarget(e);
    return id !== null && this.byNode.has(id);
  }

  /** park keeps `e` (for which {@link holds} is true) until its node resumes. */
  park(e: SimEvent): void {
    this.byNode.get(pausedTarget(e)!)!.parked.push(e);
  }

  /**
   * begin pauses `id` from `now` until `until` (virtual ms), queueing its resume. A paused node's
   * pause extends to the later end. Returns the pause's end.
   */
  begin(id: NodeId, now: VirtualMs, until: VirtualMs): VirtualMs {
    const p = this.byNode.get(id);
    if (p) {
      if (until <= p.until) return p.until;
      this.unqueue(id);
      p.until = until;
    } else this.byNode.set(id, { since: now, until, parked: [] });
    this.queue.push({ time: until, cls: 1, seq: 0, kind: 'resume', node: id });
    return until;
  }

  /**
   * end ends `id`'s pause now (a `resume` entry came due, or the node crashed) and returns it, or
   * undefined if it was not paused. With `requeueAt` the parked events go back on the queue at that
   * time, before whatever else is queued for `id` at that time; without it they are the caller's.
   */
  end(id: NodeId, requeueAt?: VirtualMs): PauseState | undefined {
    const p = this.byNode.get(id);
    if (!p) return undefined;
    this.byNode.delete(id);
    this.unqueue(id);
    if (requeueAt !== undefined) {
      const sameTime = this.queue.extract((x) => x.time === requeueAt && pausedTarget(x) === id);
      for (const e of [...p.parked, ...sameTime]) this.queue.push({ ...e, time: requeueAt });
    }
    return p;
  }

  /** unqueue removes `id`'s queued resume entry. */
  private unqueue(id: NodeId): void {
    this.queue.extract((x) => x.kind === 'resume' && x.node === id);
  }

  /** view gives `id`'s pause as views show it, or null when it runs. */
  view(id: NodeId): PauseView | null {
    const p = this.byNode.get(id);
    return p ? { since: p.since, until: p.until, ...counts(p.parked) } : null;
  }

  /** snapshot copies every pause (the caller clones it; resume entries are in the queue's snapshot). */
  snapshot(): PausesSnapshot {
    return [...this.byNode];
  }

  /** restore puts back a {@link snapshot}. */
  restore(s: PausesSnapshot): void {
    this.byNode.clear();
    for (const [id, p] of structuredClone(s)) this.byNode.set(id, p);
  }
}

/** resumeCounts tallies what waited in a pause, for the `resume` trace record. */
export const resumeCounts = (p: PauseState) => counts(p.parked);
