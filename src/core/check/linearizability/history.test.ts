import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../scenario/schema';
import { runScenario } from '../../sim/run';
import type { ClientPhase, TraceRecord } from '../../trace';
import type { KvOp } from '../../types';
import { checkLinearizability } from './check';
import { historyFromTrace, partitionHistory } from './history';
import { kvModel } from './models';

const rec = (t: number, client: string, phase: ClientPhase, op: KvOp, result?: unknown): TraceRecord =>
  result === undefined ? { t, type: 'client', client, phase, op } : { t, type: 'client', client, phase, op, result };
const get = (key: string): KvOp => ({ f: 'get', key });
const put = (key: string, value: string): KvOp => ({ f: 'put', key, value });
const cas = (key: string, expected: string, value: string): KvOp => ({ f: 'cas', key, expected, value });

describe('historyFromTrace', () => {
  it('pairs invoke with ok per client, in virtual ms, ignoring other records', () => {
    const h = historyFromTrace([
      { t: 0, type: 'note', text: 'hello' },
      rec(1, 'c1', 'invoke', put('x', '1')),
      rec(2, 'c2', 'invoke', get('x')),
      rec(5, 'c2', 'ok', get('x'), '1'),
      rec(7, 'c1', 'ok', put('x', '1')),
      rec(8, 'c2', 'invoke', get('y')),
      rec(9, 'c2', 'ok', get('y'), null),
    ]);
    expect(h).toEqual([
      { id: 0, client: 'c1', call: 1, return: 7, input: put('x', '1'), output: { ok: true } },
      { id: 1, client: 'c2', call: 2, return: 5, input: get('x'), output: { ok: true, value: '1' } },
      { id: 2, client: 'c2', call: 8, return: 9, input: get('y'), output: { ok: true, value: null } },
    ]);
  });

  it('keeps a cas mismatch as {ok: false}, drops other failures and renumbers the ids', () => {
    const h = historyFromTrace([
      rec(0, 'c1', 'invoke', put('x', '1')),
      rec(3, 'c1', 'fail', put('x', '1'), 'stale request 1'),
      rec(4, 'c1', 'invoke', cas('x', 'a', 'b')),
      rec(6, 'c1', 'fail', cas('x', 'a', 'b'), 'cas mismatch: expected "a", found nothing'),
      rec(7, 'c1', 'invoke', cas('x', 'a', 'b')),
      rec(8, 'c1', 'fail', cas('x', 'a', 'b'), 'stale request 3'),
    ]);
    expect(h).toEqual([{ id: 0, client: 'c1', call: 4, return: 6, input: cas('x', 'a', 'b'), output: { ok: false } }]);
  });

  it('keeps an info op open forever and lets its client invoke again; ops open at the end count as info', () => {
    const h = historyFromTrace([
      rec(0, 'c1', 'invoke', put('x', '1')),
      rec(10, 'c1', 'info', put('x', '1')),
      rec(12, 'c1', 'invoke', get('x')),
      rec(15, 'c1', 'ok', get('x'), '1'),
      rec(20, 'c1', 'invoke', put('x', '2')),
      rec(30, 'c2', 'info', put('y', 'queued, never sent')),
    ]);
    expect(h.map((o) => [o.id, o.call, o.return, o.output])).toEqual([
      [0, 0, Infinity, undefined],
      [1, 12, 15, { ok: true, value: '1' }],
      [2, 20, Infinity, undefined],
    ]);
  });

  it('throws, naming the record, on a broken client history', () => {
    expect(() => historyFromTrace([rec(0, 'c1', 'invoke', get('x')), rec(1, 'c1', 'invoke', get('y'))])).toThrow(
      'trace record 1 (t=1 ms, client c1, invoke get "y"): the client invokes while its op from record 0 is still open',
    );
    expect(() => historyFromTrace([rec(0, 'c1', 'ok', get('x'), null)])).toThrow(/trace record 0 .*: the client has no open op to complete/);
    expect(() => historyFromTrace([rec(0, 'c1', 'invoke', put('x', '1')), rec(1, 'c1', 'ok', put('x', '2'))])).toThrow(/completes .* but the open op \(record 0\) is/);
  });
});

describe('partitionHistory', () => {
  it('groups ops by key, in first-seen key order, keeping their order', () => {
    const h = historyFromTrace([
      rec(0, 'c1', 'invoke', put('b', '1')),
      rec(1, 'c2', 'invoke', get('a')),
      rec(2, 'c1', 'ok', put('b', '1')),
      rec(3, 'c1', 'invoke', get('b')),
    ]);
    const parts = partitionHistory(h, (op) => op.key);
    expect([...parts].map(([k, ops]) => [k, ops.map((o) => o.id)])).toEqual([
      ['b', [0, 2]],
      ['a', [1]],
    ]);
  });
});

describe('historyFromTrace on a simulated Raft run', () => {
  // Six clients, three keys, all four ops, a leader crash, a partition, loss and duplication.
  const timeline: Record<string, unknown>[] = [];
  for (let at = 500, k = 0; at < 6000; at += 7, k++) {
    const key = `k${k % 3}`;
    const ops: KvOp[] = [get(key), put(key, String(k % 4)), { f: 'append', key, value: 'a' }, cas(key, String(k % 4), String((k + 1) % 4))];
    timeline.push({ at, action: 'request', client: `c${(k % 6) + 1}`, op: ops[k % 4] });
  }
  timeline.push({ at: 2000, action: 'crash', node: 'leader' }, { at: 3000, action: 'restart' }, { at: 3500, action: 'partition', groups: [['n1', 'n2']] }, { at: 4500, action: 'heal' });
  const scenario = parseScenario({ version: 1, protocol: 'raft', seed: 3, nodes: 5, until: 7000, network: { latencyMs: [5, 30], loss: 0.05, duplicate: 0.05 }, timeline });
  const records: TraceRecord[] = [];
  runScenario(scenario, { trace: (r) => void (r.type === 'client' && records.push(r)) });
  const history = historyFromTrace(records);

  it('gives a linearizable history with ok, cas-fail and open ops', () => {
    expect(history.length).toBeGreaterThan(300);
    expect(history.some((o) => o.output?.ok === false)).toBe(true);
    expect(history.some((o) => o.return === Infinity)).toBe(true);
    const r = checkLinearizability(history, kvModel());
    expect(r.verdict).toBe('linearizable');
    expect(r.keys.map((k) => k.key).sort()).toEqual(['k0', 'k1', 'k2']);
  });

  it('finds the history not linearizable once one read is falsified', () => {
    const i = history.findIndex((o) => o.input.f === 'get' && typeof o.output?.value === 'string');
    const forged = history.map((o, j) => (j === i ? { ...o, output: { ok: true, value: 'never written' } } : o));
    const r = checkLinearizability(forged, kvModel());
    expect(r.verdict).toBe('not linearizable');
    expect(r.keys.find((k) => k.verdict === 'not linearizable')!.partial!.stuck).toContain(history[i]!.id);
  });
});
