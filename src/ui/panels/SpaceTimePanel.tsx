/**
 * SpaceTimePanel: the space-time diagram of the whole run known (what lies after the moment shown
 * is faded), kept in step with the scrubber and the topology — a click on an arrow selects the message and jumps to its delivery, a click elsewhere
 * jumps to that time, and hovering a node here or on the canvas highlights its lane.
 */
import { useShallow } from 'zustand/react/shallow';
import { useController } from '../controller/context';
import { SpaceTime } from '../spacetime/SpaceTime';
import { useStore } from '../store/store';

export function SpaceTimePanel() {
  const controller = useController();
  const { now, events, horizonT, horizonEvents, runId, nodeIds, selectedMsg, hoverNode, name } = useStore(
    useShallow((s) => ({
      now: s.now,
      events: s.events,
      horizonT: s.horizonT,
      horizonEvents: s.horizonEvents,
      runId: s.runId,
      nodeIds: s.nodeIds,
      selectedMsg: s.selectedMsg,
      hoverNode: s.hoverNode,
      name: s.name,
    })),
  );
  const index = controller.spacetime();
  if (!index) return <p className="hint">The diagram appears once the run starts.</p>;
  return (
    <SpaceTime
      key={runId}
      index={index}
      version={runId * 1e12 + horizonEvents * 1e6 + events}
      nodes={nodeIds}
      cursorT={now}
      cursorRec={controller.cursorRec()}
      endT={Math.max(horizonT, now)}
      selectedMsg={selectedMsg}
      hoverNode={hoverNode}
      onSelectMessage={(m) => {
        useStore.getState().selectMsg(m.id);
        void controller.travel.seekTime(m.endT ?? m.sendT);
      }}
      onHoverNode={(id) => useStore.getState().setHoverNode(id)}
      onJump={(t) => void controller.travel.seekTime(t)}
      title={name}
    />
  );
}
