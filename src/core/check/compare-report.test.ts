/** The comparison report: each side as its own run would report it, and the measures set side by side. */
import { describe, expect, it } from 'vitest';
import { compareReport, MeasureCollector, percentile } from './compare-report';
import { runReport } from './run-report';
import { parseCompare, sideRuns } from '../scenario/compare';
import { compareExample } from '../scenario/compare-examples';

describe('percentile', () => {
  it('is the nearest rank', () => {
    const xs = Array.from({ length: 100 }, (_, i) => i + 1);
    expect([percentile(xs, 0.5), percentile(xs, 0.95), percentile(xs, 0.99)]).toEqual([50, 95, 99]);
    expect([percentile([7], 0.5), percentile([7], 0.99)]).toEqual([7, 7]);
    expect(percentile([10, 20, 30], 0.5)).toBe(20);
  });
});

describe('MeasureCollector', () => {
  it('measures latency from invoke to ok per client, counts sends but not network duplicates, and leaderships by (node, epoch)', () => {
    const m = new MeasureCollector('raft');
    const op = { f: 'get', key: 'x' };
    m.observe({ t: 0, type: 'state', node: 'n1', role: 'leader', term: 1, votedFor: 'n1', commitIndex: 0, lastLogIndex: 0 });
    m.observe({ t: 5, type: 'state', node: 'n1', role: 'leader', term: 1, votedFor: 'n1', commitIndex: 1, lastLogIndex: 1 });
    m.observe({ t: 9, type: 'state', node: 'n2', role: 'leader', term: 3, votedFor: 'n2', commitIndex: 1, lastLogIndex: 1 });
    m.observe({ t: 10, type: 'client', client: 'c1', phase: 'invoke', op });
    m.observe({ t: 12, type: 'client', client: 'c2', phase: 'invoke', op });
    m.observe({ t: 11, type: 'send', id: 1, from: 'n1', to: 'n2', msg: {} });
    m.observe({ t: 11, type: 'send', id: 2, from: 'n1', to: 'n2', msg: {}, dup: true });
    m.observe({ t: 40, type: 'client', client: 'c1', phase: 'ok', op });
    m.observe({ t: 50, type: 'client', client: 'c2', phase: 'info', op });
    expect(m.measures(1)).toEqual({
      messagesPerOp: 1,
      messages: 1,
      latencyMs: { p50: 30, p95: 30, p99: 30 },
      leadership: { role: 'leader', epochName: 'term', leaders: 2, epochs: 2, maxEpoch: 3 },
    });
    expect(m.measures(0)).toMatchObject({ messagesPerOp: null });
  });

  it('has no leadership for a leader-free protocol', () => {
    expect(new MeasureCollector('gossip').measures(0)).toEqual({ messagesPerOp: null, messages: 0, latencyMs: null, leadership: null });
  });
});

describe('compareReport', () => {
  it('reports each side exactly as a run of its own scenario, deterministically', () => {
    const c = parseCompare({ version: 1, compare: ['raft', 'pbft'], nodes: 4, seed: 3, until: 4000, timeline: [{ at: 500, action: 'request', op: { f: 'put', key: 'x', value: '1' } }, { at: 1500, action: 'crash', node: 'leader' }] });
    const r = compareReport(c);
    const runs = sideRuns(c);
    expect(r.sides.map((s) => s.report)).toEqual(runs.map((s) => runReport(s.scenario)));
    expect(compareReport(c)).toEqual(r);
    expect(r).toMatchObject({ format: 'consensus-playground compare report', version: 1, seed: 3, nodes: ['n1', 'n2', 'n3', 'n4'], untilMs: 4000 });
  }, 30_000);

  it('a leader isolated: both recover, each in its own epochs, and both stay linearizable', () => {
    const r = compareReport(compareExample('compare-leader-isolated'));
    for (const s of r.sides) {
      expect(s.report.faults[0], s.label).toMatchObject({ action: 'isolate', recoveryMs: expect.any(Number) });
      expect(s.measures.leadership!.leaders, s.label).toBeGreaterThanOrEqual(2);
      expect(s.report.consistency.verdict, s.label).toBe('ok');
      expect(s.measures.latencyMs!.p99, s.label).toBeGreaterThanOrEqual(s.measures.latencyMs!.p50);
    }
    expect(r.sides.map((s) => s.measures.leadership!.epochName)).toEqual(['term', 'view']);
  }, 30_000);

  it('2PC against 3PC under a partition: 2PC stays atomic, 3PC decides both ways (Skeen 1981)', () => {
    const [twoPc, threePc] = compareReport(compareExample('compare-2pc-3pc-partition')).sides;
    expect(twoPc.report.violations).toEqual([]);
    expect(twoPc.report.consistency.verdict).toBe('ok');
    expect(threePc.report.violations.map((v) => v.property)).toContain('Atomicity');
    expect(threePc.report.consistency.verdict).toBe('fail');
  }, 30_000);

  it('crash against Byzantine faults: each side takes only its own fault, and both stay safe', () => {
    const [raft, pbft] = compareReport(compareExample('compare-crash-vs-byzantine')).sides;
    expect(raft.report.faults.map((f) => f.action)).toEqual(['crash']);
    expect(pbft.report.faults.map((f) => f.action)).toEqual(['byzantine']);
    for (const s of [raft, pbft]) expect([s.report.violations, s.report.consistency.verdict]).toEqual([[], 'ok']);
  }, 30_000);
});
