/** Each SWIM example tells the story its description tells, under its seed (Das et al. 2002). */
import { describe, expect, it } from 'vitest';
import { swimEntry } from './entry';
import { SWIM_EXAMPLES } from './examples';
import type { SwimMeasures } from './measures';
import { listed, runSwim, stateOf } from './testkit';

const run = (id: string) => runSwim(SWIM_EXAMPLES[id]!);
const kinds = (x: ReturnType<typeof run>, kind: string) => x.records.filter((r) => r.kind === kind);

describe('swim examples', () => {
  it('are listed under one heading, with ids prefixed swim-', () => {
    expect(swimEntry.examples().map((g) => g.title)).toEqual(['SWIM']);
    for (const [id, raw] of Object.entries(SWIM_EXAMPLES)) {
      expect(id).toMatch(/^swim-/);
      expect(raw).toMatchObject({ protocol: 'swim', name: expect.stringMatching(/^SWIM/), description: expect.any(String) });
    }
  });

  it('a crash on 20 nodes: suspected, then dead at all 19 live members, detection near e/(e−1)·T′', () => {
    const x = run('swim-crash-20');
    expect(listed(x, 20, 'n7')).toEqual({ dead: 19 });
    expect(x.found).toEqual([]);
    expect(x.consistency(true).verdict).toBe('ok');
    const m = x.metrics() as SwimMeasures;
    const c = m.crashes[0]!;
    expect(c.firstSuspicionMs).toBeGreaterThan(0);
    expect(c.firstSuspicionMs!).toBeLessThan(4 * 300);
    expect(c.allDeadMs!).toBeGreaterThan(1500);
    expect(c.allDeadMs!).toBeLessThan(1500 + 8 * 300);
    expect(m.detection.expectedFirstProbeMs).toBe(Math.round(300 / (1 - Math.exp(-19 / 20))));
  });

  it('packet loss: ping-req through k = 3 makes far fewer false suspicions than k = 0', () => {
    const withReq = run('swim-loss-ping-req').metrics() as SwimMeasures;
    const without = run('swim-loss-no-ping-req').metrics() as SwimMeasures;
    expect(without.falsePositives.rate).toBeGreaterThan(0.1);
    expect(withReq.falsePositives.rate).toBeLessThan(without.falsePositives.rate / 5);
    expect(without.falsePositives.expectedRate).toBeCloseTo(1 - 0.9 ** 2, 6);
  });

  it('a paused member is suspected, refutes at incarnation 1, and nobody marks it dead', () => {
    const x = run('swim-pause-refuted');
    expect(kinds(x, 'membership').some((r) => r.member === 'n4' && r.state === 'suspect')).toBe(true);
    expect(kinds(x, 'refutation').filter((r) => r.node === 'n4')[0]).toMatchObject({ incarnation: 1, accused: 'suspect' });
    expect(kinds(x, 'membership').some((r) => r.member === 'n4' && r.state === 'dead')).toBe(false);
    expect(listed(x, 12, 'n4')).toEqual({ alive: 11 });
    expect(x.found).toEqual([]);
  });

  it('joins through a seed: every member ends up knowing all 11 others alive', () => {
    const x = run('swim-join-seed');
    for (let i = 1; i <= 12; i++) {
      const s = stateOf(x, `n${i}`);
      expect(s.role).toBe('member');
      expect([...s.members.values()].filter((m) => m.state === 'alive')).toHaveLength(11);
    }
    expect(x.found).toEqual([]);
  });

  it('100 nodes: the crash is dead at all 99 others, with no violation', () => {
    const x = run('swim-100-nodes');
    expect(listed(x, 100, 'n42')).toEqual({ dead: 99 });
    expect(x.found).toEqual([]);
  });

  it('never-confirm: the crashed node stays suspect and Completeness fails', () => {
    const x = run('swim-bug-never-confirm');
    expect(listed(x, 8, 'n5')).toEqual({ suspect: 7 });
    expect(x.consistency(true).verdict).toBe('fail');
  });

  it('ignore-incarnation: the refuted suspicion sticks and Refutation wins goes red', () => {
    const x = run('swim-bug-ignore-incarnation');
    expect(x.found.map((v) => v.property)).toContain('Refutation wins');
  });
});
