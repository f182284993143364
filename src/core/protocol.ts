/**
 * The protocol interface: how the simulator, the bus, the workers, the trace and the UI reach a
 * consensus protocol. Raft implements it first; PBFT, two-phase commit, gossip and the rest follow.
 *
 * A protocol is a pure state machine in the style of etcd raft: `step(state, input, env)` takes one
 * input (a delivered message, a timer firing, a client request, a forced timeout) and asks for
 * effects through `env` (send, set or clear a timer, reply to a client, report an applied entry).
 * It never sees the network, the clock or the UI; time is `env.now`, randomness is `env.rng`.
 */
import type { Rng } from './prng';
import type { TraceRecord } from './trace';
import type { ClientId, LogEntryView, LogSnapshotView, NodeId, NodeSummary, Op, OpResult, VirtualMs } from './types';

/** Input is one thing that happens to a node. */
export type Input<M> =
  /** The node boots, or restarts after a crash: arm the first timers. */
  | { kind: 'start' }
  /** A message `msg` from node `from` is delivered. */
  | { kind: 'message'; from: NodeId; msg: M }
  /** Timer `name` fires (it was set with {@link StepEnv.setTimer} and not cleared since). */
  | { kind: 'timer'; name: string }
  /** Client `client` asks for `op`; `requestId` is the same on every retry of the same op. */
  | { kind: 'request'; client: ClientId; requestId: number; op: Op }
  /** The user forces the protocol's timeout now (Raft: election timeout, §5.2). */
  | { kind: 'timeout' }
  /**
   * The adversary takes over this node, changes its behaviour or lets it go (Byzantine faults).
   * `behaviour` is one of {@link Protocol.behaviours}' ids, null for honest. `adversary` maps every
   * node the adversary controls now to its behaviour: the faulty nodes are one adversary and may
   * coordinate (Castro & Liskov 1999, §2). Only nodes the adversary controls now or did until now
   * receive this input; honest code must not read `adversary`.
   */
  | { kind: 'behave'; behaviour: string | null; adversary: Record<NodeId, string> }
  /**
   * The user invokes one of the protocol's own node actions ({@link Protocol.nodeActions}) on this
   * node, from the node menu or a timeline `input` action: `name` is the action's id, `args` its
   * arguments (plain JSON). Protocols ignore names they do not declare.
   */
  | { kind: 'action'; name: string; args?: Record<string, unknown> };

/** ClientReply is a node's answer to a request. */
export type ClientReply =
  /** The op was applied (or certainly rejected, `result.ok === false`). */
  | { kind: 'result'; result: OpResult }
  /** This node cannot serve the op; try `leader` (null: unknown). */
  | { kind: 'redirect'; leader: NodeId | null }
  /**
   * The node cannot take the op now (a limit such as a full log); the client retries later. Not a
   * failure: an earlier attempt of the same request may still take effect.
   */
  | { kind: 'unavailable'; reason: string };

/**
 * StepEnv is what a step may read and do. Effects are applied by the simulator in the order asked,
 * after the step returns.
 */
