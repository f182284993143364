/** Gossip's client op, workload and config: clear errors for bad input, deterministic traffic. */
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { gossipConfig } from './config';
import { broadcastOpSchema, broadcastWorkload, GOSSIP_OPS } from './ops';

describe('gossip ops', () => {
  it('a broadcast takes a value; numbers become strings', () => {
    expect(v.parse(broadcastOpSchema, { f: 'broadcast', value: 7 })).toEqual({ f: 'broadcast', value: '7' });
    expect(GOSSIP_OPS.describe({ f: 'broadcast', value: 'v1' })).toBe('broadcast v1');
  });

  it('other ops are refused in words that say gossip knows only broadcast', () => {
    const r = v.safeParse(broadcastOpSchema, { f: 'put', key: 'x', value: '1' });
    expect(r.success).toBe(false);
    expect(r.issues![0]!.message).toContain('gossip knows only broadcast');
  });

  it('the workload broadcasts unique values from one client each, deterministically, within its window', () => {
    const opts = { startMs: 100, endMs: 5100, ratePerSecond: 10, clients: ['c1'], keys: ['x'] };
    const a = broadcastWorkload(9, opts);
    expect(a).toEqual(broadcastWorkload(9, opts));
    expect(a.length).toBeGreaterThan(35);
    expect(a.length).toBeLessThan(65);
    const values = a.map((x) => (x.action === 'request' ? x.op.value : null));
    expect(new Set(values).size).toBe(a.length);
    expect(new Set(a.map((x) => (x.action === 'request' ? x.client : null))).size).toBe(a.length);
    for (const x of a) expect(x.at >= 100 && x.at < 5100).toBe(true);
    expect(() => broadcastWorkload(1, { ...opts, ratePerSecond: 0 })).toThrow('ratePerSecond must be positive');
  });
});

describe('gossip config', () => {
  it('fills defaults and names a bad field in words', () => {
    expect(gossipConfig({ fanout: 3 })).toMatchObject({ mode: 'push', fanout: 3, periodMs: 100, k: 3, feedback: true, antiEntropyMs: 1000, bugs: [] });
    expect(() => gossipConfig({ mode: 'shout' as never })).toThrow('config.mode must be one of push, pull, push-pull (got "shout")');
    expect(() => gossipConfig({ fanout: 0 })).toThrow('config.fanout must be a whole number from 1 to 100 (got 0)');
    expect(() => gossipConfig({ bugs: ['typo' as never] })).toThrow('unknown bug "typo"');
  });
});
