/**
 * Determinism across drivers and hosts: a scenario's trace is the same record for record whether
 * its nodes run in this thread (runScenario), behind the asynchronous driver (runScenarioAsync over
 * LocalHosts), or in worker_threads (createThreadHosts); whether it is played in big windows or
 * stepped one event at a time; and whether a user action was made live or replayed from the
 * recorded scenario.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { NodeDetail } from '../core/protocol';
import { example, exampleIds } from '../core/scenario/examples';
import { parseScenario } from '../core/scenario/schema';
import type { Scenario } from '../core/scenario/types';
import { advanceAsync, advanceSync, LocalHosts, runScenario, runScenarioAsync, type AsyncHosts } from '../core/sim/run';
import { Simulation } from '../core/sim/simulation';
import type { TraceRecord } from '../core/trace';
import type { NodeId } from '../core/types';
import { createThreadHosts, type ThreadHosts } from './thread-hosts';

/** Captured is a trace kept two ways: the records themselves, and each serialised when emitted. */
interface Captured {
  records: TraceRecord[];
  lines: string[];
}

function capture(): Captured & { sink: (r: TraceRecord) => void } {
  const records: TraceRecord[] = [];
  const lines: string[] = [];
  return { records, lines, sink: (r) => void (records.push(r), lines.push(JSON.stringify(r))) };
}

/** expectSame checks two traces are identical: deep-equal records and equal JSON text. */
function expectSame(actual: Captured, expected: Captured): void {
  expect(actual.lines.length).toBe(expected.lines.length);
  // Line by line first, so a failure names the first record that differs.
  for (let i = 0; i < expected.lines.length; i++) {
    if (actual.lines[i] !== expected.lines[i]) expect({ i, line: actual.lines[i] }).toEqual({ i, line: expected.lines[i] });
  }
  expect(actual.lines.join('\n')).toBe(expected.lines.join('\n'));
  expect(actual.records).toEqual(expected.records);
}

/** chaosScenario is a random-ish scenario: loss, duplication, partitions, crashes, link changes, forced timeouts. */
function chaosScenario(): Scenario {
  let x = 0x2545f491;
  const rand = (n: number) => {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    return (x >>> 8) % n;
  };
  const timeline: Record<string, unknown>[] = [];
  for (let at = 300; at < 7500; at += 60 + rand(120)) {
    const key = `k${rand(4)}`;
    const f = ['get', 'put', 'append', 'cas'][rand(4)]!;
    const op = f === 'get' ? { f, key } : f === 'cas' ? { f, key, expected: String(rand(5)), value: String(rand(5)) } : { f, key, value: String(at) };
    timeline.push({ at, action: 'request', client: `c${1 + rand(4)}`, op, ...(rand(5) === 0 ? { node: `n${1 + rand(5)}` } : {}) });
  }
  timeline.push(
    { at: 1200, action: 'partition', groups: [['n1', 'n2'], ['n3', 'n4', 'n5']] },
    { at: 2400, action: 'heal' },
    { at: 2600, action: 'crash', node: 'leader' },
    { at: 2900, action: 'crash', node: 'n2' },
    { at: 3700, action: 'restart', node: 'n2' },
    { at: 4200, action: 'restart' },
    { at: 4500, action: 'isolate', node: 'leader' },
    { at: 4600, action: 'link', from: 'n3', to: 'n4', latencyMs: [40, 90], loss: 0.5, duplicate: 0.3 },
    { at: 4700, action: 'link', from: 'n4', to: 'n5', cut: true },
    { at: 5600, action: 'heal' },
    { at: 5800, action: 'timeout', node: 'n3' },
    { at: 6100, action: 'crash', node: 'leader' },
    { at: 6900, action: 'restart', node: 'leader' },
  );
  return parseScenario({
    version: 1, protocol: 'raft', seed: 424242, nodes: 5, until: 8000,
    config: { electionTimeoutMs: [120, 240], heartbeatMs: 40 },
    network: { latencyMs: [5, 40], loss: 0.1, duplicate: 0.1 },
    clients: { timeoutMs: 400 },
    timeline,
  });
}

