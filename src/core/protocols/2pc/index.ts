/**
 * Two-phase commit (Gray 1978; Bernstein, Hadzilacos & Goodman 1987, ch. 7) with Skeen's (1981)
 * three-phase variant (config `variant: "3pc"`): one coordinator and participants that each own a
 * share of the keys, a write-ahead log that survives crashes, the cooperative termination protocol,
 * and three teaching bugs. See README.md in this folder for the records it traces.
 */
import type { Protocol, RecordKind } from '../../protocol';
import type { NodeId } from '../../types';
import { TWO_PC_BUGS } from './bugs';
import type { TwoPcConfig } from './config';
import { inspectNode, summaryOf, TWO_PC_ROLES } from './inspect';
import { twoPcSafety } from './invariants';
import { describeMessage, MESSAGE_TYPES, messageType, type TwoPcMessage } from './messages';
import type { TwoPcPersistent, TwoPcState } from './state';
import { step } from './step';
import { initState, persistentOf, recoverState } from './wal';

export { TWO_PC_DEFAULTS, TWO_PC_BUG_IDS, twoPcConfigSchema, type TwoPcBug, type TwoPcConfig, type Variant } from './config';
export type { TwoPcMessage, Outcome } from './messages';
export type { TwoPcState, TwoPcPersistent, WalRecord, Decision } from './state';
export { inspectTwoPc, TWO_PC_ROLES, type TwoPcDetail, type TxnView, type Wait } from './inspect';
export { TWO_PC_PROPERTIES, TwoPcSafetyMonitor } from './invariants';

/** TWO_PC_RECORDS documents the structured trace records 2PC emits (StepEnv.record). */
export const TWO_PC_RECORDS: readonly RecordKind[] = [
  {
    kind: 'begin',
    title: 'the coordinator begins a transaction',
    fields: { txn: 'the transaction id, <client>#<requestId>', participants: 'the participants that own its keys', writes: 'key → value' },
  },
  {
    kind: 'vote',
    title: 'a participant votes',
    fields: { txn: 'the transaction id', vote: '"commit" or "abort"', reason: 'why it voted abort (abort only)' },
  },
  {
    kind: 'decision',
    title: 'a node decides',
    fields: { txn: 'the transaction id', decision: '"commit" or "abort"', reason: 'why it aborted (abort only)' },
  },
];

/** twoPc is the protocol for the registry. Its timers may come due 1 ms apart, so minTimerDelayMs is 1. */
export const twoPc: Protocol<TwoPcState, TwoPcMessage, TwoPcPersistent, TwoPcConfig> = {
  name: '2pc',
  init: (id: NodeId, nodes: readonly NodeId[], config: TwoPcConfig) => initState(id, nodes, config),
  persistent: persistentOf,
  recover: recoverState,
  step,
  summary: summaryOf,
  inspect: inspectNode,
  messageType,
  describeMessage,
  minTimerDelayMs: () => 1,
  safety: twoPcSafety,
  teachingBugs: TWO_PC_BUGS,
  leaderRole: 'coordinator',
  roles: TWO_PC_ROLES,
  recordKinds: TWO_PC_RECORDS,
  timeoutAction: null,
  epochName: null,
  hasLog: false,
  messageTypes: MESSAGE_TYPES,
  quorumSize: (n: number) => n,
};
