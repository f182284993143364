/** The nemesis and the workload: seeded, valid, and every fault repaired by the end of the fault window. */
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../scenario/schema';
import { nemesisTimeline, NEMESIS_DEFAULTS, NEMESIS_KINDS } from './nemesis';
import { chaosScenario } from './scenarios';
import { workloadTimeline, WORKLOAD_DEFAULTS } from './workload';

const nodes = ['n1', 'n2', 'n3', 'n4', 'n5'];
const network = { latencyMs: [10, 30] as [number, number], loss: 0, duplicate: 0 };
const opts = { ...NEMESIS_DEFAULTS, startMs: 500, endMs: 20_000 };

describe('nemesis', () => {
  it('draws the same schedule from the same seed and another from another seed', () => {
    expect(nemesisTimeline(7, nodes, network, opts)).toEqual(nemesisTimeline(7, nodes, network, opts));
    expect(nemesisTimeline(7, nodes, network, opts)).not.toEqual(nemesisTimeline(8, nodes, network, opts));
  });

  it('writes valid, sorted actions inside the fault window, ending in a full repair', () => {
    for (let seed = 1; seed <= 30; seed++) {
      const tl = nemesisTimeline(seed, nodes, network, opts);
      const s = parseScenario({ version: 1, protocol: 'raft', seed, nodes, until: 30_000, timeline: tl });
      expect(s.timeline).toEqual(tl);
      for (const a of tl) expect(a.at).toBeGreaterThanOrEqual(500), expect(a.at).toBeLessThanOrEqual(20_000);
      const repair = tl.filter((a) => a.at === 20_000).map((a) => a.action);
      expect(repair).toContain('heal');
      expect(repair).toContain('restart');
    }
  });

  it('over many seeds uses every kind, at about the rate asked', () => {
    const seen = new Set<string>();
    let faults = 0;
    for (let seed = 1; seed <= 40; seed++) {
      for (const a of nemesisTimeline(seed, nodes, network, { ...opts, endMs: 10_500 })) {
        if (a.action === 'crash' || a.action === 'partition' || a.action === 'isolate') faults++;
        if (a.action === 'link') seen.add(a.cut ? 'cut' : a.loss ? 'loss' : a.duplicate ? 'duplicate' : a.latencyMs && a.latencyMs[0] >= 200 ? 'spike' : a.latencyMs && a.latencyMs[1] > 200 ? 'reorder' : 'restore');
        else seen.add(a.action);
      }
    }
    expect([...seen].sort()).toEqual(['crash', 'cut', 'duplicate', 'heal', 'isolate', 'loss', 'partition', 'reorder', 'restart', 'restore', 'skew', 'spike', 'timeout']);
    // 10 s at 1 fault/s over 40 seeds: about 400 faults; crash, bounce, partition, isolate-leader
    // and half the contested elections crash or cut: 4.5 kinds in 12, about 150.
    expect(faults).toBeGreaterThan(90);
    expect(faults).toBeLessThan(250);
  });

  it('draws only the kinds asked for', () => {
    const tl = nemesisTimeline(3, nodes, network, { ...opts, kinds: ['crash'] });
    // Crashes and their restarts, and the final repair's heal; no link was touched, so none is restored.
    expect(new Set(tl.map((a) => a.action))).toEqual(new Set(['crash', 'restart', 'heal']));
  });

  it('pauses nodes, the leader one time in three, for pauseMs; never by default', () => {
    expect(NEMESIS_DEFAULTS.kinds).not.toContain('pause');
    const tl = nemesisTimeline(5, nodes, network, { ...opts, kinds: ['pause'], pauseMs: [300, 900] });
    const pauses = tl.filter((a) => a.action === 'pause');
    expect(pauses.length).toBeGreaterThan(10);
    expect(pauses.every((a) => a.ms >= 300 && a.ms <= 900)).toBe(true);
    expect(pauses.some((a) => a.node === 'leader')).toBe(true);
    expect(pauses.some((a) => a.node !== 'leader')).toBe(true);
    // A pause ends by itself: nothing undoes it but the final repair.
    expect(new Set(tl.map((a) => a.action))).toEqual(new Set(['pause', 'heal', 'restart']));
  });

  it('refuses knobs that make no schedule', () => {
    expect(() => nemesisTimeline(1, nodes, network, { ...opts, kinds: [] })).toThrow(/kinds must name/);
    expect(() => nemesisTimeline(1, nodes, network, { ...opts, ratePerSecond: 0 })).toThrow(/ratePerSecond/);
    expect(NEMESIS_KINDS).toHaveLength(14);
  });
});

describe('workload and chaos scenarios', () => {
  it('workload values are unique per client, so every write can be told apart', () => {
    const tl = workloadTimeline(5, { ...WORKLOAD_DEFAULTS, startMs: 0, endMs: 10_000 });
    const values = tl.flatMap((a) => (a.action === 'request' && a.op.f !== 'get' ? [String(a.op.value).trim()] : []));
    expect(values.length).toBeGreaterThan(30);
    expect(new Set(values).size).toBe(values.length);
  });

  it('a chaos scenario turns bugs on through config, and a bad bug is refused', () => {
    expect(chaosScenario(4).config.bugs).toEqual([]);
    expect(chaosScenario(4, { bugs: ['commit-old-terms'] }).config.bugs).toEqual(['commit-old-terms']);
    expect(() => chaosScenario(4, { bugs: ['no-such-bug'] })).toThrow(/no-such-bug/);
  });
});
