/**
 * Each delegation example tells the story its description tells, under its seed (issue 14 §4): the
 * checks and the records show it.
 */
import { describe, expect, it } from 'vitest';
import { decodeShare, encodeShare } from '../../scenario/share';
import { example } from '../../scenario/examples';
import { delegationEntry } from './entry';
import { DELEGATION_EXAMPLES } from './examples';
import { runDelegation } from './testkit';

const run = (id: string) => runDelegation(DELEGATION_EXAMPLES[id]!);
const workers = (x: ReturnType<typeof run>, kind: string, task?: string) => x.of(kind).filter((r) => task === undefined || r.task === task).map((r) => String(r.worker ?? r.node));

describe('delegation examples', () => {
  it('are listed under one heading, with ids prefixed delegation-, names and descriptions', () => {
    expect(delegationEntry.examples().map((g) => g.title)).toEqual(['Delegation']);
    for (const [id, raw] of Object.entries(DELEGATION_EXAMPLES)) {
      expect(id).toMatch(/^delegation-/);
      expect(raw).toMatchObject({ protocol: 'delegation', name: expect.stringMatching(/^Delegation/), description: expect.any(String) });
    }
  });

  it('five followers get five subtasks, one each: the loads differ by at most one', () => {
    const x = run('delegation-five-subtasks');
    expect(workers(x, 'assign').sort()).toEqual(['n2', 'n3', 'n4', 'n5', 'n6']);
    expect(x.check()).toMatchObject({ verdict: 'ok', detail: expect.stringContaining('loads within one task') });
    expect(x.monitor.violations).toEqual([]);
  });

  it('the coordinator fails mid-run: n2 takes over in epoch 2, rebuilds the table, and every accepted task completes once', () => {
    const x = run('delegation-leader-fails');
    expect(x.of('announce').map((r) => [r.node, r.epoch])).toEqual([['n1', 1], ['n2', 2]]);
    expect(x.of('suspect').some((r) => r.peer === 'n1' && r.t > 1200)).toBe(true);
    expect(x.check().verdict).toBe('ok');
    expect(x.metrics()).toMatchObject({ tasks: { submitted: 12, accepted: 12, completed: 12, duplicated: 0 } });
    expect(x.monitor.violations).toEqual([]);
  });

  it('a minority partition: the cut-off side elects but commits nothing; its tasks are reassigned and complete once', () => {
    const x = run('delegation-minority-partition');
    const minority = x.of('complete').filter((r) => (r.node === 'n5' || r.node === 'n6') && r.t > 1000 && r.t < 3500);
    expect(minority).toEqual([]);
    expect(x.of('reassign').some((r) => r.from === 'n5' || r.from === 'n6')).toBe(true);
    expect(x.check().verdict).toBe('ok');
    expect(x.monitor.violations).toEqual([]);
  });

  it('cascading failures: with 3 of 5 down nothing commits; after the restart every task completes', () => {
    const x = run('delegation-cascading-failures');
    expect(x.of('complete').filter((r) => r.t > 2700 && r.t < 4500)).toEqual([]);
    expect(x.of('complete').filter((r) => r.t > 1000 && r.t < 2500).length).toBeGreaterThan(0);
    expect(x.check().verdict).toBe('ok');
    expect(x.monitor.violations).toEqual([]);
  });

  it('a flood from one client is shed with the reason in each reply while the other clients are served', () => {
    const x = run('delegation-flood');
    const shed = x.of('shed');
    expect(shed.length).toBeGreaterThan(20);
    expect(new Set(shed.map((r) => r.client))).toEqual(new Set(['c-flood']));
    const refused = x.history.filter((h) => h.phase === 'fail' && h.client === 'c-flood');
    expect(refused.length).toBe(shed.length);
    for (const h of refused) expect(String(h.result)).toMatch(/^shed: rate limit: c-flood is over 5 submits\/s/);
    const served = x.history.filter((h) => h.phase === 'ok' && (h.client === 'c1' || h.client === 'c2'));
    expect(served).toHaveLength(12);
    expect(x.check().verdict).toBe('ok');
  });

  it('capability match sends gpu tasks only to gpu followers; a crashed one opens its breaker, which half-opens and closes again', () => {
    const x = run('delegation-capabilities');
    for (const r of x.of('assign').concat(x.of('reassign'))) {
      const gpu = x.history.find((h) => h.phase === 'invoke' && h.op.id === r.task)!.op.capability === 'gpu';
      if (gpu) expect(['n2', 'n3']).toContain(r.worker);
      else expect(['n4', 'n5', 'n6']).toContain(r.worker);
    }
    const n3 = x.of('breaker').filter((r) => r.of === 'n3').map((r) => r.to);
    expect(n3).toEqual(expect.arrayContaining(['open', 'half-open', 'closed']));
    expect(n3.indexOf('open')).toBeLessThan(n3.lastIndexOf('closed'));
    expect(x.check().verdict).toBe('ok');
  });

  it('a paused coordinator is replaced while frozen and steps down when it wakes; every task completes once', () => {
    const x = run('delegation-paused-coordinator');
    expect(x.of('announce').map((r) => [r.node, r.epoch])).toEqual([['n1', 1], ['n2', 2]]);
    expect(x.of('complete').filter((r) => r.t > 1000 && r.t < 2500).length).toBeGreaterThan(0); // n2 commits while n1 is frozen
    expect(x.states.get('n1')!.role).toBe('follower');
    expect(x.check().verdict).toBe('ok');
    expect(x.monitor.violations).toEqual([]);
  });

  it.each([
    ['delegation-bug-no-fencing', 'Effect once'],
    ['delegation-bug-no-backoff', 'Backoff'],
  ])('%s is caught by %s, and runs clean without the bug', (id, property) => {
    const raw = DELEGATION_EXAMPLES[id]!;
    expect(run(id).monitor.violations[0]?.property).toBe(property);
    const clean = runDelegation({ ...raw, config: { ...(raw.config as object), bugs: [] } });
    expect(clean.monitor.violations).toEqual([]);
    expect(clean.check().verdict).toBe('ok');
  });

  it('retry without backoff is a retry storm the metrics show', () => {
    const raw = DELEGATION_EXAMPLES['delegation-bug-no-backoff']!;
    const storm = run('delegation-bug-no-backoff').metrics().retries as number;
    const calm = runDelegation({ ...raw, config: { ...(raw.config as object), bugs: [] } }).metrics().retries as number;
    expect(calm).toBeGreaterThan(0);
    expect(storm).toBeGreaterThan(2 * calm);
  });

  it('round-trips through a share link', () => {
    const s = example('delegation-leader-fails');
    expect(decodeShare(encodeShare(s, { events: 40, t: 900 })).scenario).toEqual(s);
  });
});
