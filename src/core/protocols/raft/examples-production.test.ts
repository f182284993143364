/** Each story of "Raft in production: elections" really happens under its seed, with Figure 3 intact. */
import { describe, expect, it } from 'vitest';
import { example } from '../../scenario/examples';
import { MonitoredRun } from './monitored-run';
import { RAFT_PRODUCTION_EXAMPLES } from './examples-production';

const run = (id: string) => {
  const r = new MonitoredRun(example(id)).runUntil(example(id).until);
  r.sim.finish();
  return r;
};
const leaderTerms = (r: MonitoredRun) => [...new Set(r.records('state').filter((s) => s.role === 'leader').map((s) => `${s.node}@${s.term}`))];
const kinds = (r: MonitoredRun) => r.records('record').map((x) => x.kind);

describe('Raft in production: elections', () => {
  it('every story keeps Raft safe and leaves no client operation pending', () => {
    for (const id of Object.keys(RAFT_PRODUCTION_EXAMPLES.examples)) {
      const r = run(id);
      expect(r.monitor.violations, id).toEqual([]);
      expect(r.records('client').filter((c) => c.phase === 'info'), id).toEqual([]);
    }
  });

  it('§9.6 without pre-vote the rejoining n5 has inflated its term and the healthy leader of term 1 is deposed; with pre-vote n5 stays at term 1 and the leader stays', () => {
    const without = run('rejoin-without-prevote');
    expect(Math.max(...without.records('state').filter((s) => s.node === 'n5').map((s) => s.term))).toBeGreaterThan(5);
    expect(leaderTerms(without)[0]).toMatch(/@1$/);
    expect(leaderTerms(without).length).toBeGreaterThan(1);
    const withPv = run('rejoin-with-prevote');
    expect(withPv.records('state').every((s) => s.term <= 1)).toBe(true);
    expect(leaderTerms(withPv)).toHaveLength(1);
    expect(withPv.records('record').filter((x) => x.kind === 'pre-vote' && x.node === 'n5').length).toBeGreaterThan(3);
  });

  it('§6.2 without CheckQuorum the cut-off leader stays leader until the heal; with it, it steps down within an election timeout and records quorum-lost', () => {
    const isolatedAt = 1500;
    const without = run('cut-off-leader-without-checkquorum');
    const old = without.records('fault').find((f) => f.action === 'isolate')!.node as string;
    const stepDown = (r: MonitoredRun) => r.records('state').find((s) => s.node === old && s.t > isolatedAt && s.role !== 'leader')!.t;
    expect(stepDown(without)).toBeGreaterThanOrEqual(5000);
    expect(kinds(without)).not.toContain('quorum-lost');
    const withCq = run('cut-off-leader-with-checkquorum');
    expect(stepDown(withCq)).toBeLessThan(isolatedAt + 300);
    expect(withCq.records('record').filter((x) => x.kind === 'quorum-lost').map((x) => x.node)).toEqual([old]);
  });

  it('§3.10 the transfer story: the leader records transfer-start and n3 leads the next term, with no abort', () => {
    const r = run('leadership-transfer');
    expect(kinds(r)).toContain('transfer-start');
    expect(kinds(r)).not.toContain('transfer-abort');
    const [first, second] = leaderTerms(r);
    expect(first).not.toBe('n3@1');
    expect(second).toBe('n3@2');
    expect(r.sim.leader()).toBe('n3');
  });

  it('§3.10 the lagging target is caught up before TimeoutNow: behind at transfer-start, it campaigns with the leader\'s whole log', () => {
    const r = run('transfer-to-lagging-follower');
    const start = r.records('record').find((x) => x.kind === 'transfer-start')!;
    expect(start.node).toBe('n2');
    const n3 = r.records('state').filter((s) => s.node === 'n3');
    const atStart = n3.filter((s) => s.t <= start.t).at(-1)!;
    const leaderAtStart = r.records('state').filter((s) => s.node === 'n2' && s.t <= start.t).at(-1)!;
    expect(atStart.lastLogIndex).toBeLessThan(leaderAtStart.lastLogIndex);
    const campaign = n3.find((s) => s.role === 'candidate' && s.t > start.t)!;
    expect(campaign.lastLogIndex).toBe(leaderAtStart.lastLogIndex);
    expect(kinds(r)).not.toContain('transfer-abort');
    expect(r.sim.leader()).toBe('n3');
  });

  it('§5.1 the paused leader is replaced in a higher term, still believes it leads when it wakes, and steps down at the first message of the new term; its client retries elsewhere', () => {
    const r = run('leader-gc-pause');
    const pause = r.records('fault').find((f) => f.action === 'pause')!;
    const old = pause.node as string;
    const [first, second] = leaderTerms(r);
    expect(first).toBe(`${old}@1`);
    expect(second).toMatch(/@2$/);
    expect(second).not.toMatch(new RegExp(`^${old}@`));
    const resumedAt = pause.t + 1500;
    const oldStates = r.records('state').filter((s) => s.node === old && s.t > pause.t);
    expect(oldStates.filter((s) => s.t < resumedAt)).toEqual([]);
    const stepDown = oldStates.find((s) => s.role !== 'leader')!;
    expect(stepDown.t).toBeGreaterThanOrEqual(resumedAt);
    expect(stepDown.term).toBe(2);
    const c2 = r.records('client').filter((c) => c.client === 'c2');
    expect(c2[0]).toMatchObject({ phase: 'invoke', node: old });
    expect(c2.at(-1)).toMatchObject({ phase: 'ok', node: second!.split('@')[0] });
    expect(c2.at(-1)!.t).toBeLessThan(resumedAt);
  });
});
