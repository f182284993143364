/**
 * App: the page layout — controls and the time-travel bar on top, the canvas in the middle, the
 * node panel on the right, and below the canvas the event log, the space-time diagram and the bus.
 */
import { ReactFlowProvider } from '@xyflow/react';
import { useController } from './controller/context';
import { Alerts } from './controls/Alerts';
import { ControlsBar } from './controls/ControlsBar';
import { HelpOverlay } from './controls/HelpOverlay';
import { TimelineBar } from './controls/TimelineBar';
import { ShareBar } from './controls/ShareBar';
import { useKeyboard } from './controls/useKeyboard';
import { ChecksPanel } from './panels/ChecksPanel';
import { ClusterLogs } from './panels/ClusterLogs';
import { BottomPanel } from './panels/BottomPanel';
import { HistoryChart } from './panels/HistoryChart';
import { NodePanel } from './panels/NodePanel';
import { PbftPanel } from './panels/pbft/PbftPanel';
import { RequestDock } from './panels/RequestForm';
import { VotesGrid } from './panels/VotesGrid';
import { useStore } from './store/store';
import { CanvasBar } from './topology/Legend';
import { Topology } from './topology/Topology';

export function App() {
  const controller = useController();
  useKeyboard(controller);
  const protocol = useStore((s) => s.protocol);
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
          <BottomPanel />
        </div>
        <aside className="side-panel" aria-label="Node details">
          <ChecksPanel />
          {/* PBFT's own panel (views, slots, checkpoints, suspicion) is its main view: right under the lamps. */}
          {protocol === 'pbft' ? <PbftPanel /> : null}
          <ClusterLogs />
          <NodePanel />
          {/* Raft's votes per term mean nothing for PBFT. */}
          {protocol === 'pbft' ? null : <VotesGrid />}
          <RequestDock />
        </aside>
      </main>
      <HistoryChart />
      <HelpOverlay />
    </div>
  );
}
