/**
 * A PBFT replica's state, named as in Castro & Liskov 1999 (§4): the view, the message log by
 * sequence number, checkpoints and water marks, the view-change messages, plus what the playground
 * needs around them (the key-value state machine, the receiving replica's reply collection, the
 * suspects list, the Byzantine behaviour). Plain data only (records, arrays, Maps and Sets):
 * hosts `structuredClone` it for checkpoints and time travel.
 */
import { createKv, createSessions, type KvStore, type Session, type Sessions } from '../../kv';
import type { StepEnv } from '../../protocol';
import type { ClientId, LogEntryView, NodeId, NodeSummary, OpResult } from '../../types';
import { issueKey, type Key, type SignedRequest } from './auth';
import type { Behaviour, PbftConfig } from './config';
import type { Checkpoint, Commit, NewView, PbftMessage, PrePrepare, Prepare, PreparedCert, ViewChange } from './messages';

/** PbftStatus: `normal` operation in `view`, or `view-change`: moving to `view`, waiting for its NewView (§4.4). */
export type PbftStatus = 'normal' | 'view-change';

/** Committed is what a slot committed (committed-local, §4.2): kept across views until garbage-collected. */
export interface Committed {
  view: number;
  digest: string;
  request: SignedRequest | null;
}

/**
 * Slot is the log for one sequence number (§4.2): the pre-prepare accepted for it in `view`, the
 * prepares and commits received in `view` (any digest, one per replica), whether it prepared in
 * `view`, its latest prepared certificate from any view (for ViewChange's P), and what it committed.
 */
export interface Slot {
  seq: number;
  view: number;
  prePrepare: PrePrepare | null;
  prepares: Record<NodeId, Prepare>;
  commits: Record<NodeId, Commit>;
  prepared: boolean;
  cert: PreparedCert | null;
  committed: Committed | null;
}

/** StableCheckpoint is the last stable checkpoint (§4.3): its sequence number h, state digest and proof. */
export interface StableCheckpoint {
  seq: number;
  digest: string;
  /** 2f+1 matching Checkpoint messages; empty for the initial checkpoint at seq 0. */
  proof: Checkpoint[];
}

/** Snapshot is the state machine after executing `seq`, kept to serve state transfer. */
export interface Snapshot {
  seq: number;
  digest: string;
  kv: [string, string][];
  sessions: [ClientId, Session][];
}

/**
 * ClientWait is the receiving replica's collection of Reply messages for one client request: it
 * answers the client once f+1 replicas sent the same result (the paper's client rule, §4.1,
 * carried out for the simulated client, which trusts the replica it contacted).
 */
export interface ClientWait {
  client: ClientId;
  requestId: number;
  /** Canonical JSON of each replica's result. */
  replies: Record<NodeId, string>;
  /** The results by canonical JSON. */
  results: Record<string, OpResult>;
  /** Canonical JSON of the result given to the client, once f+1 matched. */
  answer: string | null;
}

/** ByzantineScratch is what the Byzantine behaviours keep (byzantine.ts); unused by honest replicas. */
export interface ByzantineScratch {
  /** `replay`: recent messages received or sent (at most REPLAY_BUFFER). */
  replay: PbftMessage[];
  /** `slow`: pre-prepares held back, sent when the `slow-primary` timer fires. */
  slowQueue: { to: NodeId; msg: PbftMessage }[];
  slowArmed: boolean;
  /** `forge`: the (view, seq) pairs already forged for (`v:n`), at most a few. */
  forged: string[];
}

