/**
 * A quorum node's state. Every node is at once a replica (it holds a copy of each key with its tag,
 * Gifford 1979), a coordinator (it runs the reads and writes clients send it), a voter (it votes on
 * proposals by its stance) and a tally (it counts the votes it receives and decides). The copies,
 * the tallies and the liars caught survive a crash; the coordinator's ops in flight do not.
 */
import type { NodeId } from '../../types';
import { rulesOf, type Behaviour, type QuorumConfig, type Rules, type Stance } from './config';
import type { Tag } from './messages';

/** Copy is a replica's copy of one key. */
export interface Copy {
  tag: Tag;
  value: string | null;
  /** The client request whose put wrote it (`client#requestId`); absent for a key never written. */
  req?: string;
}

/** QuorumPhase is what a coordinator's op is gathering: versions from r votes, or acks from w votes. */
export type QuorumPhase = 'read' | 'write';

/** CoordOp is a client op a coordinator runs: a get or a put (Gifford's read and write). */
export interface CoordOp {
  /** `<node>.<n>`: unique over the run (n survives restarts), and the writer of the tag a put writes. */
  id: string;
  f: 'get' | 'put';
  key: string;
  /** The put's value. */
  value: string | null;
  client: string;
  requestId: number;
  phase: QuorumPhase;
  /** Versions received in the read phase, by replica. */
  versions: Map<NodeId, Copy>;
  /** Replicas that acknowledged the write phase. */
  acks: Set<NodeId>;
  /** What the write phase writes: the put's new copy, or the newest copy a get read (its write-back). */
  writing: Copy | null;
  /** Rounds of asking again so far. */
  retries: number;
  /** The oldest tag at which a replica in the read phase says it stored this put's request before (a retry). */
  done?: Tag;
  /** When the op began (virtual ms). */
  startedAt: number;
}

/** QuorumFormed is one quorum a coordinator gathered, for the panel and the `quorum` record. */
export interface QuorumFormed {
  op: string;
  key: string;
  phase: QuorumPhase;
  /** The replicas that answered, in the order they did. */
  members: NodeId[];
  /** Their votes together. */
  votes: number;
  /** The votes needed (r or w). */
  needed: number;
  at: number;
}

/** VoteSeen is a vote as a tally received it. */
export interface VoteSeen {
  choice: Stance;
  value: string;
  claimed: number;
  n: number;
}

/** Decision is a tally's decision on a proposal. */
export interface Decision {
  outcome: 'approved' | 'rejected';
  /** The value approved (null when rejected). */
  value: string | null;
  /** Approving votes the decided value had (as counted). */
  approve: number;
  /** Votes cast, as counted. */
  participation: number;
  at: number;
}

/** TallyState is one node's tally of one proposal. */
export interface TallyState {
  id: string;
  /** The value proposed, once a Propose (or the client) told this node. */
  value: string | null;
  /** Whether this node has cast its own vote. */
  voted: boolean;
  /** Each voter's first vote, in order of arrival: the vote that counts. */
  votes: Map<NodeId, VoteSeen>;
  /** Every further vote message counted, only under the count-duplicates bug. */
  extra: { voter: NodeId; vote: VoteSeen }[];
  /** Keys `voter#n` of the votes seen, to tell a duplicated message from a second vote. */
  seen: Set<string>;
  decision: Decision | null;
}

/** QuorumState is one node's whole state. */
export interface QuorumState {
  id: NodeId;
  nodes: NodeId[];
  config: QuorumConfig;
  rules: Rules;
  /** The Byzantine behaviour the adversary gave this node, null while honest. */
  behaviour: Behaviour | null;
  /** How this node votes while honest (config.stances, changed by the `stance` node action). */
  stance: Stance;
  /** Copies by key. Persistent. */
  copies: Map<string, Copy>;
  /**
   * The puts this replica has stored, by request (`client#requestId`), with the tag each was
   * written at, so a client's retry at another coordinator finishes the same write instead of
   * writing its value again at a newer version (at most once, as Raft's sessions do). Keyed
   * `client key`: a client has one request outstanding, so only its latest put of a key matters.
   * Persistent.
   */
  written: Map<string, { requestId: number; tag: Tag }>;
  /** Ops numbered so far (persistent: writer ids never repeat). */
  opSeq: number;
  /** Ops in flight by id. Volatile. */
  ops: Map<string, CoordOp>;
  /** The newest quorums gathered, newest last (at most {@link RECENT_QUORUMS}). */
  quorums: QuorumFormed[];
  /** Tallies by proposal id. Persistent. */
  tallies: Map<string, TallyState>;
  /** Clients waiting on a proposal this node was asked to put to the vote. Volatile. */
  waiting: Map<string, { client: string; requestId: number }[]>;
  /** Voters caught lying, with the first evidence. Persistent. */
  flagged: Map<NodeId, string>;
}

