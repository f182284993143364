/**
 * The storage and reads stories tell what they say under their seeds: a lease read under clock
 * skew beyond the drift bound is stale (thesis §6.4.1), ReadIndex under the same skew is not
 * (§6.4), and a power loss with a slow disk loses nothing committed (Figure 2; §10.2.1).
 */
import { describe, expect, it } from 'vitest';
import { checkScenario } from '../../check/fuzz';
import { example } from '../../scenario/examples';
import { MonitoredRun } from './monitored-run';

const run = (id: string) => new MonitoredRun(example(id)).runUntil(example(id).until);

describe('storage and reads examples', () => {
  it('lease-read-skew: n1, cut off with a slow clock, serves x = 1 under its lease after x = 2 completed; linearizability fails', () => {
    const r = run('lease-read-skew');
    const clients = r.records('client');
    const wrote2 = clients.find((c) => c.client === 'c2' && c.phase === 'ok')!;
    const read = clients.find((c) => c.client === 'c3' && c.phase === 'ok')!;
    expect(read.t).toBeGreaterThan(wrote2.t);
    expect(read).toMatchObject({ node: 'n1', result: '1' });
    expect(r.records('note').some((n) => n.node === 'n1' && /under its lease/.test(n.text))).toBe(true);
    expect(r.monitor.violations).toEqual([]); // Figure 3 holds: only the read is wrong
    expect(checkScenario(example('lease-read-skew')).failure?.kind).toBe('linearizability');
  });

  it('read-index-skew: the cut-off n1 cannot confirm its leadership, so the read is served by the new leader: x = 2', () => {
    const r = run('read-index-skew');
    const read = r.records('client').find((c) => c.client === 'c3' && c.phase === 'ok')!;
    expect(read.node).not.toBe('n1');
    expect(read.result).toBe('2');
    expect(checkScenario(example('read-index-skew')).failure).toBeNull();
  });

  it('power-loss-synced: a whole-cluster power loss loses no acknowledged write', () => {
    const r = run('power-loss-synced');
    const clients = r.records('client');
    expect(clients.find((c) => c.client === 'c1' && c.phase === 'ok')!.t).toBeLessThan(740);
    expect(clients.find((c) => c.client === 'c2' && c.phase === 'ok')!.result).toBe('1');
    expect(r.monitor.violations).toEqual([]);
    expect(checkScenario(example('power-loss-synced')).failure).toBeNull();
  });
});
