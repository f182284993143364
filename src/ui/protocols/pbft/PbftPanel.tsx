/**
 * PbftPanel: the side panel for PBFT (Castro & Liskov, OSDI 1999), in place of Raft's votes grid.
 * Four sections, one per concept: the view and primary (§4.1, §4.4), the slots grid of sequence
 * numbers × replicas with each slot's certificate (§4.2), checkpoints and water marks (§4.3), and
 * who suspects whom. Its model is rebuilt only when the store's details change (a few times a
 * second), never per frame.
 */
import { useCallback, useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { NodeId } from '../../../core/types';
import { selectPanelNode } from '../../store/selectors';
import { useStore, type PlaygroundState } from '../../store/store';
import { CheckpointsSection } from './CheckpointsSection';
import { primaryOfView } from '../../../core/protocols/pbft/state';
import { buildPbftModel } from './model';
import { SlotsGrid } from './SlotsGrid';
import { SuspicionSection } from './SuspicionSection';
import { ViewSection } from './ViewSection';
import './pbft.css';

/** crashedKey lists the crashed replicas as one string, so the selector stays stable while it does not change. */
const crashedKey = (s: PlaygroundState): string => s.nodeIds.filter((id) => s.summaries[id]?.role === 'crashed').join(' ');

const selectPbft = (s: PlaygroundState) => ({
  nodeIds: s.nodeIds,
  details: s.details,
  crashed: crashedKey(s),
  shown: selectPanelNode(s),
  select: s.select,
});

/** PbftPanel draws the PBFT panel from the store (see the module comment). */
export function PbftPanel() {
  const { nodeIds, details, crashed, shown, select } = useStore(useShallow(selectPbft));
  const model = useMemo(
    () => buildPbftModel({ nodeIds, details, crashed: new Set(crashed ? crashed.split(' ') : []) }),
    [nodeIds, details, crashed],
  );
  const primaryOf = useCallback((v: number) => primaryOfView(nodeIds, v), [nodeIds]);
  const onSelectNode = useCallback((id: NodeId) => select(id), [select]);
  return (
    <div className="pbft-panel" data-testid="pbft-panel" aria-label="PBFT">
      {model.ready ? (
        <>
          <ViewSection model={model} primaryOf={primaryOf} />
          <SlotsGrid grid={model.grid} replicas={model.replicas} sizes={model.sizes} primary={model.view.installed ? model.view.primary : null} shown={shown} onSelectNode={onSelectNode} />
          <CheckpointsSection model={model.checkpoints} />
          <SuspicionSection model={model.suspicion} replicas={model.replicas} />
        </>
      ) : (
        <section className="panel-section">
          <h3>PBFT</h3>
          <p className="hint">Waiting for the replicas’ state…</p>
        </section>
      )}
    </div>
  );
}
