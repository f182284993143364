/**
 * Two-phase commit's safety properties, checked from the trace's `begin`, `vote` and `decision`
 * records as a run goes on (Gray & Lamport's TCConsistent; Bernstein, Hadzilacos & Goodman §7.2's
 * atomic commitment conditions AC1–AC3):
 * - Atomicity: no two nodes decide differently on one transaction, and no node changes its decision.
 * - Commit validity: a transaction commits only if every participant voted commit.
 */
import type { SafetyMonitor, SafetyProperty, SafetySpec, Violation } from '../../protocol';
import type { TraceRecord } from '../../trace';
import type { NodeId, VirtualMs } from '../../types';

/** TwoPcProperty names one of the safety properties. */
export type TwoPcProperty = 'Atomicity' | 'Commit validity';

/** TWO_PC_PROPERTIES are the properties, for the lamps. */
export const TWO_PC_PROPERTIES: readonly (SafetyProperty & { name: TwoPcProperty })[] = [
  { name: 'Atomicity', description: 'No two nodes decide differently on a transaction, and no node changes its decision.', source: 'Bernstein, Hadzilacos & Goodman §7.2 (AC1, AC2); Gray & Lamport TCConsistent' },
  { name: 'Commit validity', description: 'A transaction commits only if every participant voted commit.', source: 'Bernstein, Hadzilacos & Goodman §7.2 (AC3)' },
];

type Rec = Extract<TraceRecord, { type: 'record' }>;

/** TxnFacts is what the records say of one transaction: its participants, votes and each node's decision. */
export interface TxnFacts {
  txn: string;
  /** From the coordinator's `begin`, or null if none was seen. */
  participants: NodeId[] | null;
  begunAt: VirtualMs | null;
  votes: Map<NodeId, string>;
  /** Each node's first decision, with its time. */
  decisions: Map<NodeId, { decision: string; t: VirtualMs }>;
}

/** TxnBook collects {@link TxnFacts} from records. */
export class TxnBook {
  readonly txns = new Map<string, TxnFacts>();

  /** facts gives (and creates) the facts of `txn`. */
  facts(txn: string): TxnFacts {
    let f = this.txns.get(txn);
    if (!f) {
      f = { txn, participants: null, begunAt: null, votes: new Map(), decisions: new Map() };
      this.txns.set(txn, f);
    }
    return f;
  }

  /**
   * add files record `r`; gives the violations it shows at once (a second decision that differs from
   * an earlier one; a commit without every vote commit), worded for a projector.
   */
  add(r: Rec): { property: TwoPcProperty; nodes: NodeId[]; text: string }[] {
    const txn = String(r.txn);
    const f = this.facts(txn);
    if (r.kind === 'begin') {
      f.participants = (r.participants as NodeId[]) ?? [];
      f.begunAt = r.t;
      return [];
    }
    if (r.kind === 'vote') {
      if (!f.votes.has(r.node)) f.votes.set(r.node, String(r.vote));
      return [];
    }
    if (r.kind !== 'decision') return [];
    const decision = String(r.decision);
    const out: { property: TwoPcProperty; nodes: NodeId[]; text: string }[] = [];
    const own = f.decisions.get(r.node);
    if (own && own.decision !== decision) out.push({ property: 'Atomicity', nodes: [r.node], text: `${r.node} decided ${own.decision} on ${txn}, then ${decision}` });
    const other = [...f.decisions].find(([n, d]) => n !== r.node && d.decision !== decision);
    if (other) out.push({ property: 'Atomicity', nodes: [other[0], r.node], text: `${r.node} decided ${decision} on ${txn}, but ${other[0]} decided ${other[1].decision}` });
    if (!own) f.decisions.set(r.node, { decision, t: r.t });
    if (decision === 'commit' && f.participants) {
      const missing = f.participants.filter((p) => f.votes.get(p) !== 'commit');
      if (missing.length > 0) {
        const said = missing.map((p) => `${p} ${f.votes.has(p) ? `voted ${f.votes.get(p)}` : 'had not voted'}`).join(', ');
        out.push({ property: 'Commit validity', nodes: [r.node, ...missing], text: `${r.node} committed ${txn}, but ${said}` });
      }
    }
    return out;
  }
}

/** TwoPcSafetyMonitor checks Atomicity and Commit validity, each reported once per transaction. */
export class TwoPcSafetyMonitor implements SafetyMonitor {
  readonly violations: Violation[] = [];
  private readonly book = new TxnBook();
  private readonly reported = new Set<string>();

  observe(r: TraceRecord): void {
    if (r.type !== 'record') return;
    for (const v of this.book.add(r)) {
      const key = `${v.property}|${String(r.txn)}`;
      if (this.reported.has(key)) continue;
      this.reported.add(key);
      this.violations.push({ property: v.property, t: r.t, nodes: v.nodes, indexes: [], text: v.text });
    }
  }

  /** check has nothing costlier to do: every property is checked as records arrive. */
  check(_t: VirtualMs): void {}
}

/** twoPcSafety is the protocol's SafetySpec. */
export const twoPcSafety: SafetySpec = {
  properties: TWO_PC_PROPERTIES,
  monitor: () => new TwoPcSafetyMonitor(),
};
