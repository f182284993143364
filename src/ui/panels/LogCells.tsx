/**
 * LogCells: a node's log as a row of cells coloured by term. Committed entries are solid;
 * uncommitted ones are hatched with a dashed border. Hover shows the index, term and command.
 */
import { memo } from 'react';
import type { LogEntryView, NodeId } from '../../core/types';
import { commandText } from '../controller/format';
import { useChecks } from '../store/checks';
import { termColor } from './termColors';

/** MAX_CELLS is how many of the newest entries a row shows. */
const MAX_CELLS = 24;

/**
 * LogCellsView draws the newest `max` entries of `log`, whose first entry is at index `logStart`
 * (a published detail carries only a log's tail; see NodeDetail.logStart).
 */
function LogCellsView({ node, log, logStart = 1, commitIndex, max = MAX_CELLS }: { node: NodeId; log: readonly LogEntryView[]; logStart?: number; commitIndex: number; max?: number }) {
  // Entries named by a safety violation involving this node, as "1,4" (a string keeps the selector stable).
  const flagged = useChecks((c) => c.violations.filter((v) => v.nodes.includes(node)).flatMap((v) => v.indexes).join(','));
  const flaggedSet = new Set(flagged ? flagged.split(',').map(Number) : []);
  const skip = Math.max(0, log.length - max);
  const cells = log.slice(skip);
  // Entries before the first cell drawn, whether left out of `log` or of the row.
  const first = logStart - 1 + skip;
  const length = logStart - 1 + log.length;
  return (
    <div className="log-cells" data-testid={`log-${node}`} data-length={length} data-commit-index={commitIndex}>
      {first > 0 ? <span className="log-more" title={`${first} earlier entries`}>+{first}</span> : null}
      {cells.map((e, k) => {
        const index = first + k + 1;
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
      {length === 0 ? <span className="log-empty">empty log</span> : null}
    </div>
  );
}

export const LogCells = memo(LogCellsView);
