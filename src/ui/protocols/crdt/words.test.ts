import { describe, expect, it } from 'vitest';
import { clockWords, opFor, opsOfType, payloadWords, tagsOf } from './words';

describe('crdt panel words', () => {
  it('words each payload in one line', () => {
    expect(payloadWords({ type: 'pn-counter', p: { n1: 3, n2: 0 }, n: {} })).toBe('P n1 3 / N —');
    expect(payloadWords({ type: 'or-set', adds: { 'n1.1': 'x', 'n3.1': 'x' }, removed: { 'n1.1': 'x' } })).toBe('x(n3.1) ✗x(n1.1)');
    expect(payloadWords({ type: 'lww-register', value: 'B', ts: [1501, 'n3'] })).toBe('"B" @ 1501 n3');
    expect(payloadWords({ type: 'lww-register', value: null, ts: null })).toBe('(unset)');
    expect(clockWords({ n1: 2, n3: 1 })).toBe('[n1:2 n3:1]');
  });

  it('lists live tags before removed ones', () => {
    expect(tagsOf({ type: 'or-set', adds: { a: 'x', b: 'y' }, removed: { a: 'x' } }).map((t) => t.tag)).toEqual(['b', 'a']);
  });
});

describe('crdt request form ops', () => {
  it('offers the ops the type serves and builds each from one field', () => {
    expect(opsOfType('or-set')).toEqual(['add', 'remove', 'read']);
    expect(opsOfType('g-counter')).toEqual(['inc', 'read']);
    expect(opFor('inc', '3')).toEqual({ f: 'inc', by: 3 });
    expect(opFor('remove', 'x')).toEqual({ f: 'remove', elem: 'x' });
    expect(opFor('set', 'B')).toEqual({ f: 'set', value: 'B' });
    expect(() => opFor('dec', 'two')).toThrow('dec takes a whole number from 1 to 1000 (got two)');
  });
});