const SCENARIOS: [string, () => Scenario][] = [...exampleIds().map((id): [string, () => Scenario] => [id, () => example(id)]), ['mixed-faults', chaosScenario]];

/** inThread is the reference run: runScenario, every node in this thread. */
function inThread(s: Scenario): Captured {
  const c = capture();
  runScenario(s, { trace: c.sink });
  return c;
}

/** asyncLocal wraps LocalHosts as AsyncHosts, answering on a later microtask. */
function asyncLocal(s: Scenario): AsyncHosts {
  const local = new LocalHosts(s);
  return {
    run: async (calls) => local.run(calls),
    inspect: async (id) => local.inspect(id),
  };
}

/** finishLikeRun ends a manually driven run exactly as run.ts's finishRun does. */
function finishLikeRun(sim: Simulation, hosts: LocalHosts): void {
  if (!sim.stopped) sim.advanceTo(sim.scenario.until);
  sim.finish();
  const logs: Record<NodeId, Pick<NodeDetail, 'log' | 'snapshot'>> = {};
  for (const id of sim.scenario.nodes) logs[id] = hosts.inspect(id);
  sim.emitEnd(logs);
}

// One set of threads per node list and pool size, re-booted for each run (starting threads costs
// ~0.3 s each). `threads` undefined is the default pool; a number fixes it (one per node: s.nodes.length).
/** MAX_THREADS bounds the threads one scenario starts here. */
const MAX_THREADS = 8;
const threadHosts = new Map<string, Promise<ThreadHosts>>();
async function threadsFor(s: Scenario, threads?: number): Promise<ThreadHosts> {
  const key = `${s.nodes.join(',')}/${threads ?? 'default'}`;
  let h = threadHosts.get(key);
  if (!h) threadHosts.set(key, (h = createThreadHosts(s, threads === undefined ? {} : { threads })));
  const hosts = await h;
  await hosts.reboot(s);
  return hosts;
}
afterAll(async () => {
  for (const h of threadHosts.values()) (await h).terminate();
});

const reference = new Map<string, Captured>();
function referenceOf(name: string, make: () => Scenario): Captured {
  let r = reference.get(name);
  if (!r) reference.set(name, (r = inThread(make())));
  return r;
}