export interface StepEnv<M> {
  /** The current virtual time (virtual ms). */
  readonly now: VirtualMs;
  /** This node's random stream, derived from (seed, node id). */
  readonly rng: Rng;
  /** send puts `msg` on the bus towards `to`; the bus may delay, drop or duplicate it. */
  send(to: NodeId, msg: M): void;
  /** setTimer (re)arms timer `name` to fire after `afterMs` virtual ms (≥ the protocol's minTimerDelayMs). */
  setTimer(name: string, afterMs: number): void;
  /** clearTimer disarms timer `name`; a no-op if it is not armed. */
  clearTimer(name: string): void;
  /** reply answers request `requestId` of `client`. */
  reply(client: ClientId, requestId: number, reply: ClientReply): void;
  /** applied reports that the log entry at `index` (term `term`) was applied to the state machine. */
  applied(index: number, term: number, command: unknown): void;
  /** note adds a human-readable line to the trace and the event log (e.g. "n3 grants its vote"). */
  note(text: string): void;
  /**
   * record adds a structured protocol record to the trace: `{t, type: "record", kind, node, ...fields}`
   * (2PC: kind `vote` with `txn` and `vote`; gossip: kind `receipt` with `value`). `kind` must be one
   * of {@link Protocol.recordKinds}; `fields` are plain JSON and must not use `t`, `type`, `kind` or
   * `node`. Checkers and breakpoints read these records; the cost is nil when nothing traces.
   */
  record(kind: string, fields: Record<string, unknown>): void;
  /**
   * sync makes the node's persistent state durable as it stands at the end of this step (an fsync
   * of everything written so far, as in etcd's Ready handshake: entries are saved before the
   * messages that acknowledge them are sent). A crash that loses unsynced writes (timeline
   * `crash` with `loseUnsynced`) restarts the node from its last synced state. Only meaningful
   * for a protocol whose {@link Protocol.syncsExplicitly} is true under its config; a no-op
   * otherwise, where every step counts as synced.
   */
  sync?(): void;
}

/** RecordKind is one kind of structured trace record a protocol emits with {@link StepEnv.record}. */
export interface RecordKind {
  /** The record's `kind`, e.g. `vote`, `decision`, `receipt`. */
  kind: string;
  /** Words for menus and breakpoints, e.g. `a participant votes`. */
  title: string;
  /** The record's fields besides t, type, kind and node, each with what it means (for the docs). */
  fields: Record<string, string>;
  /**
   * routine marks a record as frequent, unremarkable traffic (a failure detector's `heartbeat`):
   * the event log's routine checkbox hides it with the routine messages. Absent: false.
   */
  routine?: boolean;
}

/** NodeAction is one thing a user may make a node do, beyond crash and restart: input `action`. */
export interface NodeAction {
  /** Kebab-case id, the `name` of the `action` input and of the timeline action `input`. */
  id: string;
  /** Menu text, e.g. `Propose a transaction`. */
  title: string;
  /** One sentence for the tooltip, with the paper's section. */
  description: string;
}

/** NodeDetail is the full inspectable state of one node, for the node panel and the `end` record. */
export interface NodeDetail {
  summary: NodeSummary;
  /**
   * The node's log, oldest first: `log[0]` is the entry at index {@link logStart}, by default index 1,
   * or `snapshot.lastIncludedIndex + 1` after compaction ({@link firstLogIndex}).
   */
  log: LogEntryView[];
  /** The compacted prefix of the log (Raft §7's snapshot boundary); absent or null: nothing is compacted. */
  snapshot?: LogSnapshotView | null;
  /**
   * The index (1-based) of `log[0]` when the log's head is left out of this detail: a detail
   * published for display carries only the newest entries ({@link tailOfDetail}). Absent: the
   * first entry the node holds ({@link firstLogIndex}).
   */
  logStart?: number;
  /** Leader-only replication progress, per follower (Raft nextIndex / matchIndex, §5.3); absent or null without one. */
  progress?: Record<NodeId, { nextIndex: number; matchIndex: number }> | null;
  /** Votes granted to this node in its current election (candidates and leaders), else null; absent without elections. */
  votesReceived?: NodeId[] | null;
  /** The state machine's contents. */
  kv: Record<string, string>;
  /** Protocol-specific extra rows for the panel, as label → value. */
  extra: Record<string, string | number | boolean | null>;
  /** The node's Byzantine behaviour (a {@link NodeBehaviour} id), null when honest; absent for protocols without behaviours. */
  behaviour?: string | null;
  /** The nodes this node has caught misbehaving, each with the first evidence in words; absent when the protocol detects none. */
  suspects?: Record<NodeId, string>;
  /**
   * The protocol's own structured view of the node, for its own panel (PBFT: `PbftDetail`, the log
   * by sequence number with phases and certificates). Plain structured-cloneable data.
   */
  protocolDetail?: unknown;
}

