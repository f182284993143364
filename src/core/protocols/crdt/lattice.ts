/**
 * The replicated values (payloads) of RR-7506 and their joins, as plain JSON so that messages and
 * trace records carry them as they are. State-based merges are least upper bounds: commutative,
 * associative and idempotent (§2.2, Prop. 2.1), so anti-entropy may lose, reorder or duplicate.
 * - G-Counter (Spec. 6): `p[i]` counts replica i's increments; value ΣP; merge pointwise max.
 * - PN-Counter (Spec. 7): two G-Counters P and N; value ΣP − ΣN.
 * - OR-Set (state-based, after Spec. 15): `adds` tag → element, `removed` the tags removed; e is in
 *   the set iff some tag of e is in adds and not in removed; merge unions both (add wins).
 * - LWW-Register (Spec. 8): a value and its timestamp (ms, replica); merge keeps the larger.
 * - op-OR-Set (Spec. 15): `adds` holds the live tags; ops are applied on causal delivery (opset.ts).
 */
import type { NodeId } from '../../types';
import type { CrdtType } from './config';
import { byNode } from './vclock';

/** Timestamp is an LWW timestamp: the replica clock's ms, broken by replica id (unique and total, Spec. 8). */
export type Timestamp = readonly [ms: number, node: NodeId];

/** Payload is one replica's value of its type. */
export type Payload =
  | { type: 'g-counter'; p: Record<NodeId, number> }
  | { type: 'pn-counter'; p: Record<NodeId, number>; n: Record<NodeId, number> }
  | { type: 'or-set'; adds: Record<string, string>; removed: Record<string, string> }
  | { type: 'lww-register'; value: string | null; ts: Timestamp | null }
  | { type: 'op-or-set'; adds: Record<string, string> };

/** emptyPayload gives the initial value of `type`. */
export function emptyPayload(type: CrdtType): Payload {
  switch (type) {
    case 'g-counter':
      return { type, p: {} };
    case 'pn-counter':
      return { type, p: {}, n: {} };
    case 'or-set':
      return { type, adds: {}, removed: {} };
    case 'lww-register':
      return { type, value: null, ts: null };
    case 'op-or-set':
      return { type, adds: {} };
  }
}

/** laterTs tells whether `a` is later than `b` (ms, then replica id; null is earliest). */
export function laterTs(a: Timestamp | null, b: Timestamp | null): boolean {
  if (!a) return false;
  if (!b) return true;
  return a[0] !== b[0] ? a[0] > b[0] : byNode(a[1], b[1]) > 0;
}

const sum = (v: Record<string, number>): number => Object.values(v).reduce((s, x) => s + x, 0);

const maxVec = (a: Record<string, number>, b: Record<string, number>): Record<string, number> => {
  const out: Record<string, number> = {};
  for (const k of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort(byNode)) out[k] = Math.max(a[k] ?? 0, b[k] ?? 0);
  return out;
};

const union = (a: Record<string, string>, b: Record<string, string>): Record<string, string> => {
  const out: Record<string, string> = {};
  for (const k of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort(byNode)) out[k] = (a[k] ?? b[k])!;
  return out;
};

/** liveTags lists an OR-Set's present (tag, element) pairs, by tag. */
export function liveTags(x: Payload): [tag: string, elem: string][] {
  if (x.type === 'op-or-set') return Object.entries(x.adds);
  if (x.type === 'or-set') return Object.entries(x.adds).filter(([t]) => !(t in x.removed));
  return [];
}

/** Query is a type's query result: a number, a sorted list of elements, or a register's value. */
export type Query = number | string[] | string | null;

/** query gives the payload's value: ΣP (− ΣN), the set's elements sorted, or the register's value (lookup, value). */
export function query(x: Payload): Query {
  switch (x.type) {
    case 'g-counter':
      return sum(x.p);
    case 'pn-counter':
      return sum(x.p) - sum(x.n);
    case 'or-set':
    case 'op-or-set':
      return [...new Set(liveTags(x).map(([, e]) => e))].sort();
    case 'lww-register':
      return x.value;
  }
}

/** showQuery words a query result, e.g. `7`, `{x, y}`, `"v"` or `(unset)`. */
export const showQuery = (q: Query): string => (Array.isArray(q) ? `{${q.join(', ')}}` : q === null ? '(unset)' : typeof q === 'string' ? `"${q}"` : String(q));

/**
 * join merges `b` into `a` (both of one type) and gives the least upper bound; neither is mutated.
 * `removeWins` is the `remove-wins` teaching bug: tags `b` removes that `a` had not seen removed
 * also kill every tag `a` holds for the same element, including adds the remove never observed.
 * @throws Error if the types differ.
 */
export function join(a: Payload, b: Payload, removeWins = false): Payload {
  if (a.type !== b.type) throw new Error(`cannot merge a ${a.type} with a ${b.type}`);
  switch (a.type) {
    case 'g-counter':
      return { type: a.type, p: maxVec(a.p, (b as typeof a).p) };
    case 'pn-counter': {
      const y = b as typeof a;
      return { type: a.type, p: maxVec(a.p, y.p), n: maxVec(a.n, y.n) };
    }
    case 'or-set': {
      const y = b as typeof a;
      const adds = union(a.adds, y.adds);
      const removed = union(a.removed, y.removed);
      if (removeWins) {
        const killed = new Set(Object.entries(y.removed).filter(([t]) => !(t in a.removed)).map(([, e]) => e));
        for (const [t, e] of Object.entries(a.adds)) if (killed.has(e) && !(t in removed)) removed[t] = e;
      }
      return { type: a.type, adds, removed: union(removed, {}) };
    }
    case 'lww-register': {
      const y = b as typeof a;
      return laterTs(y.ts, a.ts) ? { ...y } : { ...a };
    }
    case 'op-or-set':
      throw new Error('the op-based OR-Set is not merged by state: its ops are delivered causally');
  }
}

/** canonical serialises a payload canonically (keys sorted), so equal payloads give equal strings. */
export const canonical = (x: Payload): string => stable(x);

/** stable is JSON.stringify with object keys in natural order at every depth. */
function stable(x: unknown): string {
  if (Array.isArray(x)) return `[${x.map(stable).join(',')}]`;
  if (x && typeof x === 'object') {
    const o = x as Record<string, unknown>;
    return `{${Object.keys(o).sort(byNode).map((k) => `${JSON.stringify(k)}:${stable(o[k])}`).join(',')}}`;
  }
  return JSON.stringify(x);
}
