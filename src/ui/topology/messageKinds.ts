/**
 * Message kinds for drawing: each in-flight message gets a shape and colour by its type and outcome.
 * Classified through the protocol's messageType plus the paper's field names (voteGranted, entries,
 * success), so the legend and the overlay agree. Raft and PBFT kinds share one namespace: the
 * overlay defines a glyph per kind once, whatever protocol runs.
 */
import type { AnyProtocol } from '../../core/protocol';

/** RaftMsgKind: RequestVote and its replies, heartbeats, AppendEntries with entries, their replies. */
export type RaftMsgKind = 'rv' | 'rv-yes' | 'rv-no' | 'ae-hb' | 'ae-data' | 'aer-ok' | 'aer-no';
/** PbftMsgKind: one kind per PBFT message type, Fetch and State together as state transfer. */
export type PbftMsgKind = 'pre-prepare' | 'prepare' | 'commit' | 'request' | 'reply' | 'checkpoint' | 'view-change' | 'new-view' | 'transfer';
/** MsgKind is every drawable kind; `other` is a message no protocol look knows. */
export type MsgKind = RaftMsgKind | PbftMsgKind | 'other';

const PBFT_KIND: Readonly<Record<string, PbftMsgKind>> = {
  PrePrepare: 'pre-prepare',
  Prepare: 'prepare',
  Commit: 'commit',
  Request: 'request',
  Reply: 'reply',
  Checkpoint: 'checkpoint',
  ViewChange: 'view-change',
  NewView: 'new-view',
  Fetch: 'transfer',
  State: 'transfer',
};

/** raftKind classifies Raft's messages by type and outcome (a vote granted or not, entries or a heartbeat). */
function raftKind(type: string, m: Record<string, unknown>): MsgKind | undefined {
  switch (type) {
    case 'RequestVote':
      return 'rv';
    case 'RequestVoteReply':
      return m.voteGranted ? 'rv-yes' : 'rv-no';
    case 'AppendEntries':
      return Array.isArray(m.entries) && m.entries.length > 0 ? 'ae-data' : 'ae-hb';
    case 'AppendEntriesReply':
      return m.success ? 'aer-ok' : 'aer-no';
    default:
      return undefined;
  }
}

/**
 * CLASSIFIERS gives each protocol's classifier by registry name: one registration line each. A
 * protocol without one is drawn with Raft's kinds, as the generic look is Raft-shaped.
 */
const CLASSIFIERS: Readonly<Record<string, (type: string, m: Record<string, unknown>) => MsgKind | undefined>> = {
  raft: raftKind,
  pbft: (type) => PBFT_KIND[type],
};

/** kindOf classifies a message (undefined: unknown message). */
export function kindOf(protocol: AnyProtocol, msg: unknown): MsgKind {
  if (msg === undefined || msg === null) return 'other';
  const classify = CLASSIFIERS[protocol.name] ?? raftKind;
  return classify(protocol.messageType(msg), msg as Record<string, unknown>) ?? 'other';
}

/** MsgKindInfo describes a kind for the legend: `label` is the tooltip, `short` the legend text. */
export interface MsgKindInfo {
  kind: MsgKind;
  label: string;
  short: string;
}

/** MSG_KINDS lists Raft's kinds in legend order with their labels. */
export const MSG_KINDS: readonly MsgKindInfo[] = [
  { kind: 'rv', label: 'RequestVote', short: 'RequestVote' },
  { kind: 'rv-yes', label: 'Vote granted', short: 'vote granted' },
  { kind: 'rv-no', label: 'Vote denied', short: 'vote denied' },
  { kind: 'ae-hb', label: 'Heartbeat (empty AppendEntries)', short: 'heartbeat' },
  { kind: 'ae-data', label: 'AppendEntries with entries', short: 'AppendEntries + entries' },
  { kind: 'aer-ok', label: 'AppendEntries ok', short: 'append ok' },
  { kind: 'aer-no', label: 'AppendEntries rejected', short: 'append rejected' },
];

/** PBFT_MSG_KINDS lists PBFT's kinds in the order of the protocol (Castro & Liskov 1999, §4). */
export const PBFT_MSG_KINDS: readonly MsgKindInfo[] = [
  { kind: 'request', label: 'Request: a client operation, forwarded to the primary (§4.1)', short: 'request' },
  { kind: 'pre-prepare', label: 'PrePrepare: the primary assigns a sequence number (§4.2)', short: 'pre-prepare' },
  { kind: 'prepare', label: 'Prepare: a backup agrees with the order (§4.2)', short: 'prepare' },
  { kind: 'commit', label: 'Commit: a replica holds a prepared certificate (§4.2)', short: 'commit' },
  { kind: 'reply', label: 'Reply: the result of an executed request (§4.1)', short: 'reply' },
  { kind: 'checkpoint', label: 'Checkpoint: a digest of the state at a sequence number (§4.3)', short: 'checkpoint' },
  { kind: 'view-change', label: 'ViewChange: a replica asks to move to the next view (§4.4)', short: 'view-change' },
  { kind: 'new-view', label: 'NewView: the new primary starts its view (§4.4)', short: 'new-view' },
  { kind: 'transfer', label: 'Fetch / State: state transfer to a replica that fell behind', short: 'state transfer' },
];

/** ALL_MSG_KINDS lists every kind, `other` last, for the overlay's glyph definitions. */
export const ALL_MSG_KINDS: readonly MsgKind[] = [...MSG_KINDS.map((k) => k.kind), ...PBFT_MSG_KINDS.map((k) => k.kind), 'other'];
