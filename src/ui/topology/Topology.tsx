/**
 * Topology: the cluster canvas (xyflow). Nodes sit in a circle inside the main region; dragging
 * nodes into a partition region cuts them off; clicking a link edits it; right-clicking a node
 * opens its actions. From the keyboard, nodes and links are Tab stops: Enter opens a node's menu
 * (which can move it to a partition) or a link's popover. Messages in flight are drawn by MessageOverlay, not as xyflow edges.
 */
import {
  ReactFlow, useReactFlow, useStore as useFlowStore, type EdgeMouseHandler, type NodeMouseHandler, type OnNodeDrag,
} from '@xyflow/react';
import { useCallback, useEffect, useRef, type KeyboardEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { NodeId } from '../../core/types';
import { useController } from '../controller/context';
import { selectFlow, selectPhase } from '../store/selectors';
import { useStore, type ClusterNode, type LinkEdge } from '../store/store';
import { densityOf } from './density';
import { arrangementFor, type Point } from './geometry';
import { LinkEdgeView } from './LinkEdgeView';
import { LinkPopover } from './LinkPopover';
import { MessageOverlay } from './MessageOverlay';
import { NodeMenu } from './NodeMenu';
import { NodeView } from './NodeView';
import { dropNodes } from './partition';
import { Regions } from './Regions';
import { useLayout } from './useLayout';

const nodeTypes = { cluster: NodeView };
const edgeTypes = { link: LinkEdgeView };
const MULTI_SELECT_KEYS = ['Shift', 'Meta', 'Control'];
const selectDomNode = (s: { domNode: HTMLDivElement | null }) => s.domNode;
/** The view zooms out this far, so 100 nodes on a phone still fit (see density.ts for what a node then shows). */
const MIN_ZOOM = 0.05;

/**
 * FitToBounds keeps every region in view, as large as the canvas allows: on load, whenever the
 * canvas is resized and whenever the regions change (a partition region widens when it fills, and
 * the partitions go below the cluster when that draws it larger).
 */
function FitToBounds() {
  const flow = useReactFlow();
  const dom = useFlowStore(selectDomNode);
  const { bounds } = useLayout();
  useEffect(() => {
    if (!dom) return;
    const fit = () => {
      const st = useStore.getState();
      // A tall canvas (a phone) draws the partitions below the cluster; the new bounds refit.
      st.setArrangement(arrangementFor(st.nodeIds.length, dom.clientWidth, dom.clientHeight));
      void flow.fitBounds(bounds, { padding: 0.02 });
    };
    const ro = new ResizeObserver(() => requestAnimationFrame(fit));
    ro.observe(dom);
    fit();
    return () => ro.disconnect();
  }, [dom, flow, bounds]);
  return null;
}

/** besideOf anchors a menu or popover opened from the keyboard: right of the element's middle. */
function besideOf(el: Element): { x: number; y: number } {
  const r = el.getBoundingClientRect();
  return { x: r.right, y: r.top + r.height / 2 };
}

function openMenuOf(id: NodeId, at: { x: number; y: number }): void {
  useStore.getState().select(id);
  useStore.getState().openNodeMenu({ id, ...at });
}

/**
 * onCanvasKey gives focused nodes and links their keys (React Flow's own are off:
 * `disableKeyboardA11y`, so its arrow keys no longer move nodes under the playground's shortcuts).
 * On a node, Enter, the context-menu key or Shift+F10 open its menu; on a link, Enter or Space open
 * its popover. Other keys go on to the playground's shortcuts.
 */
function onCanvasKey(e: KeyboardEvent<HTMLDivElement>): void {
  const t = e.target as HTMLElement;
  const menuKey = e.key === 'ContextMenu' || (e.key === 'F10' && e.shiftKey);
  if (t.classList.contains('react-flow__node') && (e.key === 'Enter' || menuKey)) {
    const id = t.dataset.id;
    if (!id) return;
    e.preventDefault();
    e.stopPropagation();
    openMenuOf(id, besideOf(t));
  } else if (t.classList.contains('react-flow__edge') && (e.key === 'Enter' || e.key === ' ' || menuKey)) {
    const edge = useStore.getState().edges.find((x) => x.id === t.dataset.id);
    if (!edge?.data) return;
    e.preventDefault();
    e.stopPropagation();
    const r = t.getBoundingClientRect();
    useStore.getState().openLinkPopover({ a: edge.data.a, b: edge.data.b, x: r.left + r.width / 2, y: r.top + r.height / 2 });
  }
}

function PhaseOverlay() {
  const { phase, phaseText } = useStore(useShallow(selectPhase));
  if (phase === 'ready') return null;
  return (
    <div className="phase-overlay" role="status" data-testid="phase">
      <div className="phase-box">{phaseText}</div>
    </div>
  );
}

export function Topology() {
  const { flowNodes, edges, onNodesChange } = useStore(useShallow(selectFlow));
  const density = densityOf(flowNodes.length);
  const controller = useController();
  const starts = useRef(new Map<NodeId, Point>());

  // Positions before any drag, taken at pointer-down: xyflow's drag start already has the first move.
  const onPointerDownCapture = useCallback(() => {
    starts.current = new Map(useStore.getState().flowNodes.map((n) => [n.id, { ...n.position }]));
  }, []);
  const onNodeDragStop: OnNodeDrag<ClusterNode> = useCallback(
    (_e, node, nodes) => dropNodes(node, nodes, starts.current, controller),
    [controller],
  );
  const onNodeClick: NodeMouseHandler<ClusterNode> = useCallback((_e, node) => useStore.getState().select(node.id), []);
  const onNodeContextMenu: NodeMouseHandler<ClusterNode> = useCallback((e, node) => {
    e.preventDefault();
    // A right click opens at the pointer; the context-menu key, beside the node.
    const at = e.button === 2 ? { x: e.clientX, y: e.clientY } : besideOf(e.currentTarget as Element);
    openMenuOf(node.id, at);
  }, []);
  const onEdgeClick: EdgeMouseHandler<LinkEdge> = useCallback((e, edge) => {
    if (!edge.data) return;
    useStore.getState().openLinkPopover({ a: edge.data.a, b: edge.data.b, x: e.clientX, y: e.clientY });
  }, []);
  const onPaneClick = useCallback(() => {
    const st = useStore.getState();
    st.openLinkPopover(null);
    st.openNodeMenu(null);
  }, []);

  return (
    <div className="topology" data-testid="topology" data-density={density} onPointerDownCapture={onPointerDownCapture} onKeyDown={onCanvasKey}>
      <ReactFlow<ClusterNode, LinkEdge>
        nodes={flowNodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={onNodesChange}
        onNodeDragStop={onNodeDragStop}
        onNodeClick={onNodeClick}
        onNodeContextMenu={onNodeContextMenu}
        onEdgeClick={onEdgeClick}
        onPaneClick={onPaneClick}
        nodesConnectable={false}
        edgesFocusable
        disableKeyboardA11y
        elementsSelectable
        selectionOnDrag
        panOnDrag={false}
        panOnScroll={false}
        zoomOnScroll={false}
        zoomOnDoubleClick={false}
        panActivationKeyCode={null}
        deleteKeyCode={null}
        multiSelectionKeyCode={MULTI_SELECT_KEYS}
        minZoom={MIN_ZOOM}
        maxZoom={2}
        nodeDragThreshold={2}
        autoPanOnNodeDrag={false}
        autoPanOnSelection={false}
      >
        <Regions />
        <MessageOverlay />
        <FitToBounds />
      </ReactFlow>
      <PhaseOverlay />
      <LinkPopover />
      <NodeMenu />
    </div>
  );
}
