/**
 * NodeView: one cluster node on the canvas, a circle coloured by role with its id, role, term and
 * commitIndex, and an election-timer ring that drains from setAt to deadline (drawn by the overlay
 * loop). Memoized; it re-renders only when its own summary or selection changes.
 */
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { useChecks } from '../store/checks';
import { isPanelNode, regionOfNode, summaryOf } from '../store/selectors';
import { useStore, type ClusterNode } from '../store/store';
import { RING_C, RING_R, ringRef } from './frameRefs';

function ClusterNodeView({ id, selected }: NodeProps<ClusterNode>) {
  const s = useStore(summaryOf(id));
  const shown = useStore(isPanelNode(id));
  const region = useStore(regionOfNode(id));
  const violating = useChecks((c) => c.violations.some((v) => v.nodes.includes(id)));
  const hovered = useStore((st) => st.hoverNode === id);
  const role = s?.role ?? 'follower';
  const term = s?.term ?? 0;
  const commit = s?.commitIndex ?? 0;
  const cls = ['cnode', `role-${role}`, selected ? 'is-selected' : '', shown ? 'is-shown' : '', region !== 'main' ? 'is-cut-off' : '', violating ? 'is-violating' : '', hovered ? 'is-hovered' : '']
    .filter(Boolean)
    .join(' ');
  return (
    <div
      className={cls}
      data-testid={`node-${id}`}
      data-role={role}
      data-term={term}
      data-commit-index={commit}
      data-violating={violating ? 'true' : undefined}
      onMouseEnter={() => useStore.getState().setHoverNode(id)}
      onMouseLeave={() => useStore.getState().setHoverNode(null)}
      title={`${id}: ${role}, term ${term}, commitIndex ${commit}. Drag into a partition; right-click for actions.`}
    >
      <svg className="cnode-ring" viewBox={`${-RING_R - 6} ${-RING_R - 6} ${2 * RING_R + 12} ${2 * RING_R + 12}`} aria-hidden="true">
 <circle className="ring-track" r={RING_R} />
        <circle className="ring-timer" r={RING_R} strokeDasharray={RING_C} strokeDashoffset={RING_C} ref={ringRef(id)} />
      </svg>
      <div className="cnode-body">
        <div className="cnode-id">{id}</div>
        <div className="cnode-role">{role === 'leader' ? '★ leader' : role}</div>
        <div className="cnode-stat">
          term <b>{term}</b>
        </div>
        <div className="cnode-stat">
          commit <b>{commit}</b>
        </div>
      </div>
      <Handle type="target" position={Position.Top} className="center-handle" isConnectable={false} />
      <Handle type="source" position={Position.Top} className="center-handle" isConnectable={false} />
    </div>
  );
}

export const NodeView = memo(ClusterNodeView);
