/**
 * Paxos's messages, named as in Paxos Made Simple (Lamport 2001, §2.2): Prepare (1a), Promise (1b),
 * Accept (2a), Accepted (2b, sent to every learner, §2.3), plus Nack (a rejection naming the
 * higher promise, so a proposer abandons its round), Heartbeat (a Multi-Paxos leader is alive) and
 * Learn (chosen values sent to a learner that is behind).
 */
import type { ClientId, KvOp, NodeId } from '../../types';

/** Ballot is a proposal number (round, proposer): unique per proposer, ordered by round then node id. */
export interface Ballot {
  round: number;
  node: NodeId;
}

/** ZERO_BALLOT is below every real ballot: nothing promised. */
export const ZERO_BALLOT: Ballot = { round: 0, node: '' };

/** compareBallots orders ballots: negative if a < b, 0 if equal, positive if a > b. */
export function compareBallots(a: Ballot, b: Ballot): number {
  if (a.round !== b.round) return a.round - b.round;
  return a.node < b.node ? -1 : a.node > b.node ? 1 : 0;
}

/** ballotText words a ballot as `3.n2` (round 3 of n2), `0` for none. */
export const ballotText = (b: Ballot): string => (b.round === 0 ? '0' : `${b.round}.${b.node}`);

/** Value is a proposed value: a client's op (`id` = `client#requestId`) or a no-op (`id` = `no-op`). */
export interface Value {
  id: string;
  client: ClientId | null;
  requestId: number;
  op: KvOp | null;
}

/** NOOP fills a Multi-Paxos gap (Paxos Made Simple §3). */
export const NOOP: Value = { id: 'no-op', client: null, requestId: 0, op: null };

/** valueText words a value for the UI, e.g. `c1#2 put x=1` or `no-op`. */
export function valueText(v: Value): string {
  if (v.op === null) return 'no-op';
  const op = v.op;
  const rest = op.f === 'get' ? op.key : op.f === 'cas' ? `${op.key} ${op.expected}→${op.value}` : `${op.key}=${op.value}`;
  return `${v.id} ${op.f} ${rest}`;
}

/** Vote is an acceptor's accepted proposal for one slot. */
export interface Vote {
  ballot: Ballot;
  value: Value;
}

/** PaxosMessage is the message union. Slots are 1-based; single-decree Paxos uses slot 1 only. */
export type PaxosMessage =
  /** 1a: prepare ballot for every slot from `fromSlot` on. */
  | { type: 'Prepare'; ballot: Ballot; fromSlot: number }
  /** 1b: the promise, with the acceptor's accepted proposal in every slot ≥ fromSlot where it accepted one. */
  | { type: 'Promise'; ballot: Ballot; accepted: [number, Vote][] }
  /** 2a: accept `value` in `slot` at `ballot`. */
  | { type: 'Accept'; ballot: Ballot; slot: number; value: Value }
  /** 2b: the acceptor accepted; sent to every learner. */
  | { type: 'Accepted'; ballot: Ballot; slot: number; value: Value }
  /** A refusal: the acceptor promised `promised`, above `ballot`. */
  | { type: 'Nack'; ballot: Ballot; promised: Ballot }
  /** Multi-Paxos: the leader of `ballot` is alive; `chosenThrough` is its contiguous chosen prefix. */
  | { type: 'Heartbeat'; ballot: Ballot; chosenThrough: number }
  /** A learner behind the leader asks for the chosen values from `fromSlot` on. */
  | { type: 'CatchUp'; fromSlot: number }
  /** Chosen values, for a learner that is behind. */
  | { type: 'Learn'; chosen: [number, Value][] };

/** MESSAGE_TYPES lists every message type, for menus. */
export const MESSAGE_TYPES: readonly PaxosMessage['type'][] = ['Prepare', 'Promise', 'Accept', 'Accepted', 'Nack', 'Heartbeat', 'CatchUp', 'Learn'];

/** messageType names a message's kind. */
export const messageType = (m: PaxosMessage): string => m.type;

/** describeMessage gives a short label, e.g. `Accept 2.n1 s3 c1#1 put x=1`. */
export function describeMessage(m: PaxosMessage): string {
  switch (m.type) {
    case 'Prepare':
      return `Prepare ${ballotText(m.ballot)}${m.fromSlot > 1 ? ` from s${m.fromSlot}` : ''}`;
    case 'Promise':
      return `Promise ${ballotText(m.ballot)}${m.accepted.length ? ` ${m.accepted.map(([s, v]) => `s${s}:${ballotText(v.ballot)} ${v.value.id}`).join(', ')}` : ''}`;
    case 'Accept':
    case 'Accepted':
      return `${m.type} ${ballotText(m.ballot)} s${m.slot} ${valueText(m.value)}`;
    case 'Nack':
      return `Nack ${ballotText(m.ballot)} < ${ballotText(m.promised)}`;
    case 'Heartbeat':
      return `Heartbeat ${ballotText(m.ballot)} chosen ≤ s${m.chosenThrough}`;
    case 'CatchUp':
      return `CatchUp from s${m.fromSlot}`;
    case 'Learn':
      return `Learn ${m.chosen.map(([s]) => `s${s}`).join(', ')}`;
  }
}
