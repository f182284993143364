/**
 * SuspicionMatrix: each node's suspicion of each other node at the moment shown (rows: who
 * suspects; columns: whom), as φ or ms since the last heartbeat, coloured against the threshold
 * (calm, warm from half of it, red once suspected), a false suspicion (a peer suspected though not
 * crashed) marked with a hatched red border and `!`. Shared by every protocol that runs a failure
 * detector (src/core/detectors); the protocol's panel builds the model (model.ts) and embeds it.
 */
import { memo } from 'react';
import { levelText, type SuspicionMatrixModel } from './model';
import './detectors.css';

export interface SuspicionMatrixProps {
  model: SuspicionMatrixModel;
  /** Called with a node id when its row or column header is clicked (e.g. select it). */
  onPick?: (id: string) => void;
}

export const SuspicionMatrix = memo(function SuspicionMatrix({ model, onPick }: SuspicionMatrixProps) {
  const unit = model.detector === 'phi' ? 'φ' : 'ms since heartbeat';
  const limit = model.detector === 'phi' ? `Φ = ${model.threshold}` : `timeout ${model.threshold} ms`;
  if (model.detector === null) return <p className="hint">No node runs a failure detector yet.</p>;
  return (
    <div className="fd-matrix-wrap">
      <table className="fd-matrix" data-testid="fd-matrix" aria-label={`Suspicion of each node by each other node (${unit}; ${limit})`}>
        <thead>
          <tr>
            <th scope="col" className="fd-corner" title="rows: the node that watches; columns: the node watched">
              ↓ of →
            </th>
            {model.nodes.map((id) => (
              <th key={id} scope="col">
                <button type="button" onClick={() => onPick?.(id)}>
                  {id}
                </button>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {model.rows.map((row, i) => (
            <tr key={model.nodes[i]}>
              <th scope="row">
                <button type="button" onClick={() => onPick?.(model.nodes[i]!)}>
                  {model.nodes[i]}
                </button>
              </th>
              {row.map((c) => (
                <td
                  key={c.peer}
                  className={`fd-cell grade-${c.grade}${c.falseSuspicion ? ' fd-false' : ''}`}
                  data-testid={`fd-cell-${c.observer}-${c.peer}`}
                  title={
                    c.level === null
                      ? c.observer === c.peer
                        ? ''
                        : `${c.observer} does not watch ${c.peer} now`
                      : `${c.observer} on ${c.peer}: ${levelText(model.detector, c.level)} ${unit}${c.grade === 'suspected' ? ` — suspected${c.falseSuspicion ? `, falsely: ${c.peer} has not crashed` : ''}` : ''}`
                  }
                >
                  {levelText(model.detector, c.level)}
                  {c.falseSuspicion ? <b className="fd-bang">!</b> : null}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <p className="fd-keys">
        {unit}; {limit}: <span className="fd-key grade-calm" /> calm <span className="fd-key grade-warm" /> over half <span className="fd-key grade-suspected" /> suspected{' '}
        <span className="fd-key grade-suspected fd-false" /> falsely ({model.falseSuspicions})
      </p>
    </div>
  );
});
