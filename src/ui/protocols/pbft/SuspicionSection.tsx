/**
 * SuspicionSection: who suspects whom. A replica suspects another when a message proves it lies
 * (a second PrePrepare for a sequence number, a digest that contradicts a prepared certificate, a
 * forged authenticator, …). Rows are the suspecting replica, columns the suspect; hover a mark for
 * the evidence. One line per suspect summarises the matrix.
 */
import type { Replica, SuspicionModel } from './model';
import { ReplicaTag } from './ReplicaTag';

/** SuspicionSection draws the suspicion matrix and its summary. */
export function SuspicionSection({ model, replicas }: { model: SuspicionModel; replicas: Replica[] }) {
  const suspected = new Set(model.bySuspect.map((s) => s.suspect));
  return (
    <section className="panel-section pbft-section" aria-label="Who suspects whom" data-testid="pbft-suspects">
      <h3>Who suspects whom</h3>
      <p className="pbft-caption">
        Row <b>suspects</b> column · hover a <span className="pbft-suspect-mark">●</span> for the evidence
      </p>
      <table className="pbft-suspects">
        <thead>
          <tr>
            <td className="pbft-corner" aria-hidden="true" />
            {replicas.map((r) => (
              <th scope="col" key={r.id} className={suspected.has(r.id) ? 'is-suspected' : ''}>
                <ReplicaTag replica={r} compact />
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {replicas.map((from) => (
            <tr key={from.id}>
              <th scope="row">
                <ReplicaTag replica={from} compact />
              </th>
              {replicas.map((to) => {
                if (to.id === from.id) return <td key={to.id} className="pbft-self" aria-label="self" />;
                const reason = model.matrix[from.id]?.[to.id];
                return reason === undefined ? (
                  <td key={to.id} className="pbft-trust" title={`${from.id} does not suspect ${to.id}`} />
                ) : (
                  <td key={to.id} className="pbft-suspect" data-testid={`pbft-suspect-${from.id}-${to.id}`} title={`${from.id} suspects ${to.id}: ${reason}`}>
                    ●
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      {model.lines.length ? (
        <ul className="pbft-suspect-lines">
          {model.lines.map((l) => (
            <li key={l}>{l}</li>
          ))}
        </ul>
      ) : (
        <p className="hint">No replica suspects another.</p>
      )}
    </section>
  );
}
