/**
 * VotesGrid: who voted for whom in each recent term (term × node), from the trace's `state`
 * records. Votes for the term's winner are green; votes for a losing candidate amber.
 */
import { useShallow } from 'zustand/react/shallow';
import { selectVotes } from '../store/selectors';
import { useStore } from '../store/store';
import { termColor } from './termColors';

export function VotesGrid() {
  const { votes, nodeIds } = useStore(useShallow(selectVotes));
  return (
    <section className="panel-section" aria-label="Votes per term">
      <h3>Votes</h3>
      {votes.terms.length === 0 ? (
        <p className="hint">No votes cast yet.</p>
      ) : (
        <table className="votes-grid" data-testid="votes">
          <thead>
            <tr>
              <th scope="col">term</th>
              {nodeIds.map((id) => (
                <th scope="col" key={id}>
                  {id}
                </th>
              ))}
              <th scope="col">leader</th>
            </tr>
          </thead>
          <tbody>
            {votes.terms.map((t) => {
              const row = votes.votes[t] ?? {};
              const leader = votes.leaders[t];
              const [bg, fg] = termColor(t);
              return (
                <tr key={t} data-term={t}>
                  <th scope="row">
                    <span className="term-chip" style={{ background: bg, color: fg }}>
                      {t}
                    </span>
                  </th>
                  {nodeIds.map((id) => {
                    const v = row[id];
                    const cls = !v ? '' : v === leader ? 'vote-win' : 'vote-lose';
                    return (
                      <td key={id} className={cls} data-voter={id} data-vote={v ?? ''} title={v ? `${id} voted for ${v} in term ${t}` : `${id} cast no vote in term ${t}`}>
                        {v ? (v === id ? `${v}★` : v) : '·'}
                      </td>
                    );
                  })}
                  <td className="vote-leader">{leader ?? '—'}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
