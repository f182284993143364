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
 */
import type { NodeDetail } from '../../protocol';
import type { TraceRecord } from '../../trace';
import type { LogEntryView, NodeId, VirtualMs } from '../../types';

/** RaftProperty names one of Figure 3's properties. */
export type RaftProperty = 'Election Safety' | 'Leader Append-Only' | 'Log Matching' | 'Leader Completeness' | 'State Machine Safety';

/** Violation is one broken property at virtual time `t`. */
export interface Violation {
  property: RaftProperty;
  t: VirtualMs;
  nodes: NodeId[];
  /** Log indexes involved (entries, 1-based). */
  indexes: number[];
  text: string;
}

const entryKey = (e: LogEntryView) => `${e.term}:${JSON.stringify(e.command)}`;

/** RaftSafetyMonitor checks Figure 3 on a run. Feed it every trace record, in order. */
export class RaftSafetyMonitor {
  readonly violations: Violation[] = [];
  private readonly inspect: (id: NodeId) => NodeDetail;
  private readonly leaderOfTerm = new Map<number, NodeId>();
  /** applied[index] = the entry first applied there, and by whom. */
  private readonly applied = new Map<number, { key: string; term: number; node: NodeId }>();
  /** A leader's log when last seen, per node, while it leads in `term`. */
  private readonly leaderLogs = new Map<NodeId, { term: number; log: LogEntryView[] }>();
  private readonly seen = new Set<string>();

  /** @param inspect gives a node's current detail; it must reflect the state the record describes. */
  constructor(inspect: (id: NodeId) => NodeDetail) {
    this.inspect = inspect;
  }

  private report(v: Violation): void {
    const key = `${v.property}|${v.nodes.join(',')}|${v.indexes.join(',')}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.violations.push(v);
  }

  /** observe checks what `r` changes. */
  observe(r: TraceRecord): void {
    if (r.type === 'apply') this.onApply(r.t, r.node, r.index, r.term, r.command);
    else if (r.type === 'state') {
      if (r.role === 'leader') this.onLeader(r.t, r.node, r.term);
      else this.leaderLogs.delete(r.node);
    }
  }

  private onApply(t: VirtualMs, node: NodeId, index: number, term: number, command: unknown): void {
    const key = entryKey({ term, command });
    const first = this.applied.get(index);
    if (!first) this.applied.set(index, { key, term, node });
    else if (first.key !== key) {
      this.report({ property: 'State Machine Safety', t, nodes: [first.node, node], indexes: [index], text: `${first.node} and ${node} applied different entries at index ${index} (terms ${first.term} and ${term})` });
    }
  }

  private onLeader(t: VirtualMs, node: NodeId, term: number): void {
    const other = this.leaderOfTerm.get(term);
    if (other === undefined) this.leaderOfTerm.set(term, node);
    else if (other !== node) {
      this.report({ property: 'Election Safety', t, nodes: [other, node], indexes: [], text: `${other} and ${node} were both leader in term ${term}` });
    }
    const log = this.inspect(node).log;
    const before = this.leaderLogs.get(node);
    if (before && before.term === term) {
      for (let i = 0; i < before.log.length; i++) {
        if (i >= log.length || entryKey(before.log[i]!) !== entryKey(log[i]!)) {
          this.report({ property: 'Leader Append-Only', t, nodes: [node], indexes: [i + 1], text: `leader ${node} of term ${term} changed or removed its entry at index ${i + 1}` });
          break;
        }
      }
    } else {
      // A new leader: every entry applied anywhere so far is committed and must be in its log.
      for (const [index, a] of this.applied) {
        const e = log[index - 1];
        if (!e || entryKey(e) !== a.key) {
          this.report({ property: 'Leader Completeness', t, nodes: [node, a.node], indexes: [index], text: `${node} became leader of term ${term} without the entry committed at index ${index} (term ${a.term})` });
        }
      }
    }
    this.leaderLogs.set(node, { term, log: log.map((e) => ({ term: e.term, command: e.command })) });
  }

  /** checkLogMatching compares every pair of logs now (O(nodes² × log length)); call it at quiet points. */
  checkLogMatching(t: VirtualMs, ids: readonly NodeId[]): void {
    const logs = ids.map((id) => this.inspect(id).log);
    for (let a = 0; a < ids.length; a++) {
      for (let b = a + 1; b < ids.length; b++) {
        const la = logs[a]!;
        const lb = logs[b]!;
        const n = Math.min(la.length, lb.length);
        // Find the highest index with equal terms; everything up to it must be identical.
        let top = -1;
        for (let i = n - 1; i >= 0; i--) if (la[i]!.term === lb[i]!.term) { top = i; break; }
        for (let i = 0; i <= top; i++) {
          if (entryKey(la[i]!) !== entryKey(lb[i]!)) {
            this.report({ property: 'Log Matching', t, nodes: [ids[a]!, ids[b]!], indexes: [i + 1, top + 1], text: `${ids[a]} and ${ids[b]} agree on the term at index ${top + 1} but differ at index ${i + 1}` });
            break;
          }
        }
      }
    }
  }
}
