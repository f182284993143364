/**
 * The lamps' judgement over hand-made records: One coordinator is judged only while the detector is
 * accurate (no live node suspected, every crashed node suspected, none paused) and only after an
 * election's worth of time; No split brain at any time, after the same grace.
 */
import { describe, expect, it } from 'vitest';
import type { TraceRecord } from '../../trace';
import { bullyConfig } from './config';
import { BullySafetyMonitor, settleMsOf } from './invariants';
import { initState, type BullyState } from './state';

const NODES = ['n1', 'n2', 'n3'];
const SETTLE = settleMsOf(bullyConfig());

/** cluster gives states where each node follows `follows[i]` (itself: it coordinates), and a monitor over them. */
function cluster(follows: (string | null)[]) {
  const states = new Map<string, BullyState>(NODES.map((id, i) => {
    const s = initState(id, NODES, bullyConfig());
    s.election.coordinator = follows[i] ?? null;
    if (follows[i] === null) s.election.phase = 'electing';
    return [id, s];
  }));
  const monitor = new BullySafetyMonitor(NODES, { state: (id) => states.get(id), inspect: () => { throw new Error('unused'); } });
  const at = (t: number, r: Partial<TraceRecord> = { type: 'note', text: '' }) => monitor.observe({ t, ...r } as TraceRecord);
  return { monitor, states, at };
}

describe('One coordinator', () => {
  it('turns red when, with an accurate detector, no node coordinates for longer than T + T′ + a heartbeat', () => {
    const { monitor, at } = cluster([null, null, null]);
    at(0, { type: 'state' } as never);
    at(SETTLE, { type: 'state' } as never);
    expect(monitor.violations).toEqual([]);
    at(SETTLE + 1, { type: 'state' } as never);
    expect(monitor.violations.map((v) => v.property)).toEqual(['One coordinator']);
  });

  it('is not judged while a live node is suspected (a false suspicion), nor while a crashed node is not yet suspected', () => {
    const { monitor, at } = cluster([null, null, null]);
    at(0, { type: 'record', kind: 'suspect', node: 'n1', peer: 'n2' } as never);
    at(5 * SETTLE, { type: 'state' } as never);
    expect(monitor.violations).toEqual([]);
    at(5 * SETTLE + 1, { type: 'record', kind: 'unsuspect', node: 'n1', peer: 'n2' } as never);
    at(5 * SETTLE + 2, { type: 'fault', action: 'crash', node: 'n3' } as never);
    at(10 * SETTLE, { type: 'state' } as never);
    expect(monitor.violations).toEqual([]);
  });

  it('is green with one coordinator that most live nodes follow', () => {
    const { monitor, at } = cluster(['n3', 'n3', 'n3']);
    for (let t = 0; t < 5 * SETTLE; t += 100) at(t, { type: 'state' } as never);
    expect(monitor.violations).toEqual([]);
  });
});

describe('No split brain', () => {
  it('turns red when two nodes each believe they coordinate for longer than the grace, paused or not, naming the paused one', () => {
    const { monitor, at } = cluster(['n1', 'n3', 'n3']);
    at(0, { type: 'fault', action: 'pause', node: 'n1', ms: 10 * SETTLE } as never);
    at(SETTLE, { type: 'state' } as never);
    expect(monitor.violations).toEqual([]);
    at(SETTLE + 1, { type: 'state' } as never);
    expect(monitor.violations).toHaveLength(1);
    expect(monitor.violations[0]).toMatchObject({ property: 'No split brain', nodes: ['n1', 'n3'] });
    expect(monitor.violations[0]!.text).toContain('while n1 is paused');
  });

  it('lets a handover overlap for less than the grace', () => {
    const { monitor, states, at } = cluster(['n1', 'n3', 'n3']);
    at(0, { type: 'state' } as never);
    states.get('n1')!.election.coordinator = 'n3';
    at(SETTLE - 1, { type: 'state' } as never);
    at(3 * SETTLE, { type: 'state' } as never);
    expect(monitor.violations).toEqual([]);
  });
});
