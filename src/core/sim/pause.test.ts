/**
 * The `pause` fault (a GC pause, a stopped VM): what waits for a paused node, in what order it is
 * handled at the resume, how a crash or a second pause changes it, and that it is deterministic
 * across drivers and checkpoints. Raft is the cluster: it is safe under pauses (§5.1, §5.3).
 */
import { describe, expect, it } from 'vitest';
import { MonitoredRun } from '../protocols/raft/monitored-run';
import { parseScenario, ScenarioError } from '../scenario/schema';
import type { TraceRecord } from '../trace';
import { advanceSync, LocalHosts, runScenario } from './run';
import { Simulation } from './simulation';

const base = { version: 1, protocol: 'raft', seed: 3, nodes: 5, until: 6000 } as const;
const scenario = (timeline: unknown[], extra: Record<string, unknown> = {}) => parseScenario({ ...base, timeline, ...extra });
type Rec<T extends TraceRecord['type']> = Extract<TraceRecord, { type: T }>;
const of = <T extends TraceRecord['type']>(trace: readonly TraceRecord[], type: T) => trace.filter((r): r is Rec<T> => r.type === type);

/** leaderAt runs a copy of `s` to `t` and gives its leader then (a follower is any other node). */
function leaderAt(t: number): string {
  const run = new MonitoredRun(scenario([])).runUntil(t);
  return run.leader()!;
}

/** traced runs `s` headless and gives its trace. */
function traced(s: ReturnType<typeof scenario>): TraceRecord[] {
  const trace: TraceRecord[] = [];
  runScenario(s, { trace: (r) => trace.push(r) });
  return trace;
}

