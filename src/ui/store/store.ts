/**
 * The playground store (zustand): everything the components show, plus actions. The controller
 * writes run snapshots into it; components read it through the selectors in selectors.ts. The
 * topology's node positions and region membership live here too, so a drag and a scripted
 * partition go through the same actions.
 */
import type { PauseView } from '../../core/sim/pause';
import { applyNodeChanges, type Edge, type Node, type NodeChange } from '@xyflow/react';
import { create } from 'zustand';
import type { NodeDetail } from '../../core/protocol';
import type { InFlight } from '../../core/sim/options';
import type { NodeId, NodeSummary } from '../../core/types';
import { DEFAULT_SPEED } from '../controls/speeds';
import { drawsLinks } from '../topology/density';
import { assignRegions, EMPTY, homeCentre, layoutFor, layoutOf, sameRect, slotCentre, topLeft, type Arrangement, type Point } from '../topology/geometry';
import { MAIN } from '../topology/regionNames';
import type { Condition } from '../../core/travel/conditions';
import type {
  AlertItem, ClientOutcome, ElectionTimer, SentRequest, LinkPopoverState, LinkView, LogFilter, LogLine, NodeMenuState, RegionId, Speed, VotesView,
} from './types';

/** ClusterNode is a node of the topology as xyflow sees it (its data is only the id). */
export type ClusterNode = Node<{ nodeId: NodeId }, 'cluster'>;
/** LinkEdge is one unordered pair of nodes. */
export type LinkEdge = Edge<{ a: NodeId; b: NodeId }, 'link'>;

/** RunSnapshot is what the controller pushes after each frame (any subset). */
export interface RunSnapshot {
  now: number;
  events: number;
  nextEventTime: number;
  summaries: Record<NodeId, NodeSummary>;
  leader: NodeId | null;
  inFlight: InFlight[];
  timers: Record<NodeId, ElectionTimer | null>;
  /** The paused nodes (timeline `pause`): each one's span in virtual ms and what waits for it. */
  paused: Record<NodeId, PauseView>;
  groups: NodeId[][];
  links: Record<string, LinkView>;
  details: Record<NodeId, NodeDetail>;
  logLines: LogLine[];
  votes: VotesView;
  traceCount: number;
  stopped: string | null;
  /** How far the run is known (virtual ms, events): the scrubber's end. At least now/events. */
  horizonT: number;
  horizonEvents: number;
  /** Manual delivery mode is on: messages and timers wait for the user. */
  manual: boolean;
  /** Every armed timer per node (name, deadline in virtual ms), kept up to date in manual mode only. */
  armed: Record<NodeId, { name: string; deadline: number }[]>;
  /** The latest event handled, in words, and its number. */
  currentEvent: { events: number; text: string };
  /** Each client's latest operation and its outcome at the moment shown. */
  clientOutcomes: Record<string, ClientOutcome>;
}

/**
 * BottomTab is which panel fills the area under the topology. `checks` and `node` exist only on a
 * narrow screen, where the side panel's sections become tabs.
 */
export type BottomTab = 'log' | 'spacetime' | 'bus' | 'checks' | 'node';

export interface ScenarioInfo {
  name: string;
  description: string;
  protocolTitle: string;
  seed: number;
  nodeIds: NodeId[];
  /** The example id the scenario came from, or null (default cluster, share link, custom). */
  exampleId: string | null;
  /** Teaching bugs switched on (`config.bugs`). */
  bugs: string[];
  /** The protocol's registry name, e.g. `raft`. */
  protocol: string;
  /** The scenario's protocol `config` (validated, defaults filled in). */
  config: Readonly<Record<string, unknown>>;
}

export interface PlaygroundState extends RunSnapshot, ScenarioInfo {
  /** starting: workers booting; replaying: running a share link up to its moment; ready. */
  phase: 'starting' | 'replaying' | 'ready';
  phaseText: string;
  /** runId changes whenever a scenario is (re)loaded; frame-drawn layers reset on it. */
  runId: number;
  playing: boolean;
  speed: Speed;
  alerts: AlertItem[];
  shareUrl: string | null;
  flowNodes: ClusterNode[];
  edges: LinkEdge[];
  regionOf: Record<NodeId, RegionId>;
  /** Where the partition regions are drawn: beside the cluster on a wide canvas, below it on a tall one. */
  arrangement: Arrangement;
  /** The node the panel shows; null follows the leader. */
  selected: NodeId | null;
  linkPopover: LinkPopoverState | null;
  nodeMenu: NodeMenuState | null;
  logFilter: LogFilter;
  /** Active breakpoints: playing pauses when one holds. */
  breakpoints: Condition[];
  /** What "step to next" looks for. */
  stepTarget: Condition;
  helpOpen: boolean;
  bottomTab: BottomTab;
  /** The message selected in the space-time diagram (trace id), or null. */
  selectedMsg: number | null;
  /** The node under the pointer in the topology or the diagram, or null. */
  hoverNode: NodeId | null;
  /** Requests sent from the request form in this run, oldest first. */
  sentRequests: SentRequest[];

