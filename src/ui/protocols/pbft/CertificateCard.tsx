/**
 * CertificateCard: what one replica holds for one sequence number: the request, its digest and
 * view, and the prepare and commit certificates it collected against the 2f and 2f+1 needed
 * (Castro & Liskov 1999 §4.2). Shown under the grid for the hovered or pinned cell.
 */
import type { GridCell, GridRow, Replica, Sizes } from './model';
import { tallies, tallyText } from './model';
import { QuorumDots } from './QuorumDots';

const PHASE_WORDS: Record<string, string> = {
  'pre-prepared': 'pre-prepared: it accepted the primary’s PrePrepare',
  prepared: 'prepared: PrePrepare + 2f matching Prepares',
  committed: 'committed-local: 2f+1 matching Commits',
  executed: 'executed',
  empty: 'nothing yet',
};

/** CertificateCard props: the cell shown, its row (for the majority digest), its replica, the sizes, and whether it is pinned. */
export interface CertificateCardProps {
  cell: GridCell;
  row: GridRow;
  replica: Replica | undefined;
  sizes: Sizes;
  pinned: boolean;
  onClose: () => void;
}

/** CertificateCard draws one cell's certificate (see the module comment). */
export function CertificateCard({ cell, row, replica, sizes, pinned, onClose }: CertificateCardProps) {
  const { seq, node, slot } = cell;
  return (
    <div className={`pbft-cert phase-${cell.phase}${cell.conflict ? ' is-conflict' : ''}`} data-testid="pbft-cert" data-seq={seq} data-node={node} aria-live="polite">
      <div className="pbft-cert-head">
        <span>
          seq <b>{seq}</b> at <b>{node}</b>
          {replica?.behaviour ? <span className="pbft-byz-badge">{replica.behaviour}</span> : null}
        </span>
        {pinned ? (
          <button type="button" className="icon-btn" onClick={onClose} aria-label="Unpin the certificate">
            ×
          </button>
        ) : null}
      </div>
      <div className="pbft-cert-phase">{PHASE_WORDS[cell.phase]}</div>
      {slot ? (
        <>
          <dl className="pbft-cert-fields">
            <dt>request</dt>
            <dd className="pbft-mono">{slot.request}</dd>
            <dt>digest</dt>
            <dd className="pbft-mono">
              {slot.digest}
              {cell.conflict ? (
                <span className="pbft-conflict-note">{row.majorityDigest ? ` ≠ majority ${row.majorityDigest}` : ' ≠ others (no majority)'}</span>
              ) : null}
            </dd>
            <dt>view</dt>
            <dd>{slot.view}</dd>
          </dl>
          <ul className="pbft-tallies">
            {tallies(slot, sizes).map((t) => (
              <li key={t.kind} className={t.ok ? 'pbft-ok' : 'pbft-short'} data-kind={t.kind} data-have={t.have.length} data-need={t.need}>
                <QuorumDots have={t.have.length} need={t.need} /> {tallyText(t)}
              </li>
            ))}
          </ul>
        </>
      ) : cell.collected ? (
        <p className="pbft-muted">Executed, then discarded when the checkpoint at h = {replica?.detail?.lowWater ?? '?'} became stable (§4.3).</p>
      ) : (
        <p className="pbft-muted">{node} holds no PrePrepare or Commit for seq {seq}.</p>
      )}
    </div>
  );
}
