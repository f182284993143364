/**
 * SimSnapshot: the scheduler's half of a checkpoint (the nodes' half is each host's NodeSnapshot).
 * Plain, structured-cloneable data; restoring it resumes the run event for event.
 */
import type { BusSnapshot } from './bus';
import type { ClientState } from './clients';
import type { SimEvent } from './events';
import type { HoldSnapshot } from './manual';
import type { PausesSnapshot } from './pause';
import type { QueueSnapshot } from './queue';
import type { TimersSnapshot } from './timers';
import type { NodeId, NodeSummary, VirtualMs } from '../types';

/** SimSnapshot is everything a Simulation needs to resume, besides its scenario and its nodes. */
export interface SimSnapshot {
  /** The virtual clock (virtual ms). */
  clock: VirtualMs;
  /** Events handled so far. */
  events: number;
  nextMsgId: number;
  inFlightCount: number;
  overflowWarned: boolean;
  stopReason: string | null;
  /** How many timeline actions were handled: the rest of the timeline is still to come. */
  actionsHandled: number;
  /** Nodes whose boot event is still queued (only at the very start). */
  bootsPending: NodeId[];
  /** Protocol events (deliveries, timers, client events) and the queue's sequence counter. */
  queue: QueueSnapshot<SimEvent>;
  bus: BusSnapshot;
  busRng: readonly number[];
  clientRng: readonly number[];
  clients: ClientState[];
  summaries: [NodeId, NodeSummary][];
  crashed: NodeId[];
  timers: TimersSnapshot;
  hold: HoldSnapshot;
  /** The nodes the adversary controls, with their behaviours. */
  adversary: Record<NodeId, string>;
  /** Crashed nodes to tell their behaviour after their restart. */
  behaveStale: NodeId[];
  /** Crashed nodes whose crash lost their unsynced writes (they restart from their last sync). */
  lostUnsynced: NodeId[];
  /** Paused nodes, each with its span and the events waiting for it (their resume entries are in `queue`). */
  pauses: PausesSnapshot;
}