/**
 * NodeBehaviour is one way a node can misbehave that the user switches on per node, from the node
 * menu or with a timeline `byzantine` action (PBFT: equivocate, forge, …).
 */
export interface NodeBehaviour {
  /** Kebab-case id, as in the `byzantine` action, e.g. `equivocate`. */
  id: string;
  /** Short title for menus, e.g. `Equivocate`. */
  title: string;
  /** One sentence on what the node does, and the paper's section it attacks. */
  description: string;
}

/** SafetyProperty is one invariant a protocol declares; the UI shows each as a lamp. */
export interface SafetyProperty {
  /** name as the paper gives it, e.g. `Election Safety`; violations carry it in `property`. */
  name: string;
  /** One sentence a student can read on a projector. */
  description: string;
  /** Where the property is stated, e.g. `Raft Figure 3, §5.2`. */
  source: string;
}

/** Violation is one broken safety property, found at virtual time `t` (virtual ms). */
export interface Violation {
  /** The {@link SafetyProperty.name} broken. */
  property: string;
  t: VirtualMs;
  /** The nodes involved, for highlighting. */
  nodes: NodeId[];
  /** Log indexes involved (entries, 1-based), for highlighting; empty when none. */
  indexes: number[];
  /** What happened, in words. */
  text: string;
}

/**
 * SafetyMonitor checks a protocol's properties on one run. The checker feeds it every trace record
 * in order; `inspect` (given at creation) reflects the node state each record describes.
 */
export interface SafetyMonitor {
  /** Every violation found so far, each reported once, in the order found. */
  readonly violations: readonly Violation[];
  /** observe checks what record `r` changes (cheap: called for every record). */
  observe(r: TraceRecord): void;
  /** check runs the costlier whole-cluster checks now, at virtual time `t` (called every few hundred events). */
  check(t: VirtualMs): void;
}

/**
 * ClusterView lets a monitor read every node as it is now. Monitors run beside in-thread hosts, so
 * `state` is the node's live protocol state (the protocol's own `S`): read it, never change it.
 */
export interface ClusterView {
  inspect(id: NodeId): NodeDetail;
  state(id: NodeId): unknown;
}

/** SafetySpec is how a protocol declares its invariants: the list for the lamps, and a monitor factory. */
export interface SafetySpec {
  properties: readonly SafetyProperty[];
  /** monitor creates a fresh monitor for cluster `nodes`, reading node state through `view`. */
  monitor(nodes: readonly NodeId[], view: ClusterView): SafetyMonitor;
}

/**
 * TeachingBug is a switch that plants a known bug in a protocol, to show what the checks catch.
 * A scenario turns bugs on with `config.bugs: [id, …]`.
 */
export interface TeachingBug {
  /** Kebab-case id, as in `config.bugs` and `npm run fuzz -- --bug ID`. */
  id: string;
  title: string;
  description: string;
  /** The rule it breaks, with the paper's section. */
  rule: string;
  /** What it is expected to break: a property name, or `linearizability`. */
  expected: string;
}

/**
 * Protocol is the contract a consensus protocol implements.
 * @typeParam S - a node's whole state (persistent and volatile); owned by one host, mutated by step.
 * @typeParam M - the message union; plain, structured-cloneable values named as in the paper.
 * @typeParam P - the persistent part of S that survives a crash (Raft: currentTerm, votedFor, log).
 * @typeParam C - the protocol's config, validated by the scenario schema.
 */
