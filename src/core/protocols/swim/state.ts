/**
 * A SWIM member's state (Das et al. 2002): its membership list (each member alive, suspect or dead
 * at an incarnation, §4.2), its own incarnation, the probe in flight this period (§3.1), the
 * ping-reqs it relays, and its dissemination buffer of updates still to piggyback (§4.1). The list
 * and the incarnation survive a crash; the rest is volatile.
 */
import type { NodeDetail } from '../../protocol';
import type { NodeId, NodeSummary, VirtualMs } from '../../types';
import type { SwimConfig } from './config';
import type { MemberState, Update } from './messages';

/** Member is one entry of a membership list. */
export interface Member {
  state: MemberState;
  inc: number;
  /** When this entry last changed (virtual ms). */
  since: VirtualMs;
}

/** SwimRole is a node's own standing: `joining` (waiting for the seed), `member`, or `left`. */
export type SwimRole = 'joining' | 'member' | 'left';

/** SWIM_ROLES lists every role, for menus. */
export const SWIM_ROLES: readonly SwimRole[] = ['joining', 'member', 'left'];

/** Probe is the probe of this period: its target, its seq, and whether ping-req went out. */
export interface Probe {
  target: NodeId;
  seq: number;
  acked: boolean;
  indirect: boolean;
}

/** Queued is one update in the dissemination buffer, with how many times it was piggybacked. */
export interface Queued {
  update: Update;
  sent: number;
}

/** SwimState is one member's whole state. */
export interface SwimState {
  id: NodeId;
  /** Every node of the cluster, for picking a node to join through. */
  nodes: readonly NodeId[];
  /** A restarted member refutes its possible death at boot. */
  restarted: boolean;
  config: SwimConfig;
  role: SwimRole;
  /** This node's own incarnation; only it raises it (§4.2). Persistent. */
  inc: number;
  /** The membership list, without this node itself. Persistent. */
  members: Map<NodeId, Member>;
  /** The highest incarnation heard in an alive update per member (for the Refutation wins lamp). */
  heardAlive: Map<NodeId, number>;
  /** The round-robin probe order of this pass (§4.3), consumed from the front. */
  order: NodeId[];
  probe: Probe | null;
  /** Ping-reqs this node relays: its own ping seq → the requester and the requester's seq. */
  relays: Map<number, { requester: NodeId; seq: number; target: NodeId }>;
  nextSeq: number;
  /** Updates still to piggyback, newest first (§4.1). */
  buffer: Queued[];
  /** Periods left before a leaving node goes silent. */
  leaveLeft: number;
  /** Messages sent since the run began. */
  sent: number;
}

/** SwimPersistent is what survives a crash: the incarnation, the role and the membership list. */
export interface SwimPersistent {
  inc: number;
  role: SwimRole;
  members: [NodeId, Member][];
}

/**
 * initState gives a fresh node `id` of cluster `nodes`: a node listed in `config.outside` starts
 * outside the group; with a seed, every other node starts knowing only the seed and joins at boot;
 * else every node knows every other as alive at incarnation 0.
 */
export function initState(id: NodeId, nodes: readonly NodeId[], config: SwimConfig): SwimState {
  const outside = new Set(config.outside);
  const seeded = config.seed !== '' && nodes.includes(config.seed);
  const members = new Map<NodeId, Member>();
  let role: SwimRole = 'member';
  if (outside.has(id) || (seeded && id !== config.seed)) {
    role = 'joining';
  } else {
    for (const n of nodes) if (n !== id && !outside.has(n) && (!seeded || n === config.seed)) members.set(n, { state: 'alive', inc: 0, since: 0 });
  }
  return { id, nodes, restarted: false, config, role, inc: 0, members, heardAlive: new Map(), order: [], probe: null, relays: new Map(), nextSeq: 1, buffer: [], leaveLeft: 0, sent: 0 };
}

/** persistentOf copies what survives a crash. */
export const persistentOf = (s: SwimState): SwimPersistent => ({ inc: s.inc, role: s.role, members: [...s.members].map(([n, m]) => [n, { ...m }]) });

/** recoverState rebuilds a node from its saved list and incarnation; a restarted member refutes at boot (step). */
export function recoverState(saved: SwimPersistent, id: NodeId, nodes: readonly NodeId[], config: SwimConfig): SwimState {
  const s = initState(id, nodes, config);
  s.inc = saved.inc;
  s.role = saved.role;
  s.restarted = true;
  s.members = new Map(saved.members.map(([n, m]) => [n, { ...m }]));
  return s;
}

/** cloneState copies a node for checkpoints: Member and Queued records are replaced, never mutated, except `sent`, so the buffer is copied. */
export const cloneState = (s: SwimState): SwimState => ({
  ...s,
  members: new Map(s.members),
  heardAlive: new Map(s.heardAlive),
  order: [...s.order],
  probe: s.probe ? { ...s.probe } : null,
  relays: new Map(s.relays),
  buffer: s.buffer.map((q) => ({ ...q })),
});

/** counts gives how many members the list holds in each state. */
export function counts(s: SwimState): Record<MemberState, number> {
  const c = { alive: 0, suspect: 0, dead: 0 };
  for (const m of s.members.values()) c[m.state]++;
  return c;
}

/** summaryOf gives the trace's summary: the role, the incarnation as the epoch, and the list's counts. */
export function summaryOf(s: SwimState): NodeSummary {
  const c = counts(s);
  return { role: s.role, term: s.inc, votedFor: null, commitIndex: 0, lastLogIndex: 0, lastApplied: 0, fields: { alive: c.alive, suspect: c.suspect, dead: c.dead } };
}

/** MemberView is one row of the membership panel. */
export interface MemberView extends Member {
  member: NodeId;
}

/** SwimDetail is a node's structured view for the SWIM panel (NodeDetail.protocolDetail). */
export interface SwimDetail {
  inc: number;
  role: SwimRole;
  members: MemberView[];
  /** Updates waiting in the piggyback buffer. */
  buffered: Update[];
  config: SwimConfig;
}

/** inspectNode gives the node panel's view: the list as key-value rows, and the SWIM detail. */
export function inspectNode(s: SwimState): NodeDetail {
  const members = [...s.members].map(([member, m]) => ({ member, ...m })).sort((a, b) => a.member.localeCompare(b.member, undefined, { numeric: true }));
  const kv: Record<string, string> = {};
  for (const m of members) kv[m.member] = `${m.state} @${m.inc}`;
  const c = counts(s);
  return {
    summary: summaryOf(s),
    log: [],
    kv,
    extra: { incarnation: s.inc, alive: c.alive, suspect: c.suspect, dead: c.dead, probing: s.probe?.target ?? null, buffered: s.buffer.length },
    protocolDetail: { inc: s.inc, role: s.role, members, buffered: s.buffer.map((q) => q.update), config: s.config } satisfies SwimDetail,
  };
}
