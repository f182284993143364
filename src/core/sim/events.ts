/**
 * The simulator's events: what sits in the queue. Plain objects with a numeric `time` (virtual ms).
 */
import type { TimelineAction } from '../scenario/types';
import type { ClientReply } from '../protocol';
import type { ClientId, NodeId, Op, VirtualMs } from '../types';
import type { Queued } from './queue';
import type { StepCall } from './host';

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
 * creates new events at least `lookahead` ms later, and the window spans less than that. A node may
 * have several steps in a window (run in order); a timer joins only if its node has none before it,
 * since whether it fires depends on that node's timers. So each node's steps may run in its own
 * worker, in parallel with the others, and committing the results in event order gives exactly the
 * run that handling the events one by one gives.
 */
export interface Window {
  items: WindowItem[];
  calls: StepCall[];
}
