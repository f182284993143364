/**
 * Cluster scenarios through the bus, after etcd raft's network tests (cut, isolate, recover):
 * whole Raft clusters driven by timeline actions, checked against the paper's guarantees.
 */
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../scenario/schema';
import { example } from '../scenario/examples';
import { MonitoredRun } from '../protocols/raft/monitored-run';
import type { TraceRecord } from '../trace';
import { advanceSync, LocalHosts } from './run';
import { Simulation } from './simulation';

const base = { version: 1, protocol: 'raft', seed: 1, nodes: 5, until: 20000 } as const;
const scenario = (extra: Record<string, unknown>) => parseScenario({ ...base, ...extra });

describe('cluster through the bus', () => {
  it('§5.2 elects exactly one leader, and followers learn it', () => {
    const run = new MonitoredRun(scenario({})).runUntil(2000);
    const leader = run.leader();
    expect(leader).not.toBeNull();
    const term = run.sim.summary(leader!).term;
    for (const id of run.sim.scenario.nodes) {
      if (id !== leader) expect(run.sim.summary(id)).toMatchObject({ role: 'follower', term });
    }
    expect(run.monitor.violations).toEqual([]);
  });

  it('an isolated leader cannot commit; the majority elects a new leader and commits; healing converges', () => {
    const run = new MonitoredRun(scenario({ timeline: [] })).runUntil(1500);
    const old = run.leader()!;
    const oldTerm = run.sim.summary(old).term;
    run.sim.act({ action: 'isolate', node: old });
    run.sim.act({ action: 'request', client: 'w1', node: old, op: { f: 'put', key: 'x', value: 'lost' } });
    run.runUntil(4000);
    const fresh = run.leader()!;
    expect(fresh).not.toBe(old);
    expect(run.sim.summary(fresh).term).toBeGreaterThan(oldTerm);
    // The old leader still thinks it leads, appended the write, but cannot commit it.
    expect(run.sim.summary(old).role).toBe('leader');
    expect(run.sim.summary(old).lastLogIndex).toBeGreaterThan(run.sim.summary(old).commitIndex);
    const committedAtIsolation = run.sim.summary(old).commitIndex;

    run.sim.act({ action: 'request', client: 'w2', op: { f: 'put', key: 'x', value: 'kept' } });
    run.runUntil(6000);
    expect(run.sim.summary(old).commitIndex).toBe(committedAtIsolation);
    expect(run.records('client').some((r) => r.client === 'w2' && r.phase === 'ok')).toBe(true);

    run.sim.act({ action: 'heal' });
    run.runUntil(9000);
    expect(run.sim.summary(old).role).toBe('follower');
    const logs = run.sim.scenario.nodes.map((id) => JSON.stringify(run.hosts.inspect(id).log));
    expect(new Set(logs).size).toBe(1);
    // The isolated write was overwritten on the old leader; its client retried it elsewhere with the same id.
    const kv = run.hosts.inspect(fresh).kv;
    expect(['lost', 'kept']).toContain(kv.x);
    expect(run.monitor.violations).toEqual([]);
  });

  it('a minority side makes no progress while the majority side commits', () => {
    const run = new MonitoredRun(example('minority-partition')).runUntil(4900);
    const apply = run.records('apply');
    // y was sent to the minority (n1, n2): nobody applies it before the heal at 5000.
    expect(apply.some((r) => JSON.stringify(r.command).includes('"minority"'))).toBe(false);
    // z was sent to the majority: every majority node applies it.
    for (const id of ['n3', 'n4', 'n5']) {
      expect(apply.some((r) => r.node === id && JSON.stringify(r.command).includes('"majority"'))).toBe(true);
    }
    run.runUntil(8000);
    expect(run.records('client').filter((r) => r.phase === 'ok').map((r) => r.client).sort()).toEqual(['c1', 'c2', 'c3']);
    expect(run.monitor.violations).toEqual([]);
  });

  it('a cut link in one direction is routed around by the protocol, and a crashed node receives nothing', () => {
    const run = new MonitoredRun(scenario({ timeline: [{ at: 10, action: 'crash', node: 'n3' }, { at: 10, action: 'link', from: 'n1', to: 'n2', cut: true }] }));
    run.runUntil(3000);
    const toN3 = run.records('deliver').filter((r) => r.to === 'n3' && r.t > 10);
    expect(toN3).toEqual([]);
    expect(run.records('drop').some((r) => r.to === 'n3' && r.reason === 'crashed')).toBe(true);
    expect(run.records('drop').some((r) => r.from === 'n1' && r.to === 'n2' && r.reason === 'cut')).toBe(true);
    expect(run.records('timer').some((r) => r.node === 'n3' && r.t > 10)).toBe(false);
    expect(run.leader()).not.toBeNull();
  });

  it('a restarted node keeps only currentTerm, votedFor and log, then catches up', () => {
    const run = new MonitoredRun(example('crash-restart')).runUntil(3999);
    const crashedNode = run.records('fault').find((r) => r.action === 'crash')!.node as string;
    const before = run.hosts.inspect(crashedNode);
    run.runUntil(4000);
    const after = run.hosts.inspect(crashedNode);
    expect(after.summary).toMatchObject({ role: 'follower', term: before.summary.term, votedFor: before.summary.votedFor, commitIndex: 0, lastApplied: 0 });
    expect(after.log).toEqual(before.log);
    expect(after.kv).toEqual({});
    run.runUntil(8000);
    const leader = run.leader()!;
    expect(run.hosts.inspect(crashedNode).log).toEqual(run.hosts.inspect(leader).log);
    expect(run.hosts.inspect(crashedNode).kv).toEqual(run.hosts.inspect(leader).kv);
    expect(run.monitor.violations).toEqual([]);
  });

  it('"leader" in an action with no leader is skipped with a note', () => {
    const run = new MonitoredRun(scenario({ timeline: [{ at: 1, action: 'crash', node: 'leader' }] })).runUntil(5);
    expect(run.records('fault')[0]).toMatchObject({ action: 'crash', skipped: 'there is no leader' });
    expect(run.records('note').some((r) => r.text.includes('crash skipped'))).toBe(true);
  });

  it('with loss and duplication every write still takes effect exactly once', () => {
    const run = new MonitoredRun(example('lossy-network')).runUntil(10000);
    const oks = run.records('client').filter((r) => r.phase === 'ok');
    expect(oks.map((r) => r.client).sort()).toEqual(['c1', 'c1', 'c2', 'c2', 'c3', 'c4']);
    const leader = run.leader()!;
    expect(run.hosts.inspect(leader).kv).toMatchObject({ x: '2', log: 'ab' });
    expect(oks.find((r) => r.client === 'c4')!.result).toBe('ab');
    expect(run.records('send').some((r) => r.dup)).toBe(true);
    expect(run.records('drop').some((r) => r.reason === 'loss')).toBe(true);
    expect(run.monitor.violations).toEqual([]);
  });

  it('refuses a bad user action with the field named, recording nothing', () => {
    const run = new MonitoredRun(scenario({})).runUntil(100);
    const before = JSON.stringify(run.sim.scenario.timeline);
    expect(() => run.sim.act({ action: 'crash', node: 'n9' })).toThrow(expect.objectContaining({ message: 'invalid action: node names an unknown node "n9" (known: n1, n2, n3, n4, n5, or "leader")' }));
    expect(() => run.sim.act({ action: 'link', from: 'n1', to: 'n2', loss: 3 })).toThrow(expect.objectContaining({ message: 'invalid action: loss must be a number from 0 to 1 (got 3)' }));
    expect(JSON.stringify(run.sim.scenario.timeline)).toBe(before);
    expect(run.sim.act({ action: 'heal' })).toEqual({ at: 101, action: 'heal' });
  });

  it('a user request naming no client gets a client no scripted request uses', () => {
    const run = new MonitoredRun(scenario({ timeline: [{ at: 5000, action: 'request', client: 'c1', op: { f: 'get', key: 'x' } }] })).runUntil(100);
    expect(run.sim.act({ action: 'request', op: { f: 'put', key: 'x', value: 'v' } })).toMatchObject({ client: 'c2' });
    expect(run.sim.act({ action: 'request', op: { f: 'get', key: 'x' } })).toMatchObject({ client: 'c3' });
  });

  it('replaying to a moment (N events, clock t) lands exactly there and goes on identically', () => {
    // Every node crashes at 1000: only stale timer entries remain queued when the clock moves on.
    const sc = scenario({ nodes: 3, timeline: [1000, 1000, 1000].map((at, i) => ({ at, action: 'crash', node: `n${i + 1}` })) });
    const record = (sink: TraceRecord[]) => (r: TraceRecord) => void sink.push(r);
    const liveTrace: TraceRecord[] = [];
    const live = new Simulation(sc, { trace: record(liveTrace) });
    const liveHosts = new LocalHosts(sc);
    for (const t of [333, 1234, 2500, 3000]) {
      advanceSync(live, liveHosts, { until: t });
      live.advanceTo(t);
    }
    const moment = { events: live.eventsProcessed, t: live.now };
    expect(moment.t).toBe(3000);
    const replayTrace: TraceRecord[] = [];
    const replay = new Simulation(sc, { trace: record(replayTrace) });
    const replayHosts = new LocalHosts(sc);
    advanceSync(replay, replayHosts, { until: Infinity, maxEvents: moment.events });
    replay.advanceTo(moment.t);
    expect({ events: replay.eventsProcessed, t: replay.now }).toEqual(moment);
    for (const sim of [live, replay]) sim.act({ action: 'restart' });
    advanceSync(live, liveHosts, { until: 4000 });
    advanceSync(replay, replayHosts, { until: 4000 });
    expect(replayTrace).toEqual(liveTrace);
  });

  it('limits: excess messages in flight are dropped with a clear record, and a run stops at its event bound', () => {
    const records: TraceRecord[] = [];
    const sim = new Simulation(scenario({ network: { latencyMs: [200, 400] } }), { trace: (r) => void records.push(r), limits: { maxInFlight: 6, maxEvents: 500 } });
    advanceSync(sim, new LocalHosts(sim.scenario), { until: 60_000 });
    expect(records.filter((r) => r.type === 'drop' && r.reason === 'overflow').length).toBeGreaterThan(0);
    expect(records.filter((r) => r.type === 'limit').map((r) => (r as { text: string }).text)).toEqual([
      'more than 6 messages in flight: the bus drops the excess (reason "overflow")',
      'the run reached its limit of 500 events',
    ]);
    expect(sim.stopped).toBe('the run reached its limit of 500 events');
    expect(sim.eventsProcessed).toBe(500);
    expect(sim.nextWindow(60_000)).toBeNull();
  });

  it('a user action past `until` moves `until` to it; a full timeline refuses more actions', () => {
    const short = new MonitoredRun(scenario({ until: 50 })).runUntil(80);
    expect(short.sim.act({ action: 'heal' }).at).toBe(81);
    expect(short.sim.scenario.until).toBe(81);
    const full = parseScenario({ ...base, timeline: Array.from({ length: 10_000 }, (_, i) => ({ at: 100_000 + i, action: 'request', op: { f: 'get', key: 'k' } })) });
    expect(new Set(full.timeline.map((a) => (a.action === 'request' ? a.client : ''))).size).toBe(10_000);
    const run = new MonitoredRun(full).runUntil(10);
    expect(() => run.sim.act({ action: 'heal' })).toThrow(/at most 10000 actions/);
  });

  it('clock skew: a node whose clock runs 4× fast times out 4× as often; rate 1 undoes it', () => {
    const gaps = (timeline: Record<string, unknown>[]) => {
      const run = new MonitoredRun(scenario({ nodes: 3, timeline: [{ at: 1, action: 'crash', node: 'n2' }, { at: 1, action: 'crash', node: 'n3' }, ...timeline] })).runUntil(6000);
      const fired = run.records('timer').filter((r) => r.node === 'n1' && r.t > 1000 && r.t < 3000).map((r) => r.t);
      return fired.slice(1).map((t, i) => t - fired[i]!);
    };
    const normal = gaps([]);
    const fast = gaps([{ at: 1, action: 'skew', node: 'n1', rate: 4 }]);
    const undone = gaps([{ at: 1, action: 'skew', node: 'n1', rate: 4 }, { at: 500, action: 'skew', node: 'n1', rate: 1 }]);
    // Election timeouts are drawn from [150, 300] ms of n1's own clock.
    expect(normal.length).toBeGreaterThan(3);
    for (const g of [...normal, ...undone]) expect(g).toBeGreaterThanOrEqual(150);
    expect(fast.length).toBeGreaterThan(normal.length * 3);
    for (const g of fast) expect(g).toBeGreaterThanOrEqual(37), expect(g).toBeLessThanOrEqual(75);
  });

  it('a skew rate outside [0.25, 4] is refused with the field named', () => {
    expect(() => scenario({ timeline: [{ at: 1, action: 'skew', node: 'n1', rate: 10 }] })).toThrow(expect.objectContaining({ message: 'invalid scenario: timeline[0] (at 1 ms): rate must be a number from 0.25 to 4 (got 10)' }));
  });
});