describe.each(SCENARIOS)('scenario %s', (name, make) => {
  it('runs the same twice in-thread, and the trace is non-trivial', () => {
    const ref = referenceOf(name, make);
    expectSame(inThread(make()), ref);
    expect(ref.records[0]!.type).toBe('header');
    expect(ref.records.at(-1)!.type).toBe('end');
    expect(ref.records.filter((r) => r.type === 'deliver').length).toBeGreaterThan(20);
  });

  it('gives the same trace through runScenarioAsync over async LocalHosts', async () => {
    const s = make();
    const c = capture();
    await runScenarioAsync(s, asyncLocal(s), { trace: c.sink });
    expectSame(c, referenceOf(name, make));
  });

  it('gives the same trace with every node in its own worker_thread (a cluster beyond 8 nodes dealt over 8)', async () => {
    const s = make();
    // A thread per node of a 100-node gossip cluster would start 100 tsx threads (gigabytes): the
    // browser pools such clusters too, and the pool of two below covers every size.
    const hosts = await threadsFor(s, Math.min(s.nodes.length, MAX_THREADS));
    const c = capture();
    await runScenarioAsync(s, hosts, { trace: c.sink });
    expectSame(c, referenceOf(name, make));
  });

  it('gives the same trace with the nodes dealt over a pool of two worker_threads', async () => {
    const s = make();
    const hosts = await threadsFor(s, 2);
    const c = capture();
    await runScenarioAsync(s, hosts, { trace: c.sink });
    expectSame(c, referenceOf(name, make));
  });

  // Run ahead (flat out in the browser, one worker hosting every node): the worker keeps a copy of
  // the scheduler; window-by-window steps in between make the page send it again. Clusters beyond
  // 12 nodes are pooled in the browser too, but their run here takes a minute: left to the pool tests.
  if (make().nodes.length <= 12) it('gives the same trace run ahead in uneven batches by one worker_thread, with windows between some', async () => {
    const s = make();
    const hosts = await threadsFor(s, 1);
    const c = capture();
    const sim = new Simulation(s, { trace: c.sink });
    let batches = 0;
    for (;;) {
      const n = await hosts.runAhead(sim, s.until, 3 + (batches % 7) * 9);
      if (n === 0) break;
      // Every fifth batch, a few windows: the worker's copy falls behind and is sent again.
      if (++batches % 5 === 0) await advanceAsync(sim, hosts, { until: s.until, maxEvents: 4 });
    }
    expect(batches).toBeGreaterThan(3);
    if (!sim.stopped) sim.advanceTo(s.until);
    sim.finish();
    const logs: Record<NodeId, Pick<NodeDetail, 'log' | 'snapshot'>> = {};
    for (const id of sim.scenario.nodes) logs[id] = await hosts.inspect(id);
    sim.emitEnd(logs);
    expectSame(c, referenceOf(name, make));
  });

  it('gives the same trace stepped one event per window', () => {
    const s = make();
    const c = capture();
    const sim = new Simulation(s, { trace: c.sink });
    const hosts = new LocalHosts(sim.scenario);
    let windows = 0;
    for (;;) {
      const before = sim.eventsProcessed;
      const w = sim.nextWindow(s.until, 1);
      if (!w) break;
      sim.commitWindow(w, hosts.run(w.calls));
      expect(sim.eventsProcessed - before).toBeLessThanOrEqual(1);
      windows++;
    }
    expect(windows).toBeGreaterThanOrEqual(sim.eventsProcessed);
    finishLikeRun(sim, hosts);
    expectSame(c, referenceOf(name, make));
  });

  it('gives the same trace played in uneven slices (pause, resume, small budgets)', () => {
    const s = make();
    const c = capture();
    const sim = new Simulation(s, { trace: c.sink });
    const hosts = new LocalHosts(sim.scenario);
    let i = 0;
    for (let until = 0; until < s.until + 50; until += 37) {
      // Alternate an event budget (a UI frame at a set speed) with a whole slice of virtual time.
      advanceSync(sim, hosts, { until: Math.min(until, s.until), ...(i++ % 2 ? { maxEvents: 3 } : {}) });
      if (i % 5 === 0) advanceSync(sim, hosts, { until: Math.min(until, s.until) });
      sim.advanceTo(Math.min(until, s.until));
    }
    advanceSync(sim, hosts, { until: s.until });
    finishLikeRun(sim, hosts);
    expectSame(c, referenceOf(name, make));
  });
});

