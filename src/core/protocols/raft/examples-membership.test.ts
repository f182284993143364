/**
 * The membership change examples (examples-membership.ts) tell their stories under their seeds:
 * thesis §4.2.1 (learners catch up, then vote), §4.2.2 (the leader removes itself), paper §6
 * (joint consensus), and why learners (§4.2.1: an empty server, then a crash).
 */
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../scenario/schema';
import { MEMBERSHIP_EXAMPLES } from './examples-membership';
import { MonitoredRun } from './monitored-run';

function run(id: string): MonitoredRun {
  const s = parseScenario(MEMBERSHIP_EXAMPLES[id]!);
  const r = new MonitoredRun(s).runUntil(s.until);
  r.sim.finish();
  return r;
}
const changes = (r: MonitoredRun) => r.records('record').filter((x) => x.kind === 'config-change');
const fieldsOf = (r: MonitoredRun, id: string) => r.hosts.inspect(id).summary.fields;

describe('membership change examples', () => {
  for (const id of Object.keys(MEMBERSHIP_EXAMPLES)) {
    it(`${id}: safe, and every client operation completes`, () => {
      const r = run(id);
      expect(r.monitor.violations).toEqual([]);
      expect(r.records('client').filter((c) => c.phase === 'info')).toEqual([]);
    });
  }

  it('learner-catch-up (§4.2.1): n4 starts outside, is a learner for rounds, then a voter everywhere', () => {
    const r = run('learner-catch-up');
    const n4 = r.records('state').filter((x) => x.node === 'n4').map((x) => x.role);
    expect(n4[0]).toBe('outside');
    expect(n4).toContain('learner');
    expect(n4.at(-1)).toBe('follower');
    expect(changes(r).map((c) => [c.voters, c.learners])).toEqual([[['n1', 'n2', 'n3'], ['n4']], [['n1', 'n2', 'n3', 'n4'], []]]);
    expect(r.records('record').filter((x) => x.kind === 'catch-up-round').map((x) => x.round)).toEqual([1, 2, 3]);
    for (const id of ['n1', 'n2', 'n3', 'n4']) expect(fieldsOf(r, id)).toEqual({ voters: 'n1 n2 n3 n4', learners: '', votersOld: null });
  });

  it('remove-leader (§4.2.2): the leader steps down once C_new commits; the four others elect a leader and commit', () => {
    const r = run('remove-leader');
    const removed = r.records('record').find((x) => x.kind === 'leader-removed')!;
    expect(removed).toBeDefined();
    expect(r.hosts.inspect(removed.node).summary.role).toBe('outside');
    const later = r.records('state').filter((x) => x.t > removed.t && x.role === 'leader');
    expect(later.length).toBeGreaterThan(0);
    expect(later.every((x) => x.node !== removed.node)).toBe(true);
    expect(r.records('client').filter((c) => c.phase === 'ok' && c.t > removed.t).length).toBeGreaterThan(0);
  });

  it('joint-3-to-5 (paper §6): learners n4 and n5, then C_old,new, then C_new', () => {
    const r = run('joint-3-to-5');
    expect(changes(r).map((c) => [c.votersOld, c.voters, c.learners])).toEqual([
      [null, ['n1', 'n2', 'n3'], ['n4', 'n5']],
      [['n1', 'n2', 'n3'], ['n1', 'n2', 'n3', 'n4', 'n5'], []],
      [null, ['n1', 'n2', 'n3', 'n4', 'n5'], []],
    ]);
  });

  it('empty-server-crash (§4.2.1): writes keep committing on n1 and n2 while n4 is a learner and n3 is down', () => {
    const r = run('empty-server-crash');
    const [asLearner, asVoter] = changes(r);
    const okWhileLearner = r.records('client').filter((c) => c.phase === 'ok' && c.t > 1250 && c.t < asVoter!.t);
    expect(asLearner!.learners).toEqual(['n4']);
    expect(okWhileLearner.length).toBeGreaterThanOrEqual(3);
  });
});
