/**
 * The PBFT panel's model: pure functions that turn the store's per-node `NodeDetail`s (each
 * carrying a `PbftDetail` as `protocolDetail`, see core/protocols/pbft/inspect.ts) into what the
 * panel draws: the view and primary (view-model.ts), the sequence-number × replica grid of slot phases with each
 * slot's certificate, checkpoints and water marks, and who suspects whom. No React here, so every
 * rule is unit-tested in model.test.ts.
 *
 * References are to Castro & Liskov, "Practical Byzantine Fault Tolerance", OSDI 1999.
 */
import type { NodeDetail } from '../../../core/protocol';
import type { PbftDetail, SlotPhase, SlotView } from '../../../core/protocols/pbft/inspect';
import { faultsTolerated, quorumSize } from '../../../core/protocols/pbft/state';
import { buildViewModel, type ViewModel } from './view-model';
import type { NodeId } from '../../../core/types';

/** MAX_GRID_ROWS is how many sequence numbers the grid shows at most (the most recent ones). */
export const MAX_GRID_ROWS = 16;

// ---------------------------------------------------------------- input and sizes

/** PbftModelInput is what the model is built from, all read from the UI store. */
export interface PbftModelInput {
  /** Every replica in scenario order; the primary of view v is `nodeIds[v mod n]` (§4.1). */
  nodeIds: readonly NodeId[];
  /** The latest inspection of every node (a replica without one shows as unknown). */
  details: Readonly<Record<NodeId, NodeDetail | undefined>>;
  /** Replicas that are down now (summary role `crashed`). */
  crashed: ReadonlySet<NodeId>;
}

/**
 * Sizes are the cluster's fault tolerance and quorum: n replicas tolerate f = ⌊(n−1)/3⌋ faults
 * (§3) and every certificate needs `quorum` = ⌈(n+f+1)/2⌉ matching messages, which is 2f+1 when
 * n = 3f+1 (state.ts `quorumSize`).
 */
export interface Sizes {
  n: number;
  f: number;
  quorum: number;
}

/** sizesOf gives f and the quorum for `n` replicas (see {@link Sizes}). */
export function sizesOf(n: number): Sizes {
  return { n, f: faultsTolerated(n), quorum: quorumSize(n) };
}

/** pbftDetailOf gives the PBFT view of a node's detail, or null when it carries none (another protocol, not inspected yet). */
export function pbftDetailOf(d: NodeDetail | undefined): PbftDetail | null {
  const pd = d?.protocolDetail as Partial<PbftDetail> | null | undefined;
  if (!pd || typeof pd !== 'object' || typeof pd.view !== 'number' || !Array.isArray(pd.slots) || !Array.isArray(pd.checkpoints)) return null;
  return pd as PbftDetail;
}

/** Replica is one replica as every part of the panel needs it. */
export interface Replica {
  id: NodeId;
  /** Its PBFT state, or null if not inspected yet. */
  detail: PbftDetail | null;
  /** False while crashed. */
  live: boolean;
  /** Its Byzantine behaviour (e.g. `equivocate`), null when honest. */
  behaviour: string | null;
  /** The replicas it suspects, each with the first evidence in words. */
  suspects: Record<NodeId, string>;
}

/** replicasOf reads every replica of `input`, in node order. */
export function replicasOf(input: PbftModelInput): Replica[] {
  return input.nodeIds.map((id) => {
    const d = input.details[id];
    const detail = pbftDetailOf(d);
    return {
      id,
      detail,
      live: !input.crashed.has(id),
      behaviour: d?.behaviour ?? detail?.behaviour ?? null,
      suspects: d?.suspects ?? detail?.suspects ?? {},
    };
  });
}

// ---------------------------------------------------------------- view and primary (view-model.ts)

export { buildViewModel, leftOutText, type LeftOut, type ReplicaViewChange, type ReplicaViewRow, type ViewModel } from './view-model';

