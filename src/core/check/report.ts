/**
 * The run report: what a chaos run did and how the cluster coped. Built from trace records alone,
 * so it works for any protocol (its leader is the role Protocol.leaderRole names: Raft's leader,
 * PBFT's primary) and for any host (in-thread, worker_threads, Web Workers).
 *
 * Recovery time after a fault is the time from the fault until a stable leader: a leader that can
 * make progress, i.e. is live, of the highest term among such leaders, and on a side of the
 * partition holding a quorum of live nodes (Protocol.quorumSize: a majority for Raft, 2f+1 for
 * PBFT), and that keeps that place for `stableMs`. Zero when
 * the fault did not disturb the leader. Link-level faults (one-way cuts, loss) are not modelled:
 * only crashes and partition groups decide who can reach a majority.
 */
import { actionText } from '../describe';
import { getProtocol } from '../protocols/registry';
import type { TimelineAction } from '../scenario/types';
import type { TraceRecord } from '../trace';
import type { NodeId, VirtualMs } from '../types';

/** FaultRecovery is one fault and how long the cluster took to have a stable leader after it. */
export interface FaultRecovery {
  t: VirtualMs;
  action: TimelineAction['action'];
  /** The fault in words (describe.ts actionText), e.g. `crash n3` or `partition {n1 n2} | {n3 n4 n5}`. */
  text: string;
  /** Virtual ms until a stable leader, or null if there was none by the end of the run. */
  recoveryMs: number | null;
}

/** OpCounts counts client operations by outcome (Jepsen's invoke / ok / fail / info). */
export interface OpCounts {
  submitted: number;
  ok: number;
  fail: number;
  /** Outcome unknown: still pending when the run ended. */
  info: number;
}

/** Actions that break something; heal, restart and requests are not faults. */
const FAULTS = new Set<string>(['crash', 'isolate', 'partition', 'link', 'skew', 'timeout', 'byzantine']);

/** RunRecorder collects a report's raw facts from trace records, in order. */
export class RunRecorder {
  readonly ops: OpCounts = { submitted: 0, ok: 0, fail: 0, info: 0 };
  private readonly faults: { t: VirtualMs; action: TimelineAction['action']; text: string }[] = [];
  /** Leader changes: from `t` on, the leader that can make progress is `leader` (null: none). */
  readonly leaderChanges: { t: VirtualMs; leader: NodeId | null; term: number }[] = [];
  private readonly roles = new Map<NodeId, { role: string; term: number }>();
  private current: string | null = null;
  private nodes: NodeId[] = [];
  private network: [number, number] = [0, 0];
  private leaderRole = 'leader';
  private quorum = 1;
  private readonly crashed = new Set<NodeId>();
  /** Partition group of each node (absent: the common group). */
  private readonly group = new Map<NodeId, number>();

  /** observe takes the next record. */
  observe(r: TraceRecord): void {
    switch (r.type) {
      case 'client':
        if (r.phase === 'invoke') this.ops.submitted++;
        else this.ops[r.phase]++;
        return;
      case 'header':
        this.nodes = [...r.scenario.nodes];
        this.network = r.scenario.network.latencyMs;
        {
          const p = getProtocol(r.scenario.protocol).protocol;
          this.leaderRole = p.leaderRole ?? 'leader';
          this.quorum = p.quorumSize?.(this.nodes.length) ?? Math.floor(this.nodes.length / 2) + 1;
        }
        return;
      case 'fault':
        if (r.skipped !== undefined) return;
        if (FAULTS.has(r.action) && !this.isRepair(r)) this.faults.push({ t: r.t, action: r.action, text: actionText(r) });
        this.onTopology(r);
        this.update(r.t);
        return;
      case 'state':
        this.roles.set(r.node, { role: r.role, term: r.term });
        this.update(r.t);
        return;
      default:
        return;
    }
  }

  /** isRepair: a link set back to health (no cut, loss or duplication, default latency) or a clock set back to rate 1. */
  private isRepair(r: Extract<TraceRecord, { type: 'fault' }>): boolean {
    const f = r as Record<string, unknown>;
    if (r.action === 'skew') return f.rate === 1;
    if (r.action === 'byzantine') return f.behaviour === 'honest';
    if (r.action !== 'link') return false;
    const lat = f.latencyMs as [number, number] | undefined;
    const slower = lat !== undefined && (lat[0] !== this.network[0] || lat[1] !== this.network[1]);
    return f.cut !== true && !((f.loss as number | undefined) ?? 0) && !((f.duplicate as number | undefined) ?? 0) && !slower;
  }

  private onTopology(r: Extract<TraceRecord, { type: 'fault' }>): void {
    const f = r as Record<string, unknown>;
    if (r.action === 'crash' && typeof f.node === 'string') this.crashed.add(f.node);
    else if (r.action === 'restart' && Array.isArray(f.nodes)) for (const id of f.nodes as NodeId[]) this.crashed.delete(id);
    else if (r.action === 'heal') this.group.clear();
    else if (r.action === 'partition') {
      this.group.clear();
      (f.groups as NodeId[][]).forEach((g, i) => g.forEach((id) => this.group.set(id, i + 1)));
    } else if (r.action === 'isolate' && typeof f.node === 'string') this.group.set(f.node, -1 - this.group.size);
  }

  /** update records a change of the leader that can make progress. */
  private update(t: VirtualMs): void {
    const live = this.nodes.filter((id) => !this.crashed.has(id));
    let leader: NodeId | null = null;
    let term = -1;
    for (const [id, s] of this.roles) {
      if (s.role !== this.leaderRole || s.term <= term || this.crashed.has(id)) continue;
      const g = this.group.get(id) ?? 0;
      if (live.filter((x) => (this.group.get(x) ?? 0) === g).length >= this.quorum) [leader, term] = [id, s.term];
    }
    const key = leader === null ? null : `${leader}@${term}`;
    if (key !== this.current) {
      this.current = key;
      this.leaderChanges.push({ t, leader, term });
    }
  }

  /**
   * recoveries gives every fault's recovery time, for a run that ended at `endMs`.
   * @param stableMs how long a leader must keep its place to count as stable (virtual ms).
   */
  recoveries(endMs: VirtualMs, stableMs: number): FaultRecovery[] {
    return this.faults.map((f) => ({ ...f, recoveryMs: recoveryAfter(this.leaderChanges, f.t, endMs, stableMs) }));
  }
}

/** recoveryAfter is the time from `t` until a leader that lasts `stableMs`, or null if none by `endMs`. */
export function recoveryAfter(changes: readonly { t: VirtualMs; leader: NodeId | null }[], t: VirtualMs, endMs: VirtualMs, stableMs: number): number | null {
  for (let i = 0; i < changes.length; i++) {
    const c = changes[i]!;
    const end = changes[i + 1]?.t ?? endMs;
    if (end <= t || c.leader === null) continue;
    const from = Math.max(c.t, t);
    if (end - from >= stableMs) return from - t;
  }
  return null;
}
