import { describe, expect, it } from 'vitest';
import { createDetector } from './detector';
import { downtimesFromFaults } from './downtime';
import { type DetectorRecord, defaultThresholds, detectorMeasures, thresholdSweep, watchSegments } from './measures';
import { checkPeers, heardFrom, unwatchPeer, watchPeer } from './records';

/** beats gives heartbeat records of `peer` at `node` at each time. */
const beats = (node: string, peer: string, times: number[]): DetectorRecord[] => times.map((t) => ({ t, kind: 'heartbeat', node, peer }));
const every = (from: number, to: number, step: number) => Array.from({ length: Math.floor((to - from) / step) + 1 }, (_, i) => from + i * step);

describe('downtimes', () => {
  it('reads crashes, restarts (resolved nodes) and pauses from fault and resume records; skipped ones count for nothing', () => {
    const d = downtimesFromFaults([
      { t: 100, type: 'fault', action: 'crash', node: 'n1' },
      { t: 150, type: 'fault', action: 'crash', node: 'n9', skipped: 'no such node' },
      { t: 200, type: 'fault', action: 'pause', node: 'n2' },
      { t: 400, type: 'fault', action: 'restart', nodes: ['n1'] },
      { t: 500, type: 'resume', node: 'n2' },
      { t: 500, type: 'fault', action: 'crash', node: 'n3' },
    ]);
    expect(d).toEqual([
      { node: 'n1', fromMs: 100, toMs: 400, cause: 'crash' },
      { node: 'n2', fromMs: 200, toMs: 500, cause: 'pause' },
      { node: 'n3', fromMs: 500, toMs: null, cause: 'crash' },
    ]);
  });

  it('ends a pause at a crash, and at the resume of a pause paused again', () => {
    expect(
      downtimesFromFaults([
        { t: 100, type: 'fault', action: 'pause', node: 'n1' },
        { t: 300, type: 'fault', action: 'crash', node: 'n1' },
        { t: 300, type: 'resume', node: 'n1' },
        { t: 500, type: 'fault', action: 'pause', node: 'n2' },
        { t: 550, type: 'fault', action: 'pause', node: 'n2' },
        { t: 850, type: 'resume', node: 'n2' },
      ]),
    ).toEqual([
      { node: 'n1', fromMs: 100, toMs: 300, cause: 'pause' },
      { node: 'n1', fromMs: 300, toMs: null, cause: 'crash' },
      { node: 'n2', fromMs: 500, toMs: 850, cause: 'pause' },
    ]);
  });

  it('restarts every node down when a restart names none', () => {
    expect(
      downtimesFromFaults([
        { t: 100, type: 'fault', action: 'crash', node: 'n5' },
        { t: 120, type: 'fault', action: 'crash', node: 'n2' },
        { t: 900, type: 'fault', action: 'restart' },
      ]),
    ).toEqual([
      { node: 'n5', fromMs: 100, toMs: 900, cause: 'crash' },
      { node: 'n2', fromMs: 120, toMs: 900, cause: 'crash' },
    ]);
  });
});