// ---------------------------------------------------------------- the slots grid

/** CellPhase is a grid cell's colour: a slot's phase (§4.2), or `empty` when the replica has nothing for that seq. */
export type CellPhase = SlotPhase | 'empty';

/** GridCell is one (sequence number, replica) of the grid. */
export interface GridCell {
  seq: number;
  node: NodeId;
  phase: CellPhase;
  /** The replica's slot, null when it has none (empty, or discarded below its low water mark). */
  slot: SlotView | null;
  /**
   * The seq is at or below the replica's low water mark h: executed, then discarded when its
   * checkpoint became stable (§4.3). Phase is `executed`, slot null.
   */
  collected: boolean;
  /** The slot's digest differs from the row's majority digest (or there is no majority): a sign of an equivocating primary (§4.2). */
  conflict: boolean;
}

/** GridRow is one sequence number across every replica. */
export interface GridRow {
  seq: number;
  cells: GridCell[];
  /** The digest most replicas hold for this seq; null when none or tied. */
  majorityDigest: string | null;
}

/** GridModel is the sequence-number × replica grid. */
export interface GridModel {
  /** Oldest seq first; at most {@link MAX_GRID_ROWS}. */
  rows: GridRow[];
  /** Older sequence numbers (above the lowest h) left out to keep the grid short. */
  hidden: number;
}

/**
 * majorityDigest gives the digest held by more replicas than any other, or null when no digest is
 * held or the top count is tied.
 */
export function majorityDigest(digests: readonly string[]): string | null {
  const counts = new Map<string, number>();
  for (const d of digests) counts.set(d, (counts.get(d) ?? 0) + 1);
  let best: string | null = null;
  let top = 0;
  let tied = false;
  for (const [d, c] of counts) {
    if (c > top) [best, top, tied] = [d, c, false];
    else if (c === top) tied = true;
  }
  return tied ? null : best;
}

/**
 * buildGrid lays out rows h+1 … the highest seq any replica holds, h the lowest low water mark
 * among replicas (§4.3), keeping the most recent `maxRows`. A cell below its replica's own h is
 * `executed` and `collected`; a seq the replica has no slot for is `empty` (or `executed` if it
 * executed it anyway, e.g. through state transfer).
 */
export function buildGrid(replicas: readonly Replica[], maxRows = MAX_GRID_ROWS): GridModel {
  const known = replicas.filter((r) => r.detail !== null);
  let top = 0;
  for (const r of known) for (const s of r.detail!.slots) top = Math.max(top, s.seq);
  if (known.length === 0 || top === 0) return { rows: [], hidden: 0 };
  const low = Math.min(...known.map((r) => r.detail!.lowWater)) + 1;
  if (top < low) return { rows: [], hidden: 0 };
  const from = Math.max(low, top - maxRows + 1);
  const bySeq = replicas.map((r) => new Map((r.detail?.slots ?? []).map((s) => [s.seq, s])));
  const rows: GridRow[] = [];
  for (let seq = from; seq <= top; seq++) {
    const slots = bySeq.map((m) => m.get(seq) ?? null);
    const digests = slots.flatMap((s) => (s ? [s.digest] : []));
    const majority = majorityDigest(digests);
    const disagree = new Set(digests).size > 1;
    const cells = replicas.map((r, i): GridCell => {
      const slot = slots[i] ?? null;
      const d = r.detail;
      if (slot) return { seq, node: r.id, phase: slot.phase, slot, collected: false, conflict: disagree && slot.digest !== majority };
      const collected = d !== null && seq <= d.lowWater;
      const executed = d !== null && seq <= d.lastExecuted;
      return { seq, node: r.id, phase: collected || executed ? 'executed' : 'empty', slot: null, collected, conflict: false };
    });
    rows.push({ seq, cells, majorityDigest: majority });
  }
  return { rows, hidden: from - low };
}

// ---------------------------------------------------------------- certificates

