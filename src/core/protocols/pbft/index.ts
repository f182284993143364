/**
 * PBFT, Practical Byzantine Fault Tolerance, as in Castro & Liskov, OSDI 1999: n = 3f+1 replicas
 * (any n works, with quorums of ⌈(n+f+1)/2⌉) agree on the order of client requests despite f
 * Byzantine replicas: the three-phase normal case (§4.2), checkpoints and water marks (§4.3), view
 * changes (§4.4) with the liveness rules of §4.5.2, simulated authentication (auth.ts), and Byzantine
 * behaviours to configure per replica (config.ts, byzantine.ts). Requests are executed against the
 * shared key-value state machine; the replica a client contacts collects f+1 matching replies for
 * it (requests.ts). State transfer is a minimal version of the full paper's (checkpoint.ts).
 */
import type { Protocol } from '../../protocol';
import type { NodeId } from '../../types';
import type { PbftConfig } from './config';
import { inspectNode } from './inspect';
import { pbftSafety } from './invariants';
import { describeMessage, messageType, type PbftMessage } from './messages';
import { initState, persistentOf, recoverState, summaryOf, type PbftPersistent, type PbftState } from './state';
import { step } from './step';

export { BEHAVIOURS, PBFT_DEFAULTS, pbftConfigSchema, type Behaviour, type PbftConfig } from './config';
export type { Checkpoint, Commit, Fetch, NewView, PbftMessage, PrePrepare, Prepare, PreparedCert, Reply, Request, State, ViewChange } from './messages';
export type { PbftPersistent, PbftState, PbftStatus, Slot } from './state';
export { inspectPbft, type CheckpointView, type PbftDetail, type SlotPhase, type SlotView } from './inspect';
export { PBFT_PROPERTIES, PbftSafetyMonitor } from './invariants';
export { setBehaviour } from './byzantine';

/**
 * pbft is the PBFT protocol for the registry. minTimerDelayMs is the least of the request timeout
 * (also the state-transfer retry), the view-change timeout (the NewView timeout only grows from
 * it) and the slow primary's delay.
 */
export const pbft: Protocol<PbftState, PbftMessage, PbftPersistent, PbftConfig> = {
  name: 'pbft',
  init: (id: NodeId, nodes: readonly NodeId[], config: PbftConfig) => initState(id, nodes, config),
  persistent: persistentOf,
  recover: recoverState,
  step,
  summary: summaryOf,
  inspect: inspectNode,
  messageType,
  describeMessage,
  minTimerDelayMs: (config: PbftConfig) => Math.min(config.requestTimeoutMs, config.viewChangeTimeoutMs, config.slowPrimaryMs),
  safety: pbftSafety,
  teachingBugs: [],
};
