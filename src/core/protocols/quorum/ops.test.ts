/** The client ops (get, put, propose): their schema's words, their wording, the seeded workload, and the stale-read count of the metrics. */
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import type { ClientRecord } from '../../check/checked-run';
import { parseScenario } from '../../scenario/schema';
import { staleReads } from './consistency';
import { describeQuorumOp, quorumOpSchema, quorumWorkload } from './ops';

const opts = { startMs: 0, endMs: 20_000, ratePerSecond: 5, clients: ['c1', 'c2'], keys: ['x', 'y'] };

describe('quorum ops', () => {
  it('accepts get, put and propose, and words them', () => {
    expect(v.parse(quorumOpSchema, { f: 'propose', id: 'p1', value: 7 })).toEqual({ f: 'propose', id: 'p1', value: '7' });
    expect([{ f: 'get', key: 'x' }, { f: 'put', key: 'x', value: '1' }, { f: 'propose', id: 'p1', value: 'x' }].map(describeQuorumOp)).toEqual(['get x', 'put x 1', 'propose p1 = x']);
  });

  it('refuses other ops in the user’s words, in a scenario too', () => {
    const bad = (op: unknown) => () => parseScenario({ version: 1, protocol: 'quorum', nodes: 3, timeline: [{ at: 1, action: 'request', client: 'c1', op }] });
    expect(bad({ f: 'cas', key: 'x', expected: '1', value: '2' })).toThrow(/unknown operation "cas" .*\(known: get, put, propose\)/);
    expect(bad({ f: 'propose', value: 'x' })).toThrow(/id/);
  });

  it('draws the same seeded workload every time: gets, puts and numbered proposals, sorted by time', () => {
    const a = quorumWorkload(3, opts);
    expect(quorumWorkload(3, opts)).toEqual(a);
    expect(a.map((x) => x.at)).toEqual([...a.map((x) => x.at)].sort((p, q) => p - q));
    const ops = a.map((x) => (x.action === 'request' ? x.op : null));
    expect(new Set(ops.map((op) => op?.f))).toEqual(new Set(['get', 'put', 'propose']));
    const ids = ops.flatMap((op) => (op?.f === 'propose' ? [String(op.id)] : []));
    expect(ids).toEqual(ids.map((_, i) => `p${i + 1}`));
    expect(() => quorumWorkload(1, { ...opts, ratePerSecond: 0 })).toThrow(/ratePerSecond must be positive/);
  });

  it('counts a read stale when the value it returned was overwritten by a put completed before it began', () => {
    const rec = (t: number, client: string, phase: ClientRecord['phase'], op: Record<string, string>, result?: string | null): ClientRecord => ({ t, type: 'client', client, phase, op: op as never, ...(result !== undefined ? { result } : {}) });
    const put1 = { f: 'put', key: 'x', value: '1' };
    const put2 = { f: 'put', key: 'x', value: '2' };
    const get = { f: 'get', key: 'x' };
    const history = [rec(0, 'a', 'invoke', put1), rec(5, 'a', 'ok', put1), rec(10, 'b', 'invoke', put2), rec(20, 'b', 'ok', put2)];
    expect(staleReads([...history, rec(30, 'c', 'invoke', get), rec(40, 'c', 'ok', get, '1')])).toBe(1);
    expect(staleReads([...history, rec(30, 'c', 'invoke', get), rec(40, 'c', 'ok', get, '2')])).toBe(0);
    expect(staleReads([...history.slice(0, 3), rec(12, 'c', 'invoke', get), rec(14, 'c', 'ok', get, '1'), history[3]!])).toBe(0); // concurrent with put 2
    expect(staleReads([...history, rec(30, 'c', 'invoke', get), rec(40, 'c', 'ok', get, null)])).toBe(1);
  });
});
