/**
 * SlotsGrid: sequence numbers × replicas, each cell coloured by how far that replica got with
 * that sequence number (Castro & Liskov 1999 §4.2: pre-prepared → prepared → committed →
 * executed). A cell whose digest differs from the majority's is outlined red: that is how an
 * equivocating primary shows. Byzantine replicas' columns carry a red badge. Hover or click a cell
 * to see its certificate underneath.
 */
import { useState } from 'react';
import type { NodeId } from '../../../core/types';
import { CertificateCard } from './CertificateCard';
import type { CellPhase, GridCell, GridModel, Replica, Sizes } from './model';
import { ReplicaTag } from './ReplicaTag';

/** PHASES are the grid's colours in order, with the cell label and legend text. */
const PHASES: { phase: CellPhase; label: string; legend: string }[] = [
  { phase: 'empty', label: '·', legend: 'none' },
  { phase: 'pre-prepared', label: 'PP', legend: 'pre-prepared' },
  { phase: 'prepared', label: 'P', legend: 'prepared' },
  { phase: 'committed', label: 'C', legend: 'committed' },
  { phase: 'executed', label: 'E', legend: 'executed' },
];
const LABEL = Object.fromEntries(PHASES.map((p) => [p.phase, p.label])) as Record<CellPhase, string>;

type Key = { seq: number; node: NodeId };
const same = (a: Key | null, b: Key) => a !== null && a.seq === b.seq && a.node === b.node;

function cellTitle(c: GridCell): string {
  if (c.slot) return `seq ${c.seq} at ${c.node}: ${c.phase} · ${c.slot.request} · digest ${c.slot.digest}${c.conflict ? ' (differs from the majority)' : ''}`;
  if (c.collected) return `seq ${c.seq} at ${c.node}: executed and discarded below h`;
  return c.phase === 'executed' ? `seq ${c.seq} at ${c.node}: executed` : `seq ${c.seq} at ${c.node}: nothing`;
}

/** Legend: one swatch per phase, plus the conflict outline. */
function Legend({ collected }: { collected: boolean }) {
  return (
    <ul className="pbft-legend" aria-label="Cell colours">
      {PHASES.map((p) => (
        <li key={p.phase}>
          <span className={`pbft-swatch phase-${p.phase}`}>{p.label}</span>
          {p.legend}
        </li>
      ))}
      <li>
        <span className="pbft-swatch phase-prepared is-conflict">P</span>
        digest ≠ majority
      </li>
      {collected ? (
        <li>
          <span className="pbft-swatch pbft-cell is-collected">E</span>
          discarded below h
        </li>
      ) : null}
    </ul>
  );
}

/** SlotsGrid props: the grid, every replica (column order), the sizes, the primary to mark (null: none) and the replica the node panel shows. */
export interface SlotsGridProps {
  grid: GridModel;
  replicas: Replica[];
  sizes: Sizes;
  primary: NodeId | null;
  shown: NodeId | null;
  onSelectNode: (id: NodeId) => void;
}

/** SlotsGrid draws the grid and the certificate of the hovered or pinned cell. */
export function SlotsGrid({ grid, replicas, sizes, primary, shown, onSelectNode }: SlotsGridProps) {
  const [hover, setHover] = useState<Key | null>(null);
  const [pinned, setPinned] = useState<Key | null>(null);
  const focus = hover ?? pinned;
  const focusRow = focus ? grid.rows.find((r) => r.seq === focus.seq) : undefined;
  const focusCell = focus ? focusRow?.cells.find((c) => c.node === focus.node) : undefined;
  const byzantine = replicas.filter((r) => r.behaviour);
  return (
    <section className="panel-section pbft-section" aria-label="Sequence numbers by replica">
      <h3>Slots: seq × replica</h3>
      <Legend collected={grid.rows.some((r) => r.cells.some((c) => c.collected))} />
      <div data-testid="pbft-grid" className="pbft-grid-wrap" data-rows={grid.rows.length} data-hidden={grid.hidden}>
        {grid.rows.length === 0 ? (
          <p className="hint">No sequence number assigned above the low water mark yet.</p>
        ) : (
          <table className="pbft-grid" onMouseLeave={() => setHover(null)}>
            <thead>
              <tr>
                <th scope="col" className="pbft-seq-col">
                  seq
                </th>
                {replicas.map((r) => (
                  <th scope="col" key={r.id} className={`${r.behaviour ? 'is-byz' : ''}${r.id === shown ? ' is-shown' : ''}`} data-node={r.id}>
                    <button type="button" className="pbft-col-btn" onClick={() => onSelectNode(r.id)} title={`Show ${r.id} in the node panel`}>
                      <ReplicaTag replica={r} primary={r.id === primary} compact />
                    </button>
                    {r.behaviour ? (
                      <span className="pbft-byz-badge" title={`Byzantine: ${r.behaviour}`}>
                        {r.behaviour}
                      </span>
                    ) : null}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {grid.rows.map((row) => (
                <tr key={row.seq}>
                  <th scope="row" className="pbft-seq-col">
                    {row.seq}
                  </th>
                  {row.cells.map((c) => {
                    const cls = ['pbft-cell', `phase-${c.phase}`, c.conflict ? 'is-conflict' : '', c.collected ? 'is-collected' : '', same(focus, c) ? 'is-focus' : '']
                      .filter(Boolean)
                      .join(' ');
                    return (
                      <td
                        key={c.node}
                        className={cls}
                        data-testid={`pbft-cell-${c.seq}-${c.node}`}
                        data-phase={c.phase}
                        data-digest={c.slot?.digest ?? ''}
                        data-conflict={c.conflict ? 'true' : undefined}
                        title={cellTitle(c)}
                        tabIndex={0}
                        onMouseEnter={() => setHover({ seq: c.seq, node: c.node })}
                        onFocus={() => setHover({ seq: c.seq, node: c.node })}
                        onBlur={() => setHover(null)}
                        onClick={() => setPinned(same(pinned, c) ? null : { seq: c.seq, node: c.node })}
                      >
                        {LABEL[c.phase]}
                        {c.conflict ? <span className="pbft-neq">≠</span> : null}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
      {grid.hidden > 0 ? <p className="hint">{grid.hidden} older sequence numbers above h not shown.</p> : null}
      {byzantine.length ? (
        <p className="pbft-byz-line">
          Byzantine: {byzantine.map((r) => `${r.id} (${r.behaviour})`).join(', ')} · tolerated: f = {sizes.f}
        </p>
      ) : null}
      {focus && focusRow && focusCell ? (
        <CertificateCard
          cell={focusCell}
          row={focusRow}
          replica={replicas.find((r) => r.id === focusCell.node)}
          sizes={sizes}
          pinned={hover === null && pinned !== null}
          onClose={() => setPinned(null)}
        />
      ) : grid.rows.length ? (
        <p className="hint">Hover or click a cell to see its certificate.</p>
      ) : null}
    </section>
  );
}
