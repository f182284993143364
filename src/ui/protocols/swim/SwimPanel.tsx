/**
 * SwimPanel: the side panel for SWIM (Das et al. 2002). The selected node's membership list (each
 * member alive, suspect or dead at its incarnation, §4.2); how far one membership change has
 * spread through the group's lists (§4.1); and what the paper expects of this config: the time to
 * first detection, e/(e−1)·T′ (§3.1, §5), and the false-positive chance of one probe under 10%
 * packet loss with ping-req through k and without. Rebuilt only when the details change.
 */
import { useMemo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { expectedFalsePositive, expectedFirstDetectionMs } from '../../../core/protocols/swim/measures';
import { useStore, type PlaygroundState } from '../../store/store';
import { buildSwimModel } from './model';
import { SpreadPlot } from './SpreadPlot';
import './swim.css';

const crashedKey = (s: PlaygroundState): string => s.nodeIds.filter((id) => s.summaries[id]?.role === 'crashed').join(' ');

const selectSwim = (s: PlaygroundState) => ({ nodeIds: s.nodeIds, details: s.details, crashed: crashedKey(s), selected: s.selected, select: s.select });

export function SwimPanel() {
  const { nodeIds, details, crashed, selected, select } = useStore(useShallow(selectSwim));
  const [chosen, setChosen] = useState<string | null>(null);
  const model = useMemo(() => buildSwimModel({ nodeIds, details, crashed: new Set(crashed ? crashed.split(' ') : []), selected, chosen }), [nodeIds, details, crashed, selected, chosen]);
  const c = model.config;
  return (
    <div className="swim-panel" data-testid="swim-panel" aria-label="SWIM">
      <section className="panel-section">
        <h3>How far a change has spread</h3>
        {model.change === null ? (
          <p className="hint">No change yet: crash or pause a node, or load a SWIM example.</p>
        ) : (
          <>
            <label className="swim-pick">
              change{' '}
              <select value={model.change.key} onChange={(e) => setChosen(e.target.value)} data-testid="swim-change">
                {model.changes.map((x) => (
                  <option key={x.key} value={x.key}>
                    {x.member} {x.state} @{x.inc}
                  </option>
                ))}
              </select>{' '}
              <span data-testid="swim-holders">
                {model.change.holders} of {model.live} members know it
              </span>
            </label>
            <SpreadPlot spread={model.spread} periodMs={c?.periodMs ?? 300} />
          </>
        )}
      </section>
      <section className="panel-section">
        <h3>
          Membership list of {model.node ?? '—'}
          {model.node ? <span className="swim-inc"> (incarnation {model.inc}{model.role !== 'member' ? `, ${model.role}` : ''})</span> : null}
        </h3>
        {model.members.length === 0 ? (
          <p className="hint">No list yet: the node is joining, or select a member on the canvas.</p>
        ) : (
          <div className="swim-list" role="list" aria-label={`${model.node}'s membership list`} data-testid="swim-list">
            {model.members.map((m) => (
              <button key={m.member} type="button" role="listitem" className={`swim-chip st-${m.state}`} title={`${m.member} ${m.state} at incarnation ${m.inc}, since ${m.since} ms`} onClick={() => select(m.member)}>
                {m.member}
                {m.inc > 0 ? <sub>{m.inc}</sub> : null}
              </button>
            ))}
          </div>
        )}
        <p className="swim-keys">
          <span className="swim-key st-alive" /> alive <span className="swim-key st-suspect" /> suspect <span className="swim-key st-dead" /> dead · small number: incarnation
        </p>
      </section>
      {c ? (
        <section className="panel-section">
          <h3>The paper expects</h3>
          <p className="swim-expect" data-testid="swim-expect">
            first detection ≈ <b>{Math.round(expectedFirstDetectionMs(c, 1))} ms</b> (e/(e−1)·T′, §3.1), dead everywhere ≈ +{c.suspicionTimeoutMs} ms suspicion timeout; false positive per probe at 10% packet loss:{' '}
            <b>{(expectedFalsePositive(c.k, 0.1) * 100).toFixed(2)}%</b> with ping-req through k = {c.k}, {(expectedFalsePositive(0, 0.1) * 100).toFixed(1)}% without. Measured: <code>npm run sim -- --report</code>.
          </p>
        </section>
      ) : null}
    </div>
  );
}
