/**
 * The event log's lines and the space-time diagram's marks speak each protocol's own epoch word
 * (Protocol.epochName): PBFT's "view 1", Raft's "term 1".
 */
import { describe, expect, it } from 'vitest';
import { getProtocol } from '../../core/protocols/registry';
import type { TraceRecord } from '../../core/trace';
import { SpaceTimeIndex } from '../spacetime/model';
import { commandText, recordLine } from './format';

const raft = getProtocol('raft').protocol;
const pbft = getProtocol('pbft').protocol;
const state = (role: string, term: number): TraceRecord => ({ t: 5, type: 'state', node: 'n4', role, term, votedFor: null, commitIndex: 2, lastLogIndex: 2 });
const apply: TraceRecord = { t: 6, type: 'apply', node: 'n4', index: 3, term: 1, command: { kind: 'op', client: 'c1', requestId: 2, op: { f: 'put', key: 'x', value: '1' } } };

describe('the epoch word in the event log and the space-time diagram', () => {
  it('the event log says view for PBFT role changes and applies, term for Raft', () => {
    const change = { role: true, term: true, commit: false };
    expect(recordLine(state('backup', 0), pbft, undefined, change)?.text).toBe('n4 becomes backup in view 0');
    expect(recordLine(state('view-change', 1), pbft, undefined, { ...change, role: false })?.text).toBe('n4 moves to view 1 (view-change)');
    expect(recordLine(apply, pbft, undefined, null)?.text).toBe('n4 applies #3 put x 1 (c1#2) (view 1)');
    expect(recordLine(apply, raft, undefined, null)?.text).toBe('n4 applies #3 put x 1 (c1#2) (term 1)');
  });

  it("the space-time diagram marks role changes in the protocol's own words", () => {
    const ix = new SpaceTimeIndex(pbft, ['n1', 'n2', 'n3', 'n4'], { initialRole: 'backup' });
    ix.add(state('view-change', 1), 0);
    expect(ix.marks.map((m) => m.text)).toContain('n4 → view-change (view 1)');
  });

  it('a message label does not repeat its sender; a claim to be another node stays', () => {
    const commit = { type: 'Commit', view: 0, seq: 16, digest: 'bb17bb17', replica: 'n4', auth: 'x' };
    const send = (from: string): TraceRecord => ({ t: 1, type: 'send', id: 1, from, to: 'n2', msg: commit });
    expect(recordLine(send('n4'), pbft, undefined, null)?.text).toBe('n4 → n2  Commit v0 #16 d:bb17');
    expect(recordLine(send('n3'), pbft, undefined, null)?.text).toBe('n3 → n2  Commit v0 #16 d:bb17 from n4');
  });
});

describe('a log entry in words', () => {
  it('says an op with its client, a no-op, and any other command by its kind and fields, lists as words', () => {
    expect(commandText({ kind: 'op', client: 'c1', requestId: 2, op: { f: 'put', key: 'x', value: '1' } })).toMatch(/^put x.*\(c1#2\)$/);
    expect(commandText({ kind: 'noop' })).toBe('no-op');
    expect(commandText({ kind: 'config', voters: ['n1', 'n2', 'n3'], learners: ['n4'] })).toBe('config voters=n1 n2 n3 learners=n4');
    expect(commandText({ kind: 'config', voters: ['n1'], learners: [] })).toBe('config voters=n1 learners=∅');
  });
  it('falls back to JSON for a command it cannot word', () => {
    expect(commandText({ kind: 'x', nested: { a: 1 } })).toBe('{"kind":"x","nested":{"a":1}}');
    expect(commandText('raw')).toBe('"raw"');
  });
});
