import { describe, expect, it } from 'vitest';
import { isRoutineRecord, tailOfDetail, type NodeDetail } from './protocol';

const detail = (n: number, logStart?: number): NodeDetail => ({
  summary: { role: 'follower', term: 1, votedFor: null, commitIndex: n, lastLogIndex: n, lastApplied: n },
  log: Array.from({ length: n }, (_, i) => ({ term: 1, command: { i: i + 1 } })),
  ...(logStart !== undefined ? { logStart } : {}),
  kv: {},
  extra: {},
});

describe('tailOfDetail', () => {
  it('keeps the newest entries and says where they begin', () => {
    const t = tailOfDetail(detail(10), 3);
    expect(t.log.map((e) => (e.command as { i: number }).i)).toEqual([8, 9, 10]);
    expect(t.logStart).toBe(8);
  });
  it('counts from a log that already starts later (a compacted or cut log)', () => {
    expect(tailOfDetail(detail(10, 5), 4).logStart).toBe(11);
  });
  it('gives a short log back unchanged, and leaves the original alone', () => {
    const d = detail(3);
    expect(tailOfDetail(d, 64)).toBe(d);
    tailOfDetail(detail(10), 2);
    expect(d.log).toHaveLength(3);
  });
  it('refuses a negative or fractional tail', () => {
    expect(() => tailOfDetail(detail(3), -1)).toThrow(RangeError);
    expect(() => tailOfDetail(detail(3), 1.5)).toThrow(/whole number/);
  });
});

describe('isRoutineRecord', () => {
  const protocol = { recordKinds: [{ kind: 'heartbeat', title: 'a heartbeat', fields: {}, routine: true }, { kind: 'suspect', title: 'a suspicion', fields: {} }] };

  it('marks a record of a kind the protocol calls routine, and nothing else', () => {
    expect(isRoutineRecord(protocol, { t: 1, type: 'record', kind: 'heartbeat', node: 'n1', peer: 'n2' })).toBe(true);
    expect(isRoutineRecord(protocol, { t: 1, type: 'record', kind: 'suspect', node: 'n1', peer: 'n2' })).toBe(false);
    expect(isRoutineRecord(protocol, { t: 1, type: 'note', text: 'heartbeat' })).toBe(false);
    expect(isRoutineRecord({}, { t: 1, type: 'record', kind: 'heartbeat', node: 'n1' })).toBe(false);
  });
});
