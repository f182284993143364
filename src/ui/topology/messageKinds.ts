/**
 * Message kinds for drawing: each in-flight message gets a shape and colour by its type and outcome.
 * Classified through the protocol's messageType plus the paper's field names (voteGranted, entries,
 * success), so the legend and the overlay agree.
 */
import type { AnyProtocol } from '../../core/protocol';

export type MsgKind = 'rv' | 'rv-yes' | 'rv-no' | 'ae-hb' | 'ae-data' | 'aer-ok' | 'aer-no' | 'other';

/** kindOf classifies a message (undefined: unknown message). */
export function kindOf(protocol: AnyProtocol, msg: unknown): MsgKind {
  if (msg === undefined || msg === null) return 'other';
  const m = msg as Record<string, unknown>;
  switch (protocol.messageType(msg)) {
    case 'RequestVote':
      return 'rv';
    case 'RequestVoteReply':
      return m.voteGranted ? 'rv-yes' : 'rv-no';
    case 'AppendEntries':
      return Array.isArray(m.entries) && m.entries.length > 0 ? 'ae-data' : 'ae-hb';
    case 'AppendEntriesReply':
      return m.success ? 'aer-ok' : 'aer-no';
    default:
      return 'other';
  }
}

/** MSG_KINDS lists the kinds in legend order with their labels. */
export const MSG_KINDS: readonly { kind: MsgKind; label: string }[] = [
  { kind: 'rv', label: 'RequestVote' },
  { kind: 'rv-yes', label: 'Vote granted' },
  { kind: 'rv-no', label: 'Vote denied' },
  { kind: 'ae-hb', label: 'Heartbeat (empty AppendEntries)' },
  { kind: 'ae-data', label: 'AppendEntries with entries' },
  { kind: 'aer-ok', label: 'AppendEntries ok' },
  { kind: 'aer-no', label: 'AppendEntries rejected' },
];
