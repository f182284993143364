/**
 * What a Paxos node shows: its summary (role, promised round, chosen prefix) and its detail for
 * the Paxos panel: the acceptor's promise and accepted (ballot, value) per slot, the proposer's
 * round and the promises forming its quorum, and the values this learner knows chosen.
 */
import { kvContents } from '../../kv';
import type { NodeDetail } from '../../protocol';
import type { NodeId, NodeSummary } from '../../types';
import { quorumWarning, type PaxosMode } from './config';
import { ballotText, valueText } from './messages';
import { chosenThrough, maxSlot, type Phase, type PaxosState } from './state';

/** PAXOS_ROLES lists the roles a summary reports: the leader (Multi-Paxos), a proposer in a round, an acceptor, a learner only. */
export const PAXOS_ROLES = ['leader', 'proposer', 'acceptor', 'learner'] as const;

/** roleOf names the part a node plays now. */
export function roleOf(s: PaxosState): (typeof PAXOS_ROLES)[number] {
  if (s.leading) return 'leader';
  if (s.ballot !== null && s.phase !== 'idle') return 'proposer';
  return s.acceptor ? 'acceptor' : 'learner';
}

/** summaryOf: `term` is the promised round; commitIndex the contiguous chosen prefix; lastLogIndex the highest slot seen. */
export function summaryOf(s: PaxosState): NodeSummary {
  const chosen1 = s.chosen[1];
  return {
    role: roleOf(s),
    term: s.promised.round,
    votedFor: null,
    commitIndex: chosenThrough(s),
    lastLogIndex: maxSlot(s),
    lastApplied: s.lastApplied,
    fields: {
      promised: ballotText(s.promised),
      ballot: s.ballot ? ballotText(s.ballot) : null,
      ...(s.config.mode === 'single' ? { chosen: chosen1 ? chosen1.id : null, accepted: s.accepted[1] ? `${ballotText(s.accepted[1].ballot)} ${s.accepted[1].value.id}` : null } : {}),
    },
  };
}

/** SlotView is one slot as a node sees it. */
export interface SlotView {
  slot: number;
  /** The acceptor's accepted proposal there, worded, or null. */
  accepted: { ballot: string; value: string } | null;
  /** The value this learner knows chosen, worded, or null. */
  chosen: string | null;
  /** Proposer: the value it asked acceptors to accept in its ballot, or null. */
  proposed: string | null;
  /** Learner: ballot → acceptors that accepted it, while the slot is not yet chosen (a quorum forming). */
  votes: Record<string, NodeId[]>;
}

/** PaxosDetail is the protocol's own view of a node, for its panel. */
export interface PaxosDetail {
  mode: PaxosMode;
  acceptor: boolean;
  promised: string;
  ballot: string | null;
  phase: Phase;
  leading: boolean;
  /** The acceptors whose promises the current round holds, and how many it needs. */
  promisesFrom: NodeId[];
  q1: number;
  q2: number;
  acceptors: NodeId[];
  /** The Flexible Paxos warning when |Q1| + |Q2| ≤ N, else null. */
  warning: string | null;
  slots: SlotView[];
}

/** inspectPaxos gives the detail; `slots` holds the newest `maxSlots` slots. */
export function inspectPaxos(s: PaxosState, maxSlots = 24): PaxosDetail {
  const top = Math.max(maxSlot(s), ...Object.keys(s.proposals).map(Number), 0);
  const slots: SlotView[] = [];
  for (let slot = Math.max(1, top - maxSlots + 1); slot <= top; slot++) {
    const a = s.accepted[slot];
    const c = s.chosen[slot];
    const p = s.proposals[slot];
    slots.push({ slot, accepted: a ? { ballot: ballotText(a.ballot), value: valueText(a.value) } : null, chosen: c ? valueText(c) : null, proposed: p ? valueText(p.value) : null, votes: s.votes[slot] ?? {} });
  }
  return {
    mode: s.config.mode, acceptor: s.acceptor, promised: ballotText(s.promised), ballot: s.ballot ? ballotText(s.ballot) : null, phase: s.phase, leading: s.leading,
    promisesFrom: Object.keys(s.promises), q1: s.quorums.q1, q2: s.quorums.q2, acceptors: s.quorums.acceptors, warning: quorumWarning(s.quorums), slots,
  };
}

/** inspectNode gives the NodeDetail: the chosen log (slot order; a gap is shown as null), the store and the detail. */
export function inspectNode(s: PaxosState): NodeDetail {
  const top = maxSlot(s);
  const log = [];
  for (let slot = 1; slot <= top; slot++) {
    const c = s.chosen[slot] ?? s.accepted[slot]?.value;
    log.push({ term: s.accepted[slot]?.ballot.round ?? 0, command: c ? (c.op ?? 'no-op') : null });
  }
  return {
    summary: summaryOf(s),
    log,
    kv: kvContents(s.kv),
    extra: { promised: ballotText(s.promised), ballot: s.ballot ? ballotText(s.ballot) : null, phase: s.phase, 'Q1 / Q2': `${s.quorums.q1} / ${s.quorums.q2} of ${s.quorums.acceptors.length}` },
    protocolDetail: inspectPaxos(s),
  };
}
