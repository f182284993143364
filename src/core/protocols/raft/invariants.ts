/**
 * Raft's safety properties (extended Raft paper, Figure 3), checked while a run goes on. The
 * monitor reads the trace and, at the moments that matter, the nodes' logs. It reports each
 * violation once, naming the property, the nodes and the entries involved.
 *
 * - Election Safety: at most one leader per term (§5.2).
 * - Leader Append-Only: a leader never overwrites or deletes entries in its log (§5.3).
 * - Log Matching: same index and term ⇒ identical logs up to that index (§5.3).
 * - Leader Completeness: a committed entry is in the log of every later leader (§5.4).
 * - State Machine Safety: no two nodes apply different entries at one index (§5.4.3).
 *
 * Across log compaction (§7): an entry compacted into a snapshot is represented by the entry the
 * cluster applied at that index (see snapshot-check.ts), and each snapshot taken or installed must
 * agree with what was applied: the term at its lastIncludedIndex, and the same state-machine image
 * as any other snapshot of that index (State Machine Safety).
 * - One Change at a Time: membership changes follow thesis §4.1 and its 2015 correction
 *   (membership-invariants.ts).
 */
import type { SafetyMonitor, SafetyProperty, SafetySpec, Violation as AnyViolation } from '../../protocol';
import type { TraceRecord } from '../../trace';
import type { LogEntryView, NodeId, VirtualMs } from '../../types';
import { fullLog } from './snapshot-check';
import type { RaftState } from './state';
import { configChangeProblem, configChangeViolation, ONE_CHANGE_AT_A_TIME, ONE_CHANGE_PROPERTY } from './membership-invariants';

/** RaftProperty names one of Figure 3's properties. */
export type RaftProperty = 'Election Safety' | 'Leader Append-Only' | 'Log Matching' | 'Leader Completeness' | 'State Machine Safety' | typeof ONE_CHANGE_AT_A_TIME;

/** Violation is one broken Figure 3 property at virtual time `t`. */
export interface Violation extends AnyViolation {
  property: RaftProperty;
}

/** RAFT_PROPERTIES are Figure 3's properties, in the paper's order, for the lamps. */
export const RAFT_PROPERTIES: readonly (SafetyProperty & { name: RaftProperty })[] = [
  { name: 'Election Safety', description: 'At most one leader can be elected in a given term.', source: 'Raft Figure 3, §5.2' },
  { name: 'Leader Append-Only', description: 'A leader never overwrites or deletes entries in its log; it only appends new entries.', source: 'Raft Figure 3, §5.3' },
  { name: 'Log Matching', description: 'If two logs contain an entry with the same index and term, the logs are identical in all entries up through that index.', source: 'Raft Figure 3, §5.3' },
  { name: 'Leader Completeness', description: "If an entry is committed in a term, it is present in the logs of the leaders of all higher terms.", source: 'Raft Figure 3, §5.4' },
  { name: 'State Machine Safety', description: 'If a server has applied an entry at a given index, no other server ever applies a different entry at that index.', source: 'Raft Figure 3, §5.4.3' },
  ONE_CHANGE_PROPERTY,
];

/** Each entry's JSON, computed once: a restarted node's log is a deep copy, so objects differ. */
const keys = new WeakMap<LogEntryView, string>();
function keyOf(e: LogEntryView): string {
  let k = keys.get(e);
  if (k === undefined) keys.set(e, (k = JSON.stringify(e.command)));
  return k;
}

/** sameEntry: same term and command. Entries usually share objects in-thread; JSON only when not. */
function sameEntry(a: LogEntryView, b: LogEntryView): boolean {
  return a === b || (a.term === b.term && (a.command === b.command || keyOf(a) === keyOf(b)));
}

/**
 * RaftSafetyMonitor checks Figure 3 on a run. Feed it every trace record, in order. It reads logs
 * through `logOf` and keeps references, not copies: a log entry is never mutated once logged, so an
 * entry still in place is the same object.
 */
export class RaftSafetyMonitor implements SafetyMonitor {
  readonly violations: Violation[] = [];
  private readonly logOf: (id: NodeId) => readonly LogEntryView[];
  private readonly nodes: readonly NodeId[];
  private readonly leaderOfTerm = new Map<number, NodeId>();
  /**
   * applied[index] = the entry first applied there, by whom, and the term it was committed in at
   * the latest: the applying node's currentTerm (the first to apply is normally the leader that
   * committed it; a follower applying first only makes the bound higher, never wrongly lower).
   */
  private readonly applied = new Map<number, { entry: LogEntryView; node: NodeId; commitTerm: number }>();
  /** Each node's currentTerm, from its latest `state` record. */
  private readonly termOf = new Map<NodeId, number>();
  /** A leader's log (its entries, by reference) when last seen, per node, while it leads in `term`. */
  private readonly leaderLogs = new Map<NodeId, { term: number; log: LogEntryView[] }>();
  private readonly seen = new Set<string>();
  /** The first snapshot image seen at each lastIncludedIndex, and whose it was (§7). */
  private readonly snapshotImages = new Map<number, { node: NodeId; data: string }>();

  /**
   * @param logOf gives a node's current log, index 1 first; it must reflect the state the record
   *   describes. The monitor only reads it.
   * @param nodes the cluster, for {@link check}.
   */
  constructor(logOf: (id: NodeId) => readonly LogEntryView[], nodes: readonly NodeId[] = []) {
    this.logOf = logOf;
    this.nodes = nodes;
  }

  /** check compares every pair of logs now (Log Matching). */
  check(t: VirtualMs): void {
    this.checkLogMatching(t, this.nodes);
  }

