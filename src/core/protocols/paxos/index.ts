/**
 * Paxos (Lamport, "Paxos Made Simple", 2001): single-decree Paxos, Multi-Paxos (§3) and Flexible
 * Paxos quorums (Howard, Malkhi & Spiegelman 2016), as config fields of one protocol `paxos`.
 * Proposers, acceptors and learners are parts of every node (acceptors as configured); ballots
 * are (round, node). See README.md in this folder for the records it traces.
 */
import type { Protocol, RecordKind } from '../../protocol';
import type { NodeId } from '../../types';
import { PAXOS_BUGS } from './bugs';
import type { PaxosConfig } from './config';
import { inspectNode, PAXOS_ROLES, summaryOf } from './inspect';
import { paxosSafety } from './invariants';
import { describeMessage, MESSAGE_TYPES, messageType, type PaxosMessage } from './messages';
import { initState, persistentOf, recoverState, type PaxosPersistent, type PaxosState } from './state';
import { step } from './step';

export { PAXOS_DEFAULTS, PAXOS_BUG_IDS, paxosConfigSchema, paxosConfig, quorumsOf, quorumWarning, type PaxosBug, type PaxosConfig, type PaxosMode } from './config';
export type { PaxosMessage, Ballot, Value, Vote } from './messages';
export type { PaxosState, PaxosPersistent } from './state';
export { inspectPaxos, PAXOS_ROLES, type PaxosDetail, type SlotView } from './inspect';
export { PAXOS_PROPERTIES, PaxosSafetyMonitor } from './invariants';

/** PAXOS_RECORDS documents the structured trace records Paxos emits (StepEnv.record). */
export const PAXOS_RECORDS: readonly RecordKind[] = [
  { kind: 'request', title: 'a proposer takes a client value', fields: { value: 'the value id, <client>#<requestId>' } },
  { kind: 'promise', title: 'an acceptor promises (1b)', fields: { ballot: 'the ballot promised, <round>.<node>', to: 'the proposer', reported: 'its accepted proposals reported: [{slot, ballot, value}]' } },
  { kind: 'propose', title: 'a proposer sends accept requests (2a)', fields: { slot: 'the slot (1 in single-decree)', ballot: 'its ballot', value: 'the value id, or no-op' } },
  { kind: 'accept', title: 'an acceptor accepts (2b)', fields: { slot: 'the slot', ballot: 'the ballot accepted', value: 'the value id', promisedBefore: 'the ballot it had promised before' } },
  { kind: 'chosen', title: 'a learner learns a chosen value', fields: { slot: 'the slot', ballot: 'the ballot |Q2| acceptors accepted (null when learned from the leader)', value: 'the value id' } },
];

/** paxos is the protocol for the registry. */
export const paxos: Protocol<PaxosState, PaxosMessage, PaxosPersistent, PaxosConfig> = {
  name: 'paxos',
  init: (id: NodeId, nodes: readonly NodeId[], config: PaxosConfig) => initState(id, nodes, config),
  persistent: persistentOf,
  recover: recoverState,
  step,
  summary: summaryOf,
  inspect: inspectNode,
  messageType,
  describeMessage,
  minTimerDelayMs: (c: PaxosConfig) => Math.max(1, Math.min(c.retryMs, c.heartbeatMs, c.leaderTimeoutMs[0])),
  safety: paxosSafety,
  teachingBugs: PAXOS_BUGS,
  leaderRole: 'leader',
  roles: PAXOS_ROLES,
  recordKinds: PAXOS_RECORDS,
  timeoutAction: { title: 'Begin a round', description: 'The node begins phase 1 with a ballot above every round it has seen (Paxos Made Simple §2.2, 1a).' },
  epochName: 'round',
  hasLog: true,
  messageTypes: MESSAGE_TYPES,
};
