/**
 * The timeline's `byzantine` action: the simulator hands nodes to the adversary and back through
 * `behave` inputs, colluders learn of each other, a crashed node learns its part after its restart,
 * checkpoints keep the adversary, and protocols without behaviours refuse the action by name.
 */
import { describe, expect, it } from 'vitest';
import { actionText } from '../describe';
import type { PbftState } from '../protocols/pbft';
import { parseAction, parseScenario, ScenarioError } from '../scenario/schema';
import type { TraceRecord } from '../trace';
import { advanceSync, LocalHosts } from './run';
import { Simulation } from './simulation';

const pbftScenario = (timeline: unknown[], config: Record<string, unknown> = {}) =>
  parseScenario({ version: 1, protocol: 'pbft', seed: 3, nodes: 4, until: 4000, config, timeline });

function run(sc: ReturnType<typeof parseScenario>, until: number) {
  const trace: TraceRecord[] = [];
  const sim = new Simulation(sc, { trace: (r) => trace.push(r) });
  const hosts = new LocalHosts(sc);
  advanceSync(sim, hosts, { until: until });
  return { sim, hosts, trace, state: (id: string) => hosts.state(id) as PbftState };
}

describe('the byzantine action', () => {
  it('switches a replica mid-run, and back to honest; the trace says so', () => {
    const sc = pbftScenario([
      { at: 100, action: 'byzantine', node: 'n3', behaviour: 'forge' },
      { at: 200, action: 'request', client: 'c1', node: 'n2', op: { f: 'put', key: 'x', value: '1' } },
      { at: 900, action: 'byzantine', node: 'n3', behaviour: 'honest' },
    ]);
    const r = run(sc, 500);
    expect(r.state('n3').behaviour).toBe('forge');
    expect(r.state('n3').adversary).toEqual({ n3: 'forge' });
    expect(r.sim.byzantine()).toEqual({ n3: 'forge' });
    // Honest replicas are never told who is faulty: they find out.
    expect(r.state('n1').behaviour).toBeNull();
    expect(r.state('n1').adversary).toEqual({});
    expect(Object.keys(r.state('n1').suspects)).toContain('n3');
    advanceSync(r.sim, r.hosts, { until: 1000 });
    expect(r.state('n3').behaviour).toBeNull();
    expect(r.sim.byzantine()).toEqual({});
    const faults = r.trace.filter((t) => t.type === 'fault' && t.action === 'byzantine');
    expect(faults.map((f) => (f as Record<string, unknown>).behaviour)).toEqual(['forge', 'honest']);
    // Each switch is said once, by the action's own record: no note repeats it.
    const said = r.trace.map((t) => (t.type === 'fault' ? actionText(t) : t.type === 'note' ? t.text : '')).filter((x) => /Byzantine|honest again/.test(x));
    expect(said).toEqual(['n3 turns Byzantine: forge', 'n3 is honest again']);
  });

  it('resolves `leader` to the primary, and tells colluders of each other', () => {
    const sc = pbftScenario([{ at: 100, action: 'byzantine', node: 'leader', behaviour: 'equivocate' }], { byzantine: { n4: 'replay' } });
    const r = run(sc, 300);
    expect(r.trace.find((t) => t.type === 'fault' && t.action === 'byzantine')).toMatchObject({ node: 'n1', ref: 'leader' });
    expect(r.state('n1').adversary).toEqual({ n1: 'equivocate', n4: 'replay' });
    expect(r.state('n4').adversary).toEqual({ n1: 'equivocate', n4: 'replay' });
    expect(r.state('n4').behaviour).toBe('replay');
  });

  it('a crashed replica learns its behaviour right after its restart', () => {
    const sc = pbftScenario([
      { at: 100, action: 'crash', node: 'n2' },
      { at: 200, action: 'byzantine', node: 'n2', behaviour: 'silent' },
      { at: 300, action: 'restart', node: 'n2' },
    ]);
    const r = run(sc, 250);
    expect(r.sim.byzantine()).toEqual({ n2: 'silent' });
    expect(r.state('n2').behaviour).toBeNull(); // still down: not told yet
    advanceSync(r.sim, r.hosts, { until: 350 });
    expect(r.state('n2').behaviour).toBe('silent');
  });

  it('a checkpoint keeps the adversary: restoring replays the same switches', () => {
    const sc = pbftScenario([
      { at: 100, action: 'crash', node: 'n2' },
      { at: 200, action: 'byzantine', node: 'n2', behaviour: 'wrong-digest' },
      { at: 400, action: 'restart', node: 'n2' },
      { at: 500, action: 'byzantine', node: 'n4', behaviour: 'slow' },
    ]);
    const a = run(sc, 300);
    const snap = a.sim.snapshot();
    const nodes = Object.fromEntries(sc.nodes.map((id) => [id, a.hosts.nodes.get(id)!.snapshot()]));
    advanceSync(a.sim, a.hosts, { until: 800 });
    const straight = a.sim.byzantine();
    a.sim.restore(snap);
    for (const id of sc.nodes) a.hosts.nodes.get(id)!.restore(nodes[id]!);
    expect(a.sim.byzantine()).toEqual({ n2: 'wrong-digest' });
    advanceSync(a.sim, a.hosts, { until: 800 });
    expect(a.sim.byzantine()).toEqual(straight);
    expect(straight).toEqual({ n2: 'wrong-digest', n4: 'slow' });
    expect(a.state('n2').adversary).toEqual(straight);
  });

  it('is refused by name for a protocol without behaviours, or an unknown behaviour', () => {
    const ids = ['n1', 'n2', 'n3'];
    expect(() => parseAction({ at: 1, action: 'byzantine', node: 'n1', behaviour: 'silent' }, ids, 'raft')).toThrow(/raft assumes crash faults only/);
    expect(() => parseAction({ at: 1, action: 'byzantine', node: 'n1', behaviour: 'lie' }, ids, 'pbft')).toThrow(/unknown Byzantine behaviour "lie" for pbft \(known: honest, silent, equivocate/);
    expect(parseAction({ at: 1, action: 'byzantine', node: 'leader', behaviour: 'honest' }, ids, 'pbft')).toEqual({ at: 1, action: 'byzantine', node: 'leader', behaviour: 'honest' });
    try {
      pbftScenario([{ at: 5, action: 'byzantine', node: 'n1', behaviour: 'sneaky' }]);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ScenarioError);
      expect((e as ScenarioError).message).toBe('invalid scenario: timeline[0] (at 5 ms): unknown Byzantine behaviour "sneaky" for pbft (known: honest, silent, equivocate, wrong-digest, wrong-result, replay, forge, slow)');
      expect((e as ScenarioError).issues).toEqual([{ path: 'timeline.0.behaviour', message: expect.stringMatching(/^timeline\[0\] \(at 5 ms\): unknown Byzantine behaviour "sneaky"/) }]);
    }
  });
});
