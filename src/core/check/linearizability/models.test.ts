import { describe, expect, it } from 'vitest';
import type { KvOp } from '../../types';
import type { KvOutput } from './history';
import { kvModel, kvStoreModel, registerModel, type RegisterInput, type RegisterOutput, type RegisterState, type StepResult } from './models';

/** after gives the next state, or 'illegal'. */
const after = <S>(r: StepResult<S>): S | 'illegal' => (r.ok ? r.next : 'illegal');

describe('registerModel (Porcupine etcdModel)', () => {
  const step = (state: RegisterState, input: RegisterInput, output?: RegisterOutput) => after(registerModel.step(state, input, output));

  it('starts nil; a read must see the current value (nil included)', () => {
    expect(registerModel.init()).toBeNull();
    expect(step(null, { f: 'read' }, { ok: true, value: null })).toBeNull();
    expect(step(null, { f: 'read' }, { ok: true, value: 0 })).toBe('illegal');
    expect(step(3, { f: 'read' }, { ok: true, value: 3 })).toBe(3);
    expect(step(3, { f: 'read' }, { ok: true, value: null })).toBe('illegal');
  });

  it('accepts a read with an unknown output in any state', () => {
    expect(step(3, { f: 'read' })).toBe(3);
    expect(step(null, { f: 'read' })).toBeNull();
  });

  it('always accepts a write, which sets the value', () => {
    expect(step(null, { f: 'write', value: 4 }, { ok: true })).toBe(4);
    expect(step(1, { f: 'write', value: 4 })).toBe(4);
  });

  it('cas ok needs state == from; cas fail needs state != from and changes nothing', () => {
    expect(step(1, { f: 'cas', from: 1, to: 2 }, { ok: true })).toBe(2);
    expect(step(0, { f: 'cas', from: 1, to: 2 }, { ok: true })).toBe('illegal');
    expect(step(null, { f: 'cas', from: 1, to: 2 }, { ok: true })).toBe('illegal');
    expect(step(0, { f: 'cas', from: 1, to: 2 }, { ok: false })).toBe(0);
    expect(step(null, { f: 'cas', from: 1, to: 2 }, { ok: false })).toBeNull();
    expect(step(1, { f: 'cas', from: 1, to: 2 }, { ok: false })).toBe('illegal');
  });

  it('cas with an unknown output is legal and swaps iff state == from', () => {
    expect(step(1, { f: 'cas', from: 1, to: 2 })).toBe(2);
    expect(step(0, { f: 'cas', from: 1, to: 2 })).toBe(0);
  });

  it('describes states and ops', () => {
    expect(registerModel.describeState(null)).toBe('nil');
    expect(registerModel.describeOperation({ f: 'cas', from: 1, to: 2 }, { ok: false })).toBe('cas 1→2 → fail');
    expect(registerModel.describeOperation({ f: 'read' }, { ok: true, value: null })).toBe('read → nil');
  });
});

describe('kvModel (src/core/kv.ts semantics)', () => {
  const model = kvModel();
  const step = (state: string | undefined, op: KvOp, output?: KvOutput) => after(model.step(state, op, output));

  it('partitions by key and starts absent', () => {
    expect(model.partitionKey?.({ f: 'get', key: 'x' })).toBe('x');
    expect(model.init()).toBeUndefined();
  });

  it('a get reads null when absent, never ""; an unknown get is legal', () => {
    expect(step(undefined, { f: 'get', key: 'x' }, { ok: true, value: null })).toBeUndefined();
    expect(step(undefined, { f: 'get', key: 'x' }, { ok: true, value: '' })).toBe('illegal');
    expect(step('', { f: 'get', key: 'x' }, { ok: true, value: '' })).toBe('');
    expect(step('a', { f: 'get', key: 'x' }, { ok: true, value: 'b' })).toBe('illegal');
    expect(step('a', { f: 'get', key: 'x' })).toBe('a');
  });

  it('put overwrites; append to absent counts as ""', () => {
    expect(step('a', { f: 'put', key: 'x', value: 'b' }, { ok: true })).toBe('b');
    expect(step(undefined, { f: 'append', key: 'x', value: 'b' }, { ok: true })).toBe('b');
    expect(step('a', { f: 'append', key: 'x', value: 'b' })).toBe('ab');
  });

  it('cas compares with ===: an absent key equals nothing, not even ""', () => {
    const cas: KvOp = { f: 'cas', key: 'x', expected: '', value: 'v' };
    expect(step(undefined, cas, { ok: true })).toBe('illegal');
    expect(step(undefined, cas, { ok: false })).toBeUndefined();
    expect(step('', cas, { ok: true })).toBe('v');
    expect(step('', cas, { ok: false })).toBe('illegal');
    expect(step('', cas)).toBe('v');
    expect(step('w', cas)).toBe('w');
  });

  it('a failed non-cas op took no effect', () => {
    expect(step('a', { f: 'put', key: 'x', value: 'b' }, { ok: false })).toBe('a');
    expect(step('a', { f: 'get', key: 'x' }, { ok: false })).toBe('a');
  });

  it('with initial "" it is Porcupine’s kvModel: a missing key reads ""', () => {
    const porcupine = kvModel({ initial: '' });
    expect(porcupine.init()).toBe('');
    expect(after(porcupine.step(porcupine.init(), { f: 'get', key: 'k' }, { ok: true, value: '' }))).toBe('');
  });
});

describe('kvStoreModel (unpartitioned)', () => {
  const model = kvStoreModel();
  it('keeps one map for all keys, without changing the given state', () => {
    const s0 = model.init();
    const s1 = after(model.step(s0, { f: 'put', key: 'a', value: '1' }, { ok: true }));
    if (s1 === 'illegal') throw new Error('put must be legal');
    expect(s0.size).toBe(0);
    expect([...s1]).toEqual([['a', '1']]);
    expect(after(model.step(s1, { f: 'get', key: 'b' }, { ok: true, value: null }))).toBe(s1);
    expect(after(model.step(s1, { f: 'get', key: 'a' }, { ok: true, value: null }))).toBe('illegal');
    expect(model.partitionKey).toBeUndefined();
  });

  it('gives equal maps equal hashes whatever their insertion order, and tells different maps apart', () => {
    const a = new Map([['x', '1'], ['y', '2']]);
    const b = new Map([['y', '2'], ['x', '1']]);
    const c = new Map([['x', '2'], ['y', '1']]);
    expect(model.equal!(a, b)).toBe(true);
    expect(model.hash!(a)).toBe(model.hash!(b));
    expect(model.equal!(a, c)).toBe(false);
    expect(model.hash!(a)).not.toBe(model.hash!(c));
  });
});
