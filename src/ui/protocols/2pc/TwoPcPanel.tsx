/**
 * TwoPcPanel: the side panel for two-phase commit, under the lamps. Three sections: the
 * transactions (rows) across the participants (columns), each cell the participant's vote and
 * phase; the participants in doubt, blocked ones first, with the locks they hold; and who waits for
 * whom. Its model (model.ts) is rebuilt only when the store's details change, never per frame.
 */
import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useStore, type PlaygroundState } from '../../store/store';
import { buildTwoPcModel, type TwoPcModel } from './model';
import './twopc.css';

/** crashedKey lists the crashed nodes as one string, so the selector stays stable while it does not change. */
const crashedKey = (s: PlaygroundState): string => s.nodeIds.filter((id) => s.summaries[id]?.role === 'crashed').join(' ');

const selectTwoPc = (s: PlaygroundState) => ({ nodeIds: s.nodeIds, details: s.details, crashed: crashedKey(s), select: s.select });

function TxnTable({ model, onSelect }: { model: TwoPcModel; onSelect: (id: string) => void }) {
  return (
    <section className="panel-section twopc-section" aria-label="Transactions" data-testid="twopc-txns">
      <h3>
        Transactions <span className="twopc-muted">{model.total > model.rows.length ? `newest ${model.rows.length} of ${model.total}` : ''}</span>
      </h3>
      {model.rows.length === 0 ? (
        <p className="hint">No transaction yet: send one from the request form (e.g. x=1 y=2).</p>
      ) : (
        <table className="twopc-table">
          <thead>
            <tr>
              <th scope="col">txn</th>
              <th scope="col">
                <button type="button" className="twopc-node is-coordinator" onClick={() => onSelect(model.coordinator!)}>
                  {model.coordinator}
                </button>
              </th>
              {model.participants.map((p) => (
                <th scope="col" key={p}>
                  <button type="button" className="twopc-node" onClick={() => onSelect(p)}>
                    {p}
                  </button>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {model.rows.map((r) => (
              <tr key={r.txn} data-testid={`twopc-row-${r.txn}`}>
                <th scope="row" title={r.writes}>
                  <span className="twopc-mono">{r.txn}</span>
                  <span className="twopc-writes">{r.writes}</span>
                </th>
                <td className={`twopc-cell is-${r.decision ?? 'open'}`} title={r.reason ? `aborted: ${r.reason}` : (r.coordinatorPhase ?? 'no record at the coordinator')}>
                  {r.coordinator ?? '—'}
                </td>
                {model.participants.map((p) => {
                  const c = r.cells[p];
                  if (!c) return <td key={p} className="twopc-cell is-none" aria-label={`${p} has no part in ${r.txn}`} />;
                  return (
                    <td key={p} className={`twopc-cell is-${c.state}`} title={c.title} data-testid={`twopc-cell-${r.txn}-${p}`}>
                      {c.text}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function Waiting({ model }: { model: TwoPcModel }) {
  return (
    <section className="panel-section twopc-section" aria-label="Participants in doubt" data-testid="twopc-waits">
      <h3>In doubt: locks and who waits for whom</h3>
      {model.waiters.length === 0 ? (
        <p className="hint">No participant is in doubt: every prepared transaction is decided.</p>
      ) : (
        <ul className="twopc-waits">
          {model.waiters.map((w) => (
            <li key={`${w.node}-${w.txn}`} className={w.blocked ? 'is-blocked' : ''} data-testid={`twopc-wait-${w.node}`}>
              <b>{w.node}</b> {w.blocked ? <span className="twopc-blocked">blocked</span> : w.backup ? 'backup coordinator' : 'uncertain'} in{' '}
              <span className="twopc-mono">{w.txn}</span>
              {w.locks.length > 0 ? (
                <>
                  , holds the lock on <span className="twopc-locks">{w.locks.join(' ')}</span>
                </>
              ) : null}
              , waits for{' '}
              {w.waitsFor.map((n, i) => (
                <span key={n}>
                  {i > 0 ? ', ' : ''}
                  <b className={w.down.includes(n) ? 'twopc-down' : ''}>{n}</b>
                  {w.down.includes(n) ? ' (down)' : ''}
                </span>
              ))}
            </li>
          ))}
        </ul>
      )}
      {model.edges.length > 0 ? (
        <p className="twopc-edges" aria-label="wait-for edges">
          {model.edges.map((e) => (
            <span key={`${e.from}-${e.to}`} className={`twopc-edge${e.blocked ? ' is-blocked' : ''}`}>
              {e.from} → {e.to}
            </span>
          ))}
        </p>
      ) : null}
    </section>
  );
}

/** TwoPcPanel draws the 2PC panel from the store (see the module comment). */
export function TwoPcPanel() {
  const { nodeIds, details, crashed, select } = useStore(useShallow(selectTwoPc));
  const model = useMemo(() => buildTwoPcModel({ nodeIds, details, crashed: new Set(crashed ? crashed.split(' ') : []) }), [nodeIds, details, crashed]);
  return (
    <div className="twopc-panel" data-testid="twopc-panel" aria-label={model.variant === '3pc' ? 'Three-phase commit' : 'Two-phase commit'}>
      {model.ready ? (
        <>
          <p className="twopc-head">
            {model.variant === '3pc' ? 'Three-phase commit' : 'Two-phase commit'} · coordinator <b>{model.coordinator}</b>
          </p>
          <TxnTable model={model} onSelect={select} />
          <Waiting model={model} />
        </>
      ) : (
        <section className="panel-section">
          <h3>Two-phase commit</h3>
          <p className="hint">Waiting for the nodes’ state…</p>
        </section>
      )}
    </div>
  );
}
