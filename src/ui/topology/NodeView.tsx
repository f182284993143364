/**
 * NodeView: one cluster node on the canvas, a circle coloured by its role's tone with its id, role
 * and the look's node line (Raft: term and commitIndex; PBFT: view and commit), and a ring that
 * drains from setAt to deadline of the timer the look draws (by the overlay loop), or while the
 * node is paused, until it resumes (with a pause badge). A Byzantine node gets a red ring and badge; a node the
 * honest replicas suspect, a marker naming them. Memoized; it re-renders only when what it shows
 * changes.
 */
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { NodeId, NodeSummary } from '../../core/types';
import { useChecks } from '../store/checks';
import { isPanelNode, regionOfNode, summaryOf } from '../store/selectors';
import { useStore, type ClusterNode, type PlaygroundState } from '../store/store';
import { RING_C, RING_R, ringRef } from './frameRefs';
import { suspectersText, suspicionOf } from './suspicion';
import { PauseBadge } from './PauseControls';
import type { ProtocolLook } from '../protocols/types';
import { useLook } from '../protocols/useLook';
import { behaviourTitle, roleClasses, roleLabel } from '../protocols/words';

/** ringText says which timer the node's ring drains for (the look's timers), or nothing when the look draws none. */
const ringText = (look: ProtocolLook): string => (look.timers.length ? ` The ring drains until its ${look.timers.map((t) => t.label).join(' or ')}.` : '');

/** BLANK is the summary a node shows before its first one arrives. */
const BLANK: NodeSummary = { role: '', term: 0, votedFor: null, commitIndex: 0, lastLogIndex: 0, lastApplied: 0 };

const behaviourOf = (id: NodeId) => (s: PlaygroundState): string | null => s.details[id]?.behaviour ?? null;
/** The honest suspecters, space-separated (a string, so the selector's result compares by value). */
const suspectersOf = (id: NodeId) => (s: PlaygroundState): string => suspicionOf(s.details, s.nodeIds, id).by.join(' ');
/** Each suspecter's evidence, one line each, for the marker's tooltip. */
const reasonsOf = (id: NodeId) => (s: PlaygroundState): string => {
  const { by, reasons } = suspicionOf(s.details, s.nodeIds, id);
  return by.map((n, i) => `${n}: ${reasons[i]}`).join('\n');
};
interface NodeSelectors {
  behaviour: ReturnType<typeof behaviourOf>;
  suspecters: ReturnType<typeof suspectersOf>;
  reasons: ReturnType<typeof reasonsOf>;
}
const selectors = new Map<NodeId, NodeSelectors>();
/** selectorsOf gives node `id`'s cached selectors, stable across renders. */
function selectorsOf(id: NodeId): NodeSelectors {
  let s = selectors.get(id);
  if (!s) selectors.set(id, (s = { behaviour: behaviourOf(id), suspecters: suspectersOf(id), reasons: reasonsOf(id) }));
  return s;
}

/** ByzantineMarks draws the red badge of a Byzantine node and the marker of a suspected one. */
function ByzantineMarks({ id, behaviour, suspecters }: { id: NodeId; behaviour: string | null; suspecters: string }) {
  const look = useLook();
  const reasons = useStore(selectorsOf(id).reasons);
  const desc = behaviour ? look.behaviours.find((b) => b.id === behaviour)?.description : undefined;
  return (
    <>
      {behaviour ? (
        <div className="byz-badge" data-testid={`byz-${id}`} data-behaviour={behaviour} title={desc ? `Byzantine: ${desc}` : undefined}>
          Byzantine: {behaviourTitle(look, behaviour)}
        </div>
      ) : null}
      {suspecters ? (
        <div className="suspect-badge" data-testid={`suspected-${id}`} data-by={suspecters} title={reasons}>
          ⚠ {suspectersText(suspecters.split(' '))}
        </div>
      ) : null}
    </>
  );
}

function ClusterNodeView({ id, selected }: NodeProps<ClusterNode>) {
  const look = useLook();
  const s = useStore(summaryOf(id));
  const shown = useStore(isPanelNode(id));
  const region = useStore(regionOfNode(id));
  const violating = useChecks((c) => c.violations.some((v) => v.nodes.includes(id)));
  const hovered = useStore((st) => st.hoverNode === id);
  const behaviour = useStore(selectorsOf(id).behaviour);
  const suspecters = useStore(selectorsOf(id).suspecters);
  const pause = useStore((st) => st.paused[id]);
  const role = s?.role ?? look.defaultRole;
  const term = s?.term ?? 0;
  const commit = s?.commitIndex ?? 0;
  const line = s ? look.nodeLine(s) : look.nodeLine(BLANK);
  const cls = [
    'cnode', roleClasses(look, role), selected ? 'is-selected' : '', shown ? 'is-shown' : '', region !== 'main' ? 'is-cut-off' : '', violating ? 'is-violating' : '',
    hovered ? 'is-hovered' : '', behaviour ? 'is-byzantine' : '', suspecters ? 'is-suspected' : '', pause ? 'is-paused' : '',
  ]
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
      data-behaviour={behaviour ?? undefined}
      data-paused={pause ? 'true' : undefined}
      onMouseEnter={() => useStore.getState().setHoverNode(id)}
      onMouseLeave={() => useStore.getState().setHoverNode(null)}
      title={`${id}: ${[role, ...line.map((x) => `${x.label} ${x.value}`)].join(', ')}${behaviour ? `, Byzantine (${behaviour})` : ''}${pause ? `, paused until ${pause.until} ms` : ''}.${pause ? ' The ring drains until it resumes.' : ringText(look)} Drag into a partition; right-click for actions.`}
    >
      <svg className="cnode-ring" viewBox={`${-RING_R - 6} ${-RING_R - 6} ${2 * RING_R + 12} ${2 * RING_R + 12}`} aria-hidden="true">
        <circle className="ring-track" r={RING_R} />
        <circle className="ring-timer" r={RING_R} strokeDasharray={RING_C} strokeDashoffset={RING_C} ref={ringRef(id)} />
      </svg>
      <div className="cnode-body">
        <div className="cnode-id" data-long={id.length > 5 ? '' : undefined}>{id}</div>
        <div className="cnode-role" data-long={roleLabel(look, role).length > 9 ? '' : undefined}>{roleLabel(look, role)}</div>
        {line.map((x) => (
          <div className="cnode-stat" key={x.label}>
            {x.label} <b>{x.value}</b>
          </div>
        ))}
      </div>
      {pause ? <PauseBadge id={id} pause={pause} /> : null}
      {behaviour || suspecters ? <ByzantineMarks id={id} behaviour={behaviour} suspecters={suspecters} /> : null}
      <Handle type="target" position={Position.Top} className="center-handle" isConnectable={false} />
      <Handle type="source" position={Position.Top} className="center-handle" isConnectable={false} />
    </div>
  );
}

export const NodeView = memo(ClusterNodeView);
