/**
 * The lease-lock messages. A client acquires a lease in two rounds, as a majority service must so
 * that tokens only grow (each grant's token reaches a majority before it is used): Acquire →
 * Promise (or Refuse), then Confirm(token) → Confirmed. A single service runs the same rounds with
 * one lock node. Then Renew → Renewed (or Lost), Release, and Write → WriteReply at storage. A
 * refused client waits in the lock node's line; when the lease comes free the lock node keeps it a
 * moment for the first in line and tells it so (Wake), as lock services do (lock.ts).
 */
import type { Op } from '../../types';

/** Acquire asks a lock node for the lease; `req` numbers the client's attempts. */
export interface Acquire { type: 'Acquire'; req: number }
/** Promise holds the lease for the asker (until it expires) and tells the highest token this node knows. */
export interface LeasePromise { type: 'Promise'; req: number; maxToken: number }
/**
 * Refuse says the lease is held by `holder` (by this lock node's clock, until virtual ms `until`),
 * or, with `reserved`, kept for `holder`, the first in line, until `until`. `place` is the asker's
 * place in this lock node's line of waiters (1: next), 0 if it is not in it.
 */
export interface Refuse { type: 'Refuse'; req: number; holder: string; until: number; reserved: boolean; place: number }
/**
 * Wake tells the first client in line that the lease has come free and is kept for it until
 * virtual ms `until` (this lock node's clock): ask now.
 */
export interface Wake { type: 'Wake'; until: number }
/** Confirm fixes the lease's fencing token at a lock node that promised. */
export interface Confirm { type: 'Confirm'; req: number; token: number }
/** Confirmed says the lock node recorded `token` as the highest it knows, held by the asker. */
export interface Confirmed { type: 'Confirmed'; req: number; token: number }
/** Renew asks to extend the lease of `token` by a lease from now. */
export interface Renew { type: 'Renew'; token: number }
/** Renewed extends it; Lost says the asker no longer holds it here. */
export interface Renewed { type: 'Renewed'; token: number }
export interface Lost { type: 'Lost'; token: number; holder: string | null }
/** Release gives the lease back (`token` 0: an acquire attempt `req` that did not complete). */
export interface Release { type: 'Release'; req: number; token: number }
/** Write asks storage to store `value` under fencing token `token`; `op` names the client request. */
export interface Write { type: 'Write'; token: number; value: string; op: string }
/** WriteReply says whether storage accepted the write; `highest` is the highest token it has accepted. */
export interface WriteReply { type: 'WriteReply'; op: string; token: number; ok: boolean; highest: number }

/** LeaseMessage is every message of the protocol. */
export type LeaseMessage = Acquire | LeasePromise | Refuse | Wake | Confirm | Confirmed | Renew | Renewed | Lost | Release | Write | WriteReply;

/** MESSAGE_TYPES lists every message type, in the order the legend shows them. */
export const MESSAGE_TYPES: readonly LeaseMessage['type'][] = ['Acquire', 'Promise', 'Refuse', 'Wake', 'Confirm', 'Confirmed', 'Renew', 'Renewed', 'Lost', 'Release', 'Write', 'WriteReply'];

/** messageType names a message's type. */
export const messageType = (m: LeaseMessage): string => m.type;

/** ordinal writes 1 as 1st, 2 as 2nd, 3 as 3rd, 4 as 4th, … */
const ordinal = (n: number): string => `${n}${n % 10 === 1 && n % 100 !== 11 ? 'st' : n % 10 === 2 && n % 100 !== 12 ? 'nd' : n % 10 === 3 && n % 100 !== 13 ? 'rd' : 'th'}`;

/** describeMessage gives a message's label, e.g. `Confirm token 34`, `Write token 33 value=A`. */
export function describeMessage(m: LeaseMessage): string {
  switch (m.type) {
    case 'Acquire':
      return `Acquire #${m.req}`;
    case 'Promise':
      return `Promise #${m.req} (highest token ${m.maxToken})`;
    case 'Refuse':
      return `Refuse #${m.req}: ${m.reserved ? 'kept for' : 'held by'} ${m.holder}${m.place ? `; ${ordinal(m.place)} in line` : ''}`;
    case 'Wake':
      return 'Wake: the lease is free, kept for you';
    case 'Confirm':
    case 'Confirmed':
      return `${m.type} token ${m.token}`;
    case 'Renew':
    case 'Renewed':
      return `${m.type} token ${m.token}`;
    case 'Lost':
      return `Lost token ${m.token}${m.holder ? ` (held by ${m.holder})` : ''}`;
    case 'Release':
      return m.token ? `Release token ${m.token}` : `Release #${m.req}`;
    case 'Write':
      return `Write token ${m.token} value=${m.value}`;
    case 'WriteReply':
      return `${m.ok ? 'Write ok' : 'Write rejected'} token ${m.token} (highest ${m.highest})`;
  }
}

/** WriteOp is the client operation: have the client take the lock and write `value` to storage. */
export interface WriteOp extends Op {
  f: 'write';
  value: string;
}
