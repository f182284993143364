import { describe, expect, it } from 'vitest';
import { Rng } from '../prng';
import {
  type DetectorConfig,
  type PhiConfig,
  createDetector,
  heartbeat,
  nextSuspicionAt,
  suspectAt,
  suspects,
  suspicion,
  transitions,
  unwatch,
  watch,
} from './detector';
import { phiOf, silenceForPhi } from './phi';

const PHI: PhiConfig = { kind: 'phi', threshold: 8, acceptablePauseMs: 3000, minStdDeviationMs: 100, maxSampleSize: 10, firstHeartbeatEstimateMs: 1000 };

/** regular gives a detector that heard `peer` every `everyMs` from 0 to `lastMs`. */
function regular(config: DetectorConfig, everyMs: number, lastMs: number, peer = 'n2') {
  let s = createDetector(config);
  for (let t = 0; t <= lastMs; t += everyMs) s = heartbeat(s, peer, t);
  return s;
}

describe('φ accrual (more-protocols.md §3 test vector: μ 1000, pause 3000, σ 100)', () => {
  it.each([
    [4000, 0.3],
    [4400, 4.74],
    [4520, 8.0],
    [5000, 37.6],
  ])('φ after %d ms of silence is about %d', (elapsed, phi) => {
    expect(Math.abs(phiOf(elapsed, 1000 + 3000, 100) - phi)).toBeLessThan(0.1);
  });

  it('gives the same figures from a detector that heard a heartbeat every second (window full of 1000 ms, σ floored to 100)', () => {
    const s = regular(PHI, 1000, 20_000);
    expect(suspicion(s, 'n2', 20_000 + 4000).level).toBeCloseTo(0.3, 1);
    expect(suspicion(s, 'n2', 20_000 + 4400).level).toBeCloseTo(4.74, 1);
    expect(suspicion(s, 'n2', 20_000 + 4400).suspected).toBe(false);
    expect(suspicion(s, 'n2', 20_000 + 5000)).toMatchObject({ suspected: true });
    expect(suspicion(s, 'n2', 20_000 + 5000).level).toBeCloseTo(37.6, 0);
  });

  it('never lowers φ while no heartbeat arrives (checker property 1)', () => {
    const s = regular(PHI, 1000, 10_000);
    let last = -Infinity;
    for (let t = 10_000; t <= 30_000; t += 37) {
      const { level } = suspicion(s, 'n2', t);
      expect(level).toBeGreaterThanOrEqual(last);
      last = level;
    }
  });

  it.each([1, 8, 16, 50])('lets a crashed node cross Φ = %d (checker property 2)', (threshold) => {
    const s = regular({ ...PHI, threshold }, 1000, 10_000);
    const at = suspectAt(s, 'n2')!;
    expect(at).toBeGreaterThan(10_000);
    expect(suspicion(s, 'n2', at).suspected).toBe(true);
    expect(suspicion(s, 'n2', at - 1).suspected).toBe(false);
    expect(silenceForPhi(threshold, 4000, 100)).toBe(at - 10_000);
  });

  it('raises no suspicion while every gap stays within μ + the acceptable pause (checker property 3)', () => {
    const rng = Rng.derive(14, 'gaps');
    let s = createDetector({ ...PHI, maxSampleSize: 50 });
    let t = 0;
    for (let i = 0; i < 300; i++) {
      const gap = rng.int(800, 1200);
      for (let probe = t; probe < t + gap; probe += 50) expect(suspects(s, probe)).toEqual([]);
      t += gap;
      s = heartbeat(s, 'n2', t);
    }
  });

  it('leaves the first heartbeat after a suspicion out of the window (Akka), so one long pause does not teach it to wait longer', () => {
    const s = regular(PHI, 1000, 20_000);
    const after = heartbeat(s, 'n2', 20_000 + 60_000);
    expect(after.peers.n2!.intervals).toEqual(s.peers.n2!.intervals);
    const next = heartbeat(after, 'n2', 20_000 + 61_000);
    expect(next.peers.n2!.intervals.at(-1)).toBe(1000);
  });

  it('keeps at most maxSampleSize intervals', () => {
    expect(regular(PHI, 1000, 50_000).peers.n2!.intervals).toHaveLength(10);
  });
});

describe('fixed timeout', () => {
  const FIXED: DetectorConfig = { kind: 'fixed', timeoutMs: 500 };

  it('suspects a peer after exactly timeoutMs of silence; the level is the silence in ms', () => {
    const s = heartbeat(watch(createDetector(FIXED), 'n2', 0), 'n2', 200);
    expect(suspicion(s, 'n2', 699)).toEqual({ suspected: false, level: 499 });
    expect(suspicion(s, 'n2', 700)).toEqual({ suspected: true, level: 500 });
    expect(suspectAt(s, 'n2')).toBe(700);
  });

  it('counts silence from the moment watching began', () => {
    const s = watch(createDetector(FIXED), 'n3', 1000);
    expect(suspects(s, 1499)).toEqual([]);
    expect(suspects(s, 1500)).toEqual(['n3']);
  });

  it('reports a peer suspected once, then trusted again when its heartbeat comes', () => {
    let s = watch(watch(createDetector(FIXED), 'n2', 0), 'n3', 0);
    s = heartbeat(s, 'n3', 400);
    const first = transitions(s, 600);
    expect(first.changes).toEqual([{ peer: 'n2', suspected: true, level: 600 }]);
    expect(transitions(first.state, 650).changes).toEqual([]);
    const back = transitions(heartbeat(first.state, 'n2', 700), 700);
    expect(back.changes).toEqual([{ peer: 'n2', suspected: false, level: 0 }]);
    expect(back.state.suspected).toEqual([]);
  });

  it('forgets an unwatched peer, its suspicion included', () => {
    const s = transitions(watch(createDetector(FIXED), 'n2', 0), 900).state;
    expect(s.suspected).toEqual(['n2']);
    const u = unwatch(s, 'n2');
    expect(u.suspected).toEqual([]);
    expect(suspicion(u, 'n2', 5000)).toEqual({ suspected: false, level: 0 });
  });

  it('gives the next moment a peer not yet suspected would become so', () => {
    let s = watch(watch(createDetector(FIXED), 'n2', 0), 'n3', 100);
    expect(nextSuspicionAt(s)).toBe(500);
    s = transitions(s, 500).state;
    expect(nextSuspicionAt(s)).toBe(600);
  });
});

describe('the detector state', () => {
  it('is plain data the functions never change (snapshots and time travel copy it)', () => {
    const s = regular(PHI, 1000, 5000);
    const copy = structuredClone(s);
    heartbeat(s, 'n2', 6000);
    heartbeat(s, 'n3', 6000);
    transitions(s, 60_000);
    unwatch(s, 'n2');
    expect(s).toEqual(copy);
    expect(JSON.parse(JSON.stringify(s))).toEqual(s);
  });

  it('refuses knobs out of range, in words', () => {
    expect(() => createDetector({ kind: 'fixed', timeoutMs: 0 })).toThrow(/fixed timeout must be at least 1 virtual ms \(got 0\)/);
    expect(() => createDetector({ ...PHI, threshold: 0 })).toThrow(/φ threshold must be above 0/);
    expect(() => createDetector({ ...PHI, maxSampleSize: 0 })).toThrow(/window must hold at least 1 sample/);
  });
});
