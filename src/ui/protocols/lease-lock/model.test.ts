/**
 * The lease panel's model, from the details of a real run: the pause story's two leases on the
 * timeline (alice's expired, bob's released), storage's accepted and rejected writes, and the lease
 * in force read from a majority of lock nodes; a lock node's line of waiters. Also: the pause story's share link replays it.
 */
import { describe, expect, it } from 'vitest';
import type { NodeDetail } from '../../../core/protocol';
import { example } from '../../../core/scenario/examples';
import { decodeShare, encodeShare } from '../../../core/scenario/share';
import { advanceSync, LocalHosts, runScenario } from '../../../core/sim/run';
import { Simulation } from '../../../core/sim/simulation';
import type { TraceRecord } from '../../../core/trace';
import { Rng } from '../../../core/prng';
import { leaseLock, leaseLockConfig, type LeaseMessage, type LeaseState } from '../../../core/protocols/lease-lock';
import { initState } from '../../../core/protocols/lease-lock/state';
import { stepWith } from '../../../core/testing/step-harness';
import { buildLeaseModel } from './model';

/** detailsAt runs example `id` to `t` (virtual ms) and gives every node's detail. */
function detailsAt(id: string, t: number): { nodes: string[]; details: Record<string, NodeDetail> } {
  const sim = new Simulation(example(id));
  const hosts = new LocalHosts(sim.scenario);
  advanceSync(sim, hosts, { until: t });
  return { nodes: sim.scenario.nodes, details: Object.fromEntries(sim.scenario.nodes.map((n) => [n, hosts.inspect(n)])) };
}

describe('lease panel model', () => {
  it('the pause story: alice\'s lease expired, bob\'s released, storage rejected alice\'s stale write', () => {
    const { nodes, details } = detailsAt('lease-pause-fenced', 2100);
    const m = buildLeaseModel(nodes, details);
    expect(m.locks).toBe(1);
    expect(m.bars.map((b) => [b.holder, b.token, b.end])).toEqual([['alice', 1, 'expired'], ['bob', 2, 'released']]);
    expect(m.current).toBeNull();
    expect(m.storage).toMatchObject({ id: 'storage', highest: 2, fencing: true });
    expect(m.storage!.writes.map((w) => [w.holder, w.token, w.ok])).toEqual([['bob', 2, true], ['alice', 1, false]]);
  });

  it('the lease in force is the one a majority of lock nodes holds', () => {
    const { nodes, details } = detailsAt('lease-split-brain', 340);
    const m = buildLeaseModel(nodes, details);
    expect(m.locks).toBe(5);
    expect(m.current).toMatchObject({ holder: 'bob', token: 1 });
    expect(m.bars).toEqual([expect.objectContaining({ holder: 'bob', token: 1, votes: 3, end: null })]);
  });

  it('each lock node\'s line of waiters, first first, and whom a freed lease is kept for', () => {
    const nodes = ['lock', 'alice', 'bob', 'carol', 'storage'];
    const lock = { id: 'lock', state: initState('lock', nodes, leaseLockConfig()), rng: Rng.derive(1, 'lock'), now: 100, timers: new Map<string, number>() };
    const ask = (from: string, m: LeaseMessage) => stepWith<LeaseState, LeaseMessage>(leaseLock, lock, { kind: 'message', from, msg: m });
    ask('alice', { type: 'Acquire', req: 1 });
    ask('carol', { type: 'Acquire', req: 1 });
    ask('bob', { type: 'Acquire', req: 1 });
    const details = (): Record<string, NodeDetail> => ({ lock: leaseLock.inspect(lock.state) });
    expect(buildLeaseModel(nodes, details()).lines).toEqual([{ lock: 'lock', waiters: ['carol', 'bob'], keptFor: null }]);
    ask('alice', { type: 'Release', req: 1, token: 0 });
    expect(buildLeaseModel(nodes, details()).lines).toEqual([{ lock: 'lock', waiters: ['carol', 'bob'], keptFor: 'carol' }]);
    const pause = detailsAt('lease-pause-fenced', 2100);
    expect(buildLeaseModel(pause.nodes, pause.details).lines).toEqual([]);
  });

  it('a share link of the pause story replays it record for record', () => {
    const s = example('lease-pause-fenced');
    const again = decodeShare(encodeShare(s, { events: 30, t: 1500 }));
    const trace = (x: typeof s) => {
      const out: TraceRecord[] = [];
      runScenario(x, { trace: (r) => out.push(r) });
      return out;
    };
    expect(again.moment).toEqual({ events: 30, t: 1500 });
    expect(trace(again.scenario)).toEqual(trace(s));
  });
});
