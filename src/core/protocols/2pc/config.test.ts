/**
 * The config schema, the transaction op schema and the key → participant map: defaults, and errors
 * worded for a person.
 */
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../scenario/schema';
import { TWO_PC_DEFAULTS } from './config';
import { ownerOf, splitWrites } from './keys';
import { describeTxn, txnWorkload } from './ops';

const scenario = (extra: Record<string, unknown>) => ({ version: 1, protocol: '2pc', nodes: 4, ...extra });
const errorOf = (raw: unknown): string => {
  try {
    parseScenario(raw);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected the scenario to be refused');
};

describe('2PC config', () => {
  it('fills every default', () => {
    expect(parseScenario(scenario({})).config).toEqual(TWO_PC_DEFAULTS);
  });

  it('refuses a bad variant, an unknown field, an unknown bug and a rate above 1, in words', () => {
    expect(errorOf(scenario({ config: { variant: '4pc' } }))).toContain('config.variant must be "2pc" or "3pc" (got "4pc")');
    expect(errorOf(scenario({ config: { abortrate: 0.1 } }))).toContain('config: unknown field "abortrate" for 2pc (known: variant, coordinator, owners, abortRate');
    expect(errorOf(scenario({ config: { bugs: ['nope'] } }))).toContain('config.bugs[0] names an unknown bug "nope" (known: decide-early, forget-prepared, send-before-log)');
    expect(errorOf(scenario({ config: { abortRate: 2 } }))).toContain('config.abortRate must be a number from 0 to 1 (got 2)');
  });
});

describe('2PC transactions as client ops', () => {
  const req = (op: unknown) => scenario({ timeline: [{ at: 5, action: 'request', op }] });

  it('accepts a transaction, numbers as values, and words it txn x=1 y=2', () => {
    const s = parseScenario(req({ f: 'txn', writes: { x: 1, y: '2' } }));
    const op = (s.timeline[0] as { op: { f: string } }).op;
    expect(op).toEqual({ f: 'txn', writes: { x: '1', y: '2' } });
    expect(describeTxn(op)).toBe('txn x=1 y=2');
  });

  it('refuses a key-value op, empty writes and writes that are not a map, in words', () => {
    expect(errorOf(req({ f: 'get', key: 'x' }))).toContain('unknown operation "get" in op: two-phase commit runs transactions such as {"f": "txn", "writes": {"x": "1"}}');
    expect(errorOf(req({ f: 'txn', writes: {} }))).toContain('op.writes must write at least one key, e.g. {"x": "1"}');
    expect(errorOf(req({ f: 'txn', writes: ['x'] }))).toContain('op.writes must map keys to values, e.g. {"x": "1", "y": "2"} (got ["x"])');
    expect(errorOf(req({ f: 'txn', writes: { x: '1' }, read: 'y' }))).toContain('a txn takes no read (its fields: f, writes)');
  });

  it('the seeded workload is deterministic and writes 1 to 3 keys per transaction', () => {
    const opts = { startMs: 0, endMs: 5000, ratePerSecond: 5, clients: ['c1', 'c2'], keys: ['x', 'y', 'z'] };
    const a = txnWorkload(7, opts);
    expect(txnWorkload(7, opts)).toEqual(a);
    expect(a.length).toBeGreaterThan(10);
    for (const act of a) {
      const writes = (act as unknown as { op: { writes: Record<string, string> } }).op.writes;
      expect(Object.keys(writes).length).toBeGreaterThanOrEqual(1);
      expect(Object.keys(writes).length).toBeLessThanOrEqual(3);
    }
  });
});

describe('key ownership', () => {
  const ps = ['n2', 'n3', 'n4'];

  it('gives x, y, z to n2, n3, n4 (code-unit sum mod participants), unless pinned', () => {
    expect(['x', 'y', 'z'].map((k) => ownerOf(k, ps, { owners: {} }))).toEqual(['n2', 'n3', 'n4']);
    expect(ownerOf('x', ps, { owners: { x: 'n4' } })).toBe('n4');
  });

  it('splits writes by owner, in cluster order', () => {
    expect([...splitWrites({ z: '3', x: '1', a: '0' }, ps, { owners: {} })]).toEqual([['n2', { x: '1' }], ['n3', { a: '0' }], ['n4', { z: '3' }]]);
  });
});
