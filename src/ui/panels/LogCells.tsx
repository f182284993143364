/**
 * LogCells: a node's log as a row of cells coloured by term. Committed entries are solid;
 * uncommitted ones are hatched with a dashed border. Hover shows the index, term and command. A
 * compacted prefix shows first as one snapshot cell naming lastIncludedIndex and lastIncludedTerm.
 */
import { memo } from 'react';
import type { LogEntryView, LogSnapshotView, NodeId } from '../../core/types';
import { commandText } from '../controller/format';
import { useChecks } from '../store/checks';
import { logWindow } from './logWindow';
import { termColor } from './termColors';

/** MAX_CELLS is how many of the newest entries a row shows. */
const MAX_CELLS = 24;

function LogCellsView({
  node,
  log,
  commitIndex,
  snapshot = null,
  max = MAX_CELLS,
}: {
  node: NodeId;
  log: readonly LogEntryView[];
  commitIndex: number;
  /** The compacted prefix, if any: the log's first entry is lastIncludedIndex + 1. */
  snapshot?: LogSnapshotView | null;
  max?: number;
}) {
  // Entries named by a safety violation involving this node, as "1,4" (a string keeps the selector stable).
  const flagged = useChecks((c) => c.violations.filter((v) => v.nodes.includes(node)).flatMap((v) => v.indexes).join(','));
  const flaggedSet = new Set(flagged ? flagged.split(',').map(Number) : []);
  const base = snapshot?.lastIncludedIndex ?? 0;
  const { hidden, cells } = logWindow(log, base, max);
  return (
    <div className="log-cells" data-testid={`log-${node}`} data-length={log.length} data-first-index={base + 1} data-commit-index={commitIndex}>
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
      {hidden > 0 ? <span className="log-more" title={`${hidden} earlier entries`}>+{hidden}</span> : null}
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
      {log.length === 0 ? <span className="log-empty">{snapshot ? 'no entries after the snapshot' : 'empty log'}</span> : null}
    </div>
  );
}

export const LogCells = memo(LogCellsView);