/** PbftPersistent is what survives a crash: the view, log, checkpoints and executed state (see recoverState). */
export interface PbftPersistent {
  /** The current view; in status `view-change`, the view being moved to. */
  view: number;
  status: PbftStatus;
  /** Slots by sequence number, only for h < seq ≤ H. */
  log: Map<number, Slot>;
  /** Primary: the next sequence number to assign. */
  nextSeq: number;
  /** The last sequence number executed (0: none). */
  lastExecuted: number;
  kv: KvStore;
  sessions: Sessions;
  /** What was executed, seq 1 first (entry seq-1), for the node panel; gaps filled by state transfer are placeholders. */
  executed: LogEntryView[];
  stable: StableCheckpoint;
  /** Checkpoint messages received, by seq, then replica (at most CHECKPOINTS_PER_REPLICA seqs per replica). */
  checkpointVotes: Map<number, Record<NodeId, Checkpoint>>;
  /** This replica's own snapshots at checkpoints ≥ h. */
  snapshots: Map<number, Snapshot>;
  /**
   * Valid ViewChanges received, per replica (own included), lowest view first: at most
   * LIMITS.viewChangesPerReplica, the highest views. A replica's older ones still count towards
   * the 2f+1 of their view (§4.5.2) after it has moved on.
   */
  viewChanges: Map<NodeId, ViewChange[]>;
  /**
   * View changes started in a row without one completing (a NewView installed) or a request
   * executing: the NewView timeout doubles with each after the first (§4.5.2), at most
   * LIMITS.maxBackoff times.
   */
  backoff: number;
  /** Replicas this one caught misbehaving, with the first reason. */
  suspects: Record<NodeId, string>;
  /** The NewView of the highest view this replica entered (null: none since view 0); forwarded to replicas that lag behind it. */
  lastNewView: NewView | null;
  /** State transfer under way to at least this stable checkpoint, or null. */
  fetching: number | null;
  /** This replica's Byzantine behaviour, null if honest; switched by a `behave` input (byzantine.ts). */
  behaviour: Behaviour | null;
  /**
   * While Byzantine: every replica the adversary controls, with its behaviour, so colluders share
   * one plan (an `equivocate` replica lies only to honest ones). Empty while honest; honest code
   * never reads it.
   */
  adversary: Record<NodeId, Behaviour>;
}

/** PbftState is one replica's whole state. Mutated in place by `step`. */
export interface PbftState extends PbftPersistent {
  id: NodeId;
  /** Every replica, in the scenario's order: the primary of view v is nodes[v mod n] (§4.1). */
  nodes: NodeId[];
  /** f = ⌊(n−1)/3⌋, the faults tolerated. */
  f: number;
  /** Quorum size ⌈(n+f+1)/2⌉: 2f+1 when n = 3f+1, as in the paper; any two quorums share an honest replica. */
  quorum: number;
  config: PbftConfig;
  /** This replica's own signing key (auth.ts). */
  key: Key;
  /** Client requests known and not yet executed, by request key `c1#3` (one per client, the newest). */
  pending: Map<string, SignedRequest>;
  /** Receiving replicas to send the Reply for each request key to. */
  replyTo: Map<string, NodeId[]>;
  /** Primary: request keys already pre-prepared in the current view. */
  proposed: Set<string>;
  /** Receiving replica: the reply collection per request key (at most MAX_WAITS). */
  waits: Map<string, ClientWait>;
  /** Whether the `view-change` timer is armed. */
  timerArmed: boolean;
  /** Status view-change: 2f+1 ViewChanges are in, the timer now waits for the NewView (§4.5.2). */
  awaitingNewView: boolean;
  /** Normal-case messages of a view not yet started, handled when it starts (at most MAX_DEFERRED per sender). */
  deferred: { from: NodeId; msg: PrePrepare | Prepare | Commit }[];
  /** When (virtual ms) the NewView or ViewChange was last re-sent to each lagging replica. */
  lastResend: Record<NodeId, number>;
  /** When (virtual ms) the last Fetch was sent; -Infinity if never. */
  lastFetchAt: number;
  /** Since when (virtual ms) a gap in the executed sequence has lasted (checkpoint.ts), or null. */
  gapSince: number | null;
  /** Copies received of each normal-case message, by sender then tag, for replay detection (bounded). */
  copies: Map<NodeId, Map<string, number>>;
  byz: ByzantineScratch;
}

/**
 * Limits on collections (a Byzantine replica must not be able to grow them without bound), and on
 * the NewView timeout's doubling: 2^3 = 8 times config.viewChangeTimeoutMs at most, a playground
 * bound (the paper doubles without end), ample for the simulator's message delays.
 */
export const LIMITS = {
  maxPending: 1000,
  maxWaits: 64,
  maxDeferredPerSender: 32,
  maxCopiesPerSender: 256,
  checkpointsPerReplica: 4,
  viewChangesPerReplica: 3,
  maxExecutedShown: 10_000,
  maxBackoff: 3,
} as const;

