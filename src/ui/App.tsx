/** App: the page layout — controls bar on top, the canvas in the middle, the node panel on the right, the event log below. */
import { ReactFlowProvider } from '@xyflow/react';
import { useController } from './controller/context';
import { Alerts } from './controls/Alerts';
import { ControlsBar } from './controls/ControlsBar';
import { ShareBar } from './controls/ShareBar';
import { useKeyboard } from './controls/useKeyboard';
import { ChecksPanel } from './panels/ChecksPanel';
import { ClusterLogs } from './panels/ClusterLogs';
import { EventLog } from './panels/EventLog';
import { HistoryChart } from './panels/HistoryChart';
import { NodePanel } from './panels/NodePanel';
import { VotesGrid } from './panels/VotesGrid';
import { CanvasBar } from './topology/Legend';
import { Topology } from './topology/Topology';

export function App() {
  const controller = useController();
  useKeyboard(controller);
  return (
    <div className="app">
      <ControlsBar />
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
          <EventLog />
        </div>
        <aside className="side-panel" aria-label="Node details">
          <ChecksPanel />
          <ClusterLogs />
          <NodePanel />
          <VotesGrid />
        </aside>
      </main>
      <HistoryChart />
    </div>
  );
}
