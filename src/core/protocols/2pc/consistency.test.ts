/**
 * The atomic-commit model on hand-made runs (non-triviality, client outcomes) and on seeded chaos
 * runs (crashes, partitions, loss, duplication, latency spikes): correct 2PC keeps every property.
 */
import { describe, expect, it } from 'vitest';
import { CheckedRun, type ClientRecord } from '../../check/checked-run';
import { chaosScenario } from '../../chaos/scenarios';
import { parseScenario } from '../../scenario/schema';
import type { TraceRecord } from '../../trace';
import { ATOMIC_COMMIT } from './consistency';

type Rec = Extract<TraceRecord, { type: 'record' }>;
const rec = (t: number, node: string, kind: string, fields: Record<string, unknown>): Rec => ({ t, type: 'record', kind, node, ...fields });
const base = parseScenario({ version: 1, protocol: '2pc', nodes: 3, network: { latencyMs: [10, 10] } });
const judge = (records: Rec[], history: ClientRecord[] = [], scenario = base) =>
  ATOMIC_COMMIT.check({ scenario, history, records, faults: [], view: { inspect: () => { throw new Error('unused'); }, state: () => null }, live: scenario.nodes, connected: () => true, now: 10_000, final: true });
const allYes = [rec(10, 'n1', 'begin', { txn: 'c1#1', participants: ['n2', 'n3'] }), rec(20, 'n2', 'vote', { txn: 'c1#1', vote: 'commit' }), rec(20, 'n3', 'vote', { txn: 'c1#1', vote: 'commit' })];
const everyone = (decision: string) => ['n1', 'n2', 'n3'].map((n) => rec(40, n, 'decision', { txn: 'c1#1', decision }));
const op = { f: 'txn', writes: { x: '1' } };

describe('atomic-commit check', () => {
  it('passes a committed transaction decided everywhere and told to its client', () => {
    const history: ClientRecord[] = [{ t: 5, type: 'client', client: 'c1', phase: 'invoke', op }, { t: 50, type: 'client', client: 'c1', phase: 'ok', op }];
    expect(judge([...allYes, ...everyone('commit')], history)).toEqual({ verdict: 'ok', operations: 1, detail: '1 transactions: 1 committed, 0 aborted' });
  });

  it('non-triviality: all voted commit, nothing failed, yet it aborted', () => {
    expect(judge([...allYes, ...everyone('abort')]).reason).toBe('Non-triviality: every participant voted commit on c1#1 and nothing failed, yet it aborted');
  });

  it('non-triviality: a crash scripted before the decision excuses the abort', () => {
    const crashed = parseScenario({ version: 1, protocol: '2pc', nodes: 3, network: { latencyMs: [10, 10] }, timeline: [{ at: 30, action: 'crash', node: 'n1' }] });
    expect(judge([...allYes, ...everyone('abort')], [], crashed).verdict).toBe('ok');
  });

  it('a client told ok for an aborted transaction fails the check', () => {
    const history: ClientRecord[] = [{ t: 5, type: 'client', client: 'c1', phase: 'invoke', op }, { t: 50, type: 'client', client: 'c1', phase: 'ok', op }];
    const records = [rec(10, 'n1', 'begin', { txn: 'c1#1', participants: ['n2', 'n3'] }), rec(20, 'n2', 'vote', { txn: 'c1#1', vote: 'abort' }), ...everyone('abort')];
    expect(judge(records, history).reason).toBe('the client was told c1#1 committed, but it was aborted');
  });

  it('atomicity: one participant aborts what the others commit', () => {
    const records = [...allYes, ...everyone('commit').slice(0, 2), rec(45, 'n3', 'decision', { txn: 'c1#1', decision: 'abort' })];
    expect(judge(records)).toMatchObject({ verdict: 'fail', reason: 'Atomicity: n3 decided abort on c1#1, but n1 decided commit', nodes: ['n1', 'n3'] });
  });
});

describe('chaos runs of correct 2PC', () => {
  it.each([1, 2, 3, 4, 5, 6])('seed %i: no violation, and the atomic-commit check passes after the repair', (seed) => {
    const s = chaosScenario(seed, { protocol: '2pc', durationMs: 12_000 });
    const records: Rec[] = [];
    const r = new CheckedRun(s, { trace: (x) => { if (x.type === 'record') records.push(x); } }).runToEnd();
    expect(r.found).toEqual([]);
    const c = ATOMIC_COMMIT.check({ scenario: s, history: r.history, records, faults: r.faults, view: r.hosts, live: s.nodes, connected: () => true, now: r.sim.now, final: true });
    expect(c.verdict, c.reason).toBe('ok');
    expect(c.operations).toBeGreaterThan(20);
    expect(r.history.some((h) => h.phase === 'ok')).toBe(true);
  });
});
