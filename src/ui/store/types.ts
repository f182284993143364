/**
 * View types shared by the store, the controller and the components. Plain data only: the
 * controller derives them from the Simulation and the trace; components never touch the sim.
 */
import type { ClientPhase } from '../../core/trace';
import type { NodeId, Op } from '../../core/types';

/**
 * RegionId names a drop region on the canvas: `main` (the cluster) or a partition region, `a`, `b`,
 * … `z`, `p27`, … (any number of them; see topology/regionNames.ts).
 */
export type RegionId = string;

/** Speed is a multiple of real time (virtual ms per wall ms), or 'max': as fast as the budget allows. */
export type Speed = number | 'max';

/** LinkView is what an edge (one unordered pair of nodes) shows. */
export interface LinkView {
  a: NodeId;
  b: NodeId;
  /** Which directions are cut: a→b, b→a, both or none. */
  cut: 'none' | 'ab' | 'ba' | 'both';
  /** The two ends are in different partition groups. */
  cross: boolean;
  /** A short label when latency, loss or duplication differ from the scenario's defaults, else null. */
  degraded: string | null;
}

/** LogKind tags an event-log line (and picks its colour). */
export type LogKind =
  | 'send'
  | 'recv'
  | 'drop'
  | 'timer'
  | 'role'
  | 'commit'
  | 'apply'
  | 'client'
  | 'fault'
  | 'note'
  | 'limit';

/** LogLine is one formatted line of the event log; `seq` is unique and increasing within a run. */
export interface LogLine {
  seq: number;
  /** Virtual ms. */
  t: number;
  /** The event that produced it (events handled once it was done): where a click on it jumps. */
  events: number;
  kind: LogKind;
  text: string;
}

/** LogFilter narrows the event log; null fields let everything through. */
export interface LogFilter {
  hideHeartbeats: boolean;
  hideMessages: boolean;
  /** Only lines about this node (sender, receiver, or the node itself). */
  node: NodeId | null;
  /** Only messages of this type (a protocol's messageType); other kinds of line are hidden. */
  msgType: string | null;
  /** Only lines of this kind. */
  kind: LogKind | null;
}

/** VotesView is who voted for whom, per term (derived from `state` trace records). */
export interface VotesView {
  /** Terms shown, newest first (at most a handful). */
  terms: number[];
  /** votes[term][voter] = the candidate the voter voted for in that term. */
  votes: Record<number, Record<NodeId, NodeId>>;
  /** leaders[term] = the node that became leader in that term. */
  leaders: Record<number, NodeId>;
}

/**
 * AlertItem is a banner: errors and limits use role="alert", info uses role="status". A banner
 * belongs to the run it was raised in (`runId`): loading, resetting or switching protocol replaces
 * the run and takes its banners away.
 */
export interface AlertItem {
  id: number;
  kind: 'error' | 'limit' | 'info';
  text: string;
  /** The store's runId when the banner was raised. */
  runId: number;
}

/** ElectionTimer is the armed timer a node's ring drains for (its look's timers: Raft's election timer), in virtual ms. */
export interface ElectionTimer {
  setAt: number;
  deadline: number;
}

/** Popover anchors are screen coordinates (CSS px, viewport-relative). */
export interface LinkPopoverState {
  a: NodeId;
  b: NodeId;
  x: number;
  y: number;
}

export interface NodeMenuState {
  id: NodeId;
  x: number;
  y: number;
}

/**
 * ClientOutcome is a client's latest operation as the trace tells it: invoked at `invokedAt`, then
 * ok, fail (certainly no effect) or info (unknown: timed out) at `t` (virtual ms). `result` is a
 * get's value (null: absent) or a failure's reason.
 */
export interface ClientOutcome {
  op: Op;
  invokedAt: number;
  phase: ClientPhase;
  t: number;
  result?: unknown;
}

/** SentRequest is a request sent from the request form: the `request` action as recorded. */
export interface SentRequest {
  client: string;
  node: NodeId;
  op: Op;
  /** When it was recorded (virtual ms). */
  at: number;
}