  setRun(s: Partial<RunSnapshot>): void;
  /** setScenario starts a new run (runId + 1): fresh layout and views, and the old run's banners cleared. */
  setScenario(info: ScenarioInfo): void;
  setPhase(phase: PlaygroundState['phase'], text?: string): void;
  setPlaying(playing: boolean): void;
  setSpeed(speed: Speed): void;
  /** pushAlert raises a banner for the current run (replacing one with the same text); it goes when the run is replaced. */
  pushAlert(kind: AlertItem['kind'], text: string): void;
  dismissAlert(id: number): void;
  setShareUrl(url: string | null): void;
  onNodesChange(changes: NodeChange<ClusterNode>[]): void;
  /**
   * placeNodes moves nodes to new regions and centres (flow coordinates). A partition region that
   * changes size as a result (it fills, grows a row, or empties) has its members put in its slots.
   */
  placeNodes(moves: Record<NodeId, { region: RegionId; centre: Point }>): void;
  /**
   * applyBusGroups lays the nodes out to match the bus's partition groups; `drawn` is where the
   * partition action drew each node (see topology/regionHint.ts), when it says.
   */
  applyBusGroups(groups: NodeId[][], drawn?: Record<NodeId, RegionId> | null): void;
  /** setArrangement moves the partition regions (and the nodes in them) beside or below the cluster. */
  setArrangement(arrangement: Arrangement): void;
  select(id: NodeId | null): void;
  openLinkPopover(p: LinkPopoverState | null): void;
  openNodeMenu(m: NodeMenuState | null): void;
  setLogFilter(f: Partial<LogFilter>): void;
  setBreakpoints(b: Condition[]): void;
  setStepTarget(c: Condition): void;
  setHelpOpen(open: boolean): void;
  setBottomTab(tab: BottomTab): void;
  selectMsg(id: number | null): void;
  setHoverNode(id: NodeId | null): void;
  /** noteRequest remembers a request the form sent, to show its outcome. */
  noteRequest(r: SentRequest): void;
  /** keepRequests forgets the requests the form sent whose client is not in `clients` (a fork cut them). */
  keepRequests(clients: ReadonlySet<string>): void;
}

/** NO_FILTER lets every line of the event log through. */
export const NO_FILTER: LogFilter = { hideHeartbeats: false, hideMessages: false, node: null, msgType: null, kind: null };

const EMPTY_VOTES: VotesView = { terms: [], votes: {}, leaders: {} };
let alertSeq = 0;

function layoutNodes(ids: NodeId[]): { flowNodes: ClusterNode[]; edges: LinkEdge[]; regionOf: Record<NodeId, RegionId> } {
  const layout = layoutFor(ids.length, EMPTY);
  const flowNodes: ClusterNode[] = ids.map((id, i) => ({
    id,
    type: 'cluster',
    position: topLeft(homeCentre(layout, i)),
    data: { nodeId: id },
  }));
  // A large cluster draws no link per pair (see topology/density.ts).
  const edges: LinkEdge[] = [];
  for (let i = 0; drawsLinks(ids.length) && i < ids.length; i++) {
    for (let j = i + 1; j < ids.length; j++) {
      const a = ids[i]!;
      const b = ids[j]!;
      edges.push({ id: linkId(a, b), source: a, target: b, type: 'link', data: { a, b } });
    }
  }
  return { flowNodes, edges, regionOf: Object.fromEntries(ids.map((id) => [id, MAIN])) };
}

/**
 * relaid gives the moves that tidy the partition regions whose rectangle changes from one
 * placement (`regionOf` and `arrangement`) to the next: their members go to the region's slots.
 */
function relaid(
  ids: readonly NodeId[], before: Record<NodeId, RegionId>, after: Record<NodeId, RegionId>, from: Arrangement, to: Arrangement,
): Record<NodeId, { region: RegionId; centre: Point }> {
  const old = layoutOf(ids, before, from);
  const next = layoutOf(ids, after, to);
  const moves: Record<NodeId, { region: RegionId; centre: Point }> = {};
  for (const r of next.order) {
    if (r === MAIN || sameRect(old.regions[r], next.regions[r])) continue;
    const members = ids.filter((id) => after[id] === r);
    members.forEach((id, k) => (moves[id] = { region: r, centre: slotCentre(next, r, k, members.length) }));
  }
  return moves;
}

/** linkId names the edge of an unordered pair (ends in scenario order). */
export const linkId = (a: NodeId, b: NodeId): string => `${a}--${b}`;

