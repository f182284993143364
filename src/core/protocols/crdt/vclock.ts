/**
 * Vector clocks (Fidge 1988; Mattern 1989; Babaoğlu & Marzullo §10.2), as a small pure module with
 * no knowledge of CRDTs, so it can move to shared code when the space-time view gains vector
 * clocks for every protocol. A clock maps a node id to the count of that node's events (here: the
 * updates it originated) that precede or are included in the holder's state; an absent entry is 0.
 * - {@link compare}: `before` (≤ everywhere and not equal: e → e′), `after`, `equal` or
 *   `concurrent` (neither ≤ the other: e ∥ e′).
 * - {@link merge}: the pointwise maximum, the least upper bound of the two.
 * - {@link increment}: one more event at a node.
 */
import type { NodeId } from '../../types';

/** VClock is a vector clock: node id → events counted (absent: 0). Plain JSON, never mutated by these functions. */
export type VClock = Readonly<Record<NodeId, number>>;

/** Order is how two clocks relate. */
export type Order = 'before' | 'after' | 'equal' | 'concurrent';

/** at gives entry `id` of `c` (0 when absent). */
export const at = (c: VClock, id: NodeId): number => c[id] ?? 0;

/** compare tells how `a` relates to `b`: `before` when a < b (a → b), `after` when b < a, `equal`, else `concurrent`. */
export function compare(a: VClock, b: VClock): Order {
  let less = false;
  let more = false;
  for (const id of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const x = at(a, id);
    const y = at(b, id);
    if (x < y) less = true;
    else if (x > y) more = true;
  }
  if (less && more) return 'concurrent';
  if (less) return 'before';
  if (more) return 'after';
  return 'equal';
}

/** merge gives the pointwise maximum of `a` and `b` (the least upper bound). Zero entries are left out. */
export function merge(a: VClock, b: VClock): VClock {
  const out: Record<NodeId, number> = {};
  for (const id of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const m = Math.max(at(a, id), at(b, id));
    if (m > 0) out[id] = m;
  }
  return sorted(out);
}

/** mergeMin is the wrong merge of the `vclock-min-merge` teaching bug: the pointwise minimum, which forgets events. */
export function mergeMin(a: VClock, b: VClock): VClock {
  const out: Record<NodeId, number> = {};
  for (const id of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const m = Math.min(at(a, id), at(b, id));
    if (m > 0) out[id] = m;
  }
  return sorted(out);
}

/** increment gives `c` with one more event at `id`. */
export const increment = (c: VClock, id: NodeId): VClock => sorted({ ...c, [id]: at(c, id) + 1 });

/** sorted gives `c` with its keys in order, so equal clocks serialise alike. */
export function sorted(c: VClock): VClock {
  const out: Record<NodeId, number> = {};
  for (const id of Object.keys(c).sort(byNode)) if ((c[id] ?? 0) > 0) out[id] = c[id]!;
  return out;
}

/** byNode orders node ids naturally (n2 before n10). */
export const byNode = (a: string, b: string): number => a.localeCompare(b, 'en', { numeric: true });

/** key serialises a clock canonically, e.g. `n1:2,n3:1` (`` for the zero clock). */
export const key = (c: VClock): string =>
  Object.keys(c)
    .sort(byNode)
    .filter((id) => at(c, id) > 0)
    .map((id) => `${id}:${c[id]}`)
    .join(',');

/** total counts every event in `c`. */
export const total = (c: VClock): number => Object.values(c).reduce((s, x) => s + x, 0);
