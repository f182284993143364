import { describe, expect, it } from 'vitest';
import { createDetector, heartbeat, watch } from '../../core/detectors/detector';
import { buildSuspicionMatrix, gradeOf, levelText } from './model';

const fixed = (lastBeat: Record<string, number>) => {
  let s = createDetector({ kind: 'fixed', timeoutMs: 1000 });
  for (const [peer, t] of Object.entries(lastBeat)) s = heartbeat(watch(s, peer, 0), peer, t);
  return s;
};

describe('the suspicion matrix', () => {
  it('grades each watched peer against the threshold and marks a suspected live peer as a false suspicion', () => {
    const m = buildSuspicionMatrix({
      nodes: ['n1', 'n2', 'n3'],
      detectors: { n1: fixed({ n2: 1900, n3: 500 }), n2: fixed({ n1: 1400, n3: 500 }), n3: null },
      now: 2000,
      crashed: new Set(['n3']),
    });
    expect(m.detector).toBe('fixed');
    expect(m.threshold).toBe(1000);
    expect(m.rows[0]!.map((c) => [c.peer, c.level, c.grade, c.falseSuspicion])).toEqual([
      ['n1', null, 'none', false],
      ['n2', 100, 'calm', false],
      ['n3', 1500, 'suspected', false],
    ]);
    expect(m.rows[1]![0]).toMatchObject({ level: 600, grade: 'warm' });
    expect(m.rows[2]!.every((c) => c.grade === 'none')).toBe(true);
    expect(m.falseSuspicions).toBe(0);
  });

  it('counts a suspicion of a node that has not crashed as false', () => {
    const m = buildSuspicionMatrix({ nodes: ['n1', 'n2'], detectors: { n1: fixed({ n2: 0 }), n2: fixed({ n1: 2900 }) }, now: 3000, crashed: new Set() });
    expect(m.rows[0]![1]).toMatchObject({ grade: 'suspected', falseSuspicion: true });
    expect(m.falseSuspicions).toBe(1);
  });

  it('words levels: φ with one decimal, capped; ms whole', () => {
    expect(levelText('phi', 4.736)).toBe('4.7');
    expect(levelText('phi', 250)).toBe('≥100');
    expect(levelText('fixed', 612.4)).toBe('612');
    expect(levelText('fixed', null)).toBe('');
    expect(gradeOf(499, 1000)).toBe('calm');
    expect(gradeOf(500, 1000)).toBe('warm');
    expect(gradeOf(1000, 1000)).toBe('suspected');
  });
});
