/**
 * The delegation panel's model, pure: which node coordinates (the active coordinator of the highest
 * epoch among the live nodes), its task table (newest last, at most `maxRows`), its followers with
 * their load bars and breakers, and how many effects each node applied.
 */
import type { DelegationDetail, FollowerRow, TaskRow } from '../../../core/protocols/delegation';
import type { DetectorState } from '../../../core/detectors/detector';
import type { NodeDetail } from '../../../core/protocol';
import type { NodeId } from '../../../core/types';

/** DelegationModel is what the panel draws. */
export interface DelegationModel {
  coordinator: NodeId | null;
  epoch: number;
  policy: string | null;
  /** The coordinator's table, newest last, cut to the newest rows. */
  tasks: TaskRow[];
  /** Rows left out of `tasks` (older ones). */
  hidden: number;
  counts: { done: number; running: number; waiting: number; retried: number };
  followers: (FollowerRow & { crashed: boolean; applied: number })[];
  /** The longest load bar's scale: the highest load, at least 2. */
  scale: number;
  /** Submits shed by admission control, per client, most first. */
  shed: [string, number][];
  /** Each live node's failure detector, for the shared suspicion matrix (null: down or unknown). */
  detectors: Record<NodeId, DetectorState | null>;
}

/** buildDelegationModel reads the nodes' details (see the module comment). */
export function buildDelegationModel(o: { nodeIds: readonly NodeId[]; details: Readonly<Record<NodeId, NodeDetail>>; crashed: ReadonlySet<NodeId>; maxRows?: number }): DelegationModel {
  const of = (id: NodeId) => o.details[id]?.protocolDetail as DelegationDetail | undefined;
  let coordinator: NodeId | null = null;
  let best = -1;
  for (const id of o.nodeIds) {
    const d = of(id);
    if (!d || o.crashed.has(id) || !d.table || !d.active) continue;
    if (d.epoch > best) [coordinator, best] = [id, d.epoch];
  }
  const c = coordinator ? of(coordinator)! : null;
  const table = c?.table ?? [];
  const maxRows = o.maxRows ?? 14;
  const tasks = table.slice(-maxRows);
  const counts = { done: 0, running: 0, waiting: 0, retried: 0 };
  for (const t of table) {
    if (t.status === 'done') counts.done++;
    else if (t.status === 'running' || t.status === 'committing') counts.running++;
    else counts.waiting++;
    if (t.retries > 0 || t.attempt > 1) counts.retried++;
  }
  const followers = (c?.followers ?? []).map((f) => ({ ...f, crashed: o.crashed.has(f.id), applied: of(f.id)?.applied.length ?? 0 }));
  const scale = Math.max(2, ...followers.map((f) => f.load));
  const shed = Object.entries(c?.shed ?? {}).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const detectors: Record<NodeId, DetectorState | null> = {};
  for (const id of o.nodeIds) detectors[id] = o.crashed.has(id) ? null : of(id)?.fd ?? null;
  return { coordinator, epoch: c?.epoch ?? 0, policy: c?.policy ?? null, tasks, hidden: table.length - tasks.length, counts, followers, scale, shed, detectors };
}
