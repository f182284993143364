/**
 * The CRDT protocol's messages. State-based anti-entropy (RR-7506 §2.2.1): `State` carries the
 * sender's whole payload and version vector to a random peer, which merges it and, when it holds
 * updates the sender lacks, answers with its own `State` (`reply` true, so it is not answered
 * again). Op-based (§2.2.2): an update is broadcast as an `Op` stamped with its origin's vector
 * clock; `Digest` carries a replica's delivered clock, and the peer answers with the ops it lacks
 * in an `Ops` message (anti-entropy for lost ops).
 */
import type { NodeId } from '../../types';
import type { Payload, Timestamp } from './lattice';
import type { VClock } from './vclock';

/** SetOp is one op-based OR-Set operation: add ships (elem, tag), remove ships the tags observed (Spec. 15). */
export interface SetOp {
  /** Origin replica. */
  origin: NodeId;
  /** The origin's vector clock after the op: vc[origin] numbers the op. */
  vc: VClock;
  f: 'add' | 'remove';
  elem: string;
  /** add: its one new tag; remove: the tags of elem observed at the origin. */
  tags: string[];
}

/** State carries a replica's payload, version vector and largest LWW timestamp seen. */
export interface State {
  type: 'State';
  payload: Payload;
  vv: VClock;
  maxTs: Timestamp | null;
  /** An answer to a State: not answered again. */
  reply: boolean;
}

/** Op broadcasts one op-based update to a peer. */
export interface OpMsg {
  type: 'Op';
  op: SetOp;
}

/** Digest asks a peer for the ops its sender has not delivered: its delivered vector clock. */
export interface Digest {
  type: 'Digest';
  vc: VClock;
}

/** Ops answers a Digest with the ops the asker lacks (at most 64, oldest first). */
export interface Ops {
  type: 'Ops';
  ops: SetOp[];
}

/** CrdtMessage is every message the protocol sends. */
export type CrdtMessage = State | OpMsg | Digest | Ops;

/** MESSAGE_TYPES lists every message type, for menus. */
export const MESSAGE_TYPES: readonly CrdtMessage['type'][] = ['State', 'Op', 'Digest', 'Ops'];

/** messageType names a message's kind. */
export const messageType = (m: CrdtMessage): string => m.type;

const opWords = (o: SetOp): string => `${o.f} ${o.elem} (${o.origin}#${o.vc[o.origin] ?? 0})`;

/** describeMessage gives a short label, e.g. `State (3 updates)`, `Op add x (n1#2)`, `Ops 2`. */
export function describeMessage(m: CrdtMessage): string {
  switch (m.type) {
    case 'State': {
      const n = Object.values(m.vv).reduce((s, x) => s + x, 0);
      return `State${m.reply ? ' reply' : ''} (${n} update${n === 1 ? '' : 's'})`;
    }
    case 'Op':
      return `Op ${opWords(m.op)}`;
    case 'Digest':
      return 'Digest';
    case 'Ops':
      return `Ops ${m.ops.length}: ${m.ops.slice(0, 2).map(opWords).join(', ')}${m.ops.length > 2 ? ' …' : ''}`;
    default: {
      const never: never = m;
      throw new Error(`unknown crdt message ${JSON.stringify(never)}`);
    }
  }
}
