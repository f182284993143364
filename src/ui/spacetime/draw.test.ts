import { describe, expect, it } from 'vitest';
import { drawSpaceTime, type Ctx } from './draw';
import { makeLayout, visibleArrows } from './geometry';
import { buildIndexFromRecords } from './model';
import { exampleRun } from './testRuns';

/** stubCtx is a 2D context that only counts calls (Node has no canvas). */
function stubCtx() {
  const calls: Record<string, number> = {};
  const count = (name: string) => () => {
    calls[name] = (calls[name] ?? 0) + 1;
  };
  const ctx = {
    fillStyle: '', strokeStyle: '', lineWidth: 1, globalAlpha: 1, font: '', textAlign: 'left', textBaseline: 'alphabetic', lineCap: 'butt', lineJoin: 'miter',
    save: count('save'), restore: count('restore'), beginPath: count('beginPath'), moveTo: count('moveTo'), lineTo: count('lineTo'),
    closePath: count('closePath'), stroke: count('stroke'), fill: count('fill'), rect: count('rect'), clip: count('clip'), arc: count('arc'),
    fillRect: count('fillRect'), fillText: count('fillText'), strokeText: count('strokeText'), setLineDash: count('setLineDash'),
  };
  return { ctx: ctx as unknown as Ctx, calls };
}

describe('drawSpaceTime', () => {
  const run = exampleRun('chaos', 60_000);
  const ix = buildIndexFromRecords(run.protocol, run.nodes, run.records);
  const end = run.records[run.records.length - 1]!.t;

  it('draws every arrow in the window with a bounded number of strokes (batched by colour)', () => {
    const L = makeLayout({ width: 1400, height: 420 }, { t0: 0, t1: end }, run.nodes);
    const cursor = { t: end / 2, rec: Math.floor(run.records.length / 2), horizon: end };
    const { ctx, calls } = stubCtx();
    const res = drawSpaceTime(ctx, { index: ix, layout: L, cursor, selectedMsg: ix.messages[100]!.id, hoverNode: 'n2' });
    expect(res.arrows.length).toBe(visibleArrows(ix, L, cursor).length);
    expect(res.arrows.length).toBeGreaterThanOrEqual(10_000);
    // 8 kinds × 3 styles × past/future × dim/not, plus crosses, marks, cursor, selection.
    expect(calls.stroke!).toBeLessThan(8 * 3 * 2 * 2 + 40 + res.marks.filter((m) => m.mark.kind !== 'timer').length);
    expect(calls.moveTo!).toBeGreaterThanOrEqual(res.arrows.length);
  });

  it('draws all of 10,000+ arrows in view in one pass (its speed is a bench row: npm run bench, space-time fps)', () => {
    const L = makeLayout({ width: 1400, height: 420 }, { t0: 0, t1: end }, run.nodes);
    const cursor = { t: end, rec: run.records.length, horizon: end };
    const scene = { index: ix, layout: L, cursor, selectedMsg: null, hoverNode: null };
    const sends = run.records.filter((r) => r.type === 'send').length;
    const drawn = drawSpaceTime(stubCtx().ctx, scene).arrows.length;
    expect(sends).toBeGreaterThanOrEqual(10_000);
    expect(drawn).toBeGreaterThanOrEqual(10_000);
    expect(drawn).toBeLessThanOrEqual(sends);
  });
});