describe('detector measures', () => {
  // n1 and n3 watch n2, which beats every 100 ms and crashes at 1050; n3 also suspected n2 at 500 while it was up.
  const records: DetectorRecord[] = [
    { t: 0, kind: 'watch', node: 'n1', peer: 'n2' },
    { t: 0, kind: 'watch', node: 'n3', peer: 'n2' },
    ...beats('n1', 'n2', every(100, 1000, 100)),
    ...beats('n3', 'n2', [...every(100, 200, 100), ...every(600, 1000, 100)]),
    { t: 500, kind: 'suspect', node: 'n3', peer: 'n2', level: 300 },
    { t: 600, kind: 'unsuspect', node: 'n3', peer: 'n2', level: 400 },
    { t: 1300, kind: 'suspect', node: 'n1', peer: 'n2', level: 300 },
    { t: 1320, kind: 'suspect', node: 'n3', peer: 'n2', level: 320 },
    { t: 1300, kind: 'unwatch', node: 'n1', peer: 'n2' },
  ].sort((a, b) => a.t - b.t);
  const downtimes = downtimesFromFaults([{ t: 1050, type: 'fault', action: 'crash', node: 'n2' }]);

  it('times each watching node’s detection of a crash and counts a suspicion of a live node as false', () => {
    const m = detectorMeasures(records, downtimes, 3000);
    expect(m.detections.map((d) => [d.observer, d.ms])).toEqual([
      ['n1', 250],
      ['n3', 270],
    ]);
    expect(m.falseSuspicions).toEqual([{ observer: 'n3', peer: 'n2', t: 500, level: 300, paused: false }]);
    expect(m.suspicions).toBe(3);
    expect(m.falsePerMinute).toBeGreaterThan(0);
  });

  it('counts a suspicion of a paused node as false, and marks it paused', () => {
    const m = detectorMeasures(records, downtimesFromFaults([{ t: 400, type: 'fault', action: 'pause', node: 'n2' }, { t: 600, type: 'resume', node: 'n2' }]), 1100);
    expect(m.falseSuspicions[0]).toMatchObject({ t: 500, paused: true });
  });

  it('carries a watch that ended on suspecting a crashed peer until the run ends (the peer never came back)', () => {
    const segs = watchSegments(records, downtimes, 3000);
    expect(segs.find((s) => s.observer === 'n1')).toMatchObject({ startMs: 0, endMs: 3000 });
  });

  it('replays the heartbeats against each threshold: a short timeout detects sooner and suspects the live node falsely, a long one misses', () => {
    const sweep = thresholdSweep(records, downtimes, { kind: 'fixed', timeoutMs: 250 }, [150, 250, 450, 5000], 3000);
    expect(sweep.map((p) => [p.threshold, p.detected, p.missed, p.meanDetectionMs, p.falseSuspicions])).toEqual([
      [150, 2, 0, 100, 1],
      [250, 2, 0, 200, 1],
      [450, 2, 0, 400, 0],
      [5000, 0, 2, null, 0],
    ]);
  });

  it('replays φ too: a higher Φ waits longer and never suspects more', () => {
    const sweep = thresholdSweep(records, downtimes, { kind: 'phi', threshold: 8, acceptablePauseMs: 0, minStdDeviationMs: 10, maxSampleSize: 20, firstHeartbeatEstimateMs: 100 }, [1, 4, 8], 3000);
    for (const [lo, hi] of sweep.slice(1).map((p, i) => [sweep[i]!, p] as const)) {
      expect(hi.meanDetectionMs!).toBeGreaterThan(lo.meanDetectionMs!);
      expect(hi.falseSuspicions).toBeLessThanOrEqual(lo.falseSuspicions);
    }
    expect(sweep[0]!.falseSuspicions).toBeGreaterThan(0);
  });

  it('sweeps a range around the configured threshold by default', () => {
    expect(defaultThresholds({ kind: 'fixed', timeoutMs: 1000 })).toContain(1000);
    expect(defaultThresholds({ kind: 'phi', ...{ threshold: 8, acceptablePauseMs: 0, minStdDeviationMs: 100, maxSampleSize: 10, firstHeartbeatEstimateMs: 100 } })).toContain(8);
  });
});

describe('detector records from a step', () => {
  it('writes watch, heartbeat, suspect and unsuspect records with the shared fields', () => {
    const out: { kind: string; fields: Record<string, unknown> }[] = [];
    const env = (now: number) => ({ now, record: (kind: string, fields: Record<string, unknown>) => out.push({ kind, fields }) });
    let s = createDetector({ kind: 'fixed', timeoutMs: 300 });
    s = watchPeer(s, 'n2', env(0));
    s = heardFrom(s, 'n2', env(100));
    s = checkPeers(s, env(450), { round: 2 }).state;
    s = heardFrom(s, 'n2', env(500));
    s = checkPeers(s, env(500)).state;
    s = unwatchPeer(s, 'n2', env(600));
    expect(out).toEqual([
      { kind: 'watch', fields: { peer: 'n2', detector: 'fixed' } },
      { kind: 'heartbeat', fields: { peer: 'n2' } },
      { kind: 'suspect', fields: { peer: 'n2', level: 350, detector: 'fixed', threshold: 300, round: 2 } },
      { kind: 'heartbeat', fields: { peer: 'n2' } },
      { kind: 'unsuspect', fields: { peer: 'n2', level: 0, detector: 'fixed' } },
      { kind: 'unwatch', fields: { peer: 'n2' } },
    ]);
  });
});
