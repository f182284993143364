import { describe, expect, it } from 'vitest';
import type { Operation } from './history';
import { Memo, StateIds, zobristKeys } from './memo';
import { kvStoreModel, registerModel, type RegisterInput, type RegisterOutput } from './models';
import { WglSearch } from './search';

type RegOp = Operation<RegisterInput, RegisterOutput>;
const write = (id: number, call: number, ret: number, value: number): RegOp => ({ id, client: 'c', call, return: ret, input: { f: 'write', value }, output: { ok: true } });
const read = (id: number, call: number, ret: number, value: number | null): RegOp => ({ id, client: 'c', call, return: ret, input: { f: 'read' }, output: { ok: true, value } });
const limits = { maxSteps: 1e9, maxCacheEntries: 1e9 };

describe('Memo', () => {
  it('holds (set, state id) pairs and tells them apart even when their hashes collide', () => {
    const memo = new Memo(2);
    const a = Uint32Array.of(1, 0);
    const b = Uint32Array.of(0, 1);
    expect(memo.add(a, 7, 0)).toBe(true);
    expect(memo.add(a, 7, 0)).toBe(false);
    expect(memo.add(a, 7, 1)).toBe(true); // same set, other state
    expect(memo.add(b, 7, 0)).toBe(true); // same hash on purpose, other set
    expect(memo.add(b, 7, 0)).toBe(false);
    expect(memo.entries).toBe(3);
  });

  it('grows past its first 1,024 entries without losing any', () => {
    const memo = new Memo(1);
    for (let i = 0; i < 5000; i++) expect(memo.add(Uint32Array.of(i), i, 0)).toBe(true);
    for (let i = 0; i < 5000; i++) expect(memo.add(Uint32Array.of(i), i, 0)).toBe(false);
    expect(memo.entries).toBe(5000);
  });

  it('gives distinct Zobrist keys to distinct ops', () => {
    expect(new Set(zobristKeys(10_000)).size).toBe(10_000);
  });
});

describe('StateIds', () => {
  it('interns primitives by value, undefined and null included', () => {
    const ids = new StateIds<string | null | undefined>({});
    expect([ids.id(undefined), ids.id(null), ids.id('a'), ids.id('a'), ids.id(undefined), ids.id('b')]).toEqual([0, 1, 2, 2, 0, 3]);
  });

  it('interns objects through the model’s hash and equal', () => {
    const ids = new StateIds(kvStoreModel());
    expect(ids.id(new Map([['x', '1'], ['y', '2']]))).toBe(0);
    expect(ids.id(new Map([['y', '2'], ['x', '1']]))).toBe(0);
    expect(ids.id(new Map([['x', '2']]))).toBe(1);
  });
});

describe('WglSearch', () => {
  // Eight concurrent writes, then a read of the one the search tries last: a lot of backtracking.
  const history: RegOp[] = [...Array.from({ length: 8 }, (_, i) => write(i, 0, 10, i)), read(8, 20, 30, 0), read(9, 40, 50, 0)];

  it('resumes where it stopped: slices of 7 steps reach the result of one run, step for step', () => {
    const whole = new WglSearch(registerModel, history, limits);
    expect(whole.run(Infinity)).toBe('linearizable');
    const sliced = new WglSearch(registerModel, history, limits);
    let runs = 0;
    while (sliced.run(7) === 'running') runs++;
    expect(sliced.status).toBe('linearizable');
    expect(runs).toBeGreaterThan(10);
    expect(sliced.steps).toBe(whole.steps);
    expect(sliced.linearization()).toEqual(whole.linearization());
    expect(whole.linearization().slice(-3)).toEqual([0, 8, 9]);
  });

  it('keeps the op ids of the history, not positions', () => {
    const renumbered = history.map((op) => ({ ...op, id: op.id + 100 }));
    const search = new WglSearch(registerModel, renumbered, limits);
    expect(search.run(Infinity)).toBe('linearizable');
    expect(search.linearization().slice(-3)).toEqual([100, 108, 109]);
  });

  it('stops at maxSteps with status steps, and stays stopped', () => {
    const search = new WglSearch(registerModel, history, { maxSteps: 50, maxCacheEntries: 1e9 });
    expect(search.run(Infinity)).toBe('steps');
    expect(search.steps).toBe(50);
    expect(search.run(Infinity)).toBe('steps');
    expect(search.steps).toBe(50);
  });
});
