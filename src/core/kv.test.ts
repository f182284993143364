import { describe, expect, it } from 'vitest';
import { applyOnce, applyOp, cachedResult, createKv, createSessions, isStale, kvContents } from './kv';

describe('KvStore applyOp', () => {
  it('get reads null when absent, the value otherwise', () => {
    const kv = createKv();
    expect(applyOp(kv, { f: 'get', key: 'k' })).toEqual({ ok: true, value: null });
    applyOp(kv, { f: 'put', key: 'k', value: 'v' });
    expect(applyOp(kv, { f: 'get', key: 'k' })).toEqual({ ok: true, value: 'v' });
  });

  it('put overwrites, append concatenates (absent counts as "")', () => {
    const kv = createKv();
    expect(applyOp(kv, { f: 'append', key: 'k', value: 'a' })).toEqual({ ok: true });
    applyOp(kv, { f: 'append', key: 'k', value: 'b' });
    expect(kv.get('k')).toBe('ab');
    expect(applyOp(kv, { f: 'put', key: 'k', value: 'z' })).toEqual({ ok: true });
    expect(kv.get('k')).toBe('z');
  });

  it('cas writes only when the current value equals expected', () => {
    const kv = createKv();
    expect(applyOp(kv, { f: 'cas', key: 'k', expected: '', value: 'x' })).toEqual({ ok: false, error: 'cas mismatch: expected "", found nothing' });
    expect(kv.has('k')).toBe(false);
    kv.set('k', 'a');
    expect(applyOp(kv, { f: 'cas', key: 'k', expected: 'b', value: 'x' })).toEqual({ ok: false, error: 'cas mismatch: expected "b", found "a"' });
    expect(kv.get('k')).toBe('a');
    expect(applyOp(kv, { f: 'cas', key: 'k', expected: 'a', value: 'x' })).toEqual({ ok: true });
    expect(kv.get('k')).toBe('x');
  });

  it('kvContents gives a sorted plain object, safe for any key', () => {
    const kv = createKv();
    kv.set('b', '2');
    kv.set('__proto__', 'p');
    kv.set('a', '1');
    const out = kvContents(kv);
    expect(Object.keys(out)).toEqual(['__proto__', 'a', 'b']);
    expect(out['__proto__']).toBe('p');
  });
});

describe('§8 Sessions: at-most-once application', () => {
  it('§8 a retried request takes effect once and gets the cached result', () => {
    const kv = createKv();
    const sessions = createSessions();
    const op = { f: 'append' as const, key: 'k', value: 'x' };
    expect(applyOnce(kv, sessions, 'c1', 1, op)).toEqual({ ok: true });
    expect(applyOnce(kv, sessions, 'c1', 1, op)).toEqual({ ok: true });
    expect(kv.get('k')).toBe('x');
    expect(cachedResult(sessions, 'c1', 1)).toEqual({ ok: true });
    expect(cachedResult(sessions, 'c2', 1)).toBeUndefined();
  });

  it('§8 the cached result of a read is the value read then, not now', () => {
    const kv = createKv();
    const sessions = createSessions();
    applyOnce(kv, sessions, 'c1', 1, { f: 'put', key: 'k', value: 'old' });
    applyOnce(kv, sessions, 'c2', 1, { f: 'get', key: 'k' });
    applyOnce(kv, sessions, 'c1', 2, { f: 'put', key: 'k', value: 'new' });
    expect(applyOnce(kv, sessions, 'c2', 1, { f: 'get', key: 'k' })).toEqual({ ok: true, value: 'old' });
  });

  it('§8 an older request id changes nothing and fails as stale; a newer one applies', () => {
    const kv = createKv();
    const sessions = createSessions();
    applyOnce(kv, sessions, 'c1', 2, { f: 'append', key: 'k', value: 'b' });
    expect(isStale(sessions, 'c1', 1)).toBe(true);
    expect(applyOnce(kv, sessions, 'c1', 1, { f: 'append', key: 'k', value: 'a' })).toMatchObject({ ok: false });
    expect(kv.get('k')).toBe('b');
    applyOnce(kv, sessions, 'c1', 3, { f: 'append', key: 'k', value: 'c' });
    expect(kv.get('k')).toBe('bc');
    expect(isStale(sessions, 'c1', 3)).toBe(false);
  });
});
