/**
 * GossipPanel: the side panel for gossip (Demers et al. 1987). For one value (the newest by default,
 * or the one picked): the infection wave, each node as a chip coloured susceptible, infective,
 * removed or crashed with the hops the value took to reach it; the propagation plot of the fraction
 * informed against the expected curve; and messages per broadcast over the whole run. Rebuilt only
 * when the store's details change (a few times a second), never per frame.
 */
import { useMemo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useStore, type PlaygroundState } from '../../store/store';
import { buildGossipModel, type WaveState } from './model';
import { PropagationPlot } from './PropagationPlot';
import './gossip.css';

/** crashedKey lists the crashed nodes as one string, so the selector stays stable while it does not change. */
const crashedKey = (s: PlaygroundState): string => s.nodeIds.filter((id) => s.summaries[id]?.role === 'crashed').join(' ');

const selectGossip = (s: PlaygroundState) => ({ nodeIds: s.nodeIds, details: s.details, crashed: crashedKey(s), select: s.select });

const WAVE_WORDS: Record<WaveState, string> = {
  susceptible: 'has not heard it',
  infective: 'spreads it',
  removed: 'holds it, lost interest',
  crashed: 'crashed',
};

export function GossipPanel() {
  const { nodeIds, details, crashed, select } = useStore(useShallow(selectGossip));
  const [chosen, setChosen] = useState<string | null>(null);
  const model = useMemo(() => buildGossipModel({ nodeIds, details, crashed: new Set(crashed ? crashed.split(' ') : []), chosen }), [nodeIds, details, crashed, chosen]);
  const counts = { susceptible: 0, infective: 0, removed: 0, crashed: 0 };
  for (const w of model.wave) counts[w.state]++;
  const informed = counts.infective + counts.removed;
  return (
    <div className="gossip-panel" data-testid="gossip-panel" aria-label="Gossip">
      <section className="panel-section">
        <h3>Infection wave</h3>
        {model.value === null ? (
          <p className="hint">No value yet: broadcast one at a node (its request form), or load a Gossip example.</p>
        ) : (
          <>
            <label className="gossip-pick">
              value{' '}
              <select value={model.value} onChange={(e) => setChosen(e.target.value)} data-testid="gossip-value">
                {model.values.map((v) => (
                  <option key={v} value={v}>
                    {v}
                  </option>
                ))}
              </select>{' '}
              <span data-testid="gossip-informed">
                {informed} of {model.live} live nodes informed
              </span>
            </label>
            <div className="gossip-wave" role="list" aria-label={`Nodes by their place in the spread of ${model.value}`}>
              {model.wave.map((w) => (
                <button
                  key={w.id}
                  type="button"
                  role="listitem"
                  className={`gossip-chip wave-${w.state}`}
                  title={`${w.id} ${WAVE_WORDS[w.state]}${w.hops !== null ? ` (${w.hops} hop${w.hops === 1 ? '' : 's'}, at ${w.at} ms)` : ''}`}
                  onClick={() => select(w.id)}
                >
                  {w.id}
                  {w.hops !== null && w.state !== 'crashed' ? <sub>{w.hops}</sub> : null}
                </button>
              ))}
            </div>
            <p className="gossip-keys">
              <span className="gossip-key wave-susceptible" /> susceptible {counts.susceptible} <span className="gossip-key wave-infective" /> infective {counts.infective}{' '}
              <span className="gossip-key wave-removed" /> removed {counts.removed}
              {counts.crashed ? (
                <>
                  {' '}
                  <span className="gossip-key wave-crashed" /> crashed {counts.crashed}
                </>
              ) : null}
            </p>
          </>
        )}
      </section>
      {model.value !== null ? (
        <section className="panel-section">
          <h3>Propagation</h3>
          <PropagationPlot informed={model.informed} expected={model.expected} cycleMs={model.config?.periodMs ?? null} n={model.live} />
          <p className="gossip-keys">
            <span className="gossip-line seen" /> informed <span className="gossip-line expected" /> expected ({model.config?.mode}, fanout {model.config?.fanout}, Demers et al. §1.3)
          </p>
        </section>
      ) : null}
      <section className="panel-section">
        <h3>Messages per broadcast</h3>
        <p data-testid="gossip-msgs">
          {model.msgsPerBroadcast === null ? (
            <span className="hint">none broadcast yet</span>
          ) : (
            <>
              <b>{model.msgsPerBroadcast.toFixed(1)}</b> ({model.messages} messages between nodes for {model.values.length} value{model.values.length === 1 ? '' : 's'})
            </>
          )}
        </p>
      </section>
    </div>
  );
}
