import { describe, expect, it } from 'vitest';
import { canonical, join, query, type Payload } from './lattice';

const g = (p: Record<string, number>): Payload => ({ type: 'g-counter', p });
const set = (adds: Record<string, string>, removed: Record<string, string> = {}): Payload => ({ type: 'or-set', adds, removed });

// more-protocols.md §9: merge is a least upper bound (commutative, associative, idempotent).
describe('state-based joins (RR-7506 §2.2.1)', () => {
  it('G-Counter: pointwise max, value ΣP; merging twice counts nothing twice (Spec. 6)', () => {
    const a = g({ n1: 2, n2: 1 });
    const b = g({ n2: 3, n3: 1 });
    expect(query(join(a, b))).toBe(6);
    expect(canonical(join(a, b))).toBe(canonical(join(b, a)));
    expect(canonical(join(join(a, b), b))).toBe(canonical(join(a, b)));
  });

  it('PN-Counter: ΣP − ΣN; two replicas at 1 that both decrement give −1 (Spec. 7)', () => {
    const base = { type: 'pn-counter', p: { n1: 1 }, n: {} } as const;
    const a: Payload = { ...base, n: { n1: 1 } };
    const b: Payload = { ...base, n: { n2: 1 } };
    expect(query(join(a, b))).toBe(-1);
  });

  it('OR-Set: a remove kills only the tags it observed, so a concurrent add wins (Spec. 15)', () => {
    const removedAtA = set({ 'n1.1': 'x' }, { 'n1.1': 'x' });
    const addedAtB = set({ 'n1.1': 'x', 'n3.1': 'x' });
    expect(query(join(removedAtA, addedAtB))).toEqual(['x']);
    expect(query(join(addedAtB, removedAtA))).toEqual(['x']);
  });

  it('remove-wins bug: merging the remove into the concurrent add drops x; the other way keeps it', () => {
    const removedAtA = set({ 'n1.1': 'x' }, { 'n1.1': 'x' });
    const addedAtB = set({ 'n1.1': 'x', 'n3.1': 'x' });
    expect(query(join(addedAtB, removedAtA, true))).toEqual([]);
    expect(query(join(removedAtA, addedAtB, true))).toEqual(['x']);
  });

  it('LWW-Register: the larger timestamp wins, ties broken by replica id (Spec. 8)', () => {
    const a: Payload = { type: 'lww-register', value: 'A', ts: [1500, 'n1'] };
    const b: Payload = { type: 'lww-register', value: 'B', ts: [1500, 'n3'] };
    expect(query(join(a, b))).toBe('B');
    expect(query(join(b, a))).toBe('B');
  });

  it('refuses to merge two types, in words', () => {
    expect(() => join(g({}), set({}))).toThrow('cannot merge a g-counter with a or-set');
  });
});
