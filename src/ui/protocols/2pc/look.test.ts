/** 2PC's look: the node line, the request form's parsing, and the kinds it classifies. */
import { describe, expect, it } from 'vitest';
import { twoPc } from '../../../core/protocols/2pc';
import { lookOf } from '../registry';
import { twoPcNodeLine } from './look';
import { parseWrites } from './TxnRequestForm';

const summary = (role: string, fields: Record<string, string | number | null>) => ({ role, term: 0, votedFor: null, commitIndex: 0, lastLogIndex: 0, lastApplied: 0, fields });

describe('2PC look', () => {
  it('the node line shows the transaction in doubt and the locks held (the role says its phase)', () => {
    expect(twoPcNodeLine(summary('prepared', { txn: 'c1#3', phase: 'prepared', locks: 2, open: 1 }))).toEqual([
      { label: 'txn', value: 'c1#3' },
      { label: 'locks', value: 2 },
    ]);
    expect(twoPcNodeLine(summary('participant', { txn: null, phase: null, locks: 0, open: 0 }))).toEqual([]);
    expect(twoPcNodeLine(summary('coordinator', { txn: 'c2#1', phase: 'voting', locks: 0, open: 2 }))).toContainEqual({ label: 'open', value: 2 });
  });

  it('parses writes typed as x=1 y=2 or x=1,y=2, and refuses bad ones in words', () => {
    expect(parseWrites('x=1 y=2')).toEqual({ x: '1', y: '2' });
    expect(parseWrites(' x=1,y= ')).toEqual({ x: '1', y: '' });
    expect(() => parseWrites('  ')).toThrow('write at least one key, e.g. x=1 y=2');
    expect(() => parseWrites('x')).toThrow('each write is key=value, e.g. x=1; got "x"');
    expect(() => parseWrites('x=1 x=2')).toThrow('x is written twice; a transaction writes each key once');
  });

  it('is registered: every message type has its own kind, the coordinator leads, no epoch, no forced timeout', () => {
    const look = lookOf('2pc');
    expect(look.generic).toBe(false);
    expect(look.leaderRole).toBe('coordinator');
    expect(look.epoch).toBeNull();
    expect(look.timeout).toBeNull();
    for (const type of twoPc.messageTypes!) expect(look.kindOf({ type, txn: 'c1#1' }), type).toBe(type);
    expect(look.roles.map((r) => r.role)).toEqual(['coordinator', 'participant', 'prepared', 'committable', 'blocked', 'crashed']);
  });
});
