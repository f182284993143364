/**
 * DelegationPanel: the side panel for task delegation. The coordinator and its epoch; each follower
 * with its load bar, tasks given, applied effects and its circuit breaker's state (Nygard: closed,
 * open, half-open), suspected followers marked; the submits shed per client; the task table
 * (status, worker, attempt, retries), newest last; and the shared failure detector's suspicion
 * matrix (src/ui/detectors): followers watch the coordinator, the coordinator its followers. Rebuilt only when the store's details change, never per frame.
 */
import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useStore, type PlaygroundState } from '../../store/store';
import { buildSuspicionMatrix } from '../../detectors/model';
import { SuspicionMatrix } from '../../detectors/SuspicionMatrix';
import { buildDelegationModel } from './model';
import './delegation.css';

const crashedKey = (s: PlaygroundState): string => s.nodeIds.filter((id) => s.summaries[id]?.role === 'crashed').join(' ');
const selectDelegation = (s: PlaygroundState) => ({ nodeIds: s.nodeIds, details: s.details, crashed: crashedKey(s), select: s.select, now: s.now });

const BREAKER_WORDS = {
  closed: 'closed: work goes through',
  open: 'open: no work until the cool-down ends',
  'half-open': 'half-open: one trial assignment decides',
} as const;

export function DelegationPanel() {
  const { nodeIds, details, crashed, select, now } = useStore(useShallow(selectDelegation));
  const crashedSet = useMemo(() => new Set(crashed ? crashed.split(' ') : []), [crashed]);
  const m = useMemo(() => buildDelegationModel({ nodeIds, details, crashed: crashedSet }), [nodeIds, details, crashedSet]);
  const matrix = useMemo(() => buildSuspicionMatrix({ nodes: nodeIds, detectors: m.detectors, now, crashed: crashedSet }), [nodeIds, m, now, crashedSet]);
  const suspicions = (
    <section className="panel-section">
      <h3>Failure detector: who suspects whom</h3>
      <SuspicionMatrix model={matrix} onPick={select} />
    </section>
  );
  if (m.coordinator === null) {
    return (
      <div className="deleg-panel" data-testid="delegation-panel">
        <p className="hint">No coordinator yet: an election is under way, or no majority reported.</p>
        {suspicions}
      </div>
    );
  }
  return (
    <div className="deleg-panel" data-testid="delegation-panel" aria-label="Task delegation">
      <section className="panel-section">
        <h3>
          Followers of {m.coordinator} <span className="deleg-sub">epoch {m.epoch}, {m.policy}</span>
        </h3>
        <table className="deleg-followers">
          <thead>
            <tr>
              <th>node</th>
              <th>load</th>
              <th title="tasks given over this epoch / effects applied">given / done</th>
              <th>breaker</th>
            </tr>
          </thead>
          <tbody>
            {m.followers.map((f) => (
              <tr key={f.id} className={f.crashed ? 'deleg-crashed' : f.suspected ? 'deleg-suspected' : ''}>
                <td>
                  <button type="button" className="deleg-node" onClick={() => select(f.id)} title={`${f.id} offers ${f.capabilities.join(', ')}${f.suspected ? '; suspected by the coordinator' : ''}`}>
                    {f.id}
                  </button>
                  {f.suspected ? <span className="deleg-susp" title="suspected: silent longer than the timeout">?</span> : null}
                </td>
                <td>
                  <span className="deleg-bar" title={`${f.load} task${f.load === 1 ? '' : 's'} held`}>
                    <span style={{ width: `${(100 * f.load) / m.scale}%` }} />
                  </span>
                  <span className="deleg-num">{f.load}</span>
                </td>
                <td className="deleg-num">
                  {f.given} / {f.applied}
                </td>
                <td>
                  <span className={`deleg-breaker br-${f.breaker}`} title={`${BREAKER_WORDS[f.breaker]} (${f.failures} failure${f.failures === 1 ? '' : 's'})`} data-testid={`breaker-${f.id}`}>
                    {f.breaker}
                  </span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      {m.shed.length ? (
        <p className="deleg-shed" data-testid="delegation-shed" title="Submits refused by the token bucket or the full queue, each with its reason in the reply">
          Shed: {m.shed.map(([client, n]) => `${client} ${n}`).join(', ')}
        </p>
      ) : null}
      <section className="panel-section">
        <h3>
          Tasks <span className="deleg-sub">{m.counts.done} done, {m.counts.running} running, {m.counts.waiting} waiting, {m.counts.retried} retried</span>
        </h3>
        {m.tasks.length === 0 ? (
          <p className="hint">No task yet: submit one from a node’s request form.</p>
        ) : (
          <table className="deleg-tasks" data-testid="delegation-tasks">
            <thead>
              <tr>
                <th>task</th>
                <th>status</th>
                <th>worker</th>
                <th title="attempt number: a reassignment is a new attempt">att.</th>
                <th>retries</th>
              </tr>
            </thead>
            <tbody>
              {m.tasks.map((t) => (
                <tr key={t.task} className={`st-${t.status}`}>
                  <td title={`${t.capability}, ${t.durationMs} ms`}>{t.task}</td>
                  <td>{t.status}</td>
                  <td>{t.worker ?? '–'}</td>
                  <td className="deleg-num">{t.attempt || '–'}</td>
                  <td className="deleg-num">{t.retries || ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {m.hidden > 0 ? <p className="hint">{m.hidden} older tasks not shown.</p> : null}
      </section>
      {suspicions}
    </div>
  );
}
