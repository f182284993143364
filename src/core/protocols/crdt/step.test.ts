import { describe, expect, it } from 'vitest';
import type { CrdtMessage, SetOp } from './messages';
import { request, replica, stepReplica } from './testkit';

const deliver = (node: ReturnType<typeof replica>, from: string, msg: CrdtMessage) => stepReplica(node, { kind: 'message', from, msg });

describe('crdt step', () => {
  it('an update is applied and acknowledged at once, recorded with its version vector; an op the type does not serve is refused in words', () => {
    const n1 = replica('n1', 3, { type: 'g-counter' });
    const fx = request(n1, { f: 'inc', by: 2 });
    expect(fx.replies[0]!.reply).toEqual({ kind: 'result', result: { ok: true } });
    expect(fx.records[0]).toMatchObject({ kind: 'update', fields: { id: 'n1:1', f: 'inc', by: 2, vv: { n1: 1 } } });
    expect(request(n1, { f: 'dec' }, 2).replies[0]!.reply).toEqual({ kind: 'result', result: { ok: false, error: 'a g-counter serves inc, read, not dec' } });
    expect(request(n1, { f: 'read' }, 3).replies[0]!.reply).toEqual({ kind: 'result', result: { ok: true, value: '2' } });
  });

  it('anti-entropy: the receiver merges (a merge record with before and after) and answers when it holds what the sender lacks', () => {
    const n1 = replica('n1', 2, { type: 'pn-counter' });
    const n2 = replica('n2', 2, { type: 'pn-counter' });
    request(n1, { f: 'inc', by: 3 });
    request(n2, { f: 'dec', by: 1 });
    const fx = deliver(n2, 'n1', { type: 'State', payload: n1.state.payload, vv: n1.state.vv, maxTs: null, reply: false });
    expect(fx.records[0]).toMatchObject({ kind: 'merge', fields: { from: 'n1', before: { n: { n2: 1 }, p: {} }, after: { p: { n1: 3 }, n: { n2: 1 } } } });
    expect(fx.sends).toHaveLength(1);
    expect(fx.sends[0]!.msg).toMatchObject({ type: 'State', reply: true });
    // A duplicate changes nothing; a reply, or a state that holds all the receiver has, is not answered.
    const again = deliver(n2, 'n1', { type: 'State', payload: n1.state.payload, vv: n1.state.vv, maxTs: null, reply: true });
    expect(again.records).toEqual([]);
    expect(again.sends).toEqual([]);
    const same = deliver(n2, 'n1', { type: 'State', payload: n2.state.payload, vv: n2.state.vv, maxTs: null, reply: false });
    expect(same.records).toEqual([]);
    expect(same.sends).toEqual([]);
  });

  it('LWW: a write is stamped past every timestamp seen, even by a slow clock; the bug stamps the raw clock', () => {
    for (const [bugs, expected] of [[[], 2001], [['lww-skew-loses-write'], 0]] as const) {
      const n3 = replica('n3', 3, { type: 'lww-register', bugs: [...bugs] });
      deliver(n3, 'n1', { type: 'State', payload: { type: 'lww-register', value: 'A', ts: [2000, 'n1'] }, vv: { n1: 1 }, maxTs: [2000, 'n1'], reply: true });
      const fx = request(n3, { f: 'set', value: 'B' });
      expect(fx.records[0]!.fields.ts).toEqual([expected, 'n3']);
      expect(n3.state.payload).toMatchObject({ value: bugs.length ? 'A' : 'B' });
    }
  });

  it('op-based: a remove that arrives before the add it observed is buffered, then delivered after it; duplicates are dropped', () => {
    const n3 = replica('n3', 3, { type: 'op-or-set' });
    const add: SetOp = { origin: 'n1', vc: { n1: 1 }, f: 'add', elem: 'x', tags: ['n1.1'] };
    const remove: SetOp = { origin: 'n2', vc: { n1: 1, n2: 1 }, f: 'remove', elem: 'x', tags: ['n1.1'] };
    expect(deliver(n3, 'n2', { type: 'Op', op: remove }).records).toEqual([]);
    expect(n3.state.buffer).toHaveLength(1);
    expect(stepReplica(n3, { kind: 'request', client: 'c', requestId: 1, op: { f: 'read' } }).replies[0]!.reply).toMatchObject({ result: { value: '{}' } });
    const fx = deliver(n3, 'n1', { type: 'Op', op: add });
    expect(fx.records.map((r) => `${r.fields.f} ${r.fields.elem}`)).toEqual(['add x', 'remove x']);
    expect(n3.state.buffer).toEqual([]);
    expect(n3.state.vv).toEqual({ n1: 1, n2: 1 });
    expect(deliver(n3, 'n1', { type: 'Op', op: add }).records).toEqual([]);
  });

  it('op-based anti-entropy: a Digest is answered with the ops the asker lacks', () => {
    const n1 = replica('n1', 2, { type: 'op-or-set' });
    request(n1, { f: 'add', elem: 'x' });
    request(n1, { f: 'add', elem: 'y' }, 2);
    const fx = deliver(n1, 'n2', { type: 'Digest', vc: { n1: 1 } });
    expect(fx.sends[0]!.msg).toMatchObject({ type: 'Ops', ops: [{ elem: 'y', vc: { n1: 2 } }] });
  });
});
