/**
 * The simulator's events: what sits in the queue. Plain objects with a numeric `time` (virtual ms).
 */
import type { TimelineAction } from '../scenario/types';
import type { ClientReply } from '../protocol';
import type { ClientId, NodeId, Op, VirtualMs } from '../types';
import type { Queued } from './queue';
import type { StepCall } from './host';
import type { Bus } from './bus';

/** SimEvent is one queued event. */
export type SimEvent = Queued &
  (
    | { kind: 'boot'; node: NodeId }
    | { kind: 'action'; action: TimelineAction }
    | { kind: 'deliver'; id: number; from: NodeId; to: NodeId; msg: unknown; sentAt: VirtualMs; dup: boolean }
    | { kind: 'timer'; node: NodeId; name: string; gen: number }
    | { kind: 'request'; node: NodeId; client: ClientId; requestId: number; op: Op }
    | { kind: 'reply'; client: ClientId; from: NodeId; requestId: number; reply: ClientReply }
    | { kind: 'clientTimer'; client: ClientId; gen: number }
    /** resume ends node's pause (timeline `pause`): what waited for it is queued again now. */
    | { kind: 'resume'; node: NodeId }
  );

/** TimerState is one armed node timer; its queue entry may be earlier than `deadline` (lazy re-arm). */
export interface TimerState {
  deadline: VirtualMs;
  setAt: VirtualMs;
  /** Generation: bumped when cleared or moved earlier, so older queue entries are stale. */
  gen: number;
  /** Time of this generation's queue entry. */
  queuedAt: VirtualMs;
}

/**
 * WindowItem is one popped event of a window, handled at commit time in order. `call` indexes
 * the window's StepCalls when the event needs nodes to step (a restart of every crashed node
 * needs several); `rearm` marks a timer entry found early, to be pushed again at its deadline.
 */
export interface WindowItem {
  event: SimEvent;
  calls: number[];
  rearm?: true;
  /** The action after resolving "leader" and "every crashed node", or a reason it is skipped. */
  resolved?: { nodes: NodeId[]; skipped?: string };
}

/**
 * Window is a batch of events whose steps on different nodes cannot affect one another: each event
 * creates new events at least `lookahead` ms later, and the window spans less than that. Entries
 * that re-queue themselves lazily end the window sooner: an early node timer before its deadline,
 * a client's retry timer after its own millisecond. A node may
 * have several steps in a window (run in order); a timer joins only if its node has none before it,
 * since whether it fires depends on that node's timers. So each node's steps may run in its own
 * worker, in parallel with the others, and committing the results in event order gives exactly the
 * run that handling the events one by one gives.
 */
export interface Window {
  items: WindowItem[];
  calls: StepCall[];
}

/** targetOf gives the node an event steps, or null for client-side events and actions. */
export function targetOf(e: SimEvent): NodeId | null {
  switch (e.kind) {
    case 'boot':
    case 'timer':
    case 'request':
      return e.node;
    case 'deliver':
      return e.to;
    default:
      return null;
  }
}

/**
 * callOf gives the step a non-action event needs, or null: the receiver is down, the link is
 * blocked, or the event is the client's (a reply, a retry timer). Decided when the event is popped.
 */
export function callOf(e: Exclude<SimEvent, { kind: 'action' }>, crashed: ReadonlySet<NodeId>, bus: Bus): StepCall | null {
  switch (e.kind) {
    case 'boot':
      return crashed.has(e.node) ? null : { node: e.node, now: e.time, input: { kind: 'start' } };
    case 'deliver':
      if (crashed.has(e.to) || bus.blocked(e.from, e.to)) return null;
      return { node: e.to, now: e.time, input: { kind: 'message', from: e.from, msg: e.msg } };
    case 'timer':
      return { node: e.node, now: e.time, input: { kind: 'timer', name: e.name } };
    case 'request':
      if (crashed.has(e.node)) return null;
      return { node: e.node, now: e.time, input: { kind: 'request', client: e.client, requestId: e.requestId, op: e.op } };
    case 'reply':
    case 'clientTimer':
    case 'resume':
      return null;
    default: {
      const never: never = e;
      throw new Error(`unexpected event ${JSON.stringify(never)}`);
    }
  }
}
