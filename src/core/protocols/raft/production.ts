/**
 * What Raft's production features (pre-vote, CheckQuorum, leadership transfer; thesis §9.6, §6.2,
 * §3.10) declare to the playground: their trace records, for the trace and the breakpoint menu, and
 * the node action "make this node leader".
 */
import type { NodeAction, RecordKind } from '../../protocol';
import { QUORUM_LOST_RECORD } from './check-quorum';
import { PRE_VOTE_RECORD } from './prevote';
import { MAKE_LEADER, TRANSFER_ABORT_RECORD, TRANSFER_START_RECORD } from './transfer';

/** RAFT_PRODUCTION_RECORDS lists the records of pre-vote, CheckQuorum and leadership transfer. */
export const RAFT_PRODUCTION_RECORDS: readonly RecordKind[] = [
  {
    kind: PRE_VOTE_RECORD,
    title: 'a pre-vote round starts',
    fields: { term: "the node's currentTerm, which pre-vote leaves unchanged", for: 'the term it asks pre-votes for (currentTerm + 1)' },
  },
  {
    kind: QUORUM_LOST_RECORD,
    title: 'a leader steps down for lack of a quorum',
    fields: { term: 'the term it led', heard: 'the nodes it heard from in the last election timeout, itself included (fewer than a quorum)' },
  },
  {
    kind: TRANSFER_START_RECORD,
    title: 'a leader starts a leadership transfer',
    fields: { term: "the leader's term", to: 'the node it hands leadership to' },
  },
  {
    kind: TRANSFER_ABORT_RECORD,
    title: 'a leader gives up a leadership transfer',
    fields: { term: "the leader's term", to: 'the node it was handing leadership to', reason: '"timeout" (an election timeout passed) or "superseded by a transfer to nX"' },
  },
];

/** RAFT_PRODUCTION_ACTIONS lists Raft's own node actions. */
export const RAFT_PRODUCTION_ACTIONS: readonly NodeAction[] = [
  {
    id: MAKE_LEADER,
    title: 'Make this node leader',
    description: 'Ask the leader to hand leadership to this node: it catches the node up, then sends TimeoutNow (leadership transfer, thesis §3.10)',
  },
];
