/**
 * The bench's claims, on shorter runs: Maelstrom's broadcast targets with the headline config, the
 * batching period trading messages for latency, and 100 nodes faster than real time.
 */
import { describe, expect, it } from 'vitest';
import { gossipSpeed, MAELSTROM_CONFIG, MAELSTROM_TARGETS, maelstromBroadcast, TRADE_OFF } from './bench';

describe('gossip bench', () => {
  it('meets Maelstrom broadcast targets (25 nodes, 100 ms latency) with the headline config', () => {
    const f = maelstromBroadcast(MAELSTROM_CONFIG, { durationMs: 5000 });
    expect(f.broadcasts).toBeGreaterThan(200);
    expect(f.undelivered).toBe(0);
    expect(f.msgsPerOp).toBeLessThan(MAELSTROM_TARGETS.msgsPerOp);
    expect(f.medianMs).toBeLessThan(MAELSTROM_TARGETS.medianMs);
    expect(f.maxMs).toBeLessThan(MAELSTROM_TARGETS.maxMs);
    expect(f.medianMs).toBeGreaterThanOrEqual(200); // at least two 100 ms hops: nothing is free
  });

  it('a longer batching period sends fewer messages and delivers later', () => {
    const [fast, mid, slow] = TRADE_OFF.slice(0, 3).map((c) => maelstromBroadcast(c, { durationMs: 3000 }));
    expect(fast!.msgsPerBroadcast).toBeGreaterThan(mid!.msgsPerBroadcast * 1.6);
    expect(mid!.msgsPerBroadcast).toBeGreaterThan(slow!.msgsPerBroadcast * 1.6);
    expect(fast!.medianMs).toBeLessThan(mid!.medianMs);
    expect(mid!.medianMs).toBeLessThan(slow!.medianMs);
  });

  it('100 nodes run headless faster than real time', () => {
    const s = gossipSpeed(() => performance.now(), 100, 10_000);
    expect(s.events).toBeGreaterThan(10_000);
    expect(s.simSecondsPerWallSecond).toBeGreaterThan(1);
  });
});