export interface Protocol<S, M, P, C> {
  /** name as used in scenarios, share URLs and the CLI, e.g. `raft`. */
  readonly name: string;
  /** init gives a fresh node `id` in cluster `nodes` (all ids, `id` included). */
  init(id: NodeId, nodes: readonly NodeId[], config: C): S;
  /** persistent extracts what survives a crash. The result must not alias `state`. */
  persistent(state: S): P;
  /**
   * syncsExplicitly says whether, under `config`, the protocol makes its writes durable only when
   * it calls {@link StepEnv.sync} (a disk with a sync latency). Absent or false: every step counts
   * as synced, and a crash that loses unsynced writes is a plain crash.
   */
  syncsExplicitly?(config: C): boolean;
  /** recover rebuilds a node from its persistent state after a restart; volatile state starts afresh. */
  recover(saved: P, id: NodeId, nodes: readonly NodeId[], config: C): S;
  /** step handles one input. It mutates `state` and asks for effects through `env`. */
  step(state: S, input: Input<M>, env: StepEnv<M>): void;
  /**
   * cloneState gives a copy of `state` that later steps of either cannot change, for checkpoints
   * and time travel. It may share parts that are never mutated (Raft's log entries), which makes a
   * seek cost a copy of the log's array, not of every entry. Without it the host uses
   * structuredClone. The copy must stay structured-cloneable (it is posted to workers).
   */
  cloneState?(state: S): S;
  /** summary gives the fields the trace and topology show; called after every step, so keep it cheap. */
  summary(state: S): NodeSummary;
  /** inspect gives everything the node panel shows. */
  inspect(state: S): NodeDetail;
  /** messageType names a message's kind, e.g. `RequestVote`, `AppendEntriesReply`. */
  messageType(msg: M): string;
  /** describeMessage gives a short label for the UI, e.g. `AppendEntries t3 prev 4/2 +1 commit 4`. */
  describeMessage(msg: M): string;
  /**
   * minTimerDelayMs is a lower bound (virtual ms, ≥ 1) on every `afterMs` this protocol passes to
   * setTimer under `config`. The scheduler uses it to run independent nodes' steps in parallel.
   */
  minTimerDelayMs(config: C): number;
  /** safety declares the protocol's invariants and how to check them on a run. */
  readonly safety: SafetySpec;
  /** teachingBugs lists the bugs `config.bugs` may switch on; empty when the protocol has none. */
  readonly teachingBugs: readonly TeachingBug[];
  /**
   * leaderRole is the role of the node that leads, as `summary` reports it (Raft: `leader`, the
   * default; PBFT: `primary`; 2PC: `coordinator`): what "a new leader" means to breakpoints, the
   * nemesis and the topology. `null` for a leader-free protocol (gossip): no "leader" condition,
   * no leader-targeted fault, and clients spread their requests over every node.
   */
  readonly leaderRole?: string | null;
  /** roles lists every role `summary` reports (besides `crashed`), for menus: breakpoints and "a node in role R" faults. */
  readonly roles?: readonly string[];
  /** recordKinds lists the structured records the protocol emits (StepEnv.record); absent: none. */
  readonly recordKinds?: readonly RecordKind[];
  /** nodeActions lists the protocol's own node actions (input `action`); absent: none. */
  readonly nodeActions?: readonly NodeAction[];
  /**
   * timeoutAction words the common `timeout` input for menus and event text (Raft: "force election
   * timeout"), or `null` when the protocol has no timeout a user may force. Absent: Raft's words.
   */
  readonly timeoutAction?: { title: string; description: string } | null;
  /**
   * epochName is the protocol's word for its numbered epochs, as `summary` reports them in `term`
   * (Raft: `term`, the default; PBFT: `view`). Event text, the node panel and the space-time
   * diagram say "view 3" for PBFT, never "term 3". Read it with {@link epochNameOf}.
   */
  readonly epochName?: string | null;
  /**
   * hasLog says whether the protocol keeps a replicated log, so that commitIndex, lastLogIndex and
   * the log mean something (Raft, PBFT: true, the default; 2PC, gossip: false). Event text and
   * panels leave them out when false.
   */
  readonly hasLog?: boolean;
  /** messageTypes lists every {@link messageType} the protocol sends, for menus (breakpoints, filters). */
  readonly messageTypes?: readonly string[];
  /**
   * behaviours lists the Byzantine behaviours a user may switch on per node (timeline action
   * `byzantine`, input `behave`); absent or empty when the protocol assumes crash faults only.
   */
  readonly behaviours?: readonly NodeBehaviour[];
  /**
   * quorumSize gives the fewest live, connected nodes of `n` that can make progress together, for
   * the run report's recovery times. Absent: a majority, ⌊n/2⌋+1 (Raft §5.2). PBFT: ⌈(n+f+1)/2⌉,
   * 2f+1 when n = 3f+1 (Castro & Liskov 1999 §4.2).
   */
  quorumSize?(n: number): number;
  /**
   * faultsTolerated gives how many Byzantine nodes a cluster of `n` tolerates (PBFT: f = ⌊(n−1)/3⌋,
   * Castro & Liskov 1999 §3). More than that is a fault the liveness check waits out. Absent: 0.
   */
  faultsTolerated?(n: number): number;
  /** initialBehaviours gives the nodes `config` makes Byzantine from the start (PBFT: `config.byzantine`). */
  initialBehaviours?(config: C): Record<NodeId, string>;
}

