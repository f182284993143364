/**
 * Whole-cluster runs against Demers et al. 1987's figures: the residue of rumour mongering by k
 * (Tables 1–3, means over seeds), pull's faster tail (§1.3), anti-entropy repairing the residue
 * (§1.2, §1.5), a partition that heals, eventual delivery's verdicts, and the teaching bugs failing it.
 */
import { describe, expect, it } from 'vitest';
import type { Mode } from './config';
import type { GossipConfig } from './config';
import { gossipScenario } from './scenario';
import { informed, runGossip } from './testkit';
import type { TimelineAction } from '../../scenario/types';

const bcast = (at: number, value: string, node: string, client = 'c1'): TimelineAction => ({ at, action: 'request', client, op: { f: 'broadcast', value }, node });

/** residue is the mean fraction of `n` nodes one rumour never reached, over `seeds` seeds, without anti-entropy. */
function residue(mode: Mode, k: number, feedback: boolean, n = 100, seeds = 10): number {
  let sum = 0;
  for (let seed = 1; seed <= seeds; seed++) {
    const config: Partial<GossipConfig> = { mode, fanout: 1, periodMs: 100, k, feedback, antiEntropyMs: 0 };
    const run = runGossip(gossipScenario({ nodes: n, seed, until: 6000, config, timeline: [bcast(100, 'v1', 'n1')] }));
    sum += 1 - informed(run, 'v1') / n;
  }
  return sum / seeds;
}

describe('rumour mongering leaves a residue that falls with k (Demers et al. 1987, §1.4)', () => {
  it('push, feedback and counter: about 18%, 4% and 1% at k = 1, 2, 3 (Table 1)', () => {
    const [r1, r2, r3] = [residue('push', 1, true), residue('push', 2, true), residue('push', 3, true)];
    expect(r1).toBeGreaterThan(0.12);
    expect(r1).toBeLessThan(0.28);
    expect(r2).toBeGreaterThan(0.015);
    expect(r2).toBeLessThan(0.09);
    expect(r3).toBeLessThan(0.035);
    expect(r3).toBeLessThan(r2);
  });

  it('push, blind: about 20% at k = 2 and 6% at k = 3, worse than with feedback (Table 2)', () => {
    const [b2, b3] = [residue('push', 2, false), residue('push', 3, false)];
    expect(b2).toBeGreaterThan(0.12);
    expect(b2).toBeLessThan(0.28);
    expect(b3).toBeGreaterThan(0.02);
    expect(b3).toBeLessThan(0.1);
  });

  it('pull leaves far less than push at the same k (Table 3: 3% at k = 1 against 18%)', () => {
    const pull1 = residue('pull', 1, true);
    expect(pull1).toBeLessThan(0.12);
    expect(pull1).toBeLessThan(residue('push', 1, true) / 2);
  });
});

