/**
 * The 2PC panel's model: pure functions that turn the store's per-node `NodeDetail`s (each carrying
 * a `TwoPcDetail` as `protocolDetail`, core/protocols/2pc/inspect.ts) into what the panel draws:
 * one row per transaction with each participant's vote and decision, the participants in doubt
 * (blocked ones first) with the locks they hold, and the wait-for edges between nodes. No React
 * here, so every rule is unit-tested in model.test.ts.
 */
import type { NodeDetail } from '../../../core/protocol';
import type { TwoPcDetail, TxnView } from '../../../core/protocols/2pc/inspect';
import type { NodeId } from '../../../core/types';

/** MAX_ROWS is how many transactions the panel lists (the newest). */
export const MAX_ROWS = 8;

/** CellState is what one participant shows for one transaction. */
export type CellState = 'preparing' | 'prepared' | 'committable' | 'blocked' | 'deciding' | 'committed' | 'aborted' | 'unknown';

/** Cell is one participant's part in one transaction. */
export interface Cell {
  state: CellState;
  /** Its vote, once sent. */
  vote: 'commit' | 'abort' | null;
  /** Short text for the cell: the phase, e.g. `commit`; an abort with the vote before it (✓ yes, ✗ no, – none), e.g. `✓ abort`. */
  text: string;
  /** Tooltip, e.g. `n3 voted commit and is blocked`. */
  title: string;
}

/** TxnRow is one transaction across the cluster. */
export interface TxnRow {
  txn: string;
  /** `x=1 y=2`. */
  writes: string;
  /** The coordinator's phase, short (voting, pre-c, logging, commit, abort, asking), or null if it has no record. */
  coordinator: string | null;
  /** The coordinator's phase in full (voting, pre-committing, deciding, committed, aborted, asking), or null. */
  coordinatorPhase: string | null;
  /** The decision as the coordinator (else any participant) knows it. */
  decision: 'commit' | 'abort' | null;
  reason: string | null;
  /** By participant; absent where the participant has no part in it. */
  cells: Record<NodeId, Cell>;
}

/** Waiter is one participant in doubt about one transaction. */
export interface Waiter {
  node: NodeId;
  txn: string;
  blocked: boolean;
  /** Acting as 3PC backup coordinator. */
  backup: boolean;
  /** The keys it holds locked for the transaction. */
  locks: string[];
  /** The nodes it waits for (the first is the one it waits on most). */
  waitsFor: NodeId[];
  /** Of those, the ones down now. */
  down: NodeId[];
}

/** TwoPcModel is the panel's model. */
export interface TwoPcModel {
  /** False until the coordinator or any participant has been inspected. */
  ready: boolean;
  variant: '2pc' | '3pc';
  coordinator: NodeId | null;
  participants: NodeId[];
  rows: TxnRow[];
  /** Participants in doubt, blocked ones first. */
  waiters: Waiter[];
  /** Wait-for edges `from → to`, each once. */
  edges: { from: NodeId; to: NodeId; blocked: boolean }[];
  /** Transactions known, of which `rows` shows the newest {@link MAX_ROWS}. */
  total: number;
}

/** TwoPcModelInput is what the model is built from, all read from the UI store. */
export interface TwoPcModelInput {
  nodeIds: readonly NodeId[];
  details: Readonly<Record<NodeId, NodeDetail | undefined>>;
  crashed: ReadonlySet<NodeId>;
}

const detailOf = (d: NodeDetail | undefined): TwoPcDetail | null => {
  const p = d?.protocolDetail as Partial<TwoPcDetail> | undefined;
  return p && Array.isArray(p.txns) && typeof p.coordinator === 'string' ? (p as TwoPcDetail) : null;
};

const writesText = (w: Record<string, string>): string => Object.entries(w).map(([k, v]) => `${k}=${v}`).join(' ');

const COORD_SHORT: Record<string, string> = { 'pre-committing': 'pre-c', deciding: 'logging', committed: 'commit', aborted: 'abort' };

