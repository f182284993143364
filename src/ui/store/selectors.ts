/**
 * Selectors, declared once at module level so components subscribe to exactly what they show.
 * Per-node and per-link selectors are cached by id so every render passes the same function.
 */
import type { NodeId, NodeSummary } from '../../core/types';
import type { PlaygroundState } from './store';
import type { LinkView, RegionId } from './types';

export const selectPlayback = (s: PlaygroundState) => ({ playing: s.playing, speed: s.speed, phase: s.phase });
export const selectClock = (s: PlaygroundState) => ({ now: s.now, events: s.events });
export const selectScenarioInfo = (s: PlaygroundState) => ({
  name: s.name,
  description: s.description,
  protocolTitle: s.protocolTitle,
  seed: s.seed,
  nodeCount: s.nodeIds.length,
  exampleId: s.exampleId,
});
export const selectFlow = (s: PlaygroundState) => ({ flowNodes: s.flowNodes, edges: s.edges, onNodesChange: s.onNodesChange });
export const selectAlerts = (s: PlaygroundState) => s.alerts;
export const selectShareUrl = (s: PlaygroundState) => s.shareUrl;
export const selectPhase = (s: PlaygroundState) => ({ phase: s.phase, phaseText: s.phaseText });
export const selectLog = (s: PlaygroundState) => ({ lines: s.logLines, hideHeartbeats: s.hideHeartbeats, hideMessages: s.hideMessages });
export const selectVotes = (s: PlaygroundState) => ({ votes: s.votes, nodeIds: s.nodeIds });
export const selectLinkPopover = (s: PlaygroundState) => s.linkPopover;
export const selectNodeMenu = (s: PlaygroundState) => s.nodeMenu;
export const selectTraceInfo = (s: PlaygroundState) => ({ traceCount: s.traceCount, seed: s.seed });

/** selectPanelNode is the node the panel shows: the selected one, else the leader, else the first. */
export const selectPanelNode = (s: PlaygroundState): NodeId | null => s.selected ?? s.leader ?? s.nodeIds[0] ?? null;

export const selectClusterLogs = (s: PlaygroundState) => ({ nodeIds: s.nodeIds, details: s.details, summaries: s.summaries });

/** selectRegionCounts counts nodes per region, for the region labels. */
export const selectRegionMembers = (s: PlaygroundState) => {
  const out: Record<RegionId, string> = { main: '', a: '', b: '' };
  for (const id of s.nodeIds) {
    const r = s.regionOf[id] ?? 'main';
    out[r] = out[r] ? `${out[r]} ${id}` : id;
  }
  return out;
};

const summaryCache = new Map<NodeId, (s: PlaygroundState) => NodeSummary | undefined>();
/** summaryOf gives a cached selector for node `id`'s summary. */
export function summaryOf(id: NodeId) {
  let f = summaryCache.get(id);
  if (!f) {
    f = (s: PlaygroundState) => s.summaries[id];
    summaryCache.set(id, f);
  }
  return f;
}

const regionCache = new Map<NodeId, (s: PlaygroundState) => RegionId>();
/** regionOfNode gives a cached selector for the region node `id` is in. */
export function regionOfNode(id: NodeId) {
  let f = regionCache.get(id);
  if (!f) {
    f = (s: PlaygroundState) => s.regionOf[id] ?? 'main';
    regionCache.set(id, f);
  }
  return f;
}

const linkCache = new Map<string, (s: PlaygroundState) => LinkView | undefined>();
/** linkViewOf gives a cached selector for edge `id`'s link view. */
export function linkViewOf(id: string) {
  let f = linkCache.get(id);
  if (!f) {
    f = (s: PlaygroundState) => s.links[id];
    linkCache.set(id, f);
  }
  return f;
}

const isSelectedCache = new Map<NodeId, (s: PlaygroundState) => boolean>();
/** isPanelNode says whether node `id` is the one the panel shows. */
export function isPanelNode(id: NodeId) {
  let f = isSelectedCache.get(id);
  if (!f) {
    f = (s: PlaygroundState) => selectPanelNode(s) === id;
    isSelectedCache.set(id, f);
  }
  return f;
}
