/**
 * Whole PBFT clusters through the scenario schema, the simulator and the bus, with the safety
 * monitor checking every event: client requests complete with the right results, f Byzantine
 * replicas of each behaviour neither break Agreement nor stop progress, and honest replicas catch
 * the liars they can catch.
 */
import { describe, expect, it } from 'vitest';
import { BEHAVIOURS, type Behaviour } from './config';
import { pbftExample } from './examples';
import { getAt, putAt, runCluster, scenario, type ClusterRun } from './testkit';

/** honest lists the replicas not configured Byzantine. */
const honest = (r: ClusterRun) => r.run.sim.scenario.nodes.filter((id) => r.state(id).behaviour === null);

/** okResults maps each ok client record to `client op → result`. */
const okResults = (r: ClusterRun) => r.clients('ok').map((c) => `${c.client} ${c.op.f} ${c.op.key} → ${JSON.stringify(c.result ?? null)}`);

describe('PBFT clusters: normal operation', () => {
  it.each([4, 7])('§4.2 on %i replicas every request completes with the right result and every replica executes the same', (nodes) => {
    const r = runCluster(scenario({
      nodes,
      timeline: [
        putAt(100, 'c1', 'x', 'a', 'n2'),
        { at: 400, action: 'request', client: 'c2', op: { f: 'append', key: 'x', value: 'b' }, node: 'n3' },
        { at: 800, action: 'request', client: 'c3', op: { f: 'cas', key: 'x', expected: 'ab', value: 'abc' } },
        getAt(1200, 'c1', 'x'),
        { at: 1600, action: 'request', client: 'c2', op: { f: 'cas', key: 'x', expected: 'zz', value: 'no' } },
      ],
    }));
    expect(r.run.found).toEqual([]);
    expect(okResults(r)).toEqual(['c1 put x → null', 'c2 append x → null', 'c3 cas x → null', 'c1 get x → "abc"']);
    expect(r.clients('fail').map((c) => c.result)).toEqual(['cas mismatch: expected "zz", found "abc"']);
    const kvs = r.run.sim.scenario.nodes.map((id) => JSON.stringify(r.run.hosts.inspect(id).kv));
    expect(new Set(kvs)).toEqual(new Set(['{"x":"abc"}']));
    for (const id of r.run.sim.scenario.nodes) expect(r.state(id)).toMatchObject({ view: 0, status: 'normal', lastExecuted: 5, suspects: {} });
  });

  it.each([1, 2, 3, 5, 10])('any cluster size works: %i replicas, quorums of ⌈(n+f+1)/2⌉, through a forced view change', (nodes) => {
    const r = runCluster(scenario({
      nodes, until: 4000,
      timeline: [putAt(100, 'c1', 'x', '1', 'n1'), putAt(200, 'c2', 'x', '2'), getAt(1000, 'c1', 'x'), { at: 1200, action: 'timeout', node: 'n1' }, putAt(1300, 'c3', 'y', '3')],
    }));
    expect(r.run.found).toEqual([]);
    expect(okResults(r)).toEqual(['c1 put x → null', 'c2 put x → null', 'c1 get x → "2"', 'c3 put y → null']);
    for (const id of r.run.sim.scenario.nodes) expect(r.state(id)).toMatchObject({ view: 1, status: 'normal', lastExecuted: 4 });
  });

  it('§4.2 the three-phases example: a request sent to a backup is relayed and answered after f+1 matching replies', () => {
    const r = runCluster(pbftExample('pbft-normal-case'));
    expect(r.run.found).toEqual([]);
    expect(okResults(r)).toEqual(['c1 put x → null', 'c2 append x → null', 'c1 get x → "12"']);
    const types = new Set(r.trace.filter((t) => t.type === 'send').map((t) => (t as { msg: { type: string } }).msg.type));
    expect(types).toEqual(new Set(['Request', 'PrePrepare', 'Prepare', 'Commit', 'Reply']));
  });

  it('§4.3 many requests move the water marks: checkpoints become stable and the log stays within L', () => {
    const timeline = Array.from({ length: 30 }, (_, i) => putAt(100 + i * 40, `c${(i % 5) + 1}`, `k${i}`, String(i)));
    const r = runCluster(scenario({ nodes: 4, until: 8000, config: { checkpointInterval: 4, logWindow: 8 }, timeline }));
    expect(r.run.found).toEqual([]);
    expect(r.clients('ok')).toHaveLength(30);
    for (const id of ['n1', 'n2', 'n3', 'n4']) {
      const s = r.state(id);
      expect(s.lastExecuted).toBe(30);
      expect(s.stable.seq).toBe(28);
      expect(Math.max(...s.log.keys())).toBeLessThanOrEqual(s.stable.seq + 8);
      expect(Math.min(...s.log.keys())).toBeGreaterThan(s.stable.seq);
    }
  });

  it('§4.4 a silent primary: the backups change view and the new primary finishes the pending requests', () => {
    const r = runCluster(pbftExample('pbft-silent-primary'));
    expect(r.run.found).toEqual([]);
    expect(okResults(r)).toEqual(['c1 put x → null', 'c2 put y → null', 'c1 get x → "1"']);
    for (const id of ['n2', 'n3', 'n4']) expect(r.state(id)).toMatchObject({ view: 1, status: 'normal', lastExecuted: 3 });
    expect(r.notes()).toContain('n2 is the new primary of view 1: NewView with 3 view changes, re-issuing nothing');
  });

  it('§4.4 a slow primary: its pre-prepares come too late, the backups’ timers fire and view 1 finishes the requests', () => {
    const r = runCluster(scenario({ config: { byzantine: { n1: 'slow' }, slowPrimaryMs: 1500 }, timeline: [putAt(100, 'c1', 'x', '1', 'n2'), putAt(150, 'c2', 'y', '1', 'n3')] }));
    expect(r.run.found).toEqual([]);
    expect(r.clients('ok')).toHaveLength(2);
    expect(r.notes().some((n) => /waited 500 ms for .* it suspects primary n1 is faulty/.test(n))).toBe(true);
    expect(r.state('n2')).toMatchObject({ view: 1, status: 'normal' });
    // The ok came well before the slow primary would have sent its pre-prepares.
    expect(Math.max(...r.clients('ok').map((c) => c.t))).toBeLessThan(1500);
  });

  it('a partition: the side of 2 out of 7 makes no progress, the side of 5 changes view and goes on; after healing all catch up', () => {
    const r = runCluster(scenario({
      nodes: 7, until: 10000,
      timeline: [
        putAt(100, 'c1', 'x', '1', 'n3'),
        { at: 500, action: 'partition', groups: [['n1', 'n2'], ['n3', 'n4', 'n5', 'n6', 'n7']] },
        putAt(600, 'c2', 'y', 'minority', 'n1'),
        putAt(600, 'c3', 'z', 'majority', 'n4'),
        { at: 4000, action: 'heal' },
        putAt(5000, 'c4', 'w', 'after', 'n5'),
      ],
    }));
    expect(r.run.found).toEqual([]);
    const during = r.trace.filter((t) => t.type === 'apply' && t.t > 500 && t.t < 4000) as { node: string; command: unknown }[];
    expect(during.some((a) => a.node === 'n1' || a.node === 'n2')).toBe(false);
    for (const id of ['n3', 'n4', 'n5', 'n6', 'n7']) expect(during.some((a) => a.node === id && JSON.stringify(a.command).includes('majority'))).toBe(true);
    expect(r.clients('ok').map((c) => c.client).sort()).toEqual(['c1', 'c2', 'c3', 'c4']);
    for (const id of r.run.sim.scenario.nodes) expect(r.run.hosts.inspect(id).kv).toEqual({ x: '1', y: 'minority', z: 'majority', w: 'after' });
  });

  it('a partition 2 | 2 of 4: neither side has 2f+1, so nothing executes until it heals', () => {
    const r = runCluster(scenario({
      nodes: 4, until: 8000,
      timeline: [{ at: 50, action: 'partition', groups: [['n1', 'n2'], ['n3', 'n4']] }, putAt(100, 'c1', 'x', '1', 'n1'), putAt(100, 'c2', 'y', '1', 'n3'), { at: 3000, action: 'heal' }],
    }));
    expect(r.run.found).toEqual([]);
    expect(r.trace.some((t) => t.type === 'apply' && t.t < 3000)).toBe(false);
    expect(r.clients('ok')).toHaveLength(2);
  });

  it('a crashed backup restarts with its log and executed state and catches up', () => {
    const r = runCluster(scenario({
      nodes: 4, until: 8000, config: { checkpointInterval: 2 },
      timeline: [
        putAt(100, 'c1', 'a', '1', 'n1'),
        { at: 500, action: 'crash', node: 'n4' },
        ...[1, 2, 3, 4, 5].map((i) => putAt(600 + i * 100, `c${i + 1}`, `k${i}`, String(i), 'n2')),
        { at: 2000, action: 'restart', node: 'n4' },
        putAt(2500, 'c9', 'z', '9', 'n4'),
      ],
    }));
    expect(r.run.found).toEqual([]);
    expect(r.clients('ok')).toHaveLength(7);
    expect(r.state('n4').lastExecuted).toBe(7);
    expect(r.run.hosts.inspect('n4').kv).toEqual(r.run.hosts.inspect('n1').kv);
  });
});

