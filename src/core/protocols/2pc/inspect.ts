/**
 * What a 2PC node shows: its summary (role and the few fields the topology draws) and its detail
 * for the panel (every transaction with its votes and decisions, the locks, who waits for whom).
 */
import type { NodeDetail } from '../../protocol';
import type { NodeId, NodeSummary } from '../../types';
import type { Decision, PartTxn, TwoPcState, WalRecord } from './state';
import { undecided } from './wal';

/**
 * TWO_PC_ROLES lists the roles a summary reports, each with what it means:
 * - `coordinator`: runs the commit protocol (the leading role);
 * - `participant`: owns a share of the keys; in no transaction's doubt now;
 * - `prepared`: voted commit on some transaction and waits for the decision (uncertain), holding its locks;
 * - `committable`: (3PC) got pre-commit on some transaction;
 * - `blocked`: (2PC) its decision timed out and no one it asked knew the outcome; it holds its locks until someone does.
 */
export const TWO_PC_ROLES = ['coordinator', 'participant', 'prepared', 'committable', 'blocked'] as const;

/** Wait is one wait-for edge: node `node` waits for `waitsFor` to learn the outcome of `txn`, since `since` (virtual ms). */
export interface Wait {
  node: NodeId;
  txn: string;
  waitsFor: NodeId[];
  since: number | null;
}

/** TxnView is one transaction as the panel shows it at one node. */
export interface TxnView {
  txn: string;
  /** The node's phase: coordinator voting / pre-committing / deciding / committed / aborted / asking; participant preparing / prepared / committable / deciding / committed / aborted. */
  phase: string;
  writes: Record<string, string>;
  participants: NodeId[];
  /** Coordinator: each participant's vote so far. */
  votes: Record<NodeId, Decision>;
  /** Coordinator: the participants that acked the decision. */
  acks: NodeId[];
  /** Participant: its own vote, or null. */
  vote: Decision | null;
  /** The decision, once known here. */
  decision: Decision | null;
  reason: string | null;
  blocked: boolean;
  /** 3PC: the participant acts as backup coordinator. */
  backup: boolean;
}

/** TwoPcDetail is NodeDetail.protocolDetail for a 2PC node. */
export interface TwoPcDetail {
  variant: '2pc' | '3pc';
  coordinator: NodeId;
  isCoordinator: boolean;
  /** Transactions, newest first (at most 30). */
  txns: TxnView[];
  /** Participant: key → the transaction holding its lock. */
  locks: Record<string, string>;
  /** Participant: who it waits for, per undecided transaction. */
  waits: Wait[];
  /** The write-ahead log's last 30 records, oldest first, and how many there are. */
  log: WalRecord[];
  logLength: number;
  /** Forced writes not yet durable. */
  unflushed: WalRecord[];
}

const decisionOfPhase = (phase: string): Decision | null => (phase === 'committed' ? 'commit' : phase === 'aborted' ? 'abort' : null);

/** waitsOf gives a participant's wait-for edges: the coordinator (or the 3PC backup it defers to), plus, when blocked, the peers it asked. */
export function waitsOf(s: TwoPcState): Wait[] {
  const out: Wait[] = [];
  for (const t of Object.values(s.part)) {
    if (!undecided(t) || t.phase === 'preparing') continue;
    const on = t.backup ? t.participants.filter((p) => p !== s.id && t.answers[p] === undefined) : [t.deferTo ?? t.coordinator];
    if (t.blocked) for (const p of t.participants) if (p !== s.id && !on.includes(p)) on.push(p);
    out.push({ node: s.id, txn: t.txn, waitsFor: on, since: t.since });
  }
  return out;
}

function partRole(s: TwoPcState): string {
  const open = Object.values(s.part).filter(undecided);
  if (open.some((t) => t.blocked)) return 'blocked';
  if (open.some((t) => t.phase === 'committable')) return 'committable';
  if (open.some((t) => t.phase === 'prepared')) return 'prepared';
  return 'participant';
}

const lastOf = <T>(xs: Record<string, T>): T | undefined => {
  const ks = Object.keys(xs);
  return ks.length ? xs[ks[ks.length - 1]!] : undefined;
};

/** openPart gives the participant's oldest undecided transaction, else its newest. */
const shownPart = (s: TwoPcState): PartTxn | undefined => Object.values(s.part).find(undecided) ?? lastOf(s.part);

/**
 * summaryOf gives the node's role and fields: `txn` (the transaction in doubt, else the latest),
 * `phase` (its phase here), `locks` (keys locked), `waitsFor` (the node it waits for, or null),
 * and for the coordinator `open` (transactions not yet decided).
 */
export function summaryOf(s: TwoPcState): NodeSummary {
  const base = { term: 0, votedFor: null, commitIndex: 0, lastLogIndex: s.log.length, lastApplied: 0 };
  if (s.id === s.coordinator) {
    const all = Object.values(s.coord);
    const open = all.filter((t) => t.phase === 'voting' || t.phase === 'pre-committing' || t.phase === 'deciding' || t.phase === 'asking');
    const shown = open[0] ?? all[all.length - 1];
    return { role: 'coordinator', ...base, fields: { txn: shown?.txn ?? null, phase: shown?.phase ?? null, open: open.length, locks: 0, waitsFor: null } };
  }
  const t = shownPart(s);
  const wait = waitsOf(s)[0];
  return {
    role: partRole(s),
    ...base,
    fields: { txn: t?.txn ?? null, phase: t?.phase ?? null, open: Object.values(s.part).filter(undecided).length, locks: Object.keys(s.locks).length, waitsFor: wait?.waitsFor[0] ?? null },
  };
}

/** inspectTwoPc gives the node's {@link TwoPcDetail}. */
export function inspectTwoPc(s: TwoPcState): TwoPcDetail {
  const isCoordinator = s.id === s.coordinator;
  const txns: TxnView[] = isCoordinator
    ? Object.values(s.coord).map((t) => ({
        txn: t.txn, phase: t.phase, writes: t.writes, participants: t.participants, votes: { ...t.votes }, acks: [...t.acks], vote: null,
        decision: decisionOfPhase(t.phase), reason: t.reason, blocked: false, backup: false,
      }))
    : Object.values(s.part).map((t) => ({
        txn: t.txn, phase: t.phase, writes: t.writes, participants: t.participants, votes: {}, acks: [], vote: t.vote,
        decision: decisionOfPhase(t.phase), reason: t.reason, blocked: t.blocked, backup: t.backup,
      }));
  return {
    variant: s.config.variant, coordinator: s.coordinator, isCoordinator,
    txns: txns.reverse().slice(0, 30), locks: { ...s.locks }, waits: isCoordinator ? [] : waitsOf(s),
    log: structuredClone(s.log.slice(-30)), logLength: s.log.length, unflushed: s.unflushed.map((p) => structuredClone(p.rec)),
  };
}

/** inspectNode gives the node panel's NodeDetail: the data it owns as `kv`, a few rows, and the {@link TwoPcDetail}. */
export function inspectNode(s: TwoPcState): NodeDetail {
  const summary = summaryOf(s);
  const detail = inspectTwoPc(s);
  return {
    summary,
    log: [],
    kv: { ...s.kv },
    extra: {
      variant: s.config.variant,
      coordinator: s.coordinator,
      'log records': s.log.length,
      'locks held': Object.entries(s.locks).map(([k, t]) => `${k}:${t}`).join(' ') || null,
      'waits for': detail.waits.map((w) => `${w.txn} → ${w.waitsFor.join(',')}`).join('; ') || null,
    },
    protocolDetail: detail,
  };
}
