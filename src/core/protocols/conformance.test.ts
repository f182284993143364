/**
 * Conformance over the registry: every registered protocol must declare every part of its plugin
 * (plugin.ts) and work everywhere generic code uses it: a headless run, seek and replay, a share
 * link, the fuzzer with its own knobs and checker, its teaching bugs caught, trace export. A
 * protocol that forgets a part fails here, with a message naming the part. Worker hosts giving the
 * same trace as in-thread hosts is checked for every example of every protocol in
 * src/workers/determinism.test.ts; the UI's side in src/ui/protocols/conformance.test.ts and the
 * e2e spec e2e/conformance.spec.mjs.
 */
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { chaosScenario } from '../chaos/scenarios';
import { checkScenario, fuzzSeed } from '../check/fuzz';
import { Rng } from '../prng';
import { exampleIds, example, defaultScenario } from '../scenario/examples';
import { parseScenario } from '../scenario/schema';
import { decodeShare, encodeShare } from '../scenario/share';
import type { Scenario } from '../scenario/types';
import { advanceSync, LocalHosts, runScenario } from '../sim/run';
import { Simulation } from '../sim/simulation';
import type { TraceRecord } from '../trace';
import { traceLine } from '../trace-json';
import { TimeMachine, nodeSnapshots } from '../travel/machine';
import { replayTrace } from '../travel/replay-trace';
import { PROTOCOLS } from './registry';

const NAMES = Object.keys(PROTOCOLS);

/** traceOf runs `scenario` headless and gives its trace. */
function traceOf(scenario: Scenario): TraceRecord[] {
  const out: TraceRecord[] = [];
  runScenario(scenario, { trace: (r) => out.push(r) });
  return out;
}

/** short gives `scenario` cut to `ms` virtual ms, for the costlier checks. */
const short = (scenario: Scenario, ms: number): Scenario => ({ ...scenario, until: Math.min(scenario.until, ms), timeline: scenario.timeline.filter((a) => a.at < ms) });

