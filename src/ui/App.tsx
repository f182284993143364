/**
 * App: the page layout — controls and the time-travel bar on top, the canvas in the middle, the
 * node panel on the right, and below the canvas the event log, the space-time diagram and the bus.
 * On a phone or tablet (useNarrow) the canvas comes first and the side panel's sections become
 * two more tabs below it: Checks (lamps, protocol panel, logs) and Node (the node panel, votes).
 */
import { ReactFlowProvider } from '@xyflow/react';
import { useEffect } from 'react';
import { useController } from './controller/context';
import { Alerts } from './controls/Alerts';
import { ControlsBar } from './controls/ControlsBar';
import { HelpOverlay } from './controls/HelpOverlay';
import { TimelineBar } from './controls/TimelineBar';
import { ShareBar } from './controls/ShareBar';
import { useKeyboard } from './controls/useKeyboard';
import { ChecksPanel } from './panels/ChecksPanel';
import { ClusterLogs } from './panels/ClusterLogs';
import { BottomPanel, type ExtraTab } from './panels/BottomPanel';
import { HistoryChart } from './panels/HistoryChart';
import { NodePanel } from './panels/NodePanel';
import { RequestDock } from './panels/RequestForm';
import { VotesGrid } from './panels/VotesGrid';
import { useStore } from './store/store';
import { CanvasBar } from './topology/Legend';
import { Topology } from './topology/Topology';
import { useLook } from './protocols/useLook';
import { useNarrow } from './useNarrow';

export function App() {
  const controller = useController();
  useKeyboard(controller);
  const look = useLook();
  const ProtocolPanel = look.panel;
  const narrow = useNarrow();
  const selected = useStore((s) => s.selected);
  // On a narrow screen the node panel is a tab: selecting a node shows it, as the side panel would.
  useEffect(() => {
    if (narrow && selected) useStore.getState().setBottomTab('node');
  }, [narrow, selected]);
  // A protocol's own panel (PBFT's views, slots, checkpoints, suspicion) is its main view: right under the lamps.
  const checks = (
    <>
      <ChecksPanel />
      {ProtocolPanel ? <ProtocolPanel /> : null}
      <ClusterLogs />
    </>
  );
  // Votes per term mean something only where the protocol votes for leaders (Raft).
  const node = (
    <>
      <NodePanel />
      {look.showVotes ? <VotesGrid /> : null}
      {/* Pinned to the foot of the side panel (or of the Node tab): always in view. */}
      <RequestDock />
    </>
  );
  const tabs: ExtraTab[] = [
    { id: 'checks', label: 'Checks', body: checks },
    { id: 'node', label: 'Node', body: node },
  ];
  return (
    <div className="app">
      <ControlsBar />
      <TimelineBar />
      <Alerts />
      <ShareBar />
      <main className="workspace">
        <div className="centre">
          <div className="canvas-row">
            <ReactFlowProvider>
              <Topology />
            </ReactFlowProvider>
            <CanvasBar />
          </div>
          <BottomPanel extra={narrow ? tabs : undefined} />
        </div>
        {narrow ? null : (
          <aside className="side-panel" aria-label="Node details">
            {checks}
            {node}
          </aside>
        )}
      </main>
      <HistoryChart />
      <HelpOverlay />
    </div>
  );
}
