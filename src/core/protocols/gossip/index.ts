/**
 * Gossip, after Demers, Greene, Hauser, Irish, Larson, Shenker, Sturgis, Swinehart & Terry,
 * "Epidemic algorithms for replicated database maintenance" (PODC 1987): leader-free sites spread
 * client-broadcast values by rumour mongering (push, pull or push-pull, with feedback and a counter
 * of unneeded sends, §1.3–§1.4), with anti-entropy as the fallback that repairs the residue (§1.2,
 * §1.5). Each site's first receipt of each value is a `receipt` record in the trace.
 */
import type { Protocol } from '../../protocol';
import type { NodeId } from '../../types';
import type { GossipConfig } from './config';
import { gossipSafety } from './invariants';
import { describeMessage, MESSAGE_TYPES, messageType, type GossipMessage } from './messages';
import { cloneState, GOSSIP_ROLES, initState, inspectNode, persistentOf, recoverState, summaryOf, type GossipPersistent, type GossipState } from './state';
import { step } from './step';
import { GOSSIP_BUGS } from './bugs';

export { GOSSIP_DEFAULTS, GOSSIP_BUG_IDS, MODES, gossipConfig, gossipConfigSchema, type GossipBug, type GossipConfig, type Mode } from './config';
export type { GossipMessage, Rumour } from './messages';
export type { GossipDetail, GossipPersistent, GossipRole, GossipState, Held, ValueView } from './state';
export { GOSSIP_PROPERTIES, GossipSafetyMonitor } from './invariants';

/**
 * gossip is the gossip protocol for the registry: no leader, no epoch, no forced timeout. Its
 * shortest timer is a cycle or an anti-entropy round, whichever is shorter.
 */
export const gossip: Protocol<GossipState, GossipMessage, GossipPersistent, GossipConfig> = {
  name: 'gossip',
  init: (id: NodeId, nodes: readonly NodeId[], config: GossipConfig) => initState(id, nodes, config),
  persistent: persistentOf,
  recover: recoverState,
  step,
  cloneState,
  summary: summaryOf,
  inspect: inspectNode,
  messageType: (m: GossipMessage) => messageType(m),
  describeMessage,
  minTimerDelayMs: (c: GossipConfig) => Math.min(c.periodMs, c.antiEntropyMs > 0 ? c.antiEntropyMs : Infinity),
  safety: gossipSafety,
  teachingBugs: GOSSIP_BUGS,
  leaderRole: null,
  roles: GOSSIP_ROLES,
  timeoutAction: null,
  epochName: null,
  hasLog: false,
  messageTypes: MESSAGE_TYPES,
  recordKinds: [
    {
      kind: 'receipt',
      title: 'a node first receives a value',
      fields: {
        value: 'the value received',
        from: 'the node it came from, or the client at the node the client told',
        hops: 'hops from the node the client told (0 there)',
      },
    },
  ],
};