/** faultsTolerated gives f = ⌊(n−1)/3⌋ for n replicas (§3: n ≥ 3f+1). */
export const faultsTolerated = (n: number): number => Math.floor((n - 1) / 3);

/** quorumSize gives ⌈(n+f+1)/2⌉: the smallest size at which any two quorums share f+1 replicas. 2f+1 when n = 3f+1. */
export const quorumSize = (n: number): number => Math.ceil((n + faultsTolerated(n) + 1) / 2);

function freshPersistent(behaviour: Behaviour | null, adversary: Record<NodeId, Behaviour>): PbftPersistent {
  return {
    view: 0,
    status: 'normal',
    log: new Map(),
    nextSeq: 1,
    lastExecuted: 0,
    kv: createKv(),
    sessions: createSessions(),
    executed: [],
    stable: { seq: 0, digest: '', proof: [] },
    checkpointVotes: new Map(),
    snapshots: new Map(),
    viewChanges: new Map(),
    backoff: 0,
    suspects: {},
    lastNewView: null,
    fetching: null,
    behaviour,
    adversary: behaviour === null ? {} : adversary,
  };
}

function withVolatile(saved: PbftPersistent, id: NodeId, nodes: readonly NodeId[], config: PbftConfig): PbftState {
  return {
    ...saved,
    id,
    nodes: [...nodes],
    f: faultsTolerated(nodes.length),
    quorum: quorumSize(nodes.length),
    config,
    key: issueKey(id),
    pending: new Map(),
    replyTo: new Map(),
    proposed: new Set(),
    waits: new Map(),
    timerArmed: false,
    awaitingNewView: false,
    deferred: [],
    lastResend: {},
    lastFetchAt: -Infinity,
    gapSince: null,
    copies: new Map(),
    byz: { replay: [], slowQueue: [], slowArmed: false, forged: [] },
  };
}

/**
 * initState gives a fresh replica `id` of cluster `nodes` in view 0 with an empty log, honest unless
 * config.byzantine names it. Ids in config.byzantine that are not in `nodes` are ignored.
 */
export function initState(id: NodeId, nodes: readonly NodeId[], config: PbftConfig): PbftState {
  return withVolatile(freshPersistent(config.byzantine?.[id] ?? null, initialAdversary(nodes, config)), id, nodes, config);
}

/** initialAdversary gives the replicas of `nodes` that config.byzantine makes Byzantine from the start, with their behaviours. */
export function initialAdversary(nodes: readonly NodeId[], config: PbftConfig): Record<NodeId, Behaviour> {
  const out: Record<NodeId, Behaviour> = {};
  for (const id of nodes) {
    const b = config.byzantine?.[id];
    if (b !== undefined) out[id] = b;
  }
  return out;
}

/** persistentOf gives a deep copy of the persistent fields, sharing nothing with `state`. */
export function persistentOf(s: PbftPersistent): PbftPersistent {
  return structuredClone({
    view: s.view,
    status: s.status,
    log: s.log,
    nextSeq: s.nextSeq,
    lastExecuted: s.lastExecuted,
    kv: s.kv,
    sessions: s.sessions,
    executed: s.executed,
    stable: s.stable,
    checkpointVotes: s.checkpointVotes,
    snapshots: s.snapshots,
    viewChanges: s.viewChanges,
    backoff: s.backoff,
    suspects: s.suspects,
    lastNewView: s.lastNewView,
    fetching: s.fetching,
    behaviour: s.behaviour,
    adversary: s.adversary,
  });
}

/**
 * recoverState rebuilds a replica after a crash from `saved` (deep-copied): the view and status, the
 * log, checkpoints and executed state survive, so a restarted replica never contradicts what it
 * sent before the crash (it cannot accept a second pre-prepare for a slot, nor re-assign a sequence
 * number as primary). Volatile state starts afresh: pending requests, reply collections, timers.
 */
export function recoverState(saved: PbftPersistent, id: NodeId, nodes: readonly NodeId[], config: PbftConfig): PbftState {
  return withVolatile(persistentOf(saved), id, nodes, config);
}