describe('pause', () => {
  it('holds a follower\'s messages and delivers them at the resume, in arrival order', () => {
    const leader = leaderAt(1000);
    const follower = ['n1', 'n2', 'n3', 'n4', 'n5'].find((id) => id !== leader)!;
    const trace = traced(scenario([{ at: 1000, action: 'pause', node: follower, ms: 100 }], { until: 1400 }));
    const resume = of(trace, 'resume');
    expect(resume).toEqual([expect.objectContaining({ t: 1100, node: follower })]);
    expect(resume[0]!.messages).toBeGreaterThan(0);
    // Nothing reaches the follower while it is paused.
    const sends = new Map(of(trace, 'send').map((s) => [s.id, s]));
    const toIt = of(trace, 'deliver').filter((d) => d.to === follower);
    expect(toIt.filter((d) => d.t > 1000 && d.t < 1100)).toEqual([]);
    // At the resume, the waiting ones arrive in the order they came (their deliverAt), all at t = 1100.
    const atResume = toIt.filter((d) => d.t === 1100);
    expect(atResume).toHaveLength(resume[0]!.messages);
    const arrivals = atResume.map((d) => sends.get(d.id)!.deliverAt!);
    expect(arrivals).toEqual([...arrivals].sort((a, b) => a - b));
    expect(arrivals.every((a) => a >= 1000 && a <= 1100)).toBe(true);
  });

  it('§5.1/§5.3: a leader paused past the election timeout is replaced, fires its overdue heartbeat at the resume, and steps down; the lamps stay green', () => {
    const run = new MonitoredRun(scenario([])).runUntil(1000);
    const old = run.leader()!;
    const term = run.sim.summary(old).term;
    run.sim.act({ action: 'pause', node: old, ms: 1500 });
    run.runUntil(1001);
    expect(run.sim.paused(old)).toMatchObject({ since: 1001, until: 2501 });
    run.runUntil(2400);
    const fresh = run.leader()!;
    expect(fresh).not.toBe(old);
    expect(run.sim.summary(fresh).term).toBeGreaterThan(term);
    // Paused, the old leader still believes it leads: it has heard nothing.
    expect(run.sim.summary(old)).toMatchObject({ role: 'leader', term });
    expect(run.sim.paused(old)!.timers).toBeGreaterThan(0);
    run.runUntil(3000);
    expect(run.sim.paused(old)).toBeNull();
    expect(run.records('timer').some((r) => r.node === old && r.t === 2501)).toBe(true);
    expect(run.records('resume')).toEqual([expect.objectContaining({ t: 2501, node: old })]);
    expect(run.sim.summary(old)).toMatchObject({ role: 'follower', term: run.sim.summary(fresh).term });
    expect(run.monitor.violations).toEqual([]);
  });

  it('queues a client request to a paused node until the resume', () => {
    const trace = traced(scenario([
      { at: 1000, action: 'pause', node: 'n2', ms: 400 },
      { at: 1100, action: 'request', client: 'c1', node: 'n2', op: { f: 'get', key: 'x' } },
    ], { until: 1600 }));
    expect(of(trace, 'resume')[0]).toMatchObject({ t: 1400, node: 'n2', requests: 1 });
  });

  it('a crash ends the pause: what waited is dropped, and no resume comes later', () => {
    const trace = traced(scenario([
      { at: 1000, action: 'pause', node: 'n2', ms: 1000 },
      { at: 1300, action: 'crash', node: 'n2' },
      { at: 1500, action: 'restart', node: 'n2' },
    ], { until: 2500 }));
    const resume = of(trace, 'resume');
    expect(resume).toEqual([expect.objectContaining({ t: 1300, node: 'n2', crashed: true })]);
    const dropped = of(trace, 'drop').filter((d) => d.t === 1300 && d.to === 'n2' && d.reason === 'crashed');
    expect(dropped).toHaveLength(resume[0]!.messages);
    expect(resume[0]!.messages).toBeGreaterThan(0);
    // Restarted, it takes messages again as usual.
    expect(of(trace, 'deliver').some((d) => d.to === 'n2' && d.t > 1500)).toBe(true);
  });

  it('pausing a paused node extends the pause to the later end, never shortens it', () => {
    const trace = traced(scenario([
      { at: 1000, action: 'pause', node: 'n2', ms: 500 },
      { at: 1200, action: 'pause', node: 'n2', ms: 1000 },
      { at: 1300, action: 'pause', node: 'n2', ms: 10 },
    ], { until: 3000 }));
    expect(of(trace, 'resume').map((r) => [r.t, r.node])).toEqual([[2200, 'n2']]);
    expect(of(trace, 'deliver').filter((d) => d.to === 'n2' && d.t > 1000 && d.t < 2200)).toEqual([]);
  });

  it('a paused node takes no forced timeout or protocol input; a crashed one cannot be paused', () => {
    const trace = traced(scenario([
      { at: 1000, action: 'pause', node: 'n2', ms: 500 },
      { at: 1100, action: 'timeout', node: 'n2' },
      { at: 1200, action: 'crash', node: 'n3' },
      { at: 1300, action: 'pause', node: 'n3', ms: 100 },
    ], { until: 1600 }));
    const faults = of(trace, 'fault');
    expect(faults.find((f) => f.action === 'timeout')).toMatchObject({ skipped: 'n2 is paused until 1500 ms' });
    expect(faults.find((f) => f.action === 'pause' && f.node === 'n3')).toMatchObject({ skipped: 'n3 is down' });
  });

  it('in manual mode a delivered message to a paused node waits for the resume', () => {
    const run = new MonitoredRun(scenario([])).runUntil(1000);
    const leader = run.leader()!;
    const follower = run.sim.scenario.nodes.find((id) => id !== leader)!;
    run.sim.act({ action: 'manual', enabled: true });
    run.runUntil(1001);
    run.sim.act({ action: 'pause', node: follower, ms: 300 });
    run.runUntil(1002);
    run.sim.act({ action: 'fire', node: leader, timer: 'heartbeat' });
    run.runUntil(1003);
    const held = run.sim.inFlight().find((m) => m.to === follower && m.held);
    expect(held).toBeDefined();
    run.sim.act({ action: 'deliver', id: held!.id });
    run.runUntil(1250);
    expect(run.records('deliver').some((d) => d.id === held!.id)).toBe(false);
    expect(run.sim.paused(follower)!.messages).toBe(1);
    run.runUntil(1400);
    expect(run.records('deliver').find((d) => d.id === held!.id)).toMatchObject({ t: 1302, to: follower });
  });

  it('is deterministic: same seed and timeline, same trace, one event at a time or in windows', () => {
    const s = scenario([
      { at: 800, action: 'pause', node: 'leader', ms: 900 },
      { at: 1200, action: 'pause', node: 'n4', ms: 300 },
      { at: 1300, action: 'request', client: 'c1', op: { f: 'put', key: 'x', value: '1' } },
      { at: 2500, action: 'pause', node: 'n1', ms: 50 },
    ]);
    const a = traced(s);
    expect(traced(s)).toEqual(a);
    const windowed: TraceRecord[] = [];
    const sim = new Simulation(s, { trace: (r) => windowed.push(r) });
    const hosts = new LocalHosts(sim.scenario);
    for (let w = sim.nextWindow(s.until); w; w = sim.nextWindow(s.until)) sim.commitWindow(w, hosts.run(w.calls));
    expect(windowed).toEqual(a.slice(0, windowed.length));
    expect(of(a, 'resume').length).toBeGreaterThanOrEqual(3);
  });

  it('a checkpoint taken mid-pause restores the paused node and goes on exactly as the straight run', () => {
    const s = scenario([{ at: 1000, action: 'pause', node: 'leader', ms: 800 }], { until: 3000 });
    const head: TraceRecord[] = [];
    const sim = new Simulation(s, { trace: (r) => head.push(r) });
    const hosts = new LocalHosts(sim.scenario);
    advanceSync(sim, hosts, { until: 1500 });
    const paused = sim.scenario.nodes.find((id) => sim.paused(id))!;
    expect(sim.paused(paused)!.messages + sim.paused(paused)!.timers).toBeGreaterThan(0);
    const tail: TraceRecord[] = [];
    const twin = new Simulation(sim.scenario, { trace: (r) => tail.push(r) });
    twin.restore(sim.snapshot());
    const th = new LocalHosts(twin.scenario);
    for (const [id, n] of hosts.nodes) th.nodes.get(id)!.restore(n.snapshot());
    expect(twin.paused(paused)).toEqual(sim.paused(paused));
    advanceSync(twin, th, { until: 3000 });
    const straight: TraceRecord[] = [];
    const whole = new Simulation(s, { trace: (r) => straight.push(r) });
    advanceSync(whole, new LocalHosts(whole.scenario), { until: 3000 });
    expect(tail[0]!.type).toBe('header');
    expect(tail.slice(1)).toEqual(straight.slice(head.length));
    expect(tail.some((r) => r.type === 'resume' && r.node === paused && r.t === 1800)).toBe(true);
  });
});

describe('pause in the scenario schema', () => {
  const bad = (ms: unknown) => {
    try {
      scenario([{ at: 100, action: 'pause', node: 'n1', ...(ms === undefined ? {} : { ms }) }]);
    } catch (e) {
      expect(e).toBeInstanceOf(ScenarioError);
      return (e as Error).message;
    }
    throw new Error('accepted');
  };
  it.each([0, -5, 1.5, 600_001, 'long'])('rejects ms %j in plain words', (ms) => {
    expect(bad(ms)).toMatch(/ms must be a whole number of virtual ms from 1 to 600000/);
  });
  it('says a pause needs its length', () => {
    expect(bad(undefined)).toMatch(/a pause needs ms/);
  });
  it('accepts a pause of the leader or a role', () => {
    expect(scenario([{ at: 1, action: 'pause', node: 'leader', ms: 800 }]).timeline[0]).toEqual({ at: 1, action: 'pause', node: 'leader', ms: 800 });
  });
});
