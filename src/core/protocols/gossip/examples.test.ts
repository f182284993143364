/**
 * Each gossip example tells the story its description tells, under its seed. The examples are
 * raw scenarios; here they run through gossipScenario (the scenario schema parses them in the app).
 */
import { describe, expect, it } from 'vitest';
import type { TimelineAction } from '../../scenario/types';
import type { GossipConfig } from './config';
import { GOSSIP_EXAMPLES } from './examples';
import { gossipScenario } from './scenario';
import { informed, runGossip, type GossipRun } from './testkit';
import { gossipEntry } from './entry';

interface Raw {
  nodes: number;
  seed: number;
  until: number;
  config: Partial<GossipConfig>;
  timeline: TimelineAction[];
}

const run = (id: string): GossipRun => {
  const r = GOSSIP_EXAMPLES[id] as unknown as Raw;
  return runGossip(gossipScenario({ nodes: r.nodes, seed: r.seed, until: r.until, config: r.config, timeline: r.timeline }));
};
/** receivedBy gives the times (virtual ms) `value` reached each node, in order. */
const receivedBy = (x: GossipRun, value: string) => x.records.filter((r) => r.value === value).map((r) => r.t);

describe('gossip examples', () => {
  it('are listed under one heading, with ids prefixed gossip-, names and descriptions', () => {
    expect(gossipEntry.examples().map((g) => g.title)).toEqual(['Gossip']);
    for (const [id, raw] of Object.entries(GOSSIP_EXAMPLES)) {
      expect(id).toMatch(/^gossip-/);
      expect(raw).toMatchObject({ protocol: 'gossip', name: expect.stringMatching(/^Gossip/), description: expect.any(String) });
    }
  });

  it('push vs pull vs push-pull on 30 nodes: push leaves a residue, pull starts slower, push-pull is quickest', () => {
    const [push, pull, both] = [run('gossip-push'), run('gossip-pull'), run('gossip-push-pull')];
    expect(informed(push, 'v1')).toBeLessThan(30);
    expect(push.check().verdict).toBe('fail');
    expect(informed(pull, 'v1')).toBe(30);
    expect(informed(both, 'v1')).toBe(30);
    const half = (x: GossipRun) => receivedBy(x, 'v1')[14]!;
    expect(half(pull)).toBeGreaterThan(half(push));
    expect(receivedBy(both, 'v1').at(-1)!).toBeLessThan(receivedBy(pull, 'v1').at(-1)!);
  });

  it('small k leaves nodes uninformed until anti-entropy repairs them', () => {
    const x = run('gossip-residue-repaired');
    const beforeRepair = receivedBy(x, 'v1').filter((t) => t < 3000).length;
    expect(beforeRepair).toBeLessThan(30);
    expect(informed(x, 'v1')).toBe(30);
    expect(informed(x, 'v2')).toBe(30);
    expect(x.check().verdict).toBe('ok');
  });

  it('a partition that heals: each side’s value crosses only after the heal', () => {
    const x = run('gossip-partition-heals');
    const crossed = x.records.filter((r) => (r.value === 'left' && Number(String(r.node).slice(1)) > 20) || (r.value === 'right' && Number(String(r.node).slice(1)) <= 20));
    expect(crossed).toHaveLength(30);
    for (const r of crossed) expect(r.t).toBeGreaterThanOrEqual(3000);
    expect(x.check().verdict).toBe('ok');
  });

  it('100 nodes: all 80 values reach all 100 nodes, with no safety violation', () => {
    const x = run('gossip-100-nodes');
    expect(x.records).toHaveLength(8000);
    expect(x.monitor.violations).toEqual([]);
    expect(x.check()).toMatchObject({ verdict: 'ok', operations: 80 });
  });

  it.each(['gossip-bug-give-up-at-once', 'gossip-bug-no-forward-pulled'])('%s fails eventual delivery', (id) => {
    const x = run(id);
    expect(informed(x, 'v1')).toBeLessThan(20);
    expect(x.check().verdict).toBe('fail');
  });
});
