/**
 * Gifford's reads and writes at one coordinator, stepped by hand (more-protocols.md §6): a read
 * gathers r votes counted by configured weight and returns the highest version, writing it back
 * when it does not yet stand on w votes; a write learns the version from a read quorum and writes
 * version + 1 to w votes; a replica keeps the newer copy.
 */
import { describe, expect, it } from 'vitest';
import type { Tag } from './messages';
import { deliver, node, step } from './testkit';

const tag = (version: number, writer = 'n9.1'): Tag => ({ version, writer });
const request = (op: Record<string, unknown>, requestId = 1) => ({ kind: 'request' as const, client: 'c1', requestId, op: op as never });

describe('quorum reads and writes', () => {
  it('a put reads versions from r votes, then writes version max + 1 and answers at w acknowledgements', () => {
    const n1 = node('n1', 5);
    const fx = step(n1, request({ f: 'put', key: 'x', value: 'a' }));
    expect(fx.sends.map((s) => [s.to, s.msg.type])).toEqual([['n2', 'ReadVersion'], ['n3', 'ReadVersion'], ['n4', 'ReadVersion'], ['n5', 'ReadVersion']]);
    const op = (fx.sends[0]!.msg as { op: string }).op;
    expect(deliver(n1, 'n2', { type: 'Version', op, key: 'x', tag: tag(4), value: 'old' }).sends).toEqual([]); // 2 votes of 3
    const write = deliver(n1, 'n3', { type: 'Version', op, key: 'x', tag: tag(2), value: 'older' });
    expect(write.records).toEqual([{ kind: 'quorum', fields: { op, key: 'x', phase: 'read', members: ['n1', 'n2', 'n3'], votes: 3, needed: 3 } }]);
    expect(write.sends.map((s) => s.msg)).toContainEqual({ type: 'WriteVersion', op, key: 'x', tag: { version: 5, writer: op }, value: 'a', req: 'c1#1' });
    expect(n1.state.copies.get('x')).toEqual({ tag: { version: 5, writer: op }, value: 'a', req: 'c1#1' }); // its own copy, at once
    expect(deliver(n1, 'n4', { type: 'WriteAck', op, key: 'x', tag: { version: 5, writer: op } }).replies).toEqual([]);
    const done = deliver(n1, 'n5', { type: 'WriteAck', op, key: 'x', tag: { version: 5, writer: op } });
    expect(done.replies).toEqual([{ client: 'c1', requestId: 1, reply: { kind: 'result', result: { ok: true } } }]);
    expect(done.records[0]!.fields).toMatchObject({ phase: 'write', members: ['n1', 'n4', 'n5'], votes: 3, needed: 3, version: 5 });
  });

  it('votes come from the configuration: one heavy replica makes a read quorum with the coordinator', () => {
    const n1 = node('n1', 5, { weights: { n1: 3, n2: 3 } }); // V = 9, r = w = 5
    const op = (step(n1, request({ f: 'get', key: 'x' })).sends[0]!.msg as { op: string }).op;
    expect(deliver(n1, 'n3', { type: 'Version', op, key: 'x', tag: tag(0, ''), value: null }).replies).toEqual([]); // 4 votes
    const fx = deliver(n1, 'n2', { type: 'Version', op, key: 'x', tag: tag(0, ''), value: null });
    expect(fx.replies).toEqual([{ client: 'c1', requestId: 1, reply: { kind: 'result', result: { ok: true, value: null } } }]);
  });

  it('a read returns the highest version, and writes it back when its holders hold fewer than w votes', () => {
    const n1 = node('n1', 5);
    const op = (step(n1, request({ f: 'get', key: 'x' })).sends[0]!.msg as { op: string }).op;
    deliver(n1, 'n2', { type: 'Version', op, key: 'x', tag: tag(3), value: 'new' });
    const fx = deliver(n1, 'n3', { type: 'Version', op, key: 'x', tag: tag(1), value: 'old' });
    expect(fx.replies).toEqual([]);
    expect(fx.sends.map((s) => s.msg)).toContainEqual({ type: 'WriteVersion', op, key: 'x', tag: tag(3), value: 'new' });
    deliver(n1, 'n3', { type: 'WriteAck', op, key: 'x', tag: tag(3) });
    const done = deliver(n1, 'n2', { type: 'WriteAck', op, key: 'x', tag: tag(3) });
    expect(done.replies[0]!.reply).toEqual({ kind: 'result', result: { ok: true, value: 'new' } });
  });

  it('a replica keeps the newer copy: a stale WriteVersion is acknowledged but does not overwrite', () => {
    const n2 = node('n2', 5);
    deliver(n2, 'n1', { type: 'WriteVersion', op: 'n1.1', key: 'x', tag: tag(2, 'n1.1'), value: 'b' });
    const fx = deliver(n2, 'n3', { type: 'WriteVersion', op: 'n3.1', key: 'x', tag: tag(2, 'n0.1'), value: 'a' }); // same version, lower writer
    expect(fx.sends).toEqual([{ to: 'n3', msg: { type: 'WriteAck', op: 'n3.1', key: 'x', tag: tag(2, 'n0.1') } }]);
    expect(n2.state.copies.get('x')).toEqual({ tag: tag(2, 'n1.1'), value: 'b' });
    expect(deliver(n2, 'n4', { type: 'ReadVersion', op: 'n4.1', key: 'x' }).sends[0]!.msg).toEqual({ type: 'Version', op: 'n4.1', key: 'x', tag: tag(2, 'n1.1'), value: 'b' });
  });

  it('unanswered replicas are asked again every retryMs; a retried request does not start a second op', () => {
    const n1 = node('n1', 3, { retryMs: 150 });
    const op = (step(n1, request({ f: 'get', key: 'x' })).sends[0]!.msg as { op: string }).op;
    expect(n1.timers.get(`op:${op}`)).toBe(150);
    expect(step(n1, request({ f: 'get', key: 'x' })).sends).toEqual([]);
    deliver(n1, 'n2', { type: 'Version', op, key: 'x', tag: tag(0, ''), value: null }); // 2 of 3: a read quorum, no write-back needed (both hold v0)
    expect(n1.state.ops.size).toBe(0);
  });

  it('a client’s retry at another coordinator finishes its first attempt’s write at the same tag, never a second write', () => {
    const n2 = node('n2', 5);
    deliver(n2, 'n1', { type: 'WriteVersion', op: 'n1.1', key: 'x', tag: tag(3, 'n1.1'), value: 'a', req: 'c1#1' }); // the first attempt reached n2
    deliver(n2, 'n4', { type: 'WriteVersion', op: 'n4.1', key: 'x', tag: tag(4, 'n4.1'), value: 'b', req: 'c2#1' }); // then another client's write
    const op = (step(n2, request({ f: 'put', key: 'x', value: 'a' })).sends[0]!.msg as { op: string }).op; // c1 retries here
    deliver(n2, 'n3', { type: 'Version', op, key: 'x', tag: tag(4, 'n4.1'), value: 'b' });
    const fx = deliver(n2, 'n5', { type: 'Version', op, key: 'x', tag: tag(4, 'n4.1'), value: 'b' });
    expect(fx.sends.map((s) => s.msg)).toContainEqual({ type: 'WriteVersion', op, key: 'x', tag: tag(3, 'n1.1'), value: 'a', req: 'c1#1' });
    expect(n2.state.copies.get('x')!.value).toBe('b'); // the old tag does not overwrite the newer write
  });

  it('a setting that breaks r + w > V runs, and the first node warns in the event log when it starts', () => {
    expect(step(node('n1', 5, { r: 2, w: 2 }), { kind: 'start' }).notes).toEqual([expect.stringMatching(/^warning: r \+ w = 4 ≤ V = 5: /), expect.stringMatching(/^warning: 2w = 4 ≤ V = 5: /)]);
    expect(step(node('n2', 5, { r: 2, w: 2 }), { kind: 'start' }).notes).toEqual([]);
    expect(step(node('n1', 5), { kind: 'start' }).notes).toEqual([]);
  });

  it('teaching bug read-first-reply: a read answers with the coordinator’s own copy alone', () => {
    const n1 = node('n1', 5, { bugs: ['read-first-reply'] });
    n1.state.copies.set('x', { tag: tag(1), value: 'stale' });
    const fx = step(n1, request({ f: 'get', key: 'x' }));
    expect(fx.replies[0]!.reply).toEqual({ kind: 'result', result: { ok: true, value: 'stale' } });
    expect(fx.records[0]!.fields).toMatchObject({ phase: 'read', members: ['n1'], votes: 1, needed: 3 });
  });
});