/** cellOf words a participant's view of a transaction. */
export function cellOf(node: NodeId, t: TxnView): Cell {
  const state: CellState = t.blocked && (t.phase === 'prepared' || t.phase === 'committable') ? 'blocked' : ((t.phase as CellState) ?? 'unknown');
  const vote = t.vote;
  const voteText = vote === 'commit' ? '✓' : vote === 'abort' ? '✗' : '–';
  const words: Record<CellState, string> = {
    preparing: 'is writing "prepared" to its log',
    prepared: 'is prepared and waits for the decision (uncertain)',
    committable: 'is committable (pre-commit logged)',
    blocked: 'is blocked: the decision is late and nobody it asked knows it',
    deciding: 'is writing the decision to its log',
    committed: 'committed',
    aborted: `aborted${t.reason ? ` (${t.reason})` : ''}`,
    unknown: 'is in an unknown state',
  };
  const short: Record<CellState, string> = {
    preparing: 'logging', prepared: 'prepared', committable: 'pre-c', blocked: 'blocked', deciding: 'logging', committed: 'commit', aborted: 'abort', unknown: '?',
  };
  const voted = vote ? `voted ${vote} and ` : '';
  // Only an abort leaves the vote open (yes, no or none); every other phase implies a yes, or no vote yet.
  const text = state === 'aborted' ? `${voteText} ${short[state]}` : short[state];
  return { state, vote, text, title: `${node} ${voted}${words[state]}` };
}

/** buildTwoPcModel builds the panel's model from the store. */
export function buildTwoPcModel(input: TwoPcModelInput): TwoPcModel {
  const details = new Map<NodeId, TwoPcDetail>();
  for (const id of input.nodeIds) {
    const d = detailOf(input.details[id]);
    if (d) details.set(id, d);
  }
  const any = [...details.values()][0];
  if (!any) return { ready: false, variant: '2pc', coordinator: null, participants: [], rows: [], waiters: [], edges: [], total: 0 };
  const coordinator = any.coordinator;
  const participants = input.nodeIds.filter((n) => n !== coordinator);
  const coord = details.get(coordinator);
  // Newest first: the coordinator's order, then transactions only participants know.
  const order: string[] = [];
  const seen = new Set<string>();
  const byNode = new Map<NodeId, Map<string, TxnView>>();
  for (const [id, d] of details) byNode.set(id, new Map(d.txns.map((t) => [t.txn, t])));
  for (const t of coord?.txns ?? []) if (!seen.has(t.txn)) (seen.add(t.txn), order.push(t.txn));
  for (const p of participants) for (const t of details.get(p)?.txns ?? []) if (!seen.has(t.txn)) (seen.add(t.txn), order.push(t.txn));
  const rows = order.slice(0, MAX_ROWS).map((txn): TxnRow => {
    const c = byNode.get(coordinator)?.get(txn);
    const cells: Record<NodeId, Cell> = {};
    let writes: Record<string, string> = c?.writes ?? {};
    let decision = c?.decision ?? null;
    let reason = c?.reason ?? null;
    for (const p of participants) {
      const t = byNode.get(p)?.get(txn);
      if (!t || (c && !c.participants.includes(p) && t.participants.length === 0)) continue;
      cells[p] = cellOf(p, t);
      if (!c) writes = { ...writes, ...t.writes };
      if (decision === null && t.decision) (decision = t.decision, (reason = t.reason));
    }
    const phase = c?.phase ?? null;
    return { txn, writes: writesText(writes), coordinator: phase === null ? null : (COORD_SHORT[phase] ?? phase), coordinatorPhase: phase, decision, reason, cells };
  });
  const waiters: Waiter[] = [];
  for (const p of participants) {
    const d = details.get(p);
    for (const w of d?.waits ?? []) {
      const t = byNode.get(p)?.get(w.txn);
      waiters.push({
        node: p, txn: w.txn, blocked: t?.blocked ?? false, backup: t?.backup ?? false,
        locks: Object.entries(d!.locks).filter(([, holder]) => holder === w.txn).map(([k]) => k),
        waitsFor: w.waitsFor, down: w.waitsFor.filter((n) => input.crashed.has(n)),
      });
    }
  }
  waiters.sort((a, b) => Number(b.blocked) - Number(a.blocked));
  const edges: TwoPcModel['edges'] = [];
  for (const w of waiters) {
    for (const to of w.waitsFor) {
      const e = edges.find((x) => x.from === w.node && x.to === to);
      if (e) e.blocked ||= w.blocked;
      else edges.push({ from: w.node, to, blocked: w.blocked });
    }
  }
  return { ready: true, variant: any.variant, coordinator, participants, rows, waiters, edges, total: order.length };
}