/** primaryOf gives the primary of `view`: nodes[view mod n] (§4.1). */
export const primaryOf = (s: PbftState, view: number): NodeId => primaryOfView(s.nodes, view)!;

/** primaryOfView gives the primary of view `v` in cluster `nodes`: replica v mod n in scenario order (§4.1); null for an empty cluster. */
export function primaryOfView(nodes: readonly NodeId[], v: number): NodeId | null {
  if (nodes.length === 0) return null;
  return nodes[((v % nodes.length) + nodes.length) % nodes.length] ?? null;
}

/** isPrimary is true if this replica is the primary of its current view and not changing views. */
export const isPrimary = (s: PbftState): boolean => s.status === 'normal' && primaryOf(s, s.view) === s.id;

/** lowWater is h, the sequence number of the last stable checkpoint (§4.3). */
export const lowWater = (s: PbftState): number => s.stable.seq;

/** highWater is H = h + L (§4.3). */
export const highWater = (s: PbftState): number => s.stable.seq + s.config.logWindow;

/** inWindow is true if h < seq ≤ H (§4.2: pre-prepares, prepares and commits are accepted only there). */
export const inWindow = (s: PbftState, seq: number): boolean => seq > lowWater(s) && seq <= highWater(s);

/** requestKey names a client request, e.g. `c1#3`. */
export const requestKey = (client: ClientId, requestId: number): string => `${client}#${requestId}`;

/** isExecuted is true if the session table shows request `requestId` of `client` (or a later one) executed. */
export function isExecuted(s: PbftState, client: ClientId, requestId: number): boolean {
  const session = s.sessions.get(client);
  return session !== undefined && session.lastRequestId >= requestId;
}

/** slotAt gives the slot for `seq`, creating an empty one in the current view. */
export function slotAt(s: PbftState, seq: number): Slot {
  let slot = s.log.get(seq);
  if (!slot) {
    slot = { seq, view: s.view, prePrepare: null, prepares: {}, commits: {}, prepared: false, cert: null, committed: null };
    s.log.set(seq, slot);
  }
  return slot;
}

/** broadcast sends `msg` to every other replica, in node order. */
export function broadcast(s: PbftState, env: StepEnv<PbftMessage>, msg: PbftMessage): void {
  for (const to of s.nodes) if (to !== s.id) env.send(to, msg);
}

/**
 * suspect marks `who` as faulty for `reason` and notes it once, e.g. "n3 suspects n1: two different
 * pre-prepares for seq 5 in view 0". A replica never suspects itself.
 */
export function suspect(s: PbftState, env: StepEnv<PbftMessage>, who: NodeId, reason: string): void {
  if (who === s.id || s.suspects[who] !== undefined) return;
  s.suspects[who] = reason;
  env.note(`${s.id} suspects ${who}: ${reason}`);
}

/** viewChangeOf gives replica `id`'s ViewChange for `view`, if received. */
export function viewChangeOf(s: PbftState, id: NodeId, view: number): ViewChange | undefined {
  return s.viewChanges.get(id)?.find((vc) => vc.view === view);
}

/** latestViewChange gives replica `id`'s ViewChange of the highest view received, if any. */
export function latestViewChange(s: PbftState, id: NodeId): ViewChange | undefined {
  return s.viewChanges.get(id)?.at(-1);
}

/** lastAccepted is the highest sequence number with an accepted pre-prepare or commit, at least lastExecuted. */
export function lastAccepted(s: PbftState): number {
  let top = s.lastExecuted;
  for (const slot of s.log.values()) if ((slot.prePrepare || slot.committed) && slot.seq > top) top = slot.seq;
  return top;
}

/**
 * summaryOf gives the generic summary: role `primary`, `backup` or `view-change`; term = view;
 * commitIndex and lastApplied = the last executed sequence number; lastLogIndex = the highest
 * sequence number pre-prepared or committed here.
 */
export function summaryOf(s: PbftState): NodeSummary {
  const role = s.status === 'view-change' ? 'view-change' : primaryOf(s, s.view) === s.id ? 'primary' : 'backup';
  return { role, term: s.view, votedFor: null, commitIndex: s.lastExecuted, lastLogIndex: lastAccepted(s), lastApplied: s.lastExecuted };
}