/** VoteTally is one kind of vote a slot collected against the number its certificate needs. */
export interface VoteTally {
  /** `prepares` or `commits`. */
  kind: 'prepares' | 'commits';
  /** Replicas whose vote matches the slot's digest and view. */
  have: NodeId[];
  /** How many are needed: 2f prepares (plus the pre-prepare) to prepare, 2f+1 commits to commit locally (§4.2). */
  need: number;
  /** The rule as the paper writes it: `2f` / `2f+1` (or the quorum q when n ≠ 3f+1). */
  rule: string;
  ok: boolean;
}

/** tallies gives a slot's prepare and commit tallies (§4.2: prepared, committed-local). */
export function tallies(slot: SlotView, sizes: Sizes): [VoteTally, VoteTally] {
  const paper = sizes.quorum === 2 * sizes.f + 1;
  const prepNeed = sizes.quorum - 1;
  const comNeed = sizes.quorum;
  return [
    { kind: 'prepares', have: slot.prepares.slice(), need: prepNeed, rule: paper ? '2f' : 'q−1', ok: slot.prepares.length >= prepNeed },
    { kind: 'commits', have: slot.commits.slice(), need: comNeed, rule: paper ? '2f+1' : 'q', ok: slot.commits.length >= comNeed },
  ];
}

/** tallyText writes a tally for the certificate card, e.g. `prepares 3/2f=2 ✓: n2 n3 n4`. */
export function tallyText(t: VoteTally): string {
  const who = t.have.length ? `: ${t.have.join(' ')}` : '';
  return `${t.kind} ${t.have.length}/${t.rule}=${t.need} ${t.ok ? '✓' : '✗'}${who}`;
}

// ---------------------------------------------------------------- checkpoints and water marks

/** CheckpointVote is one checkpoint digest with the replicas that vouched for it (§4.3). */
export interface CheckpointVote {
  seq: number;
  digest: string;
  votes: NodeId[];
}

/** CheckpointRow is one replica's checkpoints and log window. */
export interface CheckpointRow {
  id: NodeId;
  live: boolean;
  behaviour: string | null;
  /** h: the last stable checkpoint's seq, and H = h + L (§4.3). */
  lowWater: number;
  highWater: number;
  lastExecuted: number;
  /** The stable checkpoint with its proof (2f+1 votes), null while h = 0 (none taken yet). */
  stable: CheckpointVote | null;
  /** Checkpoints above h not yet stable, oldest first, each digest separately. */
  pending: (CheckpointVote & { conflicting: boolean })[];
}

/** CheckpointModel is every replica's checkpoints on one shared axis of sequence numbers. */
export interface CheckpointModel {
  /** Replicas with a known state, in node order. */
  rows: CheckpointRow[];
  /** The axis for the window bars: the lowest h to the highest H. */
  axis: { from: number; to: number };
  /** Votes needed for a checkpoint to become stable: 2f+1 (the quorum, §4.3). */
  needed: number;
}

/** buildCheckpoints gives each replica's stable and pending checkpoints and its window [h, H] (§4.3). */
export function buildCheckpoints(replicas: readonly Replica[], sizes: Sizes): CheckpointModel {
  const rows: CheckpointRow[] = [];
  for (const r of replicas) {
    const d = r.detail;
    if (!d) continue;
    const stableCp = d.checkpoints.find((c) => c.stable) ?? null;
    const open = d.checkpoints.filter((c) => !c.stable && c.seq > d.lowWater);
    const perSeq = new Map<number, number>();
    for (const c of open) perSeq.set(c.seq, (perSeq.get(c.seq) ?? 0) + 1);
    rows.push({
      id: r.id,
      live: r.live,
      behaviour: r.behaviour,
      lowWater: d.lowWater,
      highWater: d.highWater,
      lastExecuted: d.lastExecuted,
      stable: stableCp ? { seq: stableCp.seq, digest: stableCp.digest, votes: stableCp.votes.slice() } : null,
      pending: open
        .map((c) => ({ seq: c.seq, digest: c.digest, votes: c.votes.slice(), conflicting: (perSeq.get(c.seq) ?? 0) > 1 }))
        .sort((a, b) => a.seq - b.seq || b.votes.length - a.votes.length),
    });
  }
  const from = rows.length ? Math.min(...rows.map((r) => r.lowWater)) : 0;
  const to = rows.length ? Math.max(...rows.map((r) => r.highWater)) : 0;
  return { rows, axis: { from, to: Math.max(to, from + 1) }, needed: sizes.quorum };
}

