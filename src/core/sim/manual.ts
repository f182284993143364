/**
 * Manual delivery mode: the network as a model checker's explorer shows it. While it is on, every
 * message a node sends waits on the bus, and the user decides, one timeline action at a time, which
 * message is delivered next, which is lost and which is duplicated; node timers fire only when the
 * user fires them (see Timers.setManual). Every choice is a timeline action naming a message by its
 * trace id, so a manual run replays exactly from its scenario, like any other run.
 */
import type { TimelineAction } from '../scenario/types';
import type { NodeId, VirtualMs } from '../types';

/** HeldMessage is one message waiting on the bus for the user. */
export interface HeldMessage {
  /** The trace's message id (as in `send`, `deliver` and `drop` records). */
  id: number;
  from: NodeId;
  to: NodeId;
  msg: unknown;
  /** When it was sent (virtual ms). */
  sentAt: VirtualMs;
  dup: boolean;
}

/** HoldSnapshot is the Hold's whole state (see Hold.snapshot). */
export interface HoldSnapshot {
  enabled: boolean;
  held: HeldMessage[];
}

/** ManualAction is an action that names a held message or a timer. */
export type ManualAction = Extract<TimelineAction, { action: 'deliver' | 'drop' | 'duplicate' | 'fire' }>;

/** Hold keeps the messages waiting for the user, by id (ascending: the order they were sent). */
export class Hold {
  enabled = false;
  private readonly held = new Map<number, HeldMessage>();

  get size(): number {
    return this.held.size;
  }

  add(m: HeldMessage): void {
    this.held.set(m.id, m);
  }

  get(id: number): HeldMessage | undefined {
    return this.held.get(id);
  }

  /** take removes and returns message `id`. @throws Error if it is not held (plan checks first). */
  take(id: number): HeldMessage {
    const m = this.held.get(id);
    if (!m) throw new Error(`message ${id} is not held`);
    this.held.delete(id);
    return m;
  }

  /** drain removes and returns every held message, in the order sent. */
  drain(): HeldMessage[] {
    const all = [...this.held.values()].sort((a, b) => a.id - b.id);
    this.held.clear();
    return all;
  }

  /** list gives every held message, in the order sent (shared objects: read only). */
  list(): HeldMessage[] {
    return [...this.held.values()].sort((a, b) => a.id - b.id);
  }

  /** refuse gives why manual action `a` cannot run now, or null; `armed` tells whether a timer is set. */
  refuse(a: ManualAction, armed: (node: NodeId, name: string) => boolean): string | null {
    if (!this.enabled) return 'manual delivery is off';
    if (a.action === 'fire') return armed(a.node, a.timer) ? null : `${a.node} has no ${a.timer} timer armed`;
    return this.held.has(a.id) ? null : `message #${a.id} is not waiting on the bus`;
  }

  /** snapshot gives the state, sharing the held messages (the caller clones). */
  snapshot(): HoldSnapshot {
    return { enabled: this.enabled, held: [...this.held.values()] };
  }

  /** restore puts back a snapshot (copying it, so a snapshot can be restored many times). */
  restore(s: HoldSnapshot): void {
    this.enabled = s.enabled;
    this.held.clear();
    for (const m of structuredClone(s.held)) this.held.set(m.id, m);
  }
}

/** isManualAction tells whether `a` names a held message or a timer. */
export function isManualAction(a: TimelineAction): a is ManualAction {
  return a.action === 'deliver' || a.action === 'drop' || a.action === 'duplicate' || a.action === 'fire';
}
