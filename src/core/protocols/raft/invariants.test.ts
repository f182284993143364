/** The safety monitor must catch each Figure 3 violation when fed one by hand. */
import { describe, expect, it } from 'vitest';
import type { LogEntryView } from '../../types';
import { RaftSafetyMonitor } from './invariants';

const e = (term: number, v = 'a'): LogEntryView => ({ term, command: { kind: 'op', v } });
const leader = (t: number, node: string, term: number) =>
  ({ t, type: 'state', node, role: 'leader', term, votedFor: node, commitIndex: 0, lastLogIndex: 0 }) as const;

function monitor(logs: Record<string, LogEntryView[]>) {
  return new RaftSafetyMonitor((id) => logs[id] ?? []);
}

describe('RaftSafetyMonitor', () => {
  it('Election Safety: two leaders in one term', () => {
    const m = monitor({});
    m.observe(leader(1, 'n1', 3));
    m.observe(leader(2, 'n2', 3));
    m.observe(leader(3, 'n3', 4));
    expect(m.violations.map((v) => [v.property, v.nodes])).toEqual([['Election Safety', ['n1', 'n2']]]);
  });

  it('State Machine Safety: different entries applied at one index', () => {
    const m = monitor({});
    m.observe({ t: 1, type: 'apply', node: 'n1', index: 2, term: 1, command: 'x' });
    m.observe({ t: 2, type: 'apply', node: 'n2', index: 2, term: 1, command: 'x' });
    expect(m.violations).toEqual([]);
    m.observe({ t: 3, type: 'apply', node: 'n3', index: 2, term: 2, command: 'y' });
    expect(m.violations.map((v) => [v.property, v.indexes])).toEqual([['State Machine Safety', [2]]]);
  });

  it('Leader Completeness: a new leader lacking a committed entry', () => {
    const logs = { n2: [e(1)] };
    const m = monitor(logs);
    m.observe({ t: 1, type: 'apply', node: 'n1', index: 1, term: 1, command: e(1).command });
    m.observe({ t: 2, type: 'apply', node: 'n1', index: 2, term: 1, command: e(1, 'b').command });
    m.observe(leader(3, 'n2', 2));
    expect(m.violations.map((v) => [v.property, v.indexes])).toEqual([['Leader Completeness', [2]]]);
  });

  it('Leader Completeness binds only leaders of later terms: a late leader of a lower term is legal', () => {
    // Found by the fuzzer (seed 2004): n3 is elected in term 10 on votes granted before term 11
    // began, after n1 (term 11) committed an entry of term 11. Figure 3 asks nothing of term 10.
    const logs = { n3: [e(1)] };
    const m = monitor(logs);
    m.observe({ ...leader(1, 'n1', 11), commitIndex: 0 });
    m.observe({ t: 2, type: 'apply', node: 'n1', index: 2, term: 11, command: e(11, 'b').command });
    m.observe(leader(3, 'n3', 10));
    expect(m.violations).toEqual([]);
    m.observe(leader(4, 'n3', 12));
    expect(m.violations.map((v) => [v.property, v.indexes])).toEqual([['Leader Completeness', [2]]]);
  });

  it('Leader Append-Only: a leader that rewrites its own log in its term', () => {
    const logs: Record<string, LogEntryView[]> = { n1: [e(1), e(2)] };
    const m = monitor(logs);
    m.observe(leader(1, 'n1', 2));
    logs.n1 = [e(1), e(2), e(2, 'more')];
    m.observe({ ...leader(2, 'n1', 2), commitIndex: 1 });
    expect(m.violations).toEqual([]);
    logs.n1 = [e(1), e(2, 'other')];
    m.observe({ ...leader(3, 'n1', 2), commitIndex: 2 });
    expect(m.violations.map((v) => [v.property, v.indexes])).toEqual([['Leader Append-Only', [2]]]);
  });

  it('Log Matching: equal term at an index but different entries before it', () => {
    const m = monitor({ n1: [e(1, 'a'), e(2)], n2: [e(1, 'b'), e(2)], n3: [e(3), e(3)] });
    m.checkLogMatching(5, ['n1', 'n2', 'n3']);
    expect(m.violations.map((v) => [v.property, v.nodes])).toEqual([['Log Matching', ['n1', 'n2']]]);
  });
});
