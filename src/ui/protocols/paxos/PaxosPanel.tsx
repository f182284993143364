/**
 * PaxosPanel: the side panel for Paxos, under the lamps. The Flexible Paxos warning when
 * |Q1| + |Q2| ≤ N; the values chosen per slot (two in one slot is red: Agreement broken); the
 * proposers in a round with the promises forming their phase-1 quorum; and a table of the
 * acceptors (rows) by slot (columns): each acceptor's promised ballot and accepted (ballot, value),
 * with the phase-2 quorum forming in the last row.
 */
import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useStore, type PlaygroundState } from '../../store/store';
import { buildPaxosModel, type PaxosModel } from './model';
import './paxos.css';

const crashedKey = (s: PlaygroundState): string => s.nodeIds.filter((id) => s.summaries[id]?.role === 'crashed').join(' ');
const selectPaxos = (s: PlaygroundState) => ({ nodeIds: s.nodeIds, details: s.details, crashed: crashedKey(s), select: s.select });

/** votesFor counts, per slot, the acceptors holding the most common (ballot, value) there. */
function votesFor(model: PaxosModel, slot: number): number {
  const counts = new Map<string, number>();
  for (const a of model.acceptors) {
    const c = a.cells[slot];
    if (c) counts.set(`${c.ballot} ${c.value}`, (counts.get(`${c.ballot} ${c.value}`) ?? 0) + 1);
  }
  return Math.max(0, ...counts.values());
}

function Chosen({ model }: { model: PaxosModel }) {
  const slots = Object.keys(model.chosen).map(Number).sort((a, b) => a - b).slice(-6);
  return (
    <section className="panel-section paxos-section" aria-label="Chosen values" data-testid="paxos-chosen">
      <h3>Chosen</h3>
      {slots.length === 0 ? (
        <p className="hint">Nothing chosen yet: a value is chosen when {model.q2} acceptors accept it in one ballot.</p>
      ) : (
        <ul className="paxos-chosen">
          {slots.map((slot) => {
            const values = model.chosen[slot]!;
            return (
              <li key={slot} className={values.length > 1 ? 'is-split' : ''} data-testid={`paxos-chosen-${slot}`}>
                <span className="paxos-slot">{model.mode === 'single' ? 'decree' : `slot ${slot}`}</span> {values.join('  ≠  ')}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

function Proposers({ model }: { model: PaxosModel }) {
  if (model.proposers.length === 0) return null;
  return (
    <section className="panel-section paxos-section" aria-label="Proposers" data-testid="paxos-proposers">
      <h3>Rounds</h3>
      <ul className="paxos-rounds">
        {model.proposers.map((p) => (
          <li key={p.id}>
            <b>{p.id}</b> ballot <span className="paxos-mono">{p.ballot}</span>{' '}
            {p.leading ? 'leads (phase 2 only)' : p.phase === 'prepare' ? `phase 1: promises ${p.promises.length}/${model.q1}` : 'phase 2: accept sent'}
            {p.phase === 'prepare' && p.promises.length > 0 ? <span className="paxos-muted"> ({p.promises.join(', ')})</span> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

function Acceptors({ model, onSelect }: { model: PaxosModel; onSelect: (id: string) => void }) {
  return (
    <section className="panel-section paxos-section" aria-label="Acceptors" data-testid="paxos-acceptors">
      <h3>
        Acceptors <span className="paxos-muted">Q1 {model.q1}, Q2 {model.q2} of {model.acceptors.length}</span>
      </h3>
      <table className="paxos-table">
        <thead>
          <tr>
            <th scope="col">node</th>
            <th scope="col">promised</th>
            {model.slots.map((s) => (
              <th scope="col" key={s}>{model.mode === 'single' ? 'accepted' : `s${s}`}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {model.acceptors.map((a) => (
            <tr key={a.id} className={a.crashed ? 'is-crashed' : ''}>
              <th scope="row">
                <button type="button" className="paxos-node" onClick={() => onSelect(a.id)}>{a.id}</button>
              </th>
              <td className="paxos-mono">{a.promised}</td>
              {model.slots.map((s) => {
                const c = a.cells[s];
                const chosen = model.chosen[s]?.some((v) => c && v.startsWith(c.value.split(' ')[0]!));
                return (
                  <td key={s} className={`paxos-cell ${c ? (chosen ? 'is-chosen' : 'is-accepted') : 'is-none'}`} title={c ? `${a.id} accepted ${c.value} in ballot ${c.ballot}` : `${a.id} accepted nothing here`}>
                    {c ? <><span className="paxos-mono">{c.ballot}</span> {c.value.split(' ')[0]}</> : '—'}
                  </td>
                );
              })}
            </tr>
          ))}
          <tr className="paxos-votes">
            <th scope="row" colSpan={2}>quorum (Q2)</th>
            {model.slots.map((s) => (
              <td key={s}>{votesFor(model, s)}/{model.q2}</td>
            ))}
          </tr>
        </tbody>
      </table>
    </section>
  );
}

/** PaxosPanel draws the Paxos panel from the store's node details. */
export function PaxosPanel() {
  const { nodeIds, details, crashed, select } = useStore(useShallow(selectPaxos));
  const model = useMemo(() => buildPaxosModel(nodeIds, details, new Set(crashed.split(' ').filter(Boolean))), [nodeIds, details, crashed]);
  return (
    <div className="paxos-panel" data-testid="paxos-panel">
      {model.warning ? (
        <p className="paxos-warning" role="alert" data-testid="paxos-warning">
          ⚠ {model.warning}
        </p>
      ) : null}
      <Chosen model={model} />
      <Proposers model={model} />
      <Acceptors model={model} onSelect={select} />
    </div>
  );
}
