/**
 * Lease-lock: a lock service that grants leases with an expiry and a fencing token, clients that
 * acquire, renew, write to storage with the token and release, and storage that rejects a write
 * whose token is below the highest it has seen (Kleppmann, "How to do distributed locking", 2016;
 * Chubby's sequencers and lock-delay, Burrows 2006 §2.3–§2.4, §2.8; Gray & Cheriton 1989).
 *
 * Records (StepEnv.record), enough to check mutual exclusion from the trace alone (trace-check.ts):
 * - `grant` (node: the client) `holder`, `token`, `quorum` (the lock nodes that confirmed), `of`
 *   (how many lock nodes there are), `until` (virtual ms the lease ends, reckoned from the ask at
 *   the normal clock rate; a skewed client's lease timer fires later or sooner);
 * - `vote` (node: a lock node) `holder`, `token`: the lock node confirmed `token` for `holder`;
 * - `renew` (node: a lock node) `holder`, `token`, `until`;
 * - `release` (node: a lock node) `holder`, `token`; `expiry` (node: a lock node) `holder`, `token`;
 * - `write-accepted` (node: storage) `holder`, `token`, `value`;
 * - `write-rejected` (node: storage) `holder`, `token`, `highest`, `value`.
 */
import type { Protocol, RecordKind } from '../../protocol';
import type { NodeId } from '../../types';
import type { LeaseLockConfig } from './config';
import { leaseSafety } from './invariants';
import { describeMessage, MESSAGE_TYPES, messageType, type LeaseMessage } from './messages';
import { cloneState, initState, inspectNode, LEASE_ROLES, persistentOf, recoverState, summaryOf, type LeasePersistent, type LeaseState } from './state';
import { step } from './step';
import { LEASE_LOCK_BUGS } from './bugs';

export { LEASE_LOCK_DEFAULTS, leaseLockConfig, leaseLockConfigSchema, type LeaseLockConfig } from './config';
export type { LeaseMessage } from './messages';
export type { LeaseDetail, LeaseRole, LeaseState, WriteView } from './state';

/** RECORD_KINDS documents every record the protocol emits. */
export const RECORD_KINDS: readonly RecordKind[] = [
  { kind: 'grant', title: 'a client is granted the lease', fields: { holder: 'the client', token: 'its fencing token', quorum: 'the lock nodes that confirmed it', of: 'how many lock nodes there are', until: 'virtual ms the lease ends, reckoned from the ask at the normal clock rate' } },
  { kind: 'vote', title: 'a lock node confirms a token', fields: { holder: 'the client', token: 'the token confirmed' } },
  { kind: 'renew', title: 'a lock node renews a lease', fields: { holder: 'the client', token: 'its token', until: 'virtual ms the lease now ends, by the lock node' } },
  { kind: 'release', title: 'a lease is released', fields: { holder: 'the client', token: 'its token' } },
  { kind: 'expiry', title: 'a lease expires at a lock node', fields: { holder: 'the client', token: 'its token (0: promised, never confirmed)' } },
  { kind: 'write-accepted', title: 'storage accepts a write', fields: { holder: 'the writer', token: 'the write\'s token', value: 'the value written' } },
  { kind: 'write-rejected', title: 'storage rejects a stale write', fields: { holder: 'the writer', token: 'the write\'s token', highest: 'the highest token storage had seen', value: 'the value' } },
];

/** leaseLock is the protocol for the registry: leader-free, no epoch, no log, no forced timeout. */
export const leaseLock: Protocol<LeaseState, LeaseMessage, LeasePersistent, LeaseLockConfig> = {
  name: 'lease-lock',
  init: (id: NodeId, nodes: readonly NodeId[], config: LeaseLockConfig) => initState(id, nodes, config),
  persistent: persistentOf,
  recover: recoverState,
  step,
  cloneState,
  summary: summaryOf,
  inspect: inspectNode,
  messageType,
  describeMessage,
  // A lease's remainder after a slow round trip may be 1 ms: the least delay it may ask for.
  minTimerDelayMs: () => 1,
  safety: leaseSafety,
  teachingBugs: LEASE_LOCK_BUGS,
  leaderRole: null,
  roles: LEASE_ROLES,
  timeoutAction: null,
  epochName: null,
  hasLog: false,
  messageTypes: MESSAGE_TYPES,
  recordKinds: RECORD_KINDS,
};
