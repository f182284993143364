/**
 * The quorum protocol: quorum and weighted voting after Gifford, "Weighted voting for replicated
 * data" (SOSP 1979; more-protocols.md §6), and the original design's agent voting. Leader-free:
 * every node is a replica with votes, a coordinator for the clients that ask it, a voter and a
 * tally. Records `quorum`, `propose`, `vote`, `flag` and `decide` let an external checker verify
 * the quorum rules from the trace alone (docs: README's quorum section, recordKinds below).
 */
import type { Protocol } from '../../protocol';
import type { NodeId } from '../../types';
import { QUORUM_BEHAVIOURS } from './byzantine';
import { QUORUM_BUGS } from './bugs';
import type { QuorumConfig } from './config';
import { inspectNode, QUORUM_ROLES, summaryOf } from './inspect';
import { quorumSafety } from './invariants';
import { describeMessage, MESSAGE_TYPES, messageType, type QuorumMessage } from './messages';
import { cloneState, initState, persistentOf, recoverState, type QuorumPersistent, type QuorumState } from './state';
import { stanceAction, step } from './step';
import { STANCES } from './config';

export { BEHAVIOURS, QUORUM_BUG_IDS, QUORUM_DEFAULTS, STANCES, majority, quorumConfig, quorumConfigSchema, rulesOf, settingWarnings } from './config';
export type { Behaviour, QuorumBug, QuorumConfig, Rules, Stance } from './config';
export type { CopyView, ProposalView, QuorumDetail, QuorumRole } from './inspect';
export type { QuorumMessage, Tag } from './messages';
export type { Decision, QuorumFormed, QuorumState } from './state';
export { QUORUM_PROPERTIES, QuorumSafetyMonitor } from './invariants';
export { stanceAction } from './step';

/** RECORD_KINDS documents every structured record the protocol emits. */
export const RECORD_KINDS = [
  {
    kind: 'quorum',
    title: 'a coordinator gathers a read or write quorum',
    fields: {
      op: 'the coordinator’s op id (node.n)',
      key: 'the key',
      phase: 'read (versions from r votes) or write (acks from w votes)',
      members: 'the replicas that answered, in order',
      votes: 'their configured votes together',
      needed: 'r or w',
      version: 'write phase: the version written',
    },
  },
  { kind: 'propose', title: 'a node puts a client’s proposal to the vote', fields: { proposal: 'the proposal id', value: 'the value proposed' } },
  {
    kind: 'vote',
    title: 'a tally receives a vote',
    fields: {
      proposal: 'the proposal id',
      voter: 'the sender (authenticated by the channel)',
      choice: 'approve, reject or abstain',
      value: 'the value approved (the proposal’s value otherwise)',
      claimed: 'the votes the voter claims to hold',
      weight: 'the votes the configuration gives it',
      n: 'the voter’s vote number (1 for an honest voter)',
      counted: 'whether the tally counted it (its first vote from that voter)',
    },
  },
  { kind: 'flag', title: 'a tally flags a lying voter', fields: { proposal: 'the proposal where it lied', voter: 'the liar', reason: 'the evidence, in words' } },
  {
    kind: 'decide',
    title: 'a tally decides a proposal',
    fields: {
      proposal: 'the proposal id',
      outcome: 'approved or rejected',
      value: 'the value approved (null when rejected)',
      approve: 'approving votes for it, as counted',
      participation: 'votes cast, as counted',
      threshold: 'approving votes needed',
      quorum: 'votes cast needed',
      total: 'V, every replica’s votes',
      voters: 'the voters counted',
    },
  },
] as const;

/** quorum is the quorum protocol for the registry: no leader, no epoch, no log, no forced timeout. */
export const quorum: Protocol<QuorumState, QuorumMessage, QuorumPersistent, QuorumConfig> = {
  name: 'quorum',
  init: (id: NodeId, nodes: readonly NodeId[], config: QuorumConfig) => initState(id, nodes, config),
  persistent: persistentOf,
  recover: recoverState,
  step,
  cloneState,
  summary: summaryOf,
  inspect: inspectNode,
  messageType: (m: QuorumMessage) => messageType(m),
  describeMessage,
  minTimerDelayMs: (c: QuorumConfig) => c.retryMs,
  safety: quorumSafety,
  teachingBugs: QUORUM_BUGS,
  leaderRole: null,
  roles: QUORUM_ROLES,
  timeoutAction: null,
  epochName: null,
  hasLog: false,
  messageTypes: MESSAGE_TYPES,
  recordKinds: RECORD_KINDS.map((k) => ({ ...k, fields: { ...k.fields } })),
  behaviours: QUORUM_BEHAVIOURS,
  nodeActions: STANCES.map((stance) => ({
    id: stanceAction(stance),
    title: `Vote ${stance} from now on`,
    description: `From now on this node ${stance === 'abstain' ? 'abstains on' : `${stance}s`} every proposal it is asked about (a stance; Byzantine behaviours override it).`,
  })),
  initialBehaviours: (config: QuorumConfig) => ({ ...config.byzantine }),
};
