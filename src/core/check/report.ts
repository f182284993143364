/**
 * The run report: what a chaos run did and how the cluster coped. Built from trace records alone,
 * so it works for any protocol (its leader is the role Protocol.leaderRole names: Raft's leader,
 * PBFT's primary) and for any host (in-thread, worker_threads, Web Workers).
 *
 * Recovery time after a fault is the time from the fault until the cluster is recovered, in the
 * protocol's own sense (ProtocolEntry.recovery), and stays so for `stableMs`. By default, for a
 * protocol with a leader, that is a stable leader: one that can make progress, i.e. is live, of the
 * highest term among such leaders, and on a side of the partition holding a quorum of live nodes
 * (Protocol.quorumSize: a majority for Raft, 2f+1 for PBFT). For a leader-free protocol without its
 * own definition, it is the cluster whole again: every node up, no partition. Zero when the fault
 * did not disturb it. Link-level faults (one-way cuts, loss) are not modelled: only crashes and
 * partition groups decide who reaches whom.
 */
import { actionText } from '../describe';
import { leaderRoleOf, type AnyProtocol } from '../protocol';
import type { ClusterShape, RecoverySpec } from '../protocols/plugin';
import { getProtocol } from '../protocols/registry';
import type { TimelineAction } from '../scenario/types';
import type { TraceRecord } from '../trace';
import type { NodeId, NodeSummary, VirtualMs } from '../types';

/** FaultRecovery is one fault and how long the cluster took to have a stable leader after it. */
export interface FaultRecovery {
  t: VirtualMs;
  action: TimelineAction['action'];
  /** The fault in words (describe.ts actionText), e.g. `crash n3` or `partition {n1 n2} | {n3 n4 n5}`. */
  text: string;
  /** Virtual ms until the cluster recovered (by default: a stable leader), or null if it had not by the end of the run. */
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
const FAULTS = new Set<string>(['crash', 'isolate', 'partition', 'link', 'skew', 'pause', 'timeout', 'byzantine']);

/** RunRecorder collects a report's raw facts from trace records, in order. */
export class RunRecorder {
  readonly ops: OpCounts = { submitted: 0, ok: 0, fail: 0, info: 0 };
  private readonly faults: { t: VirtualMs; action: TimelineAction['action']; text: string }[] = [];
  /**
   * Changes of the recovered state: from `t` on, the cluster is in recovered state `state` (null:
   * not recovered). By default the state names the leader that can make progress, e.g. `n3@4`.
   */
  readonly changes: { t: VirtualMs; state: string | null }[] = [];
  private readonly summaries = new Map<NodeId, Omit<NodeSummary, 'lastApplied'>>();
  private current: string | null = null;
  private nodes: NodeId[] = [];
  private network: [number, number] = [0, 0];
  private recovery: RecoverySpec = WHOLE_CLUSTER;
  private readonly crashed = new Set<NodeId>();
  /** Partition group of each node (absent: the common group). */
  private readonly group = new Map<NodeId, number>();
  private readonly shape: ClusterShape = {
    nodes: [],
    summaries: this.summaries,
    isDown: (id) => this.crashed.has(id),
    group: (id) => this.group.get(id) ?? 0,
  };

  /** meaning says what recovered means for this run's protocol, e.g. `a stable leader with a quorum`. */
  get meaning(): string {
    return this.recovery.meaning;
  }

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
        this.shape.nodes = this.nodes;
        {
          const entry = getProtocol(r.scenario.protocol);
          this.recovery = entry.recovery ?? leaderRecovery(entry.protocol);
        }
        return;
      case 'fault':
        if (r.skipped !== undefined) return;
        if (FAULTS.has(r.action) && !this.isRepair(r)) this.faults.push({ t: r.t, action: r.action, text: actionText(r) });
        this.onTopology(r);
        this.update(r.t);
        return;
      case 'state':
        this.summaries.set(r.node, r);
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

  /** update records a change of the recovered state. */
  private update(t: VirtualMs): void {
    const key = this.recovery.state(this.shape);
    if (key !== this.current) {
      this.current = key;
      this.changes.push({ t, state: key });
    }
  }

  /**
   * recoveries gives every fault's recovery time, for a run that ended at `endMs`.
   * @param stableMs how long a leader must keep its place to count as stable (virtual ms).
   */
  recoveries(endMs: VirtualMs, stableMs: number): FaultRecovery[] {
    return this.faults.map((f) => ({ ...f, recoveryMs: recoveryAfter(this.changes, f.t, endMs, stableMs) }));
  }

  /** recoveredNow tells whether the cluster is in a recovered state now (e.g. a leader with a quorum). */
  get recoveredNow(): boolean {
    return this.current !== null;
  }
}

/**
 * leaderRecovery is the default recovery of a protocol with a leader: a live leader (Protocol.leaderRole)
 * of the highest epoch among those on a side of the partition with a quorum of live nodes
 * (Protocol.quorumSize, default a majority, Raft §5.2). A leader-free protocol gets {@link WHOLE_CLUSTER}.
 */
export function leaderRecovery(protocol: AnyProtocol): RecoverySpec {
  const role = leaderRoleOf(protocol);
  if (role === null) return WHOLE_CLUSTER;
  return {
    meaning: `a stable ${role} with a quorum`,
    state(c) {
      const quorum = protocol.quorumSize?.(c.nodes.length) ?? Math.floor(c.nodes.length / 2) + 1;
      const live = c.nodes.filter((id) => !c.isDown(id));
      let leader: NodeId | null = null;
      let term = -1;
      for (const [id, s] of c.summaries) {
        if (s.role !== role || s.term <= term || c.isDown(id)) continue;
        const g = c.group(id);
        if (live.filter((x) => c.group(x) === g).length >= quorum) [leader, term] = [id, s.term];
      }
      return leader === null ? null : `${leader}@${term}`;
    },
  };
}

/** WHOLE_CLUSTER: recovered when every node is up and no partition divides them. */
export const WHOLE_CLUSTER: RecoverySpec = {
  meaning: 'every node up and reachable',
  state: (c) => (c.nodes.every((id) => !c.isDown(id) && c.group(id) === 0) ? 'whole' : null),
};

/** recoveryAfter is the time from `t` until a recovered state that lasts `stableMs`, or null if none by `endMs`. */
export function recoveryAfter(changes: readonly { t: VirtualMs; state: string | null }[], t: VirtualMs, endMs: VirtualMs, stableMs: number): number | null {
  for (let i = 0; i < changes.length; i++) {
    const c = changes[i]!;
    const end = changes[i + 1]?.t ?? endMs;
    if (end <= t || c.state === null) continue;
    const from = Math.max(c.t, t);
    if (end - from >= stableMs) return from - t;
  }
  return null;
}
