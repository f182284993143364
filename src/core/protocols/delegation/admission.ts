/**
 * Admission control at the coordinator: a token bucket per client (refilled at `ratePerSecond`, up
 * to `burst`). A submit finds a token or is shed, with the reason in the reply; nothing is queued
 * without end (the task queue itself is bounded by config.maxQueue).
 */
import type { VirtualMs } from '../../types';

/** Bucket is one client's token bucket. */
export interface Bucket {
  tokens: number;
  /** When it was last refilled (virtual ms). */
  at: VirtualMs;
}

/**
 * take refills `bucket` (or a full new one when undefined) to `now` and takes one token. Gives the
 * bucket as it is after, and whether a token was there.
 */
export function take(bucket: Bucket | undefined, now: VirtualMs, ratePerSecond: number, burst: number): { bucket: Bucket; ok: boolean } {
  const b = bucket ? { ...bucket } : { tokens: burst, at: now };
  b.tokens = Math.min(burst, b.tokens + ((now - b.at) * ratePerSecond) / 1000);
  b.at = now;
  if (b.tokens < 1) return { bucket: b, ok: false };
  b.tokens -= 1;
  return { bucket: b, ok: true };
}
