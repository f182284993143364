import { describe, expect, it } from 'vitest';
import type { KvOp } from '../../types';
import { checkLinearizability } from './check';
import type { History, KvOutput, Operation } from './history';
import { ILLEGAL, kvModel, registerModel, type Model, type RegisterInput, type RegisterOutput } from './models';

const op = <I, O>(id: number, call: number, ret: number, input: I, output?: O, client = `c${id}`): Operation<I, O> => ({ id, client, call, return: ret, input, output });

// Porcupine's test register: starts at 0, put v / get → v.
type PutGet = { op: 'put' | 'get'; value: number };
const register0: Model<number, PutGet, number> = {
  name: 'register from 0',
  init: () => 0,
  step: (state, input, output) => (input.op === 'put' ? { ok: true, next: input.value } : output === undefined || output === state ? { ok: true, next: state } : ILLEGAL),
  describeState: String,
  describeOperation: (input, output) => `${input.op} ${input.op === 'put' ? input.value : output}`,
};
const put = (id: number, call: number, ret: number, value: number) => op<PutGet, number>(id, call, ret, { op: 'put', value }, 0);
const get = (id: number, call: number, ret: number, value: number) => op<PutGet, number>(id, call, ret, { op: 'get', value: 0 }, value);

type Reg = History<RegisterInput, RegisterOutput>;
const write = (id: number, call: number, ret: number, value: number, known = true) => op<RegisterInput, RegisterOutput>(id, call, ret, { f: 'write', value }, known ? { ok: true } : undefined);
const read = (id: number, call: number, ret: number, value: number | null) => op<RegisterInput, RegisterOutput>(id, call, ret, { f: 'read' }, { ok: true, value });

describe('checkLinearizability: Porcupine’s small cases (VERDICTS.md §5)', () => {
  it('TestRegisterModel, first history: linearizable', () => {
    const h = [put(0, 0, 100, 100), get(1, 25, 75, 100), get(2, 30, 60, 0)];
    const r = checkLinearizability(h, register0);
    expect(r.verdict).toBe('linearizable');
    expect(r.keys[0]!.linearization).toEqual([2, 0, 1]);
  });

  it('TestRegisterModel, second history: not linearizable', () => {
    const h = [put(0, 0, 100, 200), get(1, 10, 30, 200), get(2, 40, 90, 0)];
    expect(checkLinearizability(h, register0).verdict).toBe('not linearizable');
  });

  it('TestZeroDuration: ops with call == return are allowed, and this history is illegal', () => {
    const h = [put(0, 0, 100, 200), get(1, 10, 10, 200), get(2, 10, 10, 200), get(3, 40, 90, 0)];
    expect(checkLinearizability(h, register0).verdict).toBe('not linearizable');
    // Without the last get it is fine.
    expect(checkLinearizability(h.slice(0, 3), register0).verdict).toBe('linearizable');
  });

  it('orders calls before returns at the same time: ops that touch are concurrent', () => {
    // The read's call at 10 comes before the write's return at 10, so the read may go first.
    const h: Reg = [write(0, 0, 10, 1), read(1, 10, 20, null)];
    expect(checkLinearizability(h, registerModel).verdict).toBe('linearizable');
    const later: Reg = [write(0, 0, 10, 1), read(1, 11, 20, null)];
    expect(checkLinearizability(later, registerModel).verdict).toBe('not linearizable');
  });
});

describe('checkLinearizability: search', () => {
  it('lets an info op (open until +infinity, output unknown) take effect late', () => {
    const h: Reg = [write(0, 0, Infinity, 1, false), read(1, 10, 20, null), read(2, 30, 40, 1)];
    const r = checkLinearizability(h, registerModel);
    expect(r.verdict).toBe('linearizable');
    expect(r.keys[0]!.linearization).toEqual([1, 0, 2]);
    // ... or never: both reads see nil, the write goes last.
    expect(checkLinearizability([h[0]!, read(1, 10, 20, null), read(2, 30, 40, null)], registerModel).verdict).toBe('linearizable');
    // Closed at 5 with an unknown output, it must take effect by 5: the read of nil at 10 is then impossible.
    expect(checkLinearizability([write(0, 0, 5, 1, false), h[1]!, h[2]!], registerModel).verdict).toBe('not linearizable');
  });

  it('backtracks when the first order it tries fails', () => {
    // The search tries write 1 first (earliest in the list), then must undo it to put write 2 first.
    const h: Reg = [write(0, 0, 10, 1), write(1, 0, 10, 2), read(2, 20, 30, 1)];
    const r = checkLinearizability(h, registerModel);
    expect(r.verdict).toBe('linearizable');
    expect(r.keys[0]!.linearization).toEqual([1, 0, 2]);
    expect(r.steps).toBeGreaterThan(3);
  });

  it('memoizes (linearized set, state): 14 concurrent equal writes are settled in a few thousand steps, not 14!', () => {
    const h: Reg = [...Array.from({ length: 14 }, (_, i) => write(i, 0, 10, 1)), read(14, 20, 30, 2)];
    const r = checkLinearizability(h, registerModel);
    expect(r.verdict).toBe('not linearizable');
    expect(r.steps).toBeLessThan(500_000);
    expect(r.keys[0]!.cacheEntries).toBe(2 ** 14 - 1);
  });

  it('explains a failure: the deepest legal prefix, the state after it, and the ops that cannot follow', () => {
    const cas: Reg[number] = op(2, 25, 60, { f: 'cas', from: 5, to: 6 }, { ok: true });
    const h: Reg = [write(0, 0, 10, 1), read(1, 20, 30, 1), cas, read(3, 40, 50, null)];
    const r = checkLinearizability(h, registerModel);
    expect(r.verdict).toBe('not linearizable');
    expect(r.keys[0]!.partial).toEqual({ prefix: [0, 1], state: '1', stuck: [2, 3], firstReturn: 3 });
    expect(r.reason).toBe(
      'the history is not linearizable: the longest legal order found takes 2 of its 4 ops, reaching state 1, where the model rejects every op that could come next (ops 2, 3), though op 3 must take effect before it returns',
    );
  });

  it('accepts an empty history', () => {
    expect(checkLinearizability([], registerModel)).toEqual({
      verdict: 'linearizable',
      keys: [{ key: null, verdict: 'linearizable', ops: 0, steps: 0, cacheEntries: 0, linearization: [] }],
      steps: 0,
    });
    expect(checkLinearizability([], kvModel())).toEqual({ verdict: 'linearizable', keys: [], steps: 0 });
  });

  it('throws on a repeated op id or a return before the call', () => {
    expect(() => checkLinearizability([read(0, 0, 1, null), read(0, 2, 3, null)], registerModel)).toThrow(/op id 0 occurs more than once/);
    expect(() => checkLinearizability([read(0, 5, 1, null)], registerModel)).toThrow(/op 0 .*call 5 and return 1 are not an interval/);
    expect(() => checkLinearizability([read(0, NaN, 1, null)], registerModel)).toThrow(/not an interval/);
  });
});

