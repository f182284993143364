/**
 * PBFT, Practical Byzantine Fault Tolerance, as in Castro & Liskov, OSDI 1999: n = 3f+1 replicas
 * (any n works, with quorums of ⌈(n+f+1)/2⌉) agree on the order of client requests despite f
 * Byzantine replicas: the three-phase normal case (§4.2), checkpoints and water marks (§4.3), view
 * changes (§4.4) with the liveness rules of §4.5.2, simulated authentication (auth.ts), and Byzantine
 * behaviours to configure per replica (config.ts, byzantine.ts). Requests are executed against the
 * shared key-value state machine; the replica a client contacts collects f+1 matching replies for
 * it (requests.ts). State transfer is a minimal version of the full paper's (checkpoint.ts).
 */
import type { NodeBehaviour, Protocol } from '../../protocol';
import type { NodeId } from '../../types';
import type { PbftConfig } from './config';
import { inspectNode } from './inspect';
import { pbftSafety } from './invariants';
import { describeMessage, messageType, type PbftMessage } from './messages';
import { faultsTolerated, quorumSize, initialAdversary, initState, persistentOf, recoverState, summaryOf, type PbftPersistent, type PbftState } from './state';
import { step } from './step';

export { BEHAVIOURS, PBFT_DEFAULTS, pbftConfigSchema, type Behaviour, type PbftConfig } from './config';
export type { Checkpoint, Commit, Fetch, NewView, PbftMessage, PrePrepare, Prepare, PreparedCert, Reply, Request, State, ViewChange } from './messages';
export type { PbftPersistent, PbftState, PbftStatus, Slot } from './state';
export { inspectPbft, type CheckpointView, type PbftDetail, type SlotPhase, type SlotView } from './inspect';
export { PBFT_PROPERTIES, PbftSafetyMonitor } from './invariants';
export { setBehaviour } from './byzantine';

/** PBFT_BEHAVIOURS describes each Byzantine behaviour for menus, in BEHAVIOURS order (config.ts). */
export const PBFT_BEHAVIOURS: readonly NodeBehaviour[] = [
  { id: 'silent', title: 'Silent', description: 'Sends nothing and handles nothing, like a crash that never restarts.' },
  { id: 'equivocate', title: 'Equivocate', description: 'Tells two halves of the honest replicas different stories for the same sequence number: as primary, different pre-prepares (§4.2).' },
  { id: 'wrong-digest', title: 'Wrong digest', description: 'Its pre-prepares, prepares, commits and checkpoints carry a digest that matches no request (§4.2).' },
  { id: 'wrong-result', title: 'Wrong result', description: 'Its replies to clients carry a wrong result; the client waits for f+1 matching replies (§4.1).' },
  { id: 'replay', title: 'Replay', description: 'Re-sends old messages it received or sent to random replicas (§4.2: the view and sequence number catch them).' },
  { id: 'forge', title: 'Forge', description: 'Forges pre-prepares, prepares and commits in other replicas’ names; authentication catches every one (§2).' },
  { id: 'slow', title: 'Slow primary', description: 'As primary, holds each pre-prepare back, so the backups’ timers expire and they change views (§4.4).' },
];

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
  leaderRole: 'primary',
  epochName: 'view',
  roles: ['backup', 'view-change', 'primary'],
  recordKinds: [],
  timeoutAction: { title: 'Force view change', description: 'Make the node’s timer expire now: it suspects the primary and asks for the next view (PBFT §4.4)' },
  messageTypes: ['Request', 'PrePrepare', 'Prepare', 'Commit', 'Reply', 'Checkpoint', 'ViewChange', 'NewView', 'Fetch', 'State'],
  behaviours: PBFT_BEHAVIOURS,
  faultsTolerated,
  quorumSize,
  initialBehaviours: (config: PbftConfig) => initialAdversary(Object.keys(config.byzantine ?? {}), config),
};
