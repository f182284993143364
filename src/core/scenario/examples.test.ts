/** Each shipped example must really tell its story under its seed, with Figure 3 intact. */
import { describe, expect, it } from 'vitest';
import { PBFT_EXAMPLES, pbftExample } from '../protocols/pbft/examples';
import { runCluster } from '../protocols/pbft/testkit';
import { MonitoredRun } from '../protocols/raft/monitored-run';
import { RAFT_BUGS } from '../protocols/raft/bugs';
import type { KvOp } from '../types';
import { getProtocol } from '../protocols/registry';
import { defaultScenario, example, exampleGroups, exampleIds } from './examples';

const run = (id: string) => new MonitoredRun(example(id)).runUntil(example(id).until);
/** groupIndex finds a menu group by title, so that a protocol may add example sets without renumbering these tests. */
const groupIndex = (title: string) => exampleGroups().findIndex((g) => g.title === title);
const PBFT_GROUP = 'PBFT (Byzantine faults)';

describe('examples', () => {
  it('election: one leader, and x = 1 commits on every node', () => {
    const r = run('election');
    const leaders = new Set(r.records('state').filter((s) => s.role === 'leader').map((s) => s.node));
    expect(leaders.size).toBe(1);
    for (const id of r.sim.scenario.nodes) expect(r.hosts.inspect(id).kv).toEqual({ x: '1' });
    expect(r.records('client').find((c) => c.op.f === 'get' && c.phase === 'ok')!.result).toBe('1');
  });

  it('split-vote: two candidates in term 1, the votes split 2–2, no leader until a later term', () => {
    const r = run('split-vote');
    const term1 = r.records('state').filter((s) => s.term === 1);
    expect(term1.filter((s) => s.role === 'candidate').map((s) => s.node).sort()).toEqual(['n1', 'n3']);
    expect(term1.some((s) => s.role === 'leader')).toBe(false);
    const votes = Object.fromEntries(term1.filter((s) => s.role === 'follower').map((s) => [s.node, s.votedFor]));
    expect(votes).toEqual({ n2: 'n3', n4: 'n1' });
    expect(r.leader()).not.toBeNull();
    expect(r.sim.summary(r.leader()!).term).toBeGreaterThan(1);
  });

  it('leader-isolated: a new leader in a higher term; the old leader\'s uncommitted write is overwritten', () => {
    const r = run('leader-isolated');
    const isolated = r.records('fault').find((f) => f.action === 'isolate')!.node as string;
    const leaderTerms = r.records('state').filter((s) => s.role === 'leader');
    expect(leaderTerms.some((s) => s.node !== isolated)).toBe(true);
    const c2 = r.records('client').filter((c) => c.client === 'c2').map((c) => c.phase);
    expect(c2[0]).toBe('invoke');
    const logs = r.sim.scenario.nodes.map((id) => JSON.stringify(r.hosts.inspect(id).log));
    expect(new Set(logs).size).toBe(1);
    expect(r.records('client').find((c) => c.client === 'c4' && c.phase === 'ok')).toBeDefined();
  });

  it('the menu opens with the basics, the chaos stories, one story per teaching bug and the PBFT stories; other protocols follow', () => {
    // Raft's feature sets (membership change, …) may come between the teaching bugs and PBFT.
    expect(exampleGroups().slice(0, 3).map((g) => g.title)).toEqual(['Raft basics', 'Chaos', 'Teaching bugs (a bug is switched on)']);
    expect(exampleGroups().slice(0, 3).map((g) => g.ids.length)).toEqual([6, 4, RAFT_BUGS.length]);
    expect(exampleGroups().find((g) => g.title === 'PBFT (Byzantine faults)')?.ids).toHaveLength(10);
    for (const id of exampleGroups()[2]!.ids) expect(example(id).config.bugs, id).toHaveLength(1);
  });

  it('every example parses, under a unique id and a unique name, with a description; only the PBFT group is PBFT', () => {
    expect(new Set(exampleIds()).size).toBe(exampleIds().length);
    const parsed = new Map(exampleIds().map((id) => [id, example(id)]));
    for (const [id, s] of parsed) {
      expect(s.name, id).toMatch(/\S/);
      expect(s.description, id).toMatch(/\S/);
    }
    const names = [...parsed.values()].map((s) => s.name);
    expect(new Set(names).size).toBe(names.length);
    const pbftAt = exampleGroups().findIndex((g) => g.title === 'PBFT (Byzantine faults)');
    const [raft, pbft] = [exampleGroups().slice(0, pbftAt).flatMap((g) => g.ids), exampleGroups()[pbftAt]!.ids];
    for (const id of raft) expect(parsed.get(id)!.protocol, id).toBe('raft');
    for (const id of pbft) expect(parsed.get(id)!.protocol, id).toBe('pbft');
  });

  it('the PBFT group lists every PBFT example, in order, and example(id) resolves each to the same scenario as pbftExample(id)', () => {
    const group = exampleGroups().find((g) => g.title === 'PBFT (Byzantine faults)')!;
    expect(group.ids).toEqual(Object.keys(PBFT_EXAMPLES));
    expect(group.ids).toEqual(expect.arrayContaining(['pbft-two-liars-of-seven', 'pbft-partition-no-quorum', 'pbft-partition-quorum', 'pbft-primary-turns-silent', 'pbft-primary-turns-equivocator', 'pbft-f-plus-one-colluders']));
    for (const id of Object.keys(PBFT_EXAMPLES)) expect(example(id), id).toEqual(pbftExample(id));
    expect(() => example('pbft-nope')).toThrow(/unknown example "pbft-nope" \(known: election, .*pbft-normal-case/);
  });

  it('every basic example keeps Raft safe and leaves no operation pending', () => {
    for (const id of exampleGroups()[0]!.ids) {
      const r = run(id);
      r.sim.finish();
      expect(r.monitor.violations, id).toEqual([]);
      expect(r.records('client').filter((c) => c.phase === 'info'), id).toEqual([]);
    }
  });
});

describe('defaultScenario', () => {
  it('Raft by default: the given nodes and seed, 10 000 ms, an empty timeline', () => {
    for (const s of [defaultScenario(3, 9), defaultScenario(3, 9, 'raft')]) {
      expect(s).toMatchObject({ protocol: 'raft', seed: 9, until: 10_000, timeline: [] });
      expect(s.nodes).toEqual(['n1', 'n2', 'n3']);
    }
    expect(defaultScenario().nodes).toHaveLength(5);
    expect(defaultScenario(undefined, 7, 'pbft').nodes).toHaveLength(4); // 3f + 1 for f = 1
  });

  it('PBFT: a light steady client workload drawn from the seed, about 2 requests a second from 200 ms to the end', () => {
    const s = defaultScenario(4, 7, 'pbft');
    expect(s).toMatchObject({ protocol: 'pbft', seed: 7, until: 10_000 });
    expect(s.nodes).toEqual(['n1', 'n2', 'n3', 'n4']);
    expect(s.timeline.every((a) => a.action === 'request')).toBe(true);
    expect(s.timeline.length).toBeGreaterThanOrEqual(12);
    expect(s.timeline.length).toBeLessThanOrEqual(30);
    expect(s.timeline[0]!.at).toBeGreaterThanOrEqual(getProtocol('pbft').defaultWorkload!.startMs);
    expect(s.timeline.at(-1)!.at).toBeLessThan(s.until);
    // Gaps of at most 1.5 × the mean: the workload is steady, not a burst.
    for (let i = 1; i < s.timeline.length; i++) expect(s.timeline[i]!.at - s.timeline[i - 1]!.at).toBeLessThanOrEqual(750);
    expect(defaultScenario(4, 7, 'pbft')).toEqual(s);
    expect(defaultScenario(4, 8, 'pbft').timeline).not.toEqual(s.timeline);
  });

  it('PBFT: pressing Play on the default cluster runs the three phases: requests complete, safely, on every replica', () => {
    const r = runCluster(defaultScenario(4, 7, 'pbft'));
    expect(r.run.found).toEqual([]);
    expect(r.clients('info')).toEqual([]);
    expect(r.clients('ok').length + r.clients('fail').length).toBe(r.clients('invoke').length);
    expect(r.clients('ok').length).toBeGreaterThan(10);
    for (const id of ['n1', 'n2', 'n3', 'n4']) expect(r.state(id).lastExecuted, id).toBe(r.clients('invoke').length);
  });

  it("PBFT: a new user's first sight is success: the workload opens with a put, and no cas meets an unwritten key, for any seed", () => {
    for (let seed = 1; seed <= 50; seed++) {
      const ops = defaultScenario(4, seed, 'pbft').timeline.map((a) => (a as unknown as { op: KvOp }).op);
      expect(ops[0]!.f, `seed ${seed}`).toBe('put');
      const written = new Set<string>();
      for (const op of ops) {
        if (op.f === 'cas') expect(written.has(op.key), `seed ${seed}: cas ${op.key}`).toBe(true);
        if (op.f !== 'get') written.add(op.key);
      }
    }
    const r = runCluster(defaultScenario(4, 7, 'pbft'));
    const first = r.trace.find((t) => t.type === 'client' && t.phase !== 'invoke');
    expect(first).toMatchObject({ phase: 'ok', op: { f: 'put' } });
  });

  it('refuses an unknown protocol', () => {
    expect(() => defaultScenario(3, 7, 'no-such-protocol')).toThrow(/no-such-protocol/);
  });
});