describe('live actions', () => {
  it('run ahead sends the scheduler again after an action made between batches, and the run equals the in-thread one', async () => {
    const base = example('crash-restart');
    const sim = new Simulation(base);
    const hosts = await threadsFor(base, 1);
    while (sim.eventsProcessed < 400) await hosts.runAhead(sim, base.until, 50);
    const at = sim.eventsProcessed;
    sim.act({ action: 'crash', node: 'leader' });
    while ((await hosts.runAhead(sim, base.until, 64)) > 0);
    const ahead = capture();
    runScenario(sim.scenario, { trace: ahead.sink });

    const ref = new Simulation(base);
    const local = new LocalHosts(ref.scenario);
    advanceSync(ref, local, { until: Infinity, maxEvents: at });
    ref.act({ action: 'crash', node: 'leader' });
    advanceSync(ref, local, { until: base.until });
    expect(ref.scenario.timeline).toEqual(sim.scenario.timeline);
    expect(sim.eventsProcessed).toBe(ref.eventsProcessed);
    for (const id of base.nodes) expect((await hosts.inspect(id)).log).toEqual(local.inspect(id).log);
    const replay = capture();
    runScenario(ref.scenario, { trace: replay.sink });
    expectSame(ahead, replay);
  });

  it('a run with actions made mid-run replays identically from the recorded scenario', () => {
    const base = example('crash-restart');
    const live = capture();
    const sim = new Simulation(base, { trace: live.sink });
    const hosts = new LocalHosts(sim.scenario);
    advanceSync(sim, hosts, { until: 2200 });
    const crash = sim.act({ action: 'crash', node: 'leader' });
    advanceSync(sim, hosts, { until: 2900 });
    sim.act({ action: 'request', client: 'live', op: { f: 'put', key: 'y', value: 'live' } });
    advanceSync(sim, hosts, { until: 3333 });
    sim.act({ action: 'partition', groups: [['n1', 'n2']] });
    advanceSync(sim, hosts, { until: 3900 });
    sim.act({ action: 'heal' });
    sim.act({ action: 'restart' });
    advanceSync(sim, hosts, { until: base.until });
    finishLikeRun(sim, hosts);

    expect(crash.at).toBeGreaterThan(2000);
    expect(sim.scenario.timeline.length).toBe(base.timeline.length + 5);
    expect(base.timeline.length).toBe(example('crash-restart').timeline.length); // the input scenario is untouched
    const faults = live.records.filter((r) => r.type === 'fault');
    expect(faults.length).toBeGreaterThanOrEqual(base.timeline.filter((a) => a.action !== 'request').length + 4);

    // The header is emitted at t=0, before the live actions exist: compare it apart.
    const body = (c: Captured): Captured => ({ records: c.records.slice(1), lines: c.lines.slice(1) });
    const replay = capture();
    runScenario(sim.scenario, { trace: replay.sink });
    expectSame(body(replay), body(live));
    expect(replay.records[0]).toEqual({ t: 0, type: 'header', scenario: sim.scenario });

    // The share-URL path: the recorded scenario through JSON and parseScenario replays the same,
    // to the JSON text: act() validates each action with the scenario schema, so a live action has
    // the same fields in the same order as its replay, and the live timeline stays normalised.
    const reparsed = parseScenario(JSON.parse(JSON.stringify(sim.scenario)));
    expect(JSON.stringify(reparsed)).toBe(JSON.stringify(sim.scenario));
    const shared = capture();
    runScenario(reparsed, { trace: shared.sink });
    expectSame(shared, { records: [shared.records[0]!, ...live.records.slice(1)], lines: [shared.lines[0]!, ...live.lines.slice(1)] });
  });
});

/**
 * bigCluster is a 50-node Raft run with client load, a partition, a crash and a restart. The
 * playground's schema may cap clusters below 50 (SCENARIO_LIMITS.maxNodes); the core has no such
 * limit, so the scenario is parsed with 5 nodes and widened to 50 ids.
 */
function bigCluster(nodes: number): Scenario {
  const ids = Array.from({ length: nodes }, (_, i) => `n${i + 1}`);
  const timeline: Record<string, unknown>[] = [];
  for (let at = 400; at < 2500; at += 50) timeline.push({ at, action: 'request', client: `c${(at / 50) % 5}`, op: { f: 'put', key: `k${at % 3}`, value: String(at) } });
  timeline.push(
    { at: 900, action: 'partition', groups: [['n1', 'n2', 'n3']] },
    { at: 1300, action: 'heal' },
    { at: 1500, action: 'crash', node: 'leader' },
    { at: 2100, action: 'restart' },
  );
  const small = parseScenario({ version: 1, protocol: 'raft', seed: 5050, nodes: 5, until: 3000, network: { latencyMs: [5, 20], loss: 0.02, duplicate: 0.01 }, timeline });
  return { ...small, nodes: ids };
}

describe('a 50-node cluster on a pool of worker_threads', () => {
  it('gives the trace of the in-thread run, with three threads hosting about 17 nodes each', async () => {
    const s = bigCluster(50);
    const ref = inThread(s);
    expect(ref.records.filter((r) => r.type === 'deliver').length).toBeGreaterThan(1000);
    // Every node took part: each one received something.
    const receivers = new Set(ref.records.flatMap((r) => (r.type === 'deliver' ? [r.to] : [])));
    expect(receivers.size).toBe(50);
    const hosts = await threadsFor(s, 3);
    expect(hosts.workers).toBe(3);
    const c = capture();
    await runScenarioAsync(s, hosts, { trace: c.sink });
    expectSame(c, ref);
  }, 60_000);
});