describe('checkLinearizability: budgets', () => {
  // 14 concurrent writes then an impossible read: 16,383 memo entries and more steps to refute.
  const hard: Reg = [...Array.from({ length: 14 }, (_, i) => write(i, 0, 10, i)), read(14, 20, 30, 99)];

  it('gives unknown, naming the budget, when the steps run out', () => {
    const r = checkLinearizability(hard, registerModel, { maxSteps: 2000 });
    expect(r.verdict).toBe('unknown');
    expect(r.reason).toBe('unknown: the history needed more than 2,000 search steps');
    expect(r.steps).toBe(2000);
  });

  it('gives unknown when the memo outgrows maxCacheEntries', () => {
    const r = checkLinearizability(hard, registerModel, { maxCacheEntries: 100 });
    expect(r.verdict).toBe('unknown');
    expect(r.reason).toBe('unknown: the history needed more than 100 memo entries');
    expect(r.keys[0]!.cacheEntries).toBe(101);
  });

  it('gives unknown when the injected deadline says stop', () => {
    let calls = 0;
    const r = checkLinearizability(hard, registerModel, { deadline: () => ++calls > 3 });
    expect(r.verdict).toBe('unknown');
    expect(r.reason).toMatch(/^unknown: the deadline passed while searching the history \(after [\d,]+ steps\)$/);
    expect(calls).toBe(4);
    expect(r.steps).toBeLessThanOrEqual(3 * 1024);
  });
});

describe('checkLinearizability: per key (P-compositionality)', () => {
  const kv = (id: number, call: number, ret: number, input: KvOp, output?: KvOutput) => op(id, call, ret, input, output);
  // Key "slow": 11 concurrent appends, then a get that sees them in reverse order, which the search tries last: ~10^8 steps.
  const slow: History<KvOp, KvOutput> = [
    ...Array.from({ length: 11 }, (_, i) => kv(i, 0, 100, { f: 'append', key: 'slow', value: `a${i}` }, { ok: true })),
    kv(11, 200, 300, { f: 'get', key: 'slow' }, { ok: true, value: Array.from({ length: 11 }, (_, i) => `a${10 - i}`).join('') }),
  ];
  // Key "bad": more ops than "slow" (so scheduled after it), sequential, the last read wrong.
  const bad: History<KvOp, KvOutput> = Array.from({ length: 20 }, (_, i) =>
    kv(100 + i, 1000 + 10 * i, 1005 + 10 * i, i < 19 ? { f: 'put', key: 'bad', value: String(i) } : { f: 'get', key: 'bad' }, i < 19 ? { ok: true } : { ok: true, value: '3' }),
  );

  it('schedules keys cheapest first and stops at the first illegal key, even behind an endless one', () => {
    const r = checkLinearizability([...bad, ...slow], kvModel(), { sliceSteps: 10_000 });
    expect(r.verdict).toBe('not linearizable');
    expect(r.reason).toMatch(/^key "bad" is not linearizable: the longest legal order found takes 19 of its 20 ops, reaching state "18"/);
    expect(r.keys.map((k) => [k.key, k.verdict, k.ops])).toEqual([
      ['slow', 'unknown', 12],
      ['bad', 'not linearizable', 20],
    ]);
    expect(r.keys[0]!.steps).toBe(10_000);
    expect(r.keys[0]!.reason).toBe('unknown: not decided, the check stopped when key "bad" was found not linearizable');
  });

  it('without stopAtFirstIllegal, searches every key to its budget', () => {
    const r = checkLinearizability([...bad, ...slow], kvModel(), { sliceSteps: 10_000, maxSteps: 50_000, stopAtFirstIllegal: false });
    expect(r.verdict).toBe('not linearizable');
    expect(r.keys[0]!.reason).toBe('unknown: key "slow" needed more than 50,000 search steps');
    expect(r.keys[0]!.steps).toBe(50_000);
  });

  it('is unknown, not linearizable, when the only other key is undecided', () => {
    const good = bad.map((o, i) => (i === 19 ? { ...o, output: { ok: true, value: '18' } } : o));
    const r = checkLinearizability([...good, ...slow], kvModel(), { maxSteps: 30_000 });
    expect(r.verdict).toBe('unknown');
    expect(r.reason).toBe('unknown: key "slow" needed more than 30,000 search steps');
    expect(r.keys.find((k) => k.key === 'bad')!.verdict).toBe('linearizable');
  });
});
