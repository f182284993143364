/** The gossip panel's model: the wave for a chosen value, the informed curve, the expected curve, messages per broadcast. */
import { describe, expect, it } from 'vitest';
import type { NodeDetail } from '../../../core/protocol';
import { gossipConfig, type GossipDetail } from '../../../core/protocols/gossip';
import { buildGossipModel, expectedSusceptible } from './model';

const config = gossipConfig({ mode: 'push', fanout: 1, periodMs: 100 });
const detail = (sent: number, values: { value: string; at: number; hops: number; hot: boolean }[]): NodeDetail => ({
  summary: { role: 'removed', term: 0, votedFor: null, commitIndex: 0, lastLogIndex: 0, lastApplied: 0 },
  log: [],
  kv: {},
  extra: {},
  protocolDetail: { sent, config, values: values.map((x) => ({ ...x, from: 'n1', unneeded: 0 })) } satisfies GossipDetail,
});

describe('gossip panel model', () => {
  const details = {
    n1: detail(10, [{ value: 'a', at: 100, hops: 0, hot: false }, { value: 'b', at: 400, hops: 0, hot: true }]),
    n2: detail(6, [{ value: 'a', at: 130, hops: 1, hot: true }]),
    n3: detail(4, []),
    n4: detail(0, [{ value: 'a', at: 120, hops: 1, hot: false }]),
  };

  it('shows the newest value by default, each node’s place in its wave, and messages per broadcast', () => {
    const m = buildGossipModel({ nodeIds: ['n1', 'n2', 'n3', 'n4'], details, crashed: new Set(['n4']), chosen: null });
    expect(m.values).toEqual(['a', 'b']);
    expect(m.value).toBe('b');
    expect(m.wave.map((w) => w.state)).toEqual(['infective', 'susceptible', 'susceptible', 'crashed']);
    expect(m.msgsPerBroadcast).toBe(10);
    expect(m.live).toBe(3);
  });

  it('a chosen value: the informed fraction of live nodes steps up at each arrival, from the first', () => {
    const m = buildGossipModel({ nodeIds: ['n1', 'n2', 'n3', 'n4'], details, crashed: new Set(['n4']), chosen: 'a' });
    expect(m.wave.map((w) => [w.state, w.hops])).toEqual([['removed', 0], ['infective', 1], ['susceptible', null], ['crashed', 1]]);
    expect(m.informed).toEqual([[0, 1 / 3], [30, 2 / 3]]);
    expect(m.expected[0]![0]).toBe(0);
    expect(m.expected[0]![1]).toBeCloseTo(1 / 3);
    expect(m.expected[1]![0]).toBe(100);
  });

  it('expected curves: pull and push-pull finish the tail faster than push (Demers et al. §1.3)', () => {
    const push = expectedSusceptible('push', 1, 1000);
    const pull = expectedSusceptible('pull', 1, 1000);
    const both = expectedSusceptible('push-pull', 1, 1000);
    expect(push.at(-1)!).toBeLessThan(1 / 2000);
    // push from one site: about log2 n + ln n cycles (§1.3), ≈ 17 for n = 1000
    expect(push.length - 1).toBeGreaterThan(12);
    expect(push.length - 1).toBeLessThan(22);
    expect(both.length).toBeLessThan(push.length);
    expect(both.length).toBeLessThanOrEqual(pull.length);
  });
});