  private report(v: Violation): void {
    const key = `${v.property}|${v.nodes.join(',')}|${v.indexes.join(',')}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.violations.push(v);
  }

  /** appliedEntry gives the entry first applied at `index` in this run, if any: what a snapshot up to it stands for. */
  appliedEntry(index: number): LogEntryView | undefined {
    return this.applied.get(index)?.entry;
  }

  /** observe checks what `r` changes. */
  observe(r: TraceRecord): void {
    if (r.type === 'apply') this.onApply(r.t, r.node, r.index, { term: r.term, command: r.command });
    else if (r.type === 'record' && (r.kind === 'snapshot-taken' || r.kind === 'snapshot-installed')) {
      this.onSnapshot(r.t, r.node, r.lastIncludedIndex as number, r.lastIncludedTerm as number, r.data as string);
    }
    else if (r.type === 'state') {
      this.termOf.set(r.node, r.term);
      if (r.role === 'leader') this.onLeader(r.t, r.node, r.term);
      else this.leaderLogs.delete(r.node);
    } else if (r.type === 'record' && r.kind === 'config-change') {
      const why = configChangeProblem(r.node, this.logOf(r.node), r.index as number, r.commitIndex as number);
      if (why !== null) this.report(configChangeViolation(r.t, r.node, r.index as number, why));
    }
  }

  private onApply(t: VirtualMs, node: NodeId, index: number, entry: LogEntryView): void {
    const first = this.applied.get(index);
    if (!first) this.applied.set(index, { entry, node, commitTerm: Math.max(entry.term, this.termOf.get(node) ?? 0) });
    else if (!sameEntry(first.entry, entry)) {
      this.report({ property: 'State Machine Safety', t, nodes: [first.node, node], indexes: [index], text: `${first.node} and ${node} applied different entries at index ${index} (terms ${first.entry.term} and ${entry.term})` });
    }
  }

  /**
   * onSnapshot checks a snapshot against State Machine Safety (§5.4.3, §7): the entry applied at its
   * lastIncludedIndex has lastIncludedTerm, and every snapshot of one index holds the same image.
   */
  private onSnapshot(t: VirtualMs, node: NodeId, index: number, term: number, data: string): void {
    const a = this.applied.get(index);
    if (a && a.entry.term !== term) {
      this.report({ property: 'State Machine Safety', t, nodes: [a.node, node], indexes: [index], text: `${node}'s snapshot up to index ${index} ends with term ${term}, but ${a.node} applied an entry of term ${a.entry.term} there` });
    }
    const first = this.snapshotImages.get(index);
    if (!first) this.snapshotImages.set(index, { node, data });
    else if (first.data !== data) {
      this.report({ property: 'State Machine Safety', t, nodes: [first.node, node], indexes: [index], text: `${first.node} and ${node} hold different state machines after applying up to index ${index}` });
    }
  }

  private onLeader(t: VirtualMs, node: NodeId, term: number): void {
    const other = this.leaderOfTerm.get(term);
    if (other === undefined) this.leaderOfTerm.set(term, node);
    else if (other !== node) {
      this.report({ property: 'Election Safety', t, nodes: [other, node], indexes: [], text: `${other} and ${node} were both leader in term ${term}` });
    }
    const log = this.logOf(node);
    const before = this.leaderLogs.get(node);
    if (before && before.term === term) {
      for (let i = 0; i < before.log.length; i++) {
        if (i >= log.length || !sameEntry(before.log[i]!, log[i]!)) {
          this.report({ property: 'Leader Append-Only', t, nodes: [node], indexes: [i + 1], text: `leader ${node} of term ${term} changed or removed its entry at index ${i + 1}` });
          break;
        }
      }
    } else {
      // A new leader: every entry committed in an earlier term must be in its log. (A leader of a
      // lower term can still be elected late, on votes granted before a higher term began.)
      for (const [index, a] of this.applied) {
        if (a.commitTerm >= term) continue;
        const e = log[index - 1];
        if (!e || !sameEntry(e, a.entry)) {
          this.report({ property: 'Leader Completeness', t, nodes: [node, a.node], indexes: [index], text: `${node} became leader of term ${term} without the entry committed at index ${index} (term ${a.entry.term})` });
        }
      }
    }
    this.leaderLogs.set(node, { term, log: log.slice() });
  }

  /** checkLogMatching compares every pair of logs now (O(nodes² × log length)); call it at quiet points. */
  checkLogMatching(t: VirtualMs, ids: readonly NodeId[]): void {
    const logs = ids.map((id) => this.logOf(id));
    for (let a = 0; a < ids.length; a++) {
      for (let b = a + 1; b < ids.length; b++) {
        const la = logs[a]!;
        const lb = logs[b]!;
        const n = Math.min(la.length, lb.length);
        // Find the highest index with equal terms; everything up to it must be identical.
        let top = -1;
        for (let i = n - 1; i >= 0; i--) if (la[i]!.term === lb[i]!.term) { top = i; break; }
        for (let i = 0; i <= top; i++) {
          if (!sameEntry(la[i]!, lb[i]!)) {
            this.report({ property: 'Log Matching', t, nodes: [ids[a]!, ids[b]!], indexes: [i + 1, top + 1], text: `${ids[a]} and ${ids[b]} agree on the term at index ${top + 1} but differ at index ${i + 1}` });
            break;
          }
        }
      }
    }
  }
}

/** raftSafety declares Figure 3 through the protocol interface. */
export const raftSafety: SafetySpec = {
  properties: RAFT_PROPERTIES,
  monitor: (nodes, view) => {
    const m: RaftSafetyMonitor = new RaftSafetyMonitor((id) => fullLog(view.state(id) as RaftState, m), nodes);
    return m;
  },
};
