/**
 * BullyPanel: the side panel for the bully election, under the lamps. Who coordinates and how many
 * follow (two coordinators at once is the split brain, in red); the nodes by rank with their
 * scores; the shared failure-detector views (src/ui/detectors): each node's suspicion of each other
 * node at the moment shown, and the run's heartbeats replayed against other thresholds (computed by
 * the consistency check, core bully/measures.ts).
 */
import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { DetectorView } from '../../../core/protocols/bully/measures';
import { DetectorPlot } from '../../detectors/DetectorPlot';
import { buildSuspicionMatrix } from '../../detectors/model';
import { SuspicionMatrix } from '../../detectors/SuspicionMatrix';
import { useChecks } from '../../store/checks';
import { useStore, type PlaygroundState } from '../../store/store';
import { thresholdOf } from '../../../core/detectors/records';
import { buildBullyModel, type BullyModel } from './model';
import './bully.css';

/** crashedKey lists the crashed nodes as one string, so the selector stays stable while it does not change. */
const crashedKey = (s: PlaygroundState): string => s.nodeIds.filter((id) => s.summaries[id]?.role === 'crashed').join(' ');

/** The lamp whose red turns two coordinators from settling into a split brain (core bully/invariants.ts). */
const SPLIT_BRAIN = 'No split brain';

const selectBully = (s: PlaygroundState) => ({ nodeIds: s.nodeIds, details: s.details, crashed: crashedKey(s), select: s.select, now: s.now });

/**
 * CoordinatorLine says who coordinates. Two coordinators at once are a split brain (red) only once
 * the No split brain lamp has turned red by the moment shown; before that they are an election
 * settling (amber), as the lamp grants them T + T′ + a heartbeat (core bully/invariants.ts).
 */
function CoordinatorLine({ model, splitBrain }: { model: BullyModel; splitBrain: boolean }) {
  const [first, ...rest] = model.coordinators;
  if (!first) return <p data-testid="bully-coordinator" className="hint">No node coordinates: an election is under way.</p>;
  if (rest.length && !splitBrain)
    return (
      <p data-testid="bully-coordinator" className="bully-settling" role="status">
        Settling: {model.coordinators.join(' and ')} each believe they coordinate for now; the newer claim should win within T + T′ + a heartbeat, or No split brain turns red.
      </p>
    );
  if (rest.length)
    return (
      <p data-testid="bully-coordinator" className="bully-split" role="status">
        Split brain: {model.coordinators.join(' and ')} each believe they coordinate ({model.coordinators.map((c) => `${model.followers[c] ?? 0} follow ${c}`).join(', ')}).
      </p>
    );
  return (
    <p data-testid="bully-coordinator">
      <b>{first}</b> coordinates; {model.followers[first] ?? 0} of {model.live} live nodes follow it.
    </p>
  );
}

function RankTable({ model, onSelect }: { model: BullyModel; onSelect: (id: string) => void }) {
  const score = model.rank === 'score';
  return (
    <table className="bully-ranks" data-testid="bully-ranks">
      <thead>
        <tr>
          <th scope="col">node</th>
          <th scope="col">role</th>
          <th scope="col">follows</th>
          {score ? (
            <th scope="col" title="score = priority + health − load">
              score (p + h − l)
            </th>
          ) : null}
        </tr>
      </thead>
      <tbody>
        {model.rows.map((r) => (
          <tr key={r.id} className={`bully-row role-${r.role}`}>
            <th scope="row">
              <button type="button" onClick={() => onSelect(r.id)}>
                {r.id}
              </button>
            </th>
            <td>{r.role}</td>
            <td>{r.role === 'crashed' ? '' : r.follows === r.id ? 'itself' : r.follows ?? '—'}</td>
            {score ? (
              <td>
                <b>{r.score}</b> = {r.priority} + {r.health} − {r.load}
              </td>
            ) : null}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function DetectorMeasures({ view }: { view: DetectorView }) {
  const ds = view.measures.detections.map((d) => d.ms);
  const mean = ds.length ? Math.round(ds.reduce((a, b) => a + b, 0) / ds.length) : null;
  const falses = view.measures.falseSuspicions;
  return (
    <>
      <p className="bully-measures" data-testid="bully-measures">
        {ds.length ? (
          <>
            crash detected {ds.length}× in <b>{mean} ms</b> on average (at most {Math.max(...ds)} ms)
          </>
        ) : (
          'no crash detected yet'
        )}
        ; <b>{falses.length}</b> false suspicion{falses.length === 1 ? '' : 's'}
        {falses.some((f) => f.paused) ? ` (${falses.filter((f) => f.paused).length} of a paused node)` : ''}
      </p>
      <DetectorPlot sweep={view.sweep} kind={view.detector.kind} threshold={thresholdOf(view.detector)} />
    </>
  );
}

export function BullyPanel() {
  const { nodeIds, details, crashed, select, now } = useStore(useShallow(selectBully));
  const extra = useChecks((s) => s.consistency?.result.extra) as DetectorView | undefined;
  const splitBrain = useChecks((s) => s.violations.some((v) => v.property === SPLIT_BRAIN && v.t <= now));
  const crashedSet = useMemo(() => new Set(crashed ? crashed.split(' ') : []), [crashed]);
  const model = useMemo(() => buildBullyModel({ nodeIds, details, crashed: crashedSet }), [nodeIds, details, crashedSet]);
  const matrix = useMemo(() => buildSuspicionMatrix({ nodes: nodeIds, detectors: model.detectors, now, crashed: crashedSet }), [nodeIds, model, now, crashedSet]);
  return (
    <div className="bully-panel" data-testid="bully-panel" aria-label="Bully election">
      <section className="panel-section">
        <h3>Coordinator</h3>
        <CoordinatorLine model={model} splitBrain={splitBrain} />
        <RankTable model={model} onSelect={select} />
      </section>
      <section className="panel-section">
        <h3>Failure detector: who suspects whom</h3>
        <SuspicionMatrix model={matrix} onPick={select} />
      </section>
      {extra?.sweep ? (
        <section className="panel-section">
          <h3>Detection time and false suspicions against the threshold</h3>
          <DetectorMeasures view={extra} />
        </section>
      ) : null}
    </div>
  );
}
