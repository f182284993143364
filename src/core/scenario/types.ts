/**
 * The scenario: seed + configuration + a timeline of actions. A run is its scenario; share URLs,
 * the headless runner, replay and tests all rest on that. The format is documented in
 * docs/scenario-and-trace.md; the schema lives in schema.ts.
 */
import type { NodeId, Op, VirtualMs } from '../types';

/**
 * NodeRef names a node; or `leader`: the protocol's leader (Protocol.leaderRole) of the highest
 * epoch when the action runs; or `role:R`: the first node, in cluster order, that is up and in role
 * R when the action runs (e.g. `role:coordinator`, `role:infective`). An action whose ref matches no
 * node is skipped, and the trace says why.
 */
export type NodeRef = NodeId | 'leader' | `role:${string}`;

/** LatencyRange is [min, max] virtual ms, both included, min ≤ max. */
export type LatencyRange = [number, number];

/** NetworkConfig gives every directed link's defaults. */
export interface NetworkConfig {
  /** One-way delay of a message, drawn uniformly per copy (virtual ms). */
  latencyMs: LatencyRange;
  /** Probability (0–1) that a message is lost. */
  loss: number;
  /** Probability (0–1) that a message is delivered twice. */
  duplicate: number;
}

/** ClientConfig tunes the simulated clients. */
export interface ClientConfig {
  /** A client retries an unanswered request after this long (virtual ms), with the same request id. */
  timeoutMs: number;
}

/** TimelineAction is one scripted or user-made action at virtual time `at` (virtual ms). */
export type TimelineAction =
  /**
   * crash stops a node. It keeps what it wrote to disk, synced or not (a process crash: the
   * operating system still holds the writes). With `loseUnsynced` it is a power loss: the node
   * restarts from what it last synced (StepEnv.sync); for a protocol that does not sync
   * explicitly that is everything, as for a plain crash.
   */
  | { at: VirtualMs; action: 'crash'; node: NodeRef; loseUnsynced?: boolean }
  /** restart with no node restarts every crashed node. */
  | { at: VirtualMs; action: 'restart'; node?: NodeRef }
  /** isolate moves a node into a partition group of its own. */
  | { at: VirtualMs; action: 'isolate'; node: NodeRef }
  /**
   * partition drops messages between groups; nodes in no group form one more group together.
   * `regions`, if given, names where a viewer draws each group (one name per group, e.g. the
   * playground's `main`, `a`, `b`), so a share link reproduces the picture; the simulator ignores it.
   */
  | { at: VirtualMs; action: 'partition'; groups: NodeId[][]; regions?: string[] }
  /** heal removes every partition and link cut (latency, loss and duplication settings stay). */
  | { at: VirtualMs; action: 'heal' }
  /** link changes the directed link from → to; omitted fields keep their value. */
  | {
      at: VirtualMs;
      action: 'link';
      from: NodeId;
      to: NodeId;
      latencyMs?: LatencyRange;
      loss?: number;
      duplicate?: number;
      cut?: boolean;
    }
  /** timeout forces the protocol's timeout on a node now (Raft: start an election, §5.2). */
  | { at: VirtualMs; action: 'timeout'; node: NodeRef }
  /**
   * input invokes one of the protocol's own node actions (Protocol.nodeActions) on a node now:
   * input `{kind: "action", name, args}`. `name` must be an action the protocol declares.
   */
  | { at: VirtualMs; action: 'input'; node: NodeRef; name: string; args?: Record<string, unknown> }
  /**
   * skew makes a node's clock run `rate` times as fast as real time, from now on (also across
   * restarts): with rate 2 a 100 ms timer fires after 50 virtual ms. Rate 1 undoes it.
   * {@link SKEW_LIMITS} bounds the rate.
   */
  | { at: VirtualMs; action: 'skew'; node: NodeRef; rate: number }
  /**
   * pause stops a node for `ms` virtual ms (a GC pause, a stopped VM), within {@link PAUSE_LIMITS}.
   * The node keeps its state but steps for nothing until it resumes at `at + ms`: messages that
   * arrive, timers that come due and client requests to it wait, and at the resume it handles them
   * in the order they came due (its clock has jumped). Pausing a paused node extends the pause to
   * the later end; a crash ends it (what waited is lost). A crashed node cannot be paused.
   * The trace marks the end with a `resume` record.
   */
  | { at: VirtualMs; action: 'pause'; node: NodeRef; ms: number }
  /** request has a client invoke `op`, sent to `node` if given; no client means a fresh one. */
  | { at: VirtualMs; action: 'request'; op: Op; client?: string; node?: NodeRef }
  /**
   * manual switches manual delivery on or off. While on, the user is the network: every message
   * waits on the bus until a `deliver`, `drop` or `duplicate` action names it, and node timers
   * fire only by a `fire` action. Switching it off sends every held message on its way.
   */
  | { at: VirtualMs; action: 'manual'; enabled: boolean }
  /** deliver hands held message `id` (the trace's message id) to its receiver now (manual mode). */
  | { at: VirtualMs; action: 'deliver'; id: number }
  /** drop loses held message `id` (manual mode). */
  | { at: VirtualMs; action: 'drop'; id: number }
  /** duplicate puts a second copy of held message `id` on the bus, with a new id (manual mode). */
  | { at: VirtualMs; action: 'duplicate'; id: number }
  /** fire fires `node`'s armed timer `timer` now (manual mode), e.g. Raft's `election`. */
  | { at: VirtualMs; action: 'fire'; node: NodeId; timer: string }
  /**
   * byzantine hands `node` to the adversary with `behaviour` (one of the protocol's
   * Protocol.behaviours, e.g. PBFT's `equivocate`), or back to honesty with `honest`. The node
   * keeps its state; only what it does from now on changes. Protocols with no behaviours refuse it.
   */
  | { at: VirtualMs; action: 'byzantine'; node: NodeRef; behaviour: string };

/** SKEW_LIMITS bounds a clock-skew rate (a factor, dimensionless). */
export const SKEW_LIMITS = { min: 0.25, max: 4 } as const;

/** PAUSE_LIMITS bounds a pause's length (virtual ms): at least 1 ms, at most 10 virtual minutes. */
export const PAUSE_LIMITS = { minMs: 1, maxMs: 600_000 } as const;

/** ActionName is the `action` field of a TimelineAction. */
export type ActionName = TimelineAction['action'];

/** Scenario is a normalised scenario: every default filled in, `nodes` a list, timeline sorted by `at`. */
export interface Scenario {
  version: 1;
  protocol: string;
  /** Unsigned 32-bit seed from which every random choice derives. */
  seed: number;
  nodes: NodeId[];
  /** How long the headless runner runs (virtual ms). */
  until: VirtualMs;
  /** Protocol-specific configuration, validated by the protocol's own schema. */
  config: Record<string, unknown>;
  network: NetworkConfig;
  clients: ClientConfig;
  timeline: TimelineAction[];
  /** Optional title and description, shown in the examples menu. */
  name?: string;
  description?: string;
}

/** SCENARIO_VERSION is the newest scenario format this build reads. */
export const SCENARIO_VERSION = 1;
