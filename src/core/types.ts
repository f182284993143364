/**
 * Shared vocabulary of the deterministic core. Everything here is plain data: structured-cloneable,
 * JSON-serialisable, free of classes, so it crosses Web Worker boundaries and lands in traces as is.
 */

/** NodeId names a node, `n1`…`nN` by default. */
export type NodeId = string;

/** ClientId names a simulated client, `c1`, `c2`, …. */
export type ClientId = string;

/** VirtualMs is simulated time in whole virtual milliseconds since the run began (never wall time). */
export type VirtualMs = number;

/**
 * KvOp is one client operation against the key-value state machine, as in Jepsen/Porcupine histories
 * (Raft's and PBFT's client operations).
 * - `get key` reads a value (null when the key is absent);
 * - `put key value` overwrites;
 * - `append key value` concatenates to the current string (absent counts as "");
 * - `cas key expected value` writes `value` only if the current value equals `expected`.
 */
export type KvOp =
  | { f: 'get'; key: string }
  | { f: 'put'; key: string; value: string }
  | { f: 'append'; key: string; value: string }
  | { f: 'cas'; key: string; expected: string; value: string };

/**
 * Op is any protocol's client operation, named by `f`: a {@link KvOp} for Raft and PBFT, a
 * transaction for two-phase commit, a broadcast for gossip. The protocol's registry entry validates
 * its own ops (ProtocolEntry.ops.schema), so generic code (clients, the bus, the trace) carries an
 * Op without looking inside.
 */
export interface Op {
  readonly f: string;
  readonly [field: string]: unknown;
}

/**
 * OpResult is what applying an Op yields: `ok` with the value read for a get (null if absent),
 * or `fail` for a cas whose expected value did not match (the op certainly took no effect).
 */
export type OpResult = { ok: true; value?: string | null } | { ok: false; error: string };

/** Role is the generic role a node shows in views and traces; `crashed` is set by the simulator. */
export type Role = 'follower' | 'candidate' | 'leader' | 'crashed' | (string & {});

/**
 * NodeSummary is the compact state every protocol reports after each step. The simulator emits a
 * `state` trace record whenever one of these fields changes, and the UI colours nodes by it.
 * Protocols without a notion report its zero: no epoch is term 0, no vote is votedFor null, no log
 * is commitIndex = lastLogIndex = lastApplied = 0. What is theirs alone goes in `fields`.
 */
export interface NodeSummary {
  role: Role;
  /** Raft currentTerm, PBFT view, …: the protocol's epoch number. */
  term: number;
  votedFor: NodeId | null;
  /** Highest log index known committed (entries, 1-based; 0 = none). */
  commitIndex: number;
  /** Index of the last log entry (entries, 1-based; 0 = empty log). */
  lastLogIndex: number;
  /** Highest log index applied to the state machine. */
  lastApplied: number;
  /**
   * The protocol's own summary fields, as field → value (2PC: the transaction a participant is
   * prepared in; gossip: how many values a node holds). Carried in `state` and `end` trace records
   * as `fields`, compared after every step like the rest, and shown on the topology by the
   * protocol's UI plugin. Keep it small: it is compared and copied after every step.
   */
  fields?: Readonly<Record<string, string | number | boolean | null>>;
}

/** LogEntryView is one log entry as shown in the node panel and the `end` trace record. */
export interface LogEntryView {
  term: number;
  command: unknown;
}

/**
 * LogSnapshotView is the compacted prefix of a node's log (Raft §7's snapshot; a PBFT checkpoint's
 * low-water mark could use it too): every entry up to lastIncludedIndex is replaced by the snapshot.
 */
export interface LogSnapshotView {
  /** The index of the last entry the snapshot replaces; the log's first entry is the one after it. */
  lastIncludedIndex: number;
  /** The term (or epoch) of that entry. */
  lastIncludedTerm: number;
}

/** DistributiveOmit omits a key from each member of a union (e.g. `at` from every action). */
export type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
