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
export const selectLog = (s: PlaygroundState) => ({ lines: s.logLines, filter: s.logFilter, nodeIds: s.nodeIds });
export const selectTravel = (s: PlaygroundState) => ({
  now: s.now,
  events: s.events,
  horizonT: Math.max(s.horizonT, s.now),
  horizonEvents: Math.max(s.horizonEvents, s.events),
  phase: s.phase,
  playing: s.playing,
});
export const selectCurrentEvent = (s: PlaygroundState) => s.currentEvent;
export const selectBreakpoints = (s: PlaygroundState) => ({ breakpoints: s.breakpoints, stepTarget: s.stepTarget, nodeIds: s.nodeIds });
export const selectVotes = (s: PlaygroundState) => ({ votes: s.votes, nodeIds: s.nodeIds });
export const selectLinkPopover = (s: PlaygroundState) => s.linkPopover;
export const selectNodeMenu = (s: PlaygroundState) => s.nodeMenu;
export const selectTraceInfo = (s: PlaygroundState) => ({ traceCount: s.traceCount, seed: s.seed });

/** selectPanelNode is the node the panel shows: the selected one, else the leader, else the first. */
export const selectPanelNode = (s: PlaygroundState): NodeId | null => s.selected ?? s.leader ?? s.nodeIds[0] ?? null;

export const selectClusterLogs = (s: PlaygroundState) => ({ nodeIds: s.nodeIds, details: s.details, summaries: s.summaries });

/** selectRegionMembers lists each region's members (space-separated ids; absent: none), for the region labels. */
export const selectRegionMembers = (s: PlaygroundState) => {
  const out: Record<RegionId, string> = {};
  for (const id of s.nodeIds) {
    const r = s.regionOf[id] ?? 'main';
    out[r] = out[r] ? `${out[r]} ${id}` : id;
  }
  return out;
};

/**
 * perKey makes a selector factory that builds one selector per key and reuses it, so components
 * that pass `pick(id)` to useStore keep a stable selector across renders.
 */
function perKey<K, T>(make: (key: K) => (s: PlaygroundState) => T): (key: K) => (s: PlaygroundState) => T {
  const cache = new Map<K, (s: PlaygroundState) => T>();
  return (key) => {
    let f = cache.get(key);
    if (!f) cache.set(key, (f = make(key)));
    return f;
  };
}

/** summaryOf gives a cached selector for node `id`'s summary. */
export const summaryOf = perKey((id: NodeId) => (s: PlaygroundState): NodeSummary | undefined => s.summaries[id]);

/** regionOfNode gives a cached selector for the region node `id` is in. */
export const regionOfNode = perKey((id: NodeId) => (s: PlaygroundState): RegionId => s.regionOf[id] ?? 'main');

/** linkViewOf gives a cached selector for edge `id`'s link view. */
export const linkViewOf = perKey((id: string) => (s: PlaygroundState): LinkView | undefined => s.links[id]);

/** isPanelNode says whether node `id` is the one the panel shows. */
export const isPanelNode = perKey((id: NodeId) => (s: PlaygroundState): boolean => selectPanelNode(s) === id);
