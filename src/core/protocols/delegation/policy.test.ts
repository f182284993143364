/** Assignment policies, the hash ring (Karger et al. §4; Dynamo §4.2), the breaker (Nygard), the token bucket and the backoff. */
import { describe, expect, it } from 'vitest';
import { take } from './admission';
import { admits, closedBreaker, onAssign, onFailure, onSuccess, onTick } from './breaker';
import { backoffMs, hashPick, pick, ringOf, type Candidate } from './policy';

const all = ['n2', 'n3', 'n4', 'n5'];
const cand = (id: string, load = 0, given = 0, capabilities = 1): Candidate => ({ id, load, given, capabilities });
const opts = (cursor: string | null = null) => ({ cursor, all, virtualNodes: 16 });

describe('policies', () => {
  it('round robin picks the next eligible follower after the last pick, wrapping round', () => {
    const cs = all.map((id) => cand(id));
    expect(pick('round-robin', 't', cs, opts())).toBe('n2');
    expect(pick('round-robin', 't', cs, opts('n2'))).toBe('n3');
    expect(pick('round-robin', 't', cs, opts('n5'))).toBe('n2');
    expect(pick('round-robin', 't', [cand('n2'), cand('n5')], opts('n3'))).toBe('n5');
  });

  it('least loaded picks the fewest tasks held, then the fewest given, then rank', () => {
    expect(pick('least-loaded', 't', [cand('n2', 2), cand('n3', 1), cand('n4', 1)], opts())).toBe('n3');
    expect(pick('least-loaded', 't', [cand('n2', 1, 3), cand('n3', 1, 2)], opts())).toBe('n3');
  });

  it('capability match prefers the best fit (fewest extra capabilities), ties broken by load', () => {
    expect(pick('capability', 't', [cand('n2', 0, 0, 2), cand('n3', 3, 0, 1)], opts())).toBe('n3');
    expect(pick('capability', 't', [cand('n2', 2, 0, 1), cand('n3', 1, 0, 1)], opts())).toBe('n3');
  });

  it('gives null with no eligible follower', () => {
    for (const p of ['round-robin', 'least-loaded', 'consistent-hash', 'capability'] as const) expect(pick(p, 't', [], opts())).toBeNull();
  });

  it('consistent hashing is stable, and a follower leaving moves only its own tasks (monotonicity)', () => {
    const tasks = Array.from({ length: 200 }, (_, i) => `t${i}`);
    const before = new Map(tasks.map((t) => [t, hashPick(t, all, new Set(all), 16)]));
    expect(new Set(before.values())).toEqual(new Set(all));
    const without = new Set(all.filter((n) => n !== 'n3'));
    for (const t of tasks) {
      const after = hashPick(t, all, without, 16);
      if (before.get(t) !== 'n3') expect(after).toBe(before.get(t));
      else expect(after).not.toBe('n3');
    }
  });

  it('the ring holds virtualNodes points per follower, sorted', () => {
    const ring = ringOf(all, 8);
    expect(ring).toHaveLength(32);
    for (let i = 1; i < ring.length; i++) expect(ring[i]!.at).toBeGreaterThanOrEqual(ring[i - 1]!.at);
  });
});

describe('backoff', () => {
  it('doubles per retry up to the cap, with jitter in [½, 1]', () => {
    expect(backoffMs(1, 100, 1600, 1)).toBe(100);
    expect(backoffMs(1, 100, 1600, 0)).toBe(50);
    expect(backoffMs(3, 100, 1600, 1)).toBe(400);
    expect(backoffMs(10, 100, 1600, 1)).toBe(1600);
    expect(backoffMs(10, 100, 1600, 0)).toBe(800);
  });
});

describe('circuit breaker (Nygard)', () => {
  it('opens after threshold consecutive failures, half-opens after the cool-down, closes on the trial’s success', () => {
    const b = closedBreaker();
    expect(onFailure(b, 10, 3)).toBeNull();
    expect(onFailure(b, 20, 3)).toBeNull();
    expect(onFailure(b, 30, 3)).toEqual({ from: 'closed', to: 'open' });
    expect(admits(b)).toBe(false);
    expect(onTick(b, 500, 1000)).toBeNull();
    expect(onTick(b, 1030, 1000)).toEqual({ from: 'open', to: 'half-open' });
    expect(admits(b)).toBe(true);
    onAssign(b, 't1');
    expect(admits(b)).toBe(false);
    expect(onSuccess(b)).toEqual({ from: 'half-open', to: 'closed' });
    expect(b.failures).toBe(0);
  });

  it('a success resets the count; a failed trial opens it again', () => {
    const b = closedBreaker();
    onFailure(b, 1, 2);
    onSuccess(b);
    expect(onFailure(b, 2, 2)).toBeNull();
    onFailure(b, 3, 2);
    onTick(b, 2000, 100);
    expect(onFailure(b, 2001, 2)).toEqual({ from: 'half-open', to: 'open' });
    expect(b.openedAt).toBe(2001);
  });
});

describe('token bucket', () => {
  it('allows the burst, then refuses until tokens refill at the rate', () => {
    let bucket;
    const oks: boolean[] = [];
    for (let i = 0; i < 5; i++) {
      const r = take(bucket, 0, 2, 3);
      bucket = r.bucket;
      oks.push(r.ok);
    }
    expect(oks).toEqual([true, true, true, false, false]);
    expect(take(bucket, 499, 2, 3).ok).toBe(false);
    expect(take(bucket, 500, 2, 3).ok).toBe(true);
  });
});

describe('hash ring balance', () => {
  it('spreads 1000 tasks over 4 followers with 16 points each within a factor of two of even', () => {
    const counts = new Map<string, number>();
    for (let i = 0; i < 1000; i++) {
      const n = hashPick(`t${i}`, all, new Set(all), 16)!;
      counts.set(n, (counts.get(n) ?? 0) + 1);
    }
    for (const id of all) expect(counts.get(id) ?? 0).toBeGreaterThan(125);
  });
});
