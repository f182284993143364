import { describe, expect, it } from 'vitest';
import { compare, increment, key, merge, mergeMin } from './vclock';

// more-protocols.md §9, vector clocks: e → e′ ⇔ VC(e) < VC(e′); concurrent when neither ≤ the other.
describe('vector clocks (Fidge 1988, Mattern 1989)', () => {
  it('compare: before, after, equal, concurrent; absent entries count as 0', () => {
    expect(compare({ n1: 1 }, { n1: 1, n2: 1 })).toBe('before');
    expect(compare({ n1: 2, n2: 1 }, { n1: 1 })).toBe('after');
    expect(compare({ n1: 1, n2: 0 }, { n1: 1 })).toBe('equal');
    expect(compare({ n1: 2 }, { n2: 1 })).toBe('concurrent');
    expect(compare({}, {})).toBe('equal');
  });

  it('merge is the pointwise max: commutative, idempotent, and above both', () => {
    const a = { n1: 3, n2: 1 };
    const b = { n2: 4, n3: 2 };
    expect(merge(a, b)).toEqual({ n1: 3, n2: 4, n3: 2 });
    expect(merge(a, b)).toEqual(merge(b, a));
    expect(merge(a, a)).toEqual(a);
    expect(compare(a, merge(a, b))).toBe('before');
    expect(mergeMin(a, b)).toEqual({ n2: 1 });
  });

  it('increment counts one more event at a node; key is canonical', () => {
    expect(increment({ n2: 1 }, 'n10')).toEqual({ n2: 1, n10: 1 });
    expect(key({ n10: 1, n2: 3 })).toBe('n2:3,n10:1');
    expect(key({ n1: 0 })).toBe('');
  });
});
