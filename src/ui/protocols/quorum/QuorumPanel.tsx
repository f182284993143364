/**
 * QuorumPanel: the side panel for quorum and weighted voting, under the lamps. The setting (V, r, w,
 * threshold, quorum, with Gifford's rules stated and a warning when one is broken); each replica's
 * votes, stance and versions; the quorums gathered, with their members; the proposals at one tally,
 * each a bar of approving votes against the threshold and of votes cast against the quorum; the
 * liars flagged. Rebuilt only when the store's details change, never per frame.
 */
import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useStore, type PlaygroundState } from '../../store/store';
import { buildQuorumModel, type Bar, type ProposalRow } from './model';
import './quorum.css';

const crashedKey = (s: PlaygroundState): string => s.nodeIds.filter((id) => s.summaries[id]?.role === 'crashed').join(' ');
const selectQuorum = (s: PlaygroundState) => ({ nodeIds: s.nodeIds, details: s.details, crashed: crashedKey(s), selected: s.selected, select: s.select });

function BarRow({ bar, mark, markTitle, kind }: { bar: Bar; mark: number; markTitle: string; kind: 'approve' | 'cast' }) {
  return (
    <div className="quorum-bar-row" title={`${bar.label}: ${bar.votes} votes`}>
      <span className="quorum-bar-label">{bar.label}</span>
      <span className="quorum-bar" role="meter" aria-valuenow={bar.votes} aria-label={`${bar.label}: ${bar.votes} votes`}>
        <span className={`quorum-bar-fill is-${kind}${bar.reached ? ' is-reached' : ''}`} style={{ width: `${bar.pct}%` }} />
        <span className="quorum-bar-mark" style={{ left: `${mark}%` }} title={markTitle} />
      </span>
      <span className="quorum-bar-votes">{bar.votes}</span>
    </div>
  );
}

function Proposal({ p, threshold, quorum }: { p: ProposalRow; threshold: number; quorum: number }) {
  return (
    <li className="quorum-proposal" data-testid={`quorum-proposal-${p.id}`}>
      <div className="quorum-proposal-head">
        <span className="quorum-mono">{p.id}</span> = <span className="quorum-mono">{p.value ?? '?'}</span>
        <span className={`quorum-outcome is-${p.outcome.split(' ')[0]}`}>{p.outcome}</span>
      </div>
      {p.approvals.map((b) => (
        <BarRow key={b.label} bar={b} mark={p.thresholdPct} markTitle={`threshold: ${threshold} approving votes`} kind="approve" />
      ))}
      <BarRow bar={p.participation} mark={p.quorumPct} markTitle={`quorum: ${quorum} votes cast`} kind="cast" />
      <p className="quorum-voters">
        {p.at}’s count: {p.voters || 'no votes yet'}
      </p>
      <p className="quorum-across" data-testid={`quorum-across-${p.id}`}>
        {p.across}
      </p>
    </li>
  );
}

export function QuorumPanel() {
  const { nodeIds, details, crashed, selected, select } = useStore(useShallow(selectQuorum));
  const m = useMemo(() => buildQuorumModel({ nodeIds, details, crashed: new Set(crashed ? crashed.split(' ') : []), selected }), [nodeIds, details, crashed, selected]);
  if (!m.rules) return null;
  const r = m.rules;
  return (
    <div className="quorum-panel" data-testid="quorum-panel" aria-label="Quorum and weighted voting">
      <section className="panel-section">
        <h3>
          Votes and quorums <span className="quorum-muted">V = {r.total}, r = {r.r}, w = {r.w}</span>
        </h3>
        {m.warnings.map((w) => (
          <p key={w} className="quorum-warning" data-testid="quorum-warning">
            ⚠ {w}
          </p>
        ))}
        <ul className="quorum-rules">
          {m.ruleLines.map((l) => (
            <li key={l.text} className={l.ok ? 'is-ok' : 'is-broken'}>
              {l.ok ? '✓' : '✗'} {l.text}
            </li>
          ))}
        </ul>
        <table className="quorum-table" data-testid="quorum-replicas">
          <thead>
            <tr>
              <th scope="col">replica</th>
              <th scope="col">votes</th>
              <th scope="col">votes as</th>
              <th scope="col">copies (version)</th>
            </tr>
          </thead>
          <tbody>
            {m.replicas.map((x) => (
              <tr key={x.id} className={x.crashed ? 'is-crashed' : ''}>
                <th scope="row">
                  <button type="button" className="quorum-chip" onClick={() => select(x.id)}>
                    {x.id}
                  </button>
                </th>
                <td className="quorum-num">{x.votes}</td>
                <td className={x.behaviour ? 'quorum-liar' : ''}>{x.behaviour ?? x.stance}</td>
                <td className="quorum-mono">{x.copies.join(' · ') || '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section className="panel-section" aria-label="Quorums formed" data-testid="quorum-formed">
        <h3>Quorums formed</h3>
        {m.quorums.length === 0 ? (
          <p className="hint">None yet: a get or put gathers a read quorum (r votes), then a put a write quorum (w votes).</p>
        ) : (
          <ul className="quorum-list">
            {m.quorums.map((q) => (
              <li key={`${q.op} ${q.phase}`} title={`${q.coordinator} ran ${q.op} at ${q.at} ms`}>
                <span className="quorum-mono">
                  {q.coordinator} {q.phase} {q.key}
                </span>{' '}
                {q.members.map((n) => (
                  <button type="button" key={n} className="quorum-chip is-member" onClick={() => select(n)}>
                    {n}
                  </button>
                ))}{' '}
                <span className={q.votes >= q.needed ? 'quorum-muted' : 'quorum-liar'}>
                  {q.votes} of {q.needed} votes
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="panel-section" aria-label="Proposals" data-testid="quorum-proposals">
        <h3>
          Proposals <span className="quorum-muted">{m.tally ? `as ${m.tally} tallies them (select a node for its count)` : ''}</span>
        </h3>
        <p className="quorum-muted quorum-small">
          Approved at {r.threshold} approving votes once {r.quorum} are cast; abstaining counts as cast, not as approving. Bars: votes of V = {r.total}; the mark is the threshold.
        </p>
        {m.proposals.length === 0 ? (
          <p className="hint">No proposal yet: propose one from the request form (e.g. p1 = x).</p>
        ) : (
          <ul className="quorum-proposals">
            {m.proposals.map((p) => (
              <Proposal key={p.id} p={p} threshold={r.threshold} quorum={r.quorum} />
            ))}
          </ul>
        )}
      </section>
      {m.liars.length > 0 ? (
        <section className="panel-section" aria-label="Liars flagged" data-testid="quorum-liars">
          <h3>Liars flagged</h3>
          <ul className="quorum-list">
            {m.liars.map((l) => (
              <li key={l.voter}>
                <span className="quorum-chip quorum-liar">{l.voter}</span> {l.reason} <span className="quorum-muted">(flagged by {l.by.join(', ')})</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
