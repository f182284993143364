/** Happens-before in the space-time diagram (Lamport 1978 §2; Fidge 1988; Mattern 1989). */
import { describe, expect, it } from 'vitest';
import { causalityOf, relationOfEvent, relationOfMessage } from './causality';
import type { MessageArrow } from './types';

let rec = 0;
/** msg builds a delivered message from `from` to `to`, sent at trace position `s`, delivered at `d` (null: dropped). */
function msg(id: number, from: string, to: string, s: number, d: number | null): MessageArrow {
  rec = Math.max(rec, s, d ?? 0);
  return { id, from, to, sendT: s * 10, sendRec: s, endT: d === null ? s * 10 + 5 : d * 10, endRec: d === null ? s + 0.5 : d, fate: d === null ? 'dropped' : 'delivered', dup: false, held: false, type: 'M', label: 'M', kind: 'other', msg: {} };
}

// Lamport's figure in miniature, three processes p, q, r:
//   m1: p → q (sent 1, delivered 2); m2: q → r (3 → 4); m3: r → p (5 → 8);
//   m4: p → q (6 → 7), concurrent with m2's delivery at r; m5: q → p dropped (9).
const nodes = ['p', 'q', 'r'];
const m1 = msg(1, 'p', 'q', 1, 2);
const m2 = msg(2, 'q', 'r', 3, 4);
const m3 = msg(3, 'r', 'p', 5, 8);
const m4 = msg(4, 'p', 'q', 6, 7);
const m5 = msg(5, 'q', 'p', 9, null);
const all = [m1, m2, m3, m4, m5];

describe('causality of a send', () => {
  it("r's send of m3 has p's send of m1 in its past, through q", () => {
    const c = causalityOf(all, nodes, m3);
    expect(c.past.get('p')).toEqual({ rec: 1, t: 10 });
    expect(c.past.get('q')).toEqual({ rec: 3, t: 30 });
    expect(c.past.get('r')).toEqual({ rec: 5, t: 50 });
    expect(relationOfEvent(c, 'p', 1)).toBe('past');
    expect(relationOfEvent(c, 'p', 6)).toBe('concurrent');
    expect(relationOfEvent(c, 'p', 8)).toBe('future');
    // vector clock: p has 1 event in the past (the send of m1), q 2 (deliver m1, send m2), r 2 (deliver m2, send m3)
    expect(c.vector).toEqual([{ node: 'p', count: 1 }, { node: 'q', count: 2 }, { node: 'r', count: 2 }]);
    // Lamport: send m1 = 1, deliver at q = 2, send m2 = 3, deliver at r = 4, send m3 = 5
    expect(c.lamport).toBe(5);
  });

  it("p's send of m4 is concurrent with r's events before m3 arrives, and m4's delivery is in its future", () => {
    const c = causalityOf(all, nodes, m4);
    expect(c.future.get('q')).toEqual({ rec: 7, t: 70 });
    expect(c.future.get('r')).toBeUndefined();
    expect(relationOfEvent(c, 'r', 4)).toBe('concurrent');
    expect(relationOfEvent(c, 'r', 5)).toBe('concurrent');
    expect(relationOfMessage(c, m2)).toBe('concurrent');
    expect(relationOfMessage(c, m1)).toBe('past');
    expect(relationOfMessage(c, m4)).toBe('future');
    expect(c.lamport).toBe(2);
  });

  it('a dropped message orders nothing', () => {
    const c = causalityOf(all, nodes, m5);
    expect(c.future.get('p')).toBeUndefined();
    const back = causalityOf([...all, msg(6, 'p', 'r', 10, 11)], nodes, all[4]!);
    expect(back.future.get('r')).toBeUndefined();
  });

  it('the future follows chains: m1 reaches r through m2 and p through m3', () => {
    const c = causalityOf(all, nodes, m1);
    expect(c.future.get('q')).toEqual({ rec: 2, t: 20 });
    expect(c.future.get('r')).toEqual({ rec: 4, t: 40 });
    expect(c.future.get('p')).toEqual({ rec: 1, t: 10 });
    expect(relationOfMessage(c, m3)).toBe('future');
    expect(c.past.get('q')).toBeUndefined();
    expect(c.vector).toEqual([{ node: 'p', count: 1 }, { node: 'q', count: 0 }, { node: 'r', count: 0 }]);
  });
});