/** AnyProtocol erases a protocol's type parameters, for registries and hosts. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyProtocol = Protocol<any, any, any, any>;

/** epochNameOf gives `protocol`'s word for its epoch ({@link Protocol.epochName}): `term` when it declares none, `epoch` when it has none (null). */
export const epochNameOf = (protocol: Pick<AnyProtocol, 'epochName'>): string => (protocol.epochName === undefined ? 'term' : protocol.epochName ?? 'epoch');

/** epochText names epoch `n` in `protocol`'s word, e.g. `term 3`, `view 1`; null for a protocol without epochs (epochName null). */
export const epochText = (protocol: Pick<AnyProtocol, 'epochName'>, n: number): string | null => (protocol.epochName === null ? null : `${epochNameOf(protocol)} ${n}`);

/** hasLogOf tells whether `protocol` keeps a replicated log ({@link Protocol.hasLog}, default true). */
export const hasLogOf = (protocol: Pick<AnyProtocol, 'hasLog'>): boolean => protocol.hasLog !== false;

/** isRoutineRecord tells whether `r` is a `record` of a kind `protocol` marks routine ({@link RecordKind.routine}). */
export function isRoutineRecord(protocol: Pick<AnyProtocol, 'recordKinds'>, r: TraceRecord): boolean {
  if (r.type !== 'record') return false;
  return protocol.recordKinds?.some((k) => k.kind === r.kind && k.routine === true) ?? false;
}

/** leaderRoleOf gives `protocol`'s leading role ({@link Protocol.leaderRole}): `leader` when it declares none, null when leader-free. */
export const leaderRoleOf = (protocol: Pick<AnyProtocol, 'leaderRole'>): string | null => (protocol.leaderRole === undefined ? 'leader' : protocol.leaderRole);

/**
 * tailOfDetail gives `d` with only its newest `entries` log entries (and `logStart` moved on to
 * match), for display: the UI draws at most a couple of dozen cells per log, and posting a long log
 * from a worker four times a second costs more than the run itself. `d` is not changed.
 * @throws RangeError if `entries` is negative or not an integer.
 */
export function tailOfDetail(d: NodeDetail, entries: number): NodeDetail {
  if (!Number.isInteger(entries) || entries < 0) throw new RangeError(`tailOfDetail: entries must be a whole number ≥ 0 (got ${entries})`);
  const drop = d.log.length - entries;
  if (drop <= 0) return d;
  return { ...d, log: d.log.slice(drop), logStart: firstLogIndex(d) + drop };
}

/** firstLogIndex gives the index (1-based) of `d.log[0]`: `logStart`, else one past the snapshot, else 1. */
export function firstLogIndex(d: Pick<NodeDetail, 'logStart' | 'snapshot'>): number {
  return d.logStart ?? (d.snapshot ? d.snapshot.lastIncludedIndex + 1 : 1);
}