/** windowSpan places [lo, hi] on `axis` as left offset and width, in percent of the axis (clamped to 0…100). */
export function windowSpan(lo: number, hi: number, axis: { from: number; to: number }): { left: number; width: number } {
  const span = Math.max(1, axis.to - axis.from);
  const pct = (x: number) => Math.min(100, Math.max(0, ((x - axis.from) / span) * 100));
  const left = pct(lo);
  return { left, width: Math.max(0, pct(hi) - left) };
}

// ---------------------------------------------------------------- suspicion

/** Suspicion is one replica (`from`) suspecting another (`to`) with the first evidence. */
export interface Suspicion {
  from: NodeId;
  to: NodeId;
  reason: string;
}

/** SuspicionModel is who suspects whom: the matrix and one line per suspect. */
export interface SuspicionModel {
  /** `matrix[from][to]` is the reason `from` suspects `to`; absent when it does not. */
  matrix: Record<NodeId, Record<NodeId, string>>;
  /** Each suspected replica with its suspecters, most suspected first, then node order. */
  bySuspect: { suspect: NodeId; by: NodeId[] }[];
  /** One sentence per suspect, e.g. `n1 is suspected by n2, n3, n4`. */
  lines: string[];
}

/** buildSuspicion gives who suspects whom, only among the cluster's replicas and never oneself. */
export function buildSuspicion(replicas: readonly Replica[]): SuspicionModel {
  const ids = replicas.map((r) => r.id);
  const known = new Set(ids);
  const matrix: Record<NodeId, Record<NodeId, string>> = {};
  for (const r of replicas) {
    const row: Record<NodeId, string> = {};
    for (const to of ids) {
      const reason = r.suspects[to];
      if (to !== r.id && known.has(to) && reason !== undefined) row[to] = reason;
    }
    matrix[r.id] = row;
  }
  const bySuspect = ids
    .map((to, i) => ({ suspect: to, by: ids.filter((from) => matrix[from]?.[to] !== undefined), i }))
    .filter((x) => x.by.length > 0)
    .sort((a, b) => b.by.length - a.by.length || a.i - b.i)
    .map(({ suspect, by }) => ({ suspect, by }));
  return { matrix, bySuspect, lines: bySuspect.map((x) => `${x.suspect} is suspected by ${x.by.join(', ')}`) };
}

// ---------------------------------------------------------------- everything

/** PbftModel is everything the PBFT panel draws. */
export interface PbftModel {
  sizes: Sizes;
  replicas: Replica[];
  view: ViewModel;
  grid: GridModel;
  checkpoints: CheckpointModel;
  suspicion: SuspicionModel;
  /** At least one replica carries a PbftDetail. */
  ready: boolean;
}

/** buildPbftModel builds the whole panel model from the store's details (cheap: linear in replicas × slots). */
export function buildPbftModel(input: PbftModelInput): PbftModel {
  const sizes = sizesOf(input.nodeIds.length);
  const replicas = replicasOf(input);
  return {
    sizes,
    replicas,
    view: buildViewModel(replicas, input.nodeIds, sizes),
    grid: buildGrid(replicas),
    checkpoints: buildCheckpoints(replicas, sizes),
    suspicion: buildSuspicion(replicas),
    ready: replicas.some((r) => r.detail !== null),
  };
}
