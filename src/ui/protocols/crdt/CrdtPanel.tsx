/**
 * CrdtPanel: the side panel for the CRDT protocol (Shapiro et al. 2011). One row per replica: its
 * value (the query), its payload (a counter's vectors, a set's elements with their tags, struck
 * through once removed, a register's value and timestamp), its version vector, and op-based, the
 * ops it buffers until causally ready. Rows that agree with the most common state share a mark.
 * Below, the latest merge: which replica merged whose state, with the payload before and after.
 */
import { useShallow } from 'zustand/react/shallow';
import type { CrdtDetail } from '../../../core/protocols/crdt';
import { useStore, type PlaygroundState } from '../../store/store';
import { clockWords, payloadWords } from './words';
import './crdt.css';

const selectCrdt = (s: PlaygroundState) => ({ nodeIds: s.nodeIds, details: s.details, summaries: s.summaries, selected: s.selected, select: s.select, config: s.config });

export function CrdtPanel() {
  const { nodeIds, details, summaries, selected, select, config } = useStore(useShallow(selectCrdt));
  const rows = nodeIds.map((id) => ({ id, d: details[id]?.protocolDetail as CrdtDetail | undefined, crashed: summaries[id]?.role === 'crashed' }));
  const counts = new Map<string, number>();
  for (const r of rows) if (r.d && !r.crashed) counts.set(r.d.value, (counts.get(r.d.value) ?? 0) + 1);
  const common = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
  const agree = common === undefined ? 0 : counts.get(common)!;
  const merges = rows.flatMap((r) => (r.d?.lastMerge ? [{ id: r.id, m: r.d.lastMerge }] : []));
  const merge = merges.find((x) => x.id === selected) ?? merges.sort((a, b) => b.m.at - a.m.at)[0];
  const opBased = config.type === 'op-or-set';
  return (
    <div className="crdt-panel" data-testid="crdt-panel" aria-label="CRDT replicas">
      <section className="panel-section">
        <h3>
          Replicas <span className="crdt-type">{String(config.type ?? 'pn-counter')}</span>
        </h3>
        <p className="crdt-agree" data-testid="crdt-agree">
          {common === undefined ? 'no replica yet' : counts.size === 1 ? `all ${agree} live replicas agree: ${common}` : `${counts.size} different values; ${agree} replicas hold ${common}`}
        </p>
        <table className="crdt-table">
          <thead>
            <tr>
              <th>replica</th>
              <th>value</th>
              <th>state</th>
              <th>{opBased ? 'delivered' : 'updates'}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(({ id, d, crashed }) => (
              <tr key={id} className={`${crashed ? 'crashed' : d && d.value !== common ? 'differs' : ''}${id === selected ? ' selected' : ''}`} onClick={() => select(id)} data-testid={`crdt-row-${id}`}>
                <td>{id}</td>
                <td className="crdt-value" title={d?.value}>{crashed ? 'crashed' : (d?.value ?? '')}</td>
                <td className="crdt-state" title={d ? payloadWords(d.payload) : ''}>
                  {d ? payloadWords(d.payload) : ''}
                  {d?.payload.type === 'lww-register' ? <span className="crdt-clock"> clock {d.clockMs}</span> : null}
                  {d && d.buffer.length ? <span className="crdt-buffer"> buffers {d.buffer.map((o) => `${o.f} ${o.elem}`).join(', ')}</span> : null}
                </td>
                <td className="crdt-vv" title={d ? clockWords(d.vv) : undefined}>{d ? clockWords(d.vv) : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      {!opBased ? (
        <section className="panel-section">
          <h3>Latest merge</h3>
          {merge ? (
            <p className="crdt-merge" data-testid="crdt-merge">
              <b>{merge.id}</b> merged <b>{merge.m.from}</b>’s state at {(merge.m.at / 1000).toFixed(2)} s
              <br />
              before: {payloadWords(merge.m.before)}
              <br />
              after: {payloadWords(merge.m.after)}
            </p>
          ) : (
            <p className="hint">No merge has changed a replica yet: send an update (the request form) and press Play.</p>
          )}
        </section>
      ) : null}
    </div>
  );
}
