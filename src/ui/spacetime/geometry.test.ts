import { describe, expect, it } from 'vitest';
import {
  arrowGeom, clampWindow, crowdedTimers, distToSegment, followWindow, labelPlacer, labelPriority, laneAt, makeLayout, nearestArrow,
  nearestMark, panWindow, zoomWindow, type Cursor,
} from './geometry';
import type { MessageArrow } from './model';

const nodes = ['n1', 'n2', 'n3'];
// Plot: x from 50 to 1050 for t in [0, 1000] (1 px per ms); lanes 100 px tall from y = 20.
const L = makeLayout({ width: 1062, height: 354, labelWidth: 50, top: 20, axis: 34, right: 12 }, { t0: 0, t1: 1000 }, nodes);
const now: Cursor = { t: 1000, rec: 1_000_000, horizon: 1000 };

function msg(p: Partial<MessageArrow>): MessageArrow {
  return {
    id: 1, from: 'n1', to: 'n3', sendT: 100, sendRec: 10, endT: 300, endRec: 20, fate: 'delivered', dup: false, held: false,
    type: 'AppendEntries', label: 'AppendEntries t1', kind: 'ae-hb', deliverAt: 300, msg: null, ...p,
  };
}

describe('layout', () => {
  it('places time on the x scale and lanes evenly', () => {
    expect(L.x(0)).toBe(50);
    expect(L.x(1000)).toBe(1050);
    expect(L.laneH).toBe(100);
    expect(L.laneY.get('n1')).toBe(70);
    expect(L.laneY.get('n3')).toBe(270);
    expect(laneAt(L, 25)).toBe('n1');
    expect(laneAt(L, 219)).toBe('n2');
    expect(laneAt(L, 330)).toBeNull();
    expect(laneAt(L, 5)).toBeNull();
  });
});

describe('arrowGeom', () => {
  it('a delivered message runs from sender lane at sendT to receiver lane at endT with an arrowhead', () => {
    const g = arrowGeom(msg({}), L, now)!;
    expect([g.x1, g.y1, g.x2, g.y2]).toEqual([150, 70, 350, 270]);
    expect(g.head).toBe('arrow');
    expect(g.pastFrac).toBe(1);
    expect(g.style).toBe('solid');
  });

  it('splits at the cursor: past before it, future after; a later send is all future', () => {
    const c: Cursor = { t: 200, rec: 15, horizon: 1000 };
    const g = arrowGeom(msg({}), L, c)!;
    expect(g.pastFrac).toBeCloseTo(0.5);
    expect(g.headPast).toBe(false);
    expect(arrowGeom(msg({ sendRec: 15 }), L, c)!.pastFrac).toBe(0);
  });

  it('an in-flight message ends where it is at the horizon, dashed, no head', () => {
    const g = arrowGeom(msg({ endT: null, endRec: null, fate: 'in-flight' }), L, { t: 200, rec: 99, horizon: 200 })!;
    expect(g.x2).toBe(250);
    expect(g.y2).toBe(170);
    expect(g.style).toBe('flight');
    expect(g.head).toBeNull();
  });

  it('a drop at delivery time ends part-way with a cross; a drop at once is a short stub', () => {
    const d = arrowGeom(msg({ fate: 'dropped', endT: 200, dropReason: 'loss' }), L, now)!;
    expect(d.head).toBe('cross');
    expect([d.x2, d.y2]).toEqual([250, 170]);
    const s = arrowGeom(msg({ fate: 'dropped', endT: 100, deliverAt: undefined }), L, now)!;
    expect(s.x2).toBeGreaterThan(s.x1);
    expect(s.y2).toBeGreaterThan(s.y1);
    expect(s.x2 - s.x1).toBeLessThan(15);
  });

  it('duplicates are dotted; messages outside the window are skipped; long ones are clipped', () => {
    expect(arrowGeom(msg({ dup: true }), L, now)!.style).toBe('dup');
    expect(arrowGeom(msg({ sendT: 2000, endT: 2100 }), L, now)).toBeNull();
    const long = arrowGeom(msg({ sendT: 500, endT: 100_000, deliverAt: 100_000 }), L, now)!;
    expect(long.x2).toBeLessThanOrEqual(1050 + 16);
    expect(long.head).toBeNull();
    expect(long.y2).toBeGreaterThan(70);
    expect(long.y2).toBeLessThan(75);
  });
});

