/** The safety monitor across log compaction (Raft §7): Log Matching and State Machine Safety with snapshots. */
import { describe, expect, it } from 'vitest';
import type { TraceRecord } from '../../trace';
import type { LogEntryView } from '../../types';
import type { Entry } from './messages';
import { RaftSafetyMonitor } from './invariants';
import { fullLog } from './snapshot-check';
import type { RaftPersistent } from './state';

const e = (term: number, v: string): Entry => ({ term, command: { kind: 'op', client: 'c1', requestId: 1, op: { f: 'put', key: 'k', value: v } } });
const apply = (t: number, node: string, index: number, entry: LogEntryView): TraceRecord => ({ t, type: 'apply', node, index, term: entry.term, command: entry.command });
const snap = (t: number, node: string, kind: string, lastIncludedIndex: number, lastIncludedTerm: number, data: string): TraceRecord => ({ t, type: 'record', kind, node, lastIncludedIndex, lastIncludedTerm, data });

describe('§7 safety checks across snapshots', () => {
  it('§5.4.3 State Machine Safety: two snapshots of one index with different state machines', () => {
    const m = new RaftSafetyMonitor(() => []);
    m.observe(snap(1, 'n1', 'snapshot-taken', 4, 1, '{"kv":[["x","1"]]}'));
    m.observe(snap(2, 'n2', 'snapshot-installed', 4, 1, '{"kv":[["x","1"]]}'));
    expect(m.violations).toEqual([]);
    m.observe(snap(3, 'n3', 'snapshot-taken', 4, 1, '{"kv":[["x","2"]]}'));
    expect(m.violations.map((v) => [v.property, v.nodes, v.indexes])).toEqual([['State Machine Safety', ['n1', 'n3'], [4]]]);
  });

  it('§5.4.3 State Machine Safety: a snapshot whose lastIncludedTerm is not the term applied at lastIncludedIndex', () => {
    const m = new RaftSafetyMonitor(() => []);
    m.observe(apply(1, 'n1', 2, e(1, 'a')));
    m.observe(snap(2, 'n2', 'snapshot-installed', 2, 3, '{}'));
    expect(m.violations.map((v) => [v.property, v.indexes])).toEqual([['State Machine Safety', [2]]]);
  });

  it('§5.3 Log Matching compares a compacted log through the entries applied at its compacted indexes', () => {
    const full = [e(1, 'a'), e(1, 'b'), e(2, 'c'), e(2, 'd')];
    const compacted: RaftPersistent = { currentTerm: 2, votedFor: null, log: [e(2, 'd')], snapshot: { lastIncludedIndex: 3, lastIncludedTerm: 2, data: '{}' } };
    const forked: RaftPersistent = { currentTerm: 2, votedFor: null, log: [e(2, 'c'), e(2, 'X'), e(2, 'y')], snapshot: { lastIncludedIndex: 2, lastIncludedTerm: 1, data: '{}' } };
    const states: Record<string, RaftPersistent> = { n1: { currentTerm: 2, votedFor: null, log: full }, n2: compacted, n3: forked };
    const m: RaftSafetyMonitor = new RaftSafetyMonitor((id) => fullLog(states[id]!, m), ['n1', 'n2', 'n3']);
    full.slice(0, 3).forEach((entry, i) => m.observe(apply(1, 'n1', i + 1, entry)));
    expect(fullLog(compacted, m)).toEqual(full);
    m.checkLogMatching(5, ['n1', 'n2']);
    expect(m.violations).toEqual([]);
    m.checkLogMatching(6, ['n1', 'n3']);
    expect(m.violations.map((v) => [v.property, v.nodes, v.indexes])).toEqual([['Log Matching', ['n1', 'n3'], [4, 4]]]);
  });

  it('a compacted index nobody was seen applying stands as a placeholder carrying lastIncludedTerm', () => {
    const s: RaftPersistent = { currentTerm: 1, votedFor: null, log: [], snapshot: { lastIncludedIndex: 2, lastIncludedTerm: 1, data: '{}' } };
    expect(fullLog(s, { appliedEntry: () => undefined }).map((x) => x.term)).toEqual([0, 1]);
  });
});