/** What each behaviour lets honest replicas detect; silent and slow look like a crash or a slow network. */
const DETECTABLE: Record<Behaviour, boolean> = {
  silent: false, slow: false, equivocate: true, 'wrong-digest': true, 'wrong-result': true, replay: true, forge: true,
};

describe('PBFT clusters with f Byzantine replicas', () => {
  const cases = BEHAVIOURS.flatMap((behaviour) => [
    { behaviour, nodes: 4, liars: ['n1'] },
    { behaviour, nodes: 7, liars: ['n1', 'n4'] },
  ]);
  it.each(cases)('$behaviour × $liars.length of $nodes: Agreement holds, every request completes, honest replicas catch the liars they can', ({ behaviour, nodes, liars }) => {
    const byzantine = Object.fromEntries(liars.map((id) => [id, behaviour]));
    const r = runCluster(scenario({
      nodes, until: 12000, config: { byzantine },
      timeline: [
        putAt(100, 'c1', 'x', '1', 'n2'),
        putAt(150, 'c2', 'y', '2', 'n3'),
        { at: 1500, action: 'request', client: 'c1', op: { f: 'append', key: 'x', value: '3' }, node: 'n2' },
        putAt(1600, 'c3', 'z', '4', 'n3'),
        getAt(5000, 'c2', 'x', 'n2'),
        getAt(5100, 'c3', 'y', 'n3'),
      ],
    }));
    expect(r.run.found).toEqual([]);
    expect(r.clients('info')).toEqual([]);
    expect(okResults(r).filter((x) => x.includes(' get '))).toEqual(['c2 get x → "13"', 'c3 get y → "2"']);
    const good = honest(r);
    const kvs = new Set(good.map((id) => JSON.stringify(r.run.hosts.inspect(id).kv)));
    expect(kvs).toEqual(new Set(['{"x":"13","y":"2","z":"4"}']));
    if (DETECTABLE[behaviour]) {
      for (const liar of liars) expect(good.filter((id) => r.state(id).suspects[liar] !== undefined), `nobody suspects ${liar}`).not.toEqual([]);
    }
    // Nobody honest is wrongly suspected by an honest replica.
    for (const id of good) for (const s of Object.keys(r.state(id).suspects)) expect(liars).toContain(s);
  });
});
