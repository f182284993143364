/**
 * CheckpointsSection: per replica, the last stable checkpoint (its seq and the votes that prove
 * it, 2f+1 needed), the log window between the low water mark h and the high water mark H drawn on
 * a shared axis with a tick at the last executed seq, and the checkpoints still collecting votes
 * (Castro & Liskov 1999 §4.3).
 */
import type { CheckpointModel, CheckpointRow } from './model';
import { windowSpan } from './model';
import { ReplicaTag } from './ReplicaTag';

function WindowBar({ row, axis }: { row: CheckpointRow; axis: CheckpointModel['axis'] }) {
  const win = windowSpan(row.lowWater, row.highWater, axis);
  const done = windowSpan(row.lowWater, Math.min(row.lastExecuted, row.highWater), axis);
  return (
    <div
      className="pbft-window-cell"
      title={`h = ${row.lowWater}, H = ${row.highWater}: ${row.id} accepts sequence numbers ${row.lowWater + 1}…${row.highWater}; executed up to ${row.lastExecuted}`}
      data-h={row.lowWater}
      data-hh={row.highWater}
    >
      <span className="pbft-window-text">
        {row.lowWater}–{row.highWater}
      </span>
      <div className="pbft-window" aria-hidden="true">
        <div className="pbft-window-span" style={{ left: `${win.left}%`, width: `${win.width}%` }}>
          <div className="pbft-window-done" style={{ width: win.width > 0 ? `${(done.width / win.width) * 100}%` : '0%' }} />
        </div>
      </div>
    </div>
  );
}

/** CheckpointsSection draws every replica's checkpoints and water marks. */
export function CheckpointsSection({ model }: { model: CheckpointModel }) {
  return (
    <section className="panel-section pbft-section" aria-label="Checkpoints and water marks" data-testid="pbft-checkpoints">
      <h3>Checkpoints &amp; water marks</h3>
      {model.rows.length === 0 ? (
        <p className="hint">No replica state yet.</p>
      ) : (
        <table className="pbft-table pbft-cps">
          <thead>
            <tr>
              <th scope="col">replica</th>
              <th scope="col" title={`The last stable checkpoint: its seq and votes (2f+1 = ${model.needed} needed)`}>
                stable
              </th>
              <th scope="col" className="pbft-cps-window">
                window [h, H]
              </th>
              <th scope="col" title="Checkpoints above h still collecting votes">
                pending
              </th>
            </tr>
          </thead>
          <tbody>
            {model.rows.map((r) => (
              <tr key={r.id} data-replica={r.id} data-stable={r.stable?.seq ?? 0}>
                <th scope="row">
                  <ReplicaTag replica={r} compact />
                </th>
                <td
                  className="pbft-cp-stable"
                  title={
                    r.stable
                      ? `stable checkpoint at seq ${r.stable.seq}, digest ${r.stable.digest}, proven by ${r.stable.votes.join(' ')}`
                      : 'no checkpoint yet: h = 0'
                  }
                >
                  {r.stable ? (
                    <>
                      <b>{r.stable.seq}</b> <span className="pbft-muted">{r.stable.votes.length}✓</span>
                    </>
                  ) : (
                    <span className="pbft-muted">—</span>
                  )}
                </td>
                <td className="pbft-cps-window">
                  <WindowBar row={r} axis={model.axis} />
                </td>
                <td className="pbft-cp-pending">
                  {r.pending.length === 0 ? (
                    <span className="pbft-muted">—</span>
                  ) : (
                    r.pending.map((p) => (
                      <span
                        key={`${p.seq}-${p.digest}`}
                        className={`pbft-cp-chip${p.conflicting ? ' is-conflict' : ''}${p.votes.length >= model.needed ? ' is-full' : ''}`}
                        title={`checkpoint ${p.seq}, digest ${p.digest}: ${p.votes.join(' ')} (${p.votes.length}/${model.needed})`}
                      >
                        {p.seq}
                        {p.conflicting ? `·${p.digest.slice(0, 4)}` : ''}: {p.votes.length}/{model.needed}
                      </span>
                    ))
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="hint">
        Bars: the window of sequence numbers each replica accepts, h to H; filled up to the last executed. A checkpoint is stable
        with 2f+1 = {model.needed} matching votes; then h moves up to it.
      </p>
    </section>
  );
}
