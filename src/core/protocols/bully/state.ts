/**
 * A bully node's state: its election slice (election.ts), its failure detector (src/core/detectors),
 * and its own health and load (score mode). Plain data: checkpoints and workers copy it whole.
 */
import { createDetector, type DetectorConfig, type DetectorState } from '../../detectors/detector';
import { detectorConfigOf } from '../../detectors/schema';
import type { NodeDetail } from '../../protocol';
import type { NodeId, NodeSummary, VirtualMs } from '../../types';
import type { BullyConfig, RankMode } from './config';
import { isCoordinator, newElection, type ElectionSlice } from './election';

/**
 * BullyRole is a node's role: `coordinator` (believes it coordinates), `candidate` (in an election:
 * waiting for an ANSWER, or for COORDINATOR after one) or `member` (follows a coordinator).
 */
export type BullyRole = 'coordinator' | 'candidate' | 'member';

/** BULLY_ROLES lists the roles, in legend order. */
export const BULLY_ROLES: readonly BullyRole[] = ['coordinator', 'candidate', 'member'];

/** BullyState is one node's whole state. */
export interface BullyState {
  id: NodeId;
  nodes: readonly NodeId[];
  config: BullyConfig;
  detector: DetectorConfig;
  election: ElectionSlice;
  /** The node's failure detector: it watches every other node's heartbeats. */
  fd: DetectorState;
  /** Score mode: this node's health and load (changed by node actions and client ops). */
  health: number;
  load: number;
  /** When this node last took over as coordinator (virtual ms), null when it does not coordinate. */
  coordinatorSince: VirtualMs | null;
}

/** BullyPersistent is what survives a crash: the node's health and load (its election starts afresh). */
export interface BullyPersistent {
  health: number;
  load: number;
}

/** priorityOf gives `id`'s configured priority (0 when none). */
export const priorityOf = (c: BullyConfig, id: NodeId): number => c.priorities[id] ?? 0;

/**
 * scoreOf gives a node's score: priority + health − load in score mode, 0 in id mode (where rank
 * is the id alone).
 */
export const scoreOf = (mode: RankMode, priority: number, health: number, load: number): number => (mode === 'score' ? priority + health - load : 0);

/** initialScores gives every node's score from the config alone (what a node knows before it hears anyone). */
export function initialScores(nodes: readonly NodeId[], c: BullyConfig): Record<NodeId, number> {
  const out: Record<NodeId, number> = {};
  for (const n of nodes) out[n] = scoreOf(c.rank, priorityOf(c, n), c.health[n] ?? 100, c.load[n] ?? 0);
  return out;
}

/** initState gives a fresh node `id` of cluster `nodes`: no coordinator yet, watching nobody until it starts. */
export function initState(id: NodeId, nodes: readonly NodeId[], config: BullyConfig): BullyState {
  const detector = detectorConfigOf(config, config.heartbeatMs);
  return {
    id,
    nodes,
    config,
    detector,
    election: newElection(id, nodes, initialScores(nodes, config)),
    fd: createDetector(detector),
    health: config.health[id] ?? 100,
    load: config.load[id] ?? 0,
    coordinatorSince: null,
  };
}

/** persistentOf copies what survives a crash. */
export const persistentOf = (s: BullyState): BullyPersistent => ({ health: s.health, load: s.load });

/** recoverState rebuilds a node after a crash: its health and load kept, everything else afresh. */
export function recoverState(saved: BullyPersistent, id: NodeId, nodes: readonly NodeId[], config: BullyConfig): BullyState {
  const s = initState(id, nodes, config);
  s.health = saved.health;
  s.load = saved.load;
  s.election.scores[id] = ownScore(s);
  return s;
}

/** ownScore gives the node's own score now. */
export const ownScore = (s: BullyState): number => scoreOf(s.config.rank, priorityOf(s.config, s.id), s.health, s.load);

/** cloneState copies a node for checkpoints (the detector's state is replaced, never mutated, so it is shared). */
export const cloneState = (s: BullyState): BullyState => ({ ...s, election: { ...s.election, scores: { ...s.election.scores } } });

/** roleOf gives the node's role (see {@link BullyRole}). */
export const roleOf = (s: BullyState): BullyRole => (isCoordinator(s.election) ? 'coordinator' : s.election.phase === 'idle' ? 'member' : 'candidate');

/**
 * summaryOf gives the trace's summary: no epoch, vote or log; fields `coordinator` (the one this
 * node accepts, '' when none), `score` and `round` (elections started).
 */
export const summaryOf = (s: BullyState): NodeSummary => ({
  role: roleOf(s),
  term: 0,
  votedFor: null,
  commitIndex: 0,
  lastLogIndex: 0,
  lastApplied: 0,
  fields: { coordinator: s.election.coordinator ?? '', score: ownScore(s), round: s.election.round },
});

/** BullyDetail is a node's structured view for the bully panel (NodeDetail.protocolDetail). */
export interface BullyDetail {
  role: BullyRole;
  coordinator: NodeId | null;
  phase: ElectionSlice['phase'];
  round: number;
  rank: RankMode;
  priority: number;
  health: number;
  load: number;
  score: number;
  /** The scores this node last heard from every node. */
  scores: Record<NodeId, number>;
  /** The node's failure detector, to judge each peer at the moment shown. */
  fd: DetectorState;
  coordinatorSince: VirtualMs | null;
}

/** inspectNode gives the node panel's view. */
export function inspectNode(s: BullyState): NodeDetail {
  const detail: BullyDetail = {
    role: roleOf(s),
    coordinator: s.election.coordinator,
    phase: s.election.phase,
    round: s.election.round,
    rank: s.config.rank,
    priority: priorityOf(s.config, s.id),
    health: s.health,
    load: s.load,
    score: ownScore(s),
    scores: { ...s.election.scores },
    fd: s.fd,
    coordinatorSince: s.coordinatorSince,
  };
  const extra: NodeDetail['extra'] = { coordinator: s.election.coordinator, election: s.election.phase, round: s.election.round, detector: s.detector.kind };
  if (s.config.rank === 'score') Object.assign(extra, { score: detail.score, priority: detail.priority, health: s.health, load: s.load });
  return { summary: summaryOf(s), log: [], kv: {}, extra, protocolDetail: detail };
}
