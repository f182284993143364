/**
 * ViewSection: PBFT's view and primary (Castro & Liskov 1999 §4.1): the view a quorum of replicas
 * runs and its primary (view mod n), each replica's own view when they differ, every view change
 * under way with the ViewChange messages collected against the 2f+1 needed (§4.4), and, for an
 * honest replica the quorum carries on without, who starves it and why no view change follows.
 */
import { leftOutText, type PbftModel, type ReplicaViewChange, type ReplicaViewRow } from './model';
import { ReplicaTag } from './ReplicaTag';
import { QuorumDots } from './QuorumDots';

function statusText(r: ReplicaViewRow): string {
  if (r.status === null) return 'unknown';
  if (r.viewChange) return `changing → view ${r.viewChange.toView}`;
  return r.primary === r.id ? 'primary' : 'backup';
}

function ViewChangeLine({ id, vc, primaryOfTarget, f }: { id: string; vc: ReplicaViewChange; primaryOfTarget: string | null; f: number }) {
  const enough = vc.votes.length >= vc.needed;
  return (
    <li className="pbft-vc" data-testid={`pbft-vc-${id}`} data-to-view={vc.toView} data-votes={vc.votes.length}>
      <span className="pbft-vc-head">
        <b>{id}</b> → view {vc.toView}
        <span className="pbft-muted"> (primary {primaryOfTarget ?? '—'})</span>
      </span>
      <span className="pbft-vc-votes" title={`ViewChange messages for view ${vc.toView} that ${id} holds; the new primary needs 2f+1 = ${vc.needed} (f = ${f}) to send NewView`}>
        ViewChange <QuorumDots have={vc.votes.length} need={vc.needed} />
        <b className={enough ? 'pbft-ok' : 'pbft-short'}>
          {vc.votes.length}/{vc.needed}
        </b>
        <span className="pbft-muted">{vc.votes.join(' ')}</span>
      </span>
      <span className="pbft-muted pbft-vc-state">
        {vc.awaitingNewView ? `quorum in: waiting for ${primaryOfTarget ?? 'the primary'}’s NewView` : 'collecting ViewChanges'}
        {vc.backoff > 1 ? ` · attempt ${vc.backoff} (timeout ×${2 ** (vc.backoff - 1)})` : ''}
      </span>
    </li>
  );
}

/** ViewSection draws the view, the primary and the view changes under way. */
export function ViewSection({ model, primaryOf }: { model: PbftModel; primaryOf: (v: number) => string | null }) {
  const { view, sizes, replicas } = model;
  const byId = new Map(replicas.map((r) => [r.id, r]));
  const primary = view.primary ? byId.get(view.primary) : undefined;
  const paper = sizes.quorum === 2 * sizes.f + 1;
  return (
    <section className="panel-section pbft-section" aria-label="View and primary" data-testid="pbft-view" data-view={view.view} data-primary={view.primary ?? ''}>
      <h3>View &amp; primary</h3>
      <div className="pbft-view-head">
        <span
          className="pbft-view-num"
          title={view.quorum.length ? `The view a quorum runs: ${view.quorum.join(', ')} are in normal operation in view ${view.view}` : 'No view has a quorum in normal operation: the highest view among honest live replicas'}
        >
          view <b>{view.view}</b>
        </span>
        <span className="pbft-view-primary" title={`primary = view mod n = ${view.view} mod ${sizes.n}`}>
          primary {primary ? <ReplicaTag replica={primary} primary /> : '—'}
        </span>
      </div>
      <p className="pbft-sizes">
        n = {sizes.n} tolerates f = {sizes.f} · quorum {paper ? '2f+1' : '⌈(n+f+1)/2⌉'} = {sizes.quorum}
      </p>
      {!view.installed ? (
        <p className="pbft-note">
          View {view.view} is not installed yet: no honest replica has received its NewView.
        </p>
      ) : null}
      {view.leftOut.length ? (
        <ul className="pbft-left-out" aria-label="Replicas left out">
          {view.leftOut.map((lo) => (
            <li key={lo.id} className="pbft-note" data-testid={`pbft-left-out-${lo.id}`} data-starved={lo.suspectsPrimary !== null ? 'true' : 'false'}>
              {leftOutText(lo, view, sizes)}
            </li>
          ))}
        </ul>
      ) : null}
      {view.agree ? (
        <p className="hint">Every live replica is in view {view.view}.</p>
      ) : (
        <table className="pbft-table pbft-views">
          <thead>
            <tr>
              <th scope="col">replica</th>
              <th scope="col">view</th>
              <th scope="col">primary</th>
              <th scope="col">status</th>
            </tr>
          </thead>
          <tbody>
            {view.replicas.map((r) => {
              const rep = byId.get(r.id);
              return (
                <tr key={r.id} data-replica={r.id} data-view={r.view ?? ''} className={r.view !== null && r.view !== view.view ? 'is-behind' : ''}>
                  <th scope="row">{rep ? <ReplicaTag replica={rep} compact /> : r.id}</th>
                  <td>{r.view ?? '—'}</td>
                  <td>{r.primary ?? '—'}</td>
                  <td className={r.viewChange ? 'pbft-changing' : ''}>{r.live ? statusText(r) : 'crashed'}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {view.changing.length ? (
        <ul className="pbft-vcs">
          {view.changing.map((r) =>
            r.viewChange ? <ViewChangeLine key={r.id} id={r.id} vc={r.viewChange} primaryOfTarget={primaryOf(r.viewChange.toView)} f={sizes.f} /> : null,
          )}
        </ul>
      ) : null}
    </section>
  );
}
