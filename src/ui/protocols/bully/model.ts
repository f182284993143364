/**
 * The bully panel's model, built from the nodes' details (NodeDetail.protocolDetail is a
 * BullyDetail): the nodes by rank with whom each follows, who believes it coordinates (two or more
 * is the split brain), and each node's failure detector for the shared suspicion matrix. Pure.
 */
import type { DetectorState } from '../../../core/detectors/detector';
import type { NodeDetail } from '../../../core/protocol';
import type { BullyDetail, RankMode } from '../../../core/protocols/bully';
import type { NodeId } from '../../../core/types';

/** RankRow is one node in the ranks table. */
export interface RankRow {
  id: NodeId;
  role: BullyDetail['role'] | 'crashed';
  /** The coordinator it follows, null when none (in an election) or unknown. */
  follows: NodeId | null;
  score: number;
  priority: number;
  health: number;
  load: number;
}

/** BullyModel is everything the panel draws. */
export interface BullyModel {
  rank: RankMode;
  /** Every node, highest rank first (score, then id, as the election ranks them); crashed nodes last. */
  rows: RankRow[];
  /** The live nodes that believe they coordinate. */
  coordinators: NodeId[];
  /** Live nodes following each coordinator. */
  followers: Record<NodeId, number>;
  live: number;
  detectors: Record<NodeId, DetectorState | null>;
}

const detailOf = (d: NodeDetail | undefined): BullyDetail | null => (d?.protocolDetail as BullyDetail | undefined) ?? null;

/** BullyModelInput is what the model reads of the store. */
export interface BullyModelInput {
  nodeIds: readonly NodeId[];
  details: Readonly<Record<NodeId, NodeDetail>>;
  crashed: ReadonlySet<NodeId>;
}

/** buildBullyModel builds the panel's model (see {@link BullyModel}). */
export function buildBullyModel({ nodeIds, details, crashed }: BullyModelInput): BullyModel {
  let rank: RankMode = 'id';
  const rows: RankRow[] = [];
  const detectors: Record<NodeId, DetectorState | null> = {};
  const followers: Record<NodeId, number> = {};
  for (const id of nodeIds) {
    const d = detailOf(details[id]);
    if (d) rank = d.rank;
    const down = crashed.has(id);
    detectors[id] = d && !down ? d.fd : null;
    rows.push({ id, role: down ? 'crashed' : d?.role ?? 'member', follows: down ? null : d?.coordinator ?? null, score: d?.score ?? 0, priority: d?.priority ?? 0, health: d?.health ?? 0, load: d?.load ?? 0 });
    if (!down && d?.coordinator) followers[d.coordinator] = (followers[d.coordinator] ?? 0) + 1;
  }
  const order = new Map(nodeIds.map((id, i) => [id, i]));
  rows.sort((a, b) => Number(a.role === 'crashed') - Number(b.role === 'crashed') || b.score - a.score || order.get(b.id)! - order.get(a.id)!);
  const coordinators = rows.filter((r) => r.role === 'coordinator').map((r) => r.id);
  return { rank, rows, coordinators, followers, live: rows.filter((r) => r.role !== 'crashed').length, detectors };
}
