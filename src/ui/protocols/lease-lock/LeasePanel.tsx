/**
 * LeasePanel: the side panel for lease-lock (Kleppmann 2016). The lease in force (who holds it,
 * its fencing token, until when), the clients waiting in line (and whom a freed lease is kept for), a timeline of the leases the lock service granted, one row per
 * token, an expiry marked by a chevron at its end, storage's writes ticked on their token's row
 * (solid accepted, dashed red rejected); and storage's highest token and latest writes. Rebuilt when the store's details change.
 */
import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useStore, type PlaygroundState } from '../../store/store';
import { buildLeaseModel, type LeaseModel } from './model';
import './lease.css';

const selectLease = (s: PlaygroundState) => ({ nodeIds: s.nodeIds, details: s.details, now: s.now, select: s.select });

/** HOLDER_COLORS tell holders apart on the timeline, by the order they first held the lease. */
const HOLDER_COLORS = ['#0369a1', '#c2410c', '#15803d', '#7e22ce', '#be123c', '#4d7c0f'];

const sec = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/** Timeline draws each lease as a bar over virtual time, and storage's writes as ticks on their holder's row. */
function Timeline({ model, now }: { model: LeaseModel; now: number }) {
  const bars = model.bars.slice(-8);
  const writes = model.storage?.writes ?? [];
  const t0 = Math.min(...bars.map((b) => b.from), ...writes.slice(-12).map((w) => w.t), now);
  const t1 = Math.max(now, ...bars.map((b) => b.until), t0 + 1);
  const W = 320;
  const LABEL = 96;
  const rowH = 22;
  const x = (t: number) => LABEL + ((t - t0) / (t1 - t0)) * (W - LABEL - 4);
  const holders = [...new Set(bars.map((b) => b.holder))];
  const color = (h: string) => HOLDER_COLORS[holders.indexOf(h) % HOLDER_COLORS.length]!;
  const H = bars.length * rowH + 18;
  return (
    <svg className="lease-timeline" viewBox={`0 0 ${W} ${H}`} width="100%" role="img" aria-label="Leases over time">
      {bars.map((b, i) => {
        const y = i * rowH;
        const end = b.end === null ? Math.min(b.until, t1) : b.until;
        return (
          <g key={b.token} data-token={b.token}>
            <text x={2} y={y + rowH / 2 + 5} className="lease-bar-text" fill={color(b.holder)}>
              {b.holder} · {b.token}
            </text>
            <rect x={x(b.from)} y={y + 3} width={Math.max(3, x(end) - x(b.from))} height={rowH - 6} rx={3} fill={color(b.holder)} opacity={b.end === null ? 1 : 0.7}>
              <title>{`${b.holder} holds token ${b.token} from ${sec(b.from)} until ${sec(b.until)}${b.end ? ` (${b.end})` : ''}`}</title>
            </rect>
            {b.end === 'expired' ? <path d={`M${x(end)} ${y + 2} l6 ${rowH / 2 - 2} l-6 ${rowH / 2 - 2}`} className="lease-expired" /> : null}
            {writes
              .filter((w) => w.token === b.token)
              .map((w, k) => (
                <path key={k} d={`M${x(w.t)} ${y + 1} v${rowH - 2}`} className={w.ok ? 'lease-tick-ok' : 'lease-tick-rejected'}>
                  <title>{`${w.holder} writes ${w.value} with token ${w.token} at ${sec(w.t)}: ${w.ok ? 'accepted' : 'rejected'}`}</title>
                </path>
              ))}
          </g>
        );
      })}
      <line x1={x(now)} x2={x(now)} y1={0} y2={H - 16} className="lease-now" />
      <text x={LABEL} y={H - 3} className="lease-axis">{sec(t0)}</text>
      <text x={W - 4} y={H - 3} className="lease-axis" textAnchor="end">{sec(t1)}</text>
    </svg>
  );
}

export function LeasePanel() {
  const { nodeIds, details, now, select } = useStore(useShallow(selectLease));
  const model = useMemo(() => buildLeaseModel(nodeIds, details), [nodeIds, details]);
  const st = model.storage;
  return (
    <div className="lease-panel" data-testid="lease-panel" aria-label="Lease lock">
      <section className="panel-section">
        <h3>Lease</h3>
        <p className="lease-now-line" data-testid="lease-current">
          {model.current ? (
            <>
              held by <button type="button" className="lease-holder" onClick={() => select(model.current!.holder)}>{model.current.holder}</button>, token <b>{model.current.token}</b>, until {sec(model.current.until)}
            </>
          ) : (
            'free: no lease in force at a majority of the lock service'
          )}
        </p>
        {model.lines.length ? (
          <ul className="lease-lines" data-testid="lease-lines" aria-label="Clients waiting in line">
            {model.lines.map((l) => (
              <li key={l.lock}>
                in line{model.locks > 1 ? ` at ${l.lock}` : ''}: {l.waiters.join(', ')}
                {l.keptFor ? <span className="lease-kept"> · kept for {l.keptFor}</span> : null}
              </li>
            ))}
          </ul>
        ) : null}
        {model.bars.length ? <Timeline model={model} now={now} /> : <p className="hint">No lease yet: send a write to a client, or load a Leases example.</p>}
      </section>
      {st ? (
        <section className="panel-section">
          <h3>Storage{st.id === 'storage' ? '' : ` ${st.id}`}</h3>
          <p data-testid="lease-storage">
            highest token <b>{st.highest}</b> · {st.writes.filter((w) => w.ok).length} accepted, {st.writes.filter((w) => !w.ok).length} rejected ·{' '}
            {st.fencing ? 'fencing on' : <span className="lease-unfenced">fencing OFF</span>}
          </p>
          <ol className="lease-writes" data-testid="lease-writes">
            {st.writes.slice(-5).reverse().map((w, i) => (
              <li key={i} className={w.ok ? 'is-ok' : 'is-rejected'}>
                {sec(w.t)} {w.holder} writes {w.value} with token {w.token}: {w.ok ? 'accepted' : 'rejected (stale)'}
              </li>
            ))}
          </ol>
        </section>
      ) : null}
    </div>
  );
}
