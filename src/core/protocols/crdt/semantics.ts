/**
 * The type's semantics computed from the trace's `update` records alone, what every replica must
 * hold once it has every update (RR-7506): a counter's sum of increments less decrements (Spec.
 * 6/7); an OR-Set's elements with an add tag no remove observed (add wins, Spec. 15); an LWW
 * register's value with the greatest timestamp (Spec. 8).
 */
import type { TraceRecord } from '../../trace';
import type { CrdtType } from './config';
import { laterTs, type Query, type Timestamp } from './lattice';

type Rec = Extract<TraceRecord, { type: 'record' }>;

/** expectedQuery gives the query result the update records imply for `type`. */
export function expectedQuery(type: CrdtType, records: readonly Rec[]): Query {
  const updates = records.filter((r) => r.kind === 'update');
  switch (type) {
    case 'g-counter':
    case 'pn-counter':
      return updates.reduce((s, r) => s + (r.f === 'dec' ? -1 : 1) * Number(r.by ?? 1), 0);
    case 'or-set':
    case 'op-or-set': {
      const added = new Map<string, string>();
      const removed = new Set<string>();
      for (const r of updates) {
        if (r.f === 'add') for (const t of r.tag !== undefined ? [String(r.tag)] : (r.tags as string[])) added.set(t, String(r.elem));
        else for (const t of r.tags as string[]) removed.add(t);
      }
      return [...new Set([...added].filter(([t]) => !removed.has(t)).map(([, e]) => e))].sort();
    }
    case 'lww-register': {
      let best: { ts: Timestamp; value: string } | null = null;
      for (const r of updates) {
        const ts = r.ts as Timestamp;
        if (!best || laterTs(ts, best.ts)) best = { ts, value: String(r.value) };
      }
      return best?.value ?? null;
    }
  }
}

/** LostWrite is an acknowledged LWW write stamped earlier than a write its replica had already seen. */
export interface LostWrite {
  node: string;
  t: number;
  value: string;
  ts: Timestamp;
  observed: Timestamp;
}

/**
 * lostWrites finds LWW writes lost at once: a write whose timestamp is below the one its replica
 * already held, so the register discards a write made after (and knowing of) the one that beats it.
 * Spec. 8 asks timestamps to be consistent with causality; a skewed clock used raw breaks that.
 */
export function lostWrites(records: readonly Rec[]): LostWrite[] {
  const out: LostWrite[] = [];
  for (const r of records) {
    if (r.kind !== 'update' || r.f !== 'set' || !r.observed) continue;
    const ts = r.ts as Timestamp;
    const observed = r.observed as Timestamp;
    if (laterTs(observed, ts)) out.push({ node: r.node, t: r.t, value: String(r.value), ts, observed });
  }
  return out;
}