/** RECENT_QUORUMS bounds the quorums a node keeps for the panel. */
export const RECENT_QUORUMS = 8;

/** QuorumPersistent is what survives a crash. */
export interface QuorumPersistent {
  copies: [string, Copy][];
  written: [string, { requestId: number; tag: Tag }][];
  opSeq: number;
  tallies: TallyState[];
  flagged: [NodeId, string][];
  stance: Stance;
}

/** initState gives a fresh node `id` of cluster `nodes`. */
export function initState(id: NodeId, nodes: readonly NodeId[], config: QuorumConfig): QuorumState {
  return {
    id,
    nodes: [...nodes],
    config,
    rules: rulesOf(config, nodes),
    behaviour: config.byzantine[id] ?? null,
    stance: config.stances[id] ?? 'approve',
    copies: new Map(),
    written: new Map(),
    opSeq: 0,
    ops: new Map(),
    quorums: [],
    tallies: new Map(),
    waiting: new Map(),
    flagged: new Map(),
  };
}

/** cloneTally copies a tally deeply enough that later steps of either leave the other alone. */
export const cloneTally = (t: TallyState): TallyState => ({ ...t, votes: new Map(t.votes), extra: [...t.extra], seen: new Set(t.seen) });

/** persistentOf copies what survives a crash. */
export const persistentOf = (s: QuorumState): QuorumPersistent => ({
  copies: [...s.copies],
  written: [...s.written],
  opSeq: s.opSeq,
  tallies: [...s.tallies.values()].map(cloneTally),
  flagged: [...s.flagged],
  stance: s.stance,
});

/** recoverState rebuilds a node from what it saved; its ops in flight are gone. */
export function recoverState(saved: QuorumPersistent, id: NodeId, nodes: readonly NodeId[], config: QuorumConfig): QuorumState {
  const s = initState(id, nodes, config);
  s.copies = new Map(saved.copies);
  s.written = new Map(saved.written);
  s.opSeq = saved.opSeq;
  s.tallies = new Map(saved.tallies.map((t) => [t.id, cloneTally(t)]));
  s.flagged = new Map(saved.flagged);
  s.stance = saved.stance;
  return s;
}

/** cloneState copies a node for checkpoints: copies, tags and votes are never mutated in place, so they are shared. */
export function cloneState(s: QuorumState): QuorumState {
  const ops = new Map<string, CoordOp>();
  for (const [k, o] of s.ops) ops.set(k, { ...o, versions: new Map(o.versions), acks: new Set(o.acks) });
  const tallies = new Map<string, TallyState>();
  for (const [k, t] of s.tallies) tallies.set(k, cloneTally(t));
  return {
    ...s,
    copies: new Map(s.copies),
    written: new Map(s.written),
    ops,
    quorums: [...s.quorums],
    tallies,
    waiting: new Map([...s.waiting].map(([k, w]) => [k, [...w]])),
    flagged: new Map(s.flagged),
  };
}

/** weightOf gives the votes `node` holds by the configuration (0 for a node outside the cluster). */
export const weightOf = (s: QuorumState, node: NodeId): number => s.rules.weights[node] ?? 0;

/** highestVersion gives the highest version this replica holds of any key (0 when it holds none). */
export function highestVersion(s: QuorumState): number {
  let v = 0;
  for (const c of s.copies.values()) v = Math.max(v, c.tag.version);
  return v;
}
