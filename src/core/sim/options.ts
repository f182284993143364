/** What a Simulation is given (options, limits) and what its views hand out (messages in flight). */
import type { TraceSink } from '../trace';
import type { NodeId, VirtualMs } from '../types';

/** SimLimits bound a run so that a bad scenario ends with a message, never a frozen tab. */
export interface SimLimits {
  /** Messages in flight at once; more are dropped with reason `overflow`. */
  maxInFlight: number;
  /** Events in one run; past it the run stops with a `limit` record. */
  maxEvents: number;
}

/** DEFAULT_LIMITS are the limits used unless a caller overrides them. */
export const DEFAULT_LIMITS: SimLimits = { maxInFlight: 20_000, maxEvents: 200_000_000 };

/** SimOptions configures a Simulation. */
export interface SimOptions {
  /** Receives every trace record in order; without it no record is even built. */
  trace?: TraceSink;
  limits?: Partial<SimLimits>;
}

/** InFlight is a message on the bus, for drawing it in motion. */
export interface InFlight {
  id: number;
  from: NodeId;
  to: NodeId;
  msg: unknown;
  sentAt: VirtualMs;
  /** When it arrives (virtual ms); Infinity while it waits for the user (manual delivery mode). */
  deliverAt: VirtualMs;
  dup: boolean;
  /** It waits on the bus for the user to deliver, drop or duplicate it (manual delivery mode). */
  held?: true;
}
