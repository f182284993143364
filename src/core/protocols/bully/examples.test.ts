/**
 * Each bully example tells its story under its seed (more-protocols.md §4: failover, pause,
 * partition, churn; §3: φ against a fixed timeout), and a correct run stays green where it should.
 */
import { describe, expect, it } from 'vitest';
import { decodeShare, encodeShare } from '../../scenario/share';
import { example } from '../../scenario/examples';
import { runBully } from './testkit';

describe('bully examples', () => {
  it('failover on crash: n4 takes over about a detector timeout after n5 dies, and n5 bullies it aside on restart; every lamp green', () => {
    const r = runBully('bully-failover-crash');
    expect(r.red).toEqual({});
    expect(r.coordinators()).toEqual(['n5', 'n4', 'n5']);
    const n4 = r.of('coordinator', 'n4')[0]!;
    expect(n4.t).toBeGreaterThan(2000 + 600);
    expect(n4.t).toBeLessThan(2000 + 1000 + 300 + 100);
    const detections = r.metrics.detectionMs as number[];
    expect(detections).toHaveLength(4);
    for (const ms of detections) expect(ms).toBeLessThanOrEqual(1000);
    expect(r.metrics.falseSuspicions).toBe(0);
    expect(r.consistency.verdict).toBe('ok');
  });

  it('pause: n4 is elected while n5 is frozen, the No split brain lamp turns red during the pause, and n5 bullies n4 when it wakes', () => {
    const r = runBully('bully-pause');
    expect(r.red['No split brain']).toBeGreaterThan(2000);
    expect(r.red['No split brain']).toBeLessThan(6000);
    expect(r.red['One coordinator']).toBeUndefined();
    expect(r.coordinators()).toEqual(['n5', 'n4', 'n5']);
    expect(r.of('suspect').filter((s) => s.peer === 'n5' && s.t < 6000)).toHaveLength(4);
    expect(r.consistency.verdict).toBe('ok');
  });

  it('partition: each side has its own coordinator (n3 | n5) until the heal, then n5 bullies n3; the detector is not accurate meanwhile, so One coordinator stays green', () => {
    const r = runBully('bully-partition');
    expect(Object.keys(r.red)).toEqual(['No split brain']);
    const during = r.of('adopt').filter((a) => a.t > 2000 && a.t < 6000);
    expect(new Set(during.filter((a) => ['n1', 'n2'].includes(a.node)).map((a) => a.coordinator))).toEqual(new Set(['n3']));
    expect(r.state('n3').election.coordinator).toBe('n5');
    expect(r.consistency.verdict).toBe('ok');
  });

  it('flapping: two handovers per crash and restart, each crash detected', () => {
    const r = runBully('bully-flapping');
    expect(r.red).toEqual({});
    expect(r.coordinators()).toEqual(['n5', 'n4', 'n5', 'n4', 'n5', 'n4', 'n5', 'n4', 'n5']);
    expect((r.metrics.detectionMs as number[]).length).toBe(16);
  });

  it('jitter: the fixed timeout suspects live nodes falsely many times; φ far less, for a slower detection of the real crash', () => {
    const fixed = runBully('bully-jitter-fixed');
    const phi = runBully('bully-jitter-phi');
    expect(fixed.metrics.falseSuspicions as number).toBeGreaterThanOrEqual(10);
    expect(phi.metrics.falseSuspicions as number).toBeLessThan((fixed.metrics.falseSuspicions as number) / 5);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(mean(phi.metrics.detectionMs as number[])).toBeGreaterThan(mean(fixed.metrics.detectionMs as number[]));
    // The sweep replays the heartbeats: lower thresholds detect sooner and suspect falsely more often.
    const sweep = fixed.metrics.sweep as { threshold: number; meanDetectionMs: number; falseSuspicions: number }[];
    expect(sweep[0]!.meanDetectionMs).toBeLessThan(sweep.at(-1)!.meanDetectionMs);
    expect(sweep[0]!.falseSuspicions).toBeGreaterThan(sweep.at(-1)!.falseSuspicions);
  });

  it('score: the coordinator follows the best score as load and health change (n1 → n5 → n4 → n1)', () => {
    const r = runBully('bully-score');
    expect(r.red).toEqual({});
    expect(r.coordinators()).toEqual(['n1', 'n5', 'n4', 'n1']);
    expect(r.of('score').map((x) => [x.node, x.score])).toEqual([
      ['n1', 50],
      ['n5', 20],
      ['n1', 150],
    ]);
  });

  it('teaching bugs: each example lights One coordinator, and runs green without the bug', () => {
    for (const id of ['bully-bug-ignore-higher-coordinator', 'bully-bug-no-coordinator-timeout']) {
      const buggy = runBully(id);
      expect(buggy.red['One coordinator'], id).toBeDefined();
      expect(buggy.consistency.verdict, id).toBe('fail');
      const clean = example(id);
      const fixed = runBully({ ...clean, config: { ...clean.config, bugs: [] } });
      expect(fixed.red, id).toEqual({});
      expect(fixed.consistency.verdict, id).toBe('ok');
    }
  });

  it('a share link of the pause example round-trips to the same scenario and the same run', () => {
    const s = example('bully-pause');
    const back = decodeShare(encodeShare(s, null)).scenario;
    expect(back).toEqual(s);
    expect(runBully(back).records.length).toBe(runBully(s).records.length);
  });
});
