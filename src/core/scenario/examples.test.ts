/** Each shipped example must really tell its story under its seed, with Figure 3 intact. */
import { describe, expect, it } from 'vitest';
import { MonitoredRun } from '../testing/monitored-run';
import { example, exampleGroups, exampleIds } from './examples';

const run = (id: string) => new MonitoredRun(example(id)).runUntil(example(id).until);

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

  it('the menu holds the basics, the chaos stories and one story per teaching bug', () => {
    expect(exampleGroups().map((g) => g.ids.length)).toEqual([6, 4, 5]);
    expect(exampleIds()).toHaveLength(15);
    for (const id of exampleGroups()[2]!.ids) expect(example(id).config.bugs, id).toHaveLength(1);
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