describe('hit-testing', () => {
  it('distToSegment', () => {
    expect(distToSegment(5, 5, 0, 0, 10, 0)).toBe(5);
    expect(distToSegment(-3, 4, 0, 0, 10, 0)).toBe(5);
    expect(distToSegment(3, 3, 3, 3, 3, 3)).toBe(0);
  });

  it('nearestArrow picks the closest arrow within 5 px', () => {
    const a = arrowGeom(msg({ id: 1 }), L, now)!;
    const b = arrowGeom(msg({ id: 2, from: 'n2', to: 'n1', sendT: 150, endT: 350 }), L, now)!;
    expect(nearestArrow([a, b], 250, 172)?.m.id).toBe(1);
    expect(nearestArrow([a, b], 250, 147)?.m.id).toBe(2);
    expect(nearestArrow([a, b], 700, 20)).toBeNull();
  });

  it('nearestMark treats a NaN y as a vertical line', () => {
    const marks = [{ x: 100, y: 70 }, { x: 300, y: NaN }];
    expect(nearestMark(marks, 102, 72)).toBe(marks[0]);
    expect(nearestMark(marks, 301, 250)).toBe(marks[1]);
    expect(nearestMark(marks, 200, 70)).toBeNull();
  });
});

describe('window arithmetic', () => {
  const lim = { horizon: 10_000 };
  it('follow keeps the cursor near the right edge and never starts before 0', () => {
    expect(followWindow(0, 2000)).toEqual({ t0: 0, t1: 2000 });
    expect(followWindow(5000, 2000)).toEqual({ t0: 3100, t1: 5100 });
  });

  it('zoom keeps the anchor in place and respects min/max widths', () => {
    const w = zoomWindow({ t0: 1000, t1: 3000 }, 2500, 0.5, lim);
    expect(w).toEqual({ t0: 1750, t1: 2750 });
    expect((2500 - w.t0) / (w.t1 - w.t0)).toBeCloseTo(0.75);
    const tiny = zoomWindow({ t0: 1000, t1: 1030 }, 1015, 0.1, lim);
    expect(tiny.t1 - tiny.t0).toBe(20);
    const all = zoomWindow({ t0: 1000, t1: 3000 }, 2000, 100, lim);
    expect(all).toEqual({ t0: 0, t1: 10_000 });
    // A short run still allows the default 2 s window.
    expect(clampWindow({ t0: 0, t1: 2000 }, { horizon: 100 })).toEqual({ t0: 0, t1: 2000 });
  });

  it('pan shifts the window and stops at the run start', () => {
    expect(panWindow({ t0: 1000, t1: 2000 }, 500, lim)).toEqual({ t0: 1500, t1: 2500 });
    expect(panWindow({ t0: 1000, t1: 2000 }, -5000, lim)).toEqual({ t0: 0, t1: 1000 });
    expect(panWindow({ t0: 1000, t1: 2000 }, 50_000, lim).t0).toBeLessThan(10_000);
  });
});

describe('marks and labels', () => {
  it('crowdedTimers hides heartbeat trains but keeps isolated firings', () => {
    const t = (node: string, x: number) => ({ x, mark: { kind: 'timer', node } });
    const marks = [t('n1', 0), t('n1', 3), t('n1', 6), t('n1', 40), t('n2', 4), { x: 5, mark: { kind: 'role', node: 'n1' } }];
    const crowded = crowdedTimers(marks);
    expect(marks.filter((m) => crowded.has(m)).map((m) => m.x)).toEqual([0, 3, 6]);
  });

  it('labelPlacer refuses overlapping labels on a row, in any order', () => {
    const fits = labelPlacer();
    expect(fits('n1', 100, 'leader')).toBe(true);
    expect(fits('n1', 90, 'candidate')).toBe(false);
    expect(fits('n2', 90, 'candidate')).toBe(true);
    expect(fits('n1', 20, 'follower')).toBe(true);
    expect(fits('n1', 200, 'x')).toBe(true);
  });

  it('labelPriority puts crashes and leaders before other roles', () => {
    const order = [
      { kind: 'role', role: 'candidate', node: 'n1' },
      { kind: 'role', role: 'leader', node: 'n1' },
      { kind: 'crash', node: 'n1' },
    ].sort((a, b) => labelPriority(a) - labelPriority(b));
    expect(order.map((m) => m.kind + (m.role ?? ''))).toEqual(['crash', 'roleleader', 'rolecandidate']);
  });
});
