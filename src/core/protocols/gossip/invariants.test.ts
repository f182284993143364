/** The safety monitor catches invented values and second first-receipts (hand-fed trace records). */
import { describe, expect, it } from 'vitest';
import type { TraceRecord } from '../../trace';
import { GossipSafetyMonitor } from './invariants';

const invoke = (t: number, value: string): TraceRecord => ({ t, type: 'client', client: 'c1', phase: 'invoke', op: { f: 'broadcast', value } });
const receipt = (t: number, node: string, value: string, from: string): TraceRecord => ({ t, type: 'record', kind: 'receipt', node, value, from, hops: 1 });

describe('gossip safety monitor', () => {
  it('is quiet on a clean run', () => {
    const m = new GossipSafetyMonitor();
    for (const r of [invoke(1, 'v1'), receipt(2, 'n1', 'v1', 'c1'), receipt(3, 'n2', 'v1', 'n1')]) m.observe(r);
    expect(m.violations).toEqual([]);
  });

  it('No invention: a value no client broadcast', () => {
    const m = new GossipSafetyMonitor();
    m.observe(invoke(1, 'v1'));
    m.observe(receipt(5, 'n3', 'ghost', 'n2'));
    expect(m.violations).toEqual([{ property: 'No invention', t: 5, nodes: ['n3'], indexes: [], text: 'n3 received ghost from n2, but no client broadcast ghost' }]);
  });

  it('Once only: a node receiving a value for the first time twice', () => {
    const m = new GossipSafetyMonitor();
    for (const r of [invoke(1, 'v1'), receipt(2, 'n2', 'v1', 'n1'), receipt(9, 'n2', 'v1', 'n4')]) m.observe(r);
    expect(m.violations.map((v) => [v.property, v.nodes, v.text])).toEqual([['Once only', ['n2'], 'n2 received v1 for the first time twice (again from n4)']]);
  });
});
