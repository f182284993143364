/**
 * LogCells: a node's log as a row of cells coloured by term. Committed entries are solid;
 * uncommitted ones are hatched with a dashed border. Hover shows the index, term and command. A
 * compacted prefix shows first as one snapshot cell naming lastIncludedIndex and lastIncludedTerm.
 */
import { memo } from 'react';
import { firstLogIndex } from '../../core/protocol';
import type { LogEntryView, LogSnapshotView, NodeId } from '../../core/types';
import { commandText } from '../controller/format';
import { useChecks } from '../store/checks';
import { logWindow } from './logWindow';
import { termColor } from './termColors';

/** MAX_CELLS is how many of the newest entries a row shows. */
const MAX_CELLS = 24;

/**
 * LogCellsView draws the newest `max` entries of `log`, whose first entry is at index `logStart`
 * (a published detail carries only a log's tail; see NodeDetail.logStart), after the compacted
 * prefix `snapshot` if any.
 */
function LogCellsView({
  node,
  log,
  logStart,
  commitIndex,
  snapshot = null,
  max = MAX_CELLS,
}: {
  node: NodeId;
  log: readonly LogEntryView[];
  /** The index of `log[0]`; absent: one past the snapshot, else 1. */
  logStart?: number;
  commitIndex: number;
  /** The compacted prefix, if any: the node's first held entry is lastIncludedIndex + 1. */
  snapshot?: LogSnapshotView | null;
  max?: number;
}) {
  // Entries named by a safety violation involving this node, as "1,4" (a string keeps the selector stable).
  const flagged = useChecks((c) => c.violations.filter((v) => v.nodes.includes(node)).flatMap((v) => v.indexes).join(','));
  const flaggedSet = new Set(flagged ? flagged.split(',').map(Number) : []);
  const compacted = snapshot?.lastIncludedIndex ?? 0;
  const start = firstLogIndex({ logStart, snapshot });
  const { hidden, cells } = logWindow(log, start - 1, max);
  // Entries the node holds but the row leaves out: before the tail this detail carries, or before the row.
  const more = start - 1 - compacted + hidden;
  const held = start - 1 - compacted + log.length;
  return (
    <div className="log-cells" data-testid={`log-${node}`} data-length={held} data-first-index={compacted + 1} data-commit-index={commitIndex}>
      {snapshot ? (
        <span
          className="log-snapshot"
          data-testid="log-snapshot"
          data-last-included-index={snapshot.lastIncludedIndex}
          data-last-included-term={snapshot.lastIncludedTerm}
          title={`Snapshot: entries 1–${snapshot.lastIncludedIndex} are compacted\nlastIncludedIndex ${snapshot.lastIncludedIndex} · lastIncludedTerm ${snapshot.lastIncludedTerm}`}
        >
          ▣ ≤{snapshot.lastIncludedIndex} t{snapshot.lastIncludedTerm}
        </span>
      ) : null}
      {more > 0 ? <span className="log-more" title={`${more} earlier entries`}>+{more}</span> : null}
      {cells.map(({ index, entry: e }) => {
        const committed = index <= commitIndex;
        const [bg, fg] = termColor(e.term);
        const style = committed
          ? { background: bg, color: fg, borderColor: bg }
          : { backgroundImage: `repeating-linear-gradient(135deg, ${bg}44 0 4px, #fff 4px 8px)`, color: '#000', borderColor: bg };
        return (
          <span
            key={index}
            className={`log-cell${committed ? ' committed' : ' uncommitted'}${flaggedSet.has(index) ? ' is-violating' : ''}`}
            data-testid="log-cell"
            data-index={index}
            data-term={e.term}
            data-committed={committed ? 'true' : 'false'}
            style={style}
            title={`#${index} · term ${e.term} · ${committed ? 'committed' : 'not committed'}\n${commandText(e.command)}`}
          >
            {e.term}
          </span>
        );
      })}
      {held === 0 ? <span className="log-empty">{snapshot ? 'no entries after the snapshot' : 'empty log'}</span> : null}
    </div>
  );
}

export const LogCells = memo(LogCellsView);
