/**
 * The φ accrual failure detector's arithmetic (Hayashibara, Défago, Yared & Katayama, "The φ
 * accrual failure detector", SRDS 2004), as Akka/Pekko compute it (`PhiAccrualFailureDetector`):
 * φ = −log10(1 − F(elapsed)), F the normal CDF with the mean and standard deviation of recent
 * heartbeat inter-arrival times, the mean raised by an acceptable pause, the deviation floored, and
 * F replaced by a logistic approximation (error 0.00014 at ±3.16σ). See
 * ../shared/references/more-protocols.md §3. Pure: numbers in, numbers out.
 */

/**
 * phiOf gives φ for a heartbeat silence of `elapsedMs` (virtual ms since the last heartbeat) when
 * heartbeats are expected after `meanMs` (already raised by the acceptable pause) with standard
 * deviation `stdMs` (already floored by the minimum). φ = 1, 2, 3 means the heartbeat would still
 * come with probability 10%, 1%, 0.1%. Akka's form, which stays finite far in the tail: for
 * elapsed > mean it takes −log10(e / (1 + e)) rather than −log10(1 − F).
 * @throws RangeError if `stdMs` is not a positive number.
 */
export function phiOf(elapsedMs: number, meanMs: number, stdMs: number): number {
  if (!(stdMs > 0)) throw new RangeError(`phiOf: the standard deviation must be a positive number of ms (got ${stdMs})`);
  const y = (elapsedMs - meanMs) / stdMs;
  const e = Math.exp(-y * (1.5976 + 0.070566 * y * y));
  return elapsedMs > meanMs ? -Math.log10(e / (1 + e)) : -Math.log10(1 - 1 / (1 + e));
}

/**
 * silenceForPhi gives the silence (virtual ms since the last heartbeat) at which φ first reaches
 * `threshold`, for mean `meanMs` and deviation `stdMs` as in {@link phiOf}: φ only grows with the
 * silence, so the answer is found by bisection to within 0.01 ms (and rounded up to a whole ms, so
 * φ(result) ≥ threshold). A threshold of 0 or less is reached at once (0).
 * @throws RangeError if `stdMs` is not a positive number.
 */
export function silenceForPhi(threshold: number, meanMs: number, stdMs: number): number {
  if (threshold <= 0) return 0;
  let lo = 0;
  let hi = Math.max(1, meanMs);
  while (phiOf(hi, meanMs, stdMs) < threshold) hi *= 2;
  while (hi - lo > 0.01) {
    const mid = (lo + hi) / 2;
    if (phiOf(mid, meanMs, stdMs) >= threshold) hi = mid;
    else lo = mid;
  }
  const whole = Math.ceil(lo);
  return phiOf(whole, meanMs, stdMs) >= threshold ? whole : whole + 1;
}

/** IntervalStats is the mean and standard deviation (virtual ms) of a window of inter-arrival times. */
export interface IntervalStats {
  meanMs: number;
  stdMs: number;
}

/**
 * intervalStats gives the mean and (population) standard deviation of `intervals` (virtual ms), as
 * Akka's HeartbeatHistory does. An empty window gives zeros.
 */
export function intervalStats(intervals: readonly number[]): IntervalStats {
  const n = intervals.length;
  if (n === 0) return { meanMs: 0, stdMs: 0 };
  let sum = 0;
  let sq = 0;
  for (const x of intervals) {
    sum += x;
    sq += x * x;
  }
  const mean = sum / n;
  return { meanMs: mean, stdMs: Math.sqrt(Math.max(0, sq / n - mean * mean)) };
}