export const useStore = create<PlaygroundState>()((set, get) => ({
  now: 0,
  events: 0,
  nextEventTime: Infinity,
  summaries: {},
  leader: null,
  inFlight: [],
  timers: {},
  paused: {},
  groups: [],
  links: {},
  details: {},
  logLines: [],
  votes: EMPTY_VOTES,
  traceCount: 0,
  stopped: null,
  horizonT: 0,
  horizonEvents: 0,
  manual: false,
  armed: {},
  currentEvent: { events: 0, text: '' },
  clientOutcomes: {},
  sentRequests: [],
  name: '',
  description: '',
  protocolTitle: '',
  seed: 0,
  nodeIds: [],
  exampleId: null,
  bugs: [],
  config: {},
  protocol: '',
  phase: 'starting',
  runId: 0,
  phaseText: 'Starting nodes…',
  playing: false,
  speed: DEFAULT_SPEED,
  alerts: [],
  shareUrl: null,
  flowNodes: [],
  edges: [],
  regionOf: {},
  arrangement: 'beside',
  selected: null,
  linkPopover: null,
  nodeMenu: null,
  logFilter: NO_FILTER,
  breakpoints: [],
  stepTarget: { kind: 'leader' },
  helpOpen: false,
  bottomTab: 'log',
  selectedMsg: null,
  hoverNode: null,

  setRun: (s) => set(s),
  setScenario: (info) => {
    const runId = get().runId + 1;
    set({
      ...info,
      ...layoutNodes(info.nodeIds),
      runId,
      // A banner describes its run (every alert carries its runId): that run is gone, and so is it.
      alerts: [],
      selected: null,
      linkPopover: null,
      nodeMenu: null,
      summaries: {},
      details: {},
      links: {},
      timers: {},
      paused: {},
      inFlight: [],
      groups: [info.nodeIds],
      logLines: [],
      votes: EMPTY_VOTES,
      stopped: null,
      manual: false,
      currentEvent: { events: 0, text: '' },
      clientOutcomes: {},
      sentRequests: [],
      selectedMsg: null,
      logFilter: { ...get().logFilter, node: null },
    });
  },
  setPhase: (phase, text = '') => set({ phase, phaseText: text }),
  setPlaying: (playing) => set({ playing }),
  setSpeed: (speed) => set({ speed }),
  pushAlert: (kind, text) => set({ alerts: [...get().alerts.filter((a) => a.text !== text), { id: ++alertSeq, kind, text, runId: get().runId }] }),
  dismissAlert: (id) => set({ alerts: get().alerts.filter((a) => a.id !== id) }),
  setShareUrl: (shareUrl) => set({ shareUrl }),
  onNodesChange: (changes) => set({ flowNodes: applyNodeChanges(changes, get().flowNodes) }),
  placeNodes: (given) => {
    const { nodeIds, arrangement } = get();
    const regionOf = { ...get().regionOf };
    for (const [id, m] of Object.entries(given)) regionOf[id] = m.region;
    const moves = { ...given, ...relaid(nodeIds, get().regionOf, regionOf, arrangement, arrangement) };
    set({
      regionOf,
      flowNodes: get().flowNodes.map((n) => {
        const m = moves[n.id];
        return m ? { ...n, position: topLeft(m.centre) } : n;
      }),
    });
  },
  applyBusGroups: (groups, drawn = null) => {
    const { regionOf, nodeIds } = get();
    const next = assignRegions(groups, regionOf, drawn);
    const layout = layoutOf(nodeIds, next, get().arrangement);
    const moves: Record<NodeId, { region: RegionId; centre: Point }> = {};
    const arriving = new Map<RegionId, NodeId[]>();
    for (const id of nodeIds) {
      const r = next[id] ?? MAIN;
      if (r !== (regionOf[id] ?? MAIN)) arriving.set(r, [...(arriving.get(r) ?? []), id]);
    }
    for (const [r, ids] of arriving) {
      const staying = nodeIds.filter((id) => (next[id] ?? MAIN) === r && (regionOf[id] ?? MAIN) === r).length;
      const total = staying + ids.length;
      ids.forEach((id, k) => {
        const centre = r === MAIN ? homeCentre(layout, nodeIds.indexOf(id)) : slotCentre(layout, r, staying + k, total);
        moves[id] = { region: r, centre };
      });
    }
    if (Object.keys(moves).length) get().placeNodes(moves);
  },
  setArrangement: (arrangement) => {
    const { nodeIds, regionOf } = get();
    if (arrangement === get().arrangement) return;
    const moves = relaid(nodeIds, regionOf, regionOf, get().arrangement, arrangement);
    set({ arrangement });
    if (Object.keys(moves).length) get().placeNodes(moves);
  },
  select: (selected) => set({ selected }),
  openLinkPopover: (linkPopover) => set({ linkPopover, nodeMenu: null }),
  openNodeMenu: (nodeMenu) => set({ nodeMenu, linkPopover: null }),
  setLogFilter: (f) => set({ logFilter: { ...get().logFilter, ...f } }),
  setBreakpoints: (breakpoints) => set({ breakpoints }),
  setStepTarget: (stepTarget) => set({ stepTarget }),
  setHelpOpen: (helpOpen) => set({ helpOpen }),
  setBottomTab: (bottomTab) => set({ bottomTab }),
  selectMsg: (selectedMsg) => set({ selectedMsg }),
  setHoverNode: (hoverNode) => set({ hoverNode }),
  noteRequest: (r) => set({ sentRequests: [...get().sentRequests, r].slice(-20) }),
  keepRequests: (clients) => set({ sentRequests: get().sentRequests.filter((r) => clients.has(r.client)) }),
}));