describe.each(NAMES)('protocol %s conforms to the plugin contract', (name) => {
  const entry = PROTOCOLS[name]!;
  const p = entry.protocol;
  const ids = () => entry.examples().flatMap((set) => Object.keys(set.examples));

  it('declares its name, title, roles, message types, records and node actions', () => {
    expect(p.name, 'Protocol.name must equal its registry key').toBe(name);
    expect(entry.title, 'ProtocolEntry.title').not.toBe('');
    expect(entry.description, 'ProtocolEntry.description (the protocol menu tooltip)').toBeTruthy();
    expect(p.roles?.length, 'Protocol.roles (for breakpoints, role:R faults and the legend)').toBeGreaterThan(0);
    expect(p.messageTypes?.length, 'Protocol.messageTypes (for breakpoints and filters)').toBeGreaterThan(0);
    expect(p.recordKinds, 'Protocol.recordKinds (an empty list when it emits no records)').toBeDefined();
    const actions = p.nodeActions ?? [];
    expect(new Set(actions.map((a) => a.id)).size, 'Protocol.nodeActions ids are unique').toBe(actions.length);
    expect(p.safety.properties.length, 'Protocol.safety.properties (the lamps)').toBeGreaterThan(0);
  });

  it('declares its config defaults, its cluster sizes and chaos knobs', () => {
    expect(v.safeParse(entry.configSchema, {}).success, 'configSchema must accept {} (every field has a default)').toBe(true);
    const [lo, hi] = entry.nodeRange ?? [1, Infinity];
    expect(entry.defaultNodes, 'defaultNodes within nodeRange').toBeGreaterThanOrEqual(lo);
    expect(entry.defaultNodes, 'defaultNodes within nodeRange').toBeLessThanOrEqual(hi);
    expect(entry.chaos.sizes.length, 'chaos.sizes').toBeGreaterThan(0);
    const nodes = Array.from({ length: entry.chaos.sizes[0]! }, (_, i) => `n${i + 1}`);
    const knobs = entry.chaos.knobs(1, nodes);
    expect(entry.chaos.knobs(1, nodes), 'chaos.knobs is deterministic in its seed').toEqual(knobs);
    expect(v.safeParse(entry.configSchema, knobs).success, 'chaos.knobs gives a valid config').toBe(true);
  });

  it('declares its client ops: schema, example, words and a seeded workload', () => {
    expect(entry.ops.names.length, 'ops.names').toBeGreaterThan(0);
    expect(v.safeParse(entry.ops.schema, entry.ops.example).success, 'ops.example passes ops.schema').toBe(true);
    expect(v.safeParse(entry.ops.schema, { f: 'no-such-op' }).success, 'ops.schema refuses an unknown op').toBe(false);
    expect(entry.ops.describe(entry.ops.example), 'ops.describe').toMatch(/\S/);
    const w = entry.ops.workload(3, { startMs: 100, endMs: 3000, ratePerSecond: 5, clients: ['c1', 'c2'], keys: ['x', 'y'] });
    expect(w.length, 'ops.workload draws requests').toBeGreaterThan(0);
    expect(entry.ops.workload(3, { startMs: 100, endMs: 3000, ratePerSecond: 5, clients: ['c1', 'c2'], keys: ['x', 'y'] }), 'ops.workload is deterministic').toEqual(w);
    for (const a of w) {
      expect(a.action).toBe('request');
      if (a.action === 'request') expect(v.safeParse(entry.ops.schema, a.op).success, `workload op ${JSON.stringify(a.op)} passes ops.schema`).toBe(true);
    }
  });

  it('declares its consistency model and examples', () => {
    const c = entry.consistency;
    for (const f of ['id', 'title', 'description', 'source'] as const) expect(c[f], `consistency.${f}`).toMatch(/\S/);
    expect(ids().length, 'examples() lists at least one example').toBeGreaterThan(0);
    for (const id of ids()) expect(example(id).protocol, `example ${id} runs ${name}`).toBe(name);
  });

  it('runs headless: its default scenario and every example end clean, with an end record', () => {
    for (const scenario of [defaultScenario(undefined, 7, name), ...ids().map((id) => example(id)).filter((s) => !(s.config as { bugs?: unknown[] }).bugs?.length)]) {
      const trace = traceOf(short(scenario, 20_000));
      expect(trace[0]?.type).toBe('header');
      expect(trace.at(-1)?.type, `${scenario.name ?? 'default'} ends with an end record`).toBe('end');
    }
    const r = checkScenario(defaultScenario(undefined, 7, name));
    expect(r.failure, `the default ${name} scenario passes every check`).toBeNull();
    expect(r.consistency?.verdict, `the default ${name} scenario's consistency verdict`).not.toBe('fail');
  });

  it('seeks and replays: a seek lands in the state a straight run reaches, and the replayed trace equals the recorded one', () => {
    const scenario = chaosScenario(5, { protocol: name, durationMs: 3000 });
    const recordedTrace: TraceRecord[] = [];
    const sim = new Simulation(scenario, { trace: (r) => recordedTrace.push(r) });
    const hosts = new LocalHosts(sim.scenario);
    const machine = new TimeMachine<null>({ everyEvents: 100, max: 8 });
    machine.capture(sim, () => nodeSnapshots(hosts), () => null, true);
    const rng = Rng.derive(5, 'conformance');
    while (sim.nextEventTime <= scenario.until) {
      for (let i = rng.int(1, 300); i > 0 && sim.nextEventTime <= scenario.until; i--) if (sim.runLocal(hosts.step, scenario.until, 1)) machine.noteEvent(sim.now);
      machine.capture(sim, () => nodeSnapshots(hosts), () => null);
    }
    const total = sim.eventsProcessed;
    expect(total, 'the chaos run handles events').toBeGreaterThan(50);
    const recorded = recordedTrace.map(traceLine); // a seek replays events through the same sink: keep the straight run's
    const lastT = recordedTrace.at(-1)!.t;
    const target = Math.floor(total / 2);
    const seeked = machine.seek(sim, target);
    const straight = new Simulation(scenario);
    const straightHosts = new LocalHosts(straight.scenario);
    advanceSync(straight, straightHosts, { until: Infinity, maxEvents: target });
    for (const id of scenario.nodes) {
      expect(sim.summary(id), `${id}'s summary after a seek`).toEqual(straight.summary(id));
      expect(seeked.nodes.get(id)!.snapshot(), `${id}'s state after a seek`).toEqual(straightHosts.nodes.get(id)!.snapshot());
    }
    const replayed = replayTrace(scenario, total, lastT);
    expect(replayed.map(traceLine), 'Export trace (replayTrace) gives the recorded trace').toEqual(recorded);
  });

  it('round-trips through a share link, example and chaos scenario alike', () => {
    for (const s of [example(ids()[0]!), chaosScenario(9, { protocol: name, durationMs: 5000 })]) {
      const back = decodeShare(encodeShare(s, { events: 10, t: 100 }));
      expect(back.scenario).toEqual(s);
      expect(parseScenario(JSON.parse(JSON.stringify(back.scenario)))).toEqual(s);
    }
  });

  it('fuzzes with its own knobs and checker: seeded chaos runs pass every check', () => {
    for (let seed = 1; seed <= 3; seed++) {
      const o = fuzzSeed(seed, { protocol: name, durationMs: 9000 });
      expect(o.failure, `${name} chaos seed ${seed}`).toBeNull();
      expect(o.consistency, `${name} chaos seed ${seed}: ${entry.consistency.id}`).not.toBe('fail');
      expect(o.ops.submitted, `${name} chaos seed ${seed} sends client traffic`).toBeGreaterThan(0);
    }
  });

  it('has an example per teaching bug, in which the checks catch it, and that runs clean without it', () => {
    for (const bug of p.teachingBugs) {
      const id = exampleIds().find((x) => {
        const s = example(x);
        return s.protocol === name && ((s.config as { bugs?: string[] }).bugs ?? []).includes(bug.id);
      });
      expect(id, `teaching bug ${bug.id} has an example with config.bugs = ["${bug.id}"]`).toBeDefined();
      const s = example(id!);
      expect(checkScenario(s).failure, `example ${id} with bug ${bug.id} on is caught`).not.toBeNull();
      const clean = parseScenario({ ...s, config: { ...s.config, bugs: [] } });
      expect(checkScenario(clean).failure, `example ${id} with bug ${bug.id} off runs clean`).toBeNull();
    }
  });

  it('exports its trace: every record serialises as JSON.stringify does', () => {
    const trace = traceOf(short(chaosScenario(4, { protocol: name, durationMs: 4000 }), 4000));
    expect(trace.length).toBeGreaterThan(10);
    for (const r of trace) expect(traceLine(r)).toBe(JSON.stringify(r));
    for (const r of trace) if (r.type === 'record') expect((p.recordKinds ?? []).map((k) => k.kind), `record kind ${r.kind} is declared in recordKinds`).toContain(r.kind);
  });
});
