/**
 * SWIM, after Das, Gupta & Motivala, "SWIM: Scalable Weakly-consistent Infection-style Process
 * Group Membership Protocol" (DSN 2002): leader-free membership and failure detection by random
 * probing (ping, ping-req through k members, §3.1), suspicion with incarnation numbers (§4.2), and
 * infection-style dissemination piggybacked on the probes (§4.1). Records (documented below):
 * `membership` changes, `suspicion`, `refutation` and routine `probe`.
 */
import type { Protocol } from '../../protocol';
import type { NodeId } from '../../types';
import { SWIM_BUGS } from './bugs';
import type { SwimConfig } from './config';
import { swimSafety } from './invariants';
import { describeMessage, MESSAGE_TYPES, messageType, type SwimMessage } from './messages';
import { cloneState, initState, inspectNode, persistentOf, recoverState, summaryOf, SWIM_ROLES, type SwimPersistent, type SwimState } from './state';
import { step } from './step';

export { SWIM_DEFAULTS, SWIM_BUG_IDS, swimConfig, swimConfigSchema, type SwimBug, type SwimConfig } from './config';
export type { MemberState, SwimMessage, Update } from './messages';
export type { MemberView, SwimDetail, SwimPersistent, SwimRole, SwimState } from './state';
export { SWIM_PROPERTIES, SwimSafetyMonitor } from './invariants';

/** swim is the SWIM protocol for the registry: no leader, the incarnation as its epoch, no forced timeout. */
export const swim: Protocol<SwimState, SwimMessage, SwimPersistent, SwimConfig> = {
  name: 'swim',
  init: (id: NodeId, nodes: readonly NodeId[], config: SwimConfig) => initState(id, nodes, config),
  persistent: persistentOf,
  recover: recoverState,
  step,
  cloneState,
  summary: summaryOf,
  inspect: inspectNode,
  messageType: (m: SwimMessage) => messageType(m),
  describeMessage,
  minTimerDelayMs: (c: SwimConfig) => Math.min(c.pingTimeoutMs, c.periodMs - c.pingTimeoutMs, c.suspicionTimeoutMs),
  safety: swimSafety,
  teachingBugs: SWIM_BUGS,
  leaderRole: null,
  roles: SWIM_ROLES,
  timeoutAction: null,
  epochName: 'incarnation',
  hasLog: false,
  messageTypes: MESSAGE_TYPES,
  nodeActions: [
    { id: 'join', title: 'Join the group', description: 'A node outside the group (or one that left) asks the seed to let it in, and learns the seed’s list (Das et al. 2002, §5).' },
    { id: 'leave', title: 'Leave the group', description: 'The node gossips itself dead at its incarnation for a few periods, then goes silent: a voluntary leave (§5).' },
  ],
  recordKinds: [
    {
      kind: 'membership',
      title: 'a member’s entry changes in a node’s list',
      fields: {
        member: 'the member the entry is about (the node itself for a leave)',
        state: 'alive, suspect or dead',
        incarnation: 'the member’s incarnation in the entry',
        via: 'probe (own failed probe), gossip (piggybacked), timeout (suspicion confirmed), join or leave',
      },
    },
    { kind: 'suspicion', title: 'a node’s own probe fails: it suspects the target', fields: { member: 'the target', incarnation: 'its incarnation', indirect: 'whether ping-req was tried' } },
    { kind: 'refutation', title: 'a node refutes a suspicion of itself', fields: { incarnation: 'its new incarnation', accused: 'suspect, dead or restart', accusedIncarnation: 'the incarnation it was accused at' } },
    { kind: 'probe', title: 'a node pings a member for this period', fields: { member: 'the target', seq: 'the ping’s number' }, routine: true },
  ],
};
