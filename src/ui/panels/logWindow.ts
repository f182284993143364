/**
 * logWindow picks which of a node's log entries a row of cells shows, and their log indexes, when
 * the log may start after a compacted prefix (a snapshot, e.g. Raft §7): entry `log[k]` has index
 * `snapshotIndex + k + 1`.
 */
import type { LogEntryView } from '../../core/types';

/** LogWindow is what a log row shows: the hidden older entries (held, not compacted) and the newest cells with their indexes. */
export interface LogWindow {
  /** How many held entries before the first cell are not shown. */
  hidden: number;
  /** The cells shown, oldest first, each with its log index (1-based). */
  cells: { index: number; entry: LogEntryView }[];
}

/**
 * logWindow gives the newest `max` entries of `log` with their indexes, given the index of the last
 * entry compacted away before `log[0]` (`snapshotIndex`, 0 without a snapshot).
 * Throws RangeError if `max` is below 1 or `snapshotIndex` negative.
 */
export function logWindow(log: readonly LogEntryView[], snapshotIndex: number, max: number): LogWindow {
  if (max < 1) throw new RangeError(`a log row must show at least 1 cell (got max ${max})`);
  if (snapshotIndex < 0) throw new RangeError(`a snapshot's last included index cannot be negative (got ${snapshotIndex})`);
  const hidden = Math.max(0, log.length - max);
  return { hidden, cells: log.slice(hidden).map((entry, k) => ({ index: snapshotIndex + hidden + k + 1, entry })) };
}
