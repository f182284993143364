import { describe, expect, it } from 'vitest';
import { logWindow } from './logWindow';

const log = (...terms: number[]) => terms.map((term) => ({ term, command: null }));

describe('logWindow', () => {
  it('numbers a log from index 1 without a snapshot', () => {
    expect(logWindow(log(1, 1, 2), 0, 24)).toEqual({ hidden: 0, cells: [1, 2, 3].map((index, k) => ({ index, entry: log(1, 1, 2)[k] })) });
  });

  it('numbers a log after a snapshot from lastIncludedIndex + 1 (Raft §7)', () => {
    expect(logWindow(log(3, 4), 10, 24).cells.map((c) => [c.index, c.entry.term])).toEqual([[11, 3], [12, 4]]);
  });

  it('shows the newest max entries and counts the held entries it hides', () => {
    const w = logWindow(log(1, 1, 2, 2, 3), 7, 2);
    expect(w.hidden).toBe(3);
    expect(w.cells.map((c) => c.index)).toEqual([11, 12]);
  });

  it('refuses a row of no cells and a negative snapshot index', () => {
    expect(() => logWindow(log(1), 0, 0)).toThrow(/at least 1 cell/);
    expect(() => logWindow(log(1), -1, 4)).toThrow(/cannot be negative/);
  });
});