describe('eventual delivery', () => {
  it('the default (push, feedback, anti-entropy) reaches all 30 nodes, each receiving each value once, with hops that add up', () => {
    const run = runGossip(gossipScenario({ nodes: 30, seed: 4, until: 5000, timeline: [bcast(100, 'v1', 'n1'), bcast(150, 'v2', 'n9', 'c2')] }));
    expect(informed(run, 'v1')).toBe(30);
    expect(informed(run, 'v2')).toBe(30);
    expect(run.records).toHaveLength(60);
    for (const r of run.records) {
      if (r.hops === 0) expect(String(r.from)).toMatch(/^c/);
      else expect(run.states.get(String(r.from))!.values.get(String(r.value))!.hops).toBe(Number(r.hops) - 1);
    }
    expect(run.monitor.violations).toEqual([]);
    expect(run.check()).toMatchObject({ verdict: 'ok', operations: 2 });
  });

  it('is unknown before the run is final', () => {
    const run = runGossip(gossipScenario({ nodes: 5, until: 2000, timeline: [bcast(100, 'v1', 'n1')] }));
    expect(run.check(false)).toMatchObject({ verdict: 'unknown', reason: expect.stringContaining('finished run') });
  });

  it('anti-entropy repairs the residue small k leaves (§1.5)', () => {
    const config: Partial<GossipConfig> = { mode: 'push', fanout: 1, k: 1, antiEntropyMs: 0 };
    const timeline = [bcast(100, 'v1', 'n1')];
    const without = runGossip(gossipScenario({ nodes: 30, seed: 3, until: 12_000, config, timeline }));
    expect(informed(without, 'v1')).toBeLessThan(30);
    const verdict = without.check();
    expect(verdict.verdict).toBe('fail');
    expect(verdict.reason).toMatch(/live nodes? never received/);
    expect(verdict.nodes!.length).toBe(30 - informed(without, 'v1'));
    const repaired = runGossip(gossipScenario({ nodes: 30, seed: 3, until: 12_000, config: { ...config, antiEntropyMs: 1000 }, timeline }));
    expect(informed(repaired, 'v1')).toBe(30);
    expect(repaired.check().verdict).toBe('ok');
  });

  it('a partition keeps each side’s value on its side until it heals; then both reach everyone', () => {
    const left = Array.from({ length: 20 }, (_, i) => `n${i + 1}`);
    const right = Array.from({ length: 10 }, (_, i) => `n${i + 21}`);
    const timeline: TimelineAction[] = [{ at: 300, action: 'partition', groups: [left, right] }, bcast(500, 'left', 'n3'), bcast(600, 'right', 'n25', 'c2')];
    const split = runGossip(gossipScenario({ nodes: 30, seed: 5, until: 3000, timeline }));
    expect(informed(split, 'left')).toBe(20);
    expect(informed(split, 'right')).toBe(10);
    expect(split.check().verdict).toBe('ok'); // nobody lacks a value held in its own group
    const healed = runGossip(gossipScenario({ nodes: 30, seed: 5, until: 8000, timeline: [...timeline, { at: 3000, action: 'heal' }] }));
    expect(informed(healed, 'left')).toBe(30);
    expect(informed(healed, 'right')).toBe(30);
    expect(healed.check().verdict).toBe('ok');
  });

  it('is unknown, not failed, while a value is younger than the grace period', () => {
    const run = runGossip(gossipScenario({ nodes: 30, until: 150, config: { periodMs: 100 }, timeline: [bcast(100, 'v1', 'n1')] }));
    expect(run.check()).toMatchObject({ verdict: 'unknown', reason: expect.stringContaining('still spreading') });
  });

  it('a crashed node is not owed anything, and catches up after its restart', () => {
    const timeline: TimelineAction[] = [{ at: 50, action: 'crash', node: 'n7' }, bcast(100, 'v1', 'n1'), { at: 2000, action: 'restart', node: 'n7' }];
    const down = runGossip(gossipScenario({ nodes: 12, seed: 2, until: 1900, timeline }));
    expect(informed(down, 'v1')).toBe(11);
    expect(down.check().verdict).toBe('ok');
    const back = runGossip(gossipScenario({ nodes: 12, seed: 2, until: 9000, timeline }));
    expect(informed(back, 'v1')).toBe(12);
    expect(back.monitor.violations).toEqual([]);
  });
});

describe('teaching bugs break eventual delivery (anti-entropy off)', () => {
  it.each([
    ['give-up-at-once', { mode: 'push-pull', fanout: 2, k: 3 }],
    ['no-forward-pulled', { mode: 'pull', fanout: 1, k: 1 }],
  ] as const)('%s leaves nodes uninformed and the check fails, naming them', (bug, config) => {
    const scenario = (bugs: GossipConfig['bugs']) =>
      gossipScenario({ nodes: 20, seed: 2, until: 8000, config: { ...config, antiEntropyMs: 0, bugs }, timeline: [bcast(200, 'v1', 'n1')] });
    const broken = runGossip(scenario([bug]));
    const result = broken.check();
    expect(result.verdict).toBe('fail');
    expect(result.nodes!.length).toBeGreaterThan(1);
    expect(result.reason).toContain('lacks v1');
    expect(runGossip(scenario([])).check().verdict).toBe('ok');
  });
});
