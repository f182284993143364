/**
 * The core plugin contract: everything the playground needs of a protocol, declared by the
 * protocol's own folder in one {@link ProtocolEntry} and registered with one line in registry.ts.
 * Generic code (the simulator, the fuzzer, the checks, the headless runner, share links, the UI)
 * reads a protocol only through this entry and never branches on its name.
 */
import type * as v from 'valibot';
import type { ClientRecord } from '../check/checked-run';
import type { NemesisKind } from '../chaos/nemesis';
import type { WorkloadOptions } from '../chaos/workload';
import type { AnyProtocol, ClusterView } from '../protocol';
import type { Scenario, TimelineAction } from '../scenario/types';
import type { TraceRecord } from '../trace';
import type { NodeId, NodeSummary, Op, VirtualMs } from '../types';

/**
 * ClientOps declares a protocol's client operations: their schema (for scenario files, share links
 * and the request form), how to word them, and the seeded traffic chaos runs and default scenarios
 * send.
 */
export interface ClientOps {
  /** The ops' names (`f`), in the request form's order, e.g. `["get", "put", "append", "cas"]`. */
  names: readonly string[];
  /**
   * schema validates one op. Its messages are for people (`{field}`, `{got}` placeholders, as in
   * configSchema). A request action whose op fails it is refused with that message.
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  schema: v.GenericSchema<any, Op>;
  /** example is an op to show in error messages, e.g. `{"f": "get", "key": "x"}`. */
  example: Op;
  /** describe words an op for the event log and the request list, e.g. `txn x=1 y=2`. */
  describe(op: Op): string;
  /**
   * workload draws seeded client traffic: request actions from `opts.startMs` until before
   * `opts.endMs`, sorted by `at`, from `seed`'s own stream. Deterministic in its arguments.
   */
  workload(seed: number, opts: WorkloadOptions): TimelineAction[];
}

/** ConsistencyVerdict is a consistency check's verdict: `unknown` when its budget ran out. */
export type ConsistencyVerdict = 'ok' | 'fail' | 'unknown';

/** ConsistencyInput is what a consistency check reads of a finished (or paused) run. */
export interface ConsistencyInput {
  scenario: Scenario;
  /** Every `client` trace record so far, in order. */
  history: readonly ClientRecord[];
  /** Every `record` trace record (StepEnv.record) so far, in order. */
  records: readonly Extract<TraceRecord, { type: 'record' }>[];
  /**
   * Every `fault` and `resume` trace record so far, in order: the faults as the simulator applied
   * them, with node refs resolved (`node`, a restart's `nodes`) and each pause's real end.
   */
  faults: readonly Extract<TraceRecord, { type: 'fault' | 'resume' }>[];
  /** The nodes as they are now: their live protocol state and NodeDetail. */
  view: ClusterView;
  /** The nodes up now (not crashed). */
  live: readonly NodeId[];
  /** connected tells whether the bus delivers from `a` to `b` now (no partition or cut between them). */
  connected(a: NodeId, b: NodeId): boolean;
  /** The run's virtual time now (virtual ms). */
  now: VirtualMs;
  /** Whether the run is over (a convergence check only judges a finished run). */
  final: boolean;
  /** The caller's wall-clock budget: true once the check should give up with `unknown`. */
  deadline?: () => boolean;
  /** A deterministic budget: the most search steps a costly check may take before `unknown` (default: the checker's own). */
  maxSteps?: number;
}

/** ConsistencyResult is one check's outcome, with enough to explain it on a projector. */
export interface ConsistencyResult {
  verdict: ConsistencyVerdict;
  /** Why it failed (or why it is unknown), in words naming the operations or nodes. */
  reason?: string;
  /** The client operations (or transactions, or broadcasts) checked. */
  operations: number;
  /** A short line of detail for reports, e.g. `3 keys` or `25 nodes hold all 12 values`. */
  detail?: string;
  /** Nodes to highlight when it failed. */
  nodes?: NodeId[];
  /** The model's own data for its view (linearizability: the KvHistory and CheckResult for the history chart). */
  extra?: unknown;
}

/**
 * ConsistencySpec is a protocol's consistency model and its checker: linearizable key-value for Raft
 * and PBFT, atomic commit for 2PC, eventual delivery for gossip. The fuzzer, the run report and the
 * UI's consistency lamp all run it.
 */
export interface ConsistencySpec {
  /** Short id, e.g. `linearizability`, `atomic-commit`, `eventual-delivery`; a failure's `property` in fuzz output. */
  id: string;
  /** The lamp's title, e.g. `Linearizable`. */
  title: string;
  /** One sentence a student can read. */
  description: string;
  /** Where the model is defined, e.g. `Herlihy & Wing 1990`. */
  source: string;
  /** check judges the run so far. Pure; must respect `deadline`. */
  check(input: ConsistencyInput): ConsistencyResult;
}

/** ClusterShape is what a recovery check sees of the cluster now, from trace records alone. */
export interface ClusterShape {
  /** Every node, in cluster order. */
  nodes: readonly NodeId[];
  /** Each node's last `state` record (role, term, votedFor, commitIndex, lastLogIndex, fields); absent before its first. */
  summaries: ReadonlyMap<NodeId, Omit<NodeSummary, 'lastApplied'>>;
  /** isDown tells whether a node is crashed now. */
  isDown(id: NodeId): boolean;
  /** group gives a node's partition group: nodes of one group reach each other (0: no partition). */
  group(id: NodeId): number;
}

/**
 * RecoverySpec says what "recovered" means for the run report's recovery times: after a fault, the
 * time until the cluster is recovered and stays so, in the same state, for the report's stable time.
 */
export interface RecoverySpec {
  /** Words for the report, e.g. `a stable leader with a quorum`, `the coordinator up and reachable`. */
  meaning: string;
  /**
   * state names the recovered state the cluster is in now (e.g. `n3@4`: n3 leads epoch 4), or null
   * when it is not recovered. A change of name restarts the stable clock, as a new leader does.
   */
  state(c: ClusterShape): string | null;
}

/** ExampleSet is one heading of the examples menu: scenarios that each tell one story. */
export interface ExampleSet {
  /** The menu heading, e.g. `Two-phase commit`. */
  title: string;
  /** Example id → a raw scenario (validated by parseScenario) or a builder. Ids are unique across protocols. */
  examples: Record<string, Record<string, unknown> | (() => Scenario)>;
}

/**
 * ProtocolEntry pairs a protocol with everything generic code needs of it. The schema's messages
 * are for people: `{field}` stands for the field's name and `{got}` for the value found, and a
 * check left without a message is worded from its kind (src/core/scenario/issues.ts).
 */
export interface ProtocolEntry {
  protocol: AnyProtocol;
  /** Its name for menus, e.g. `Two-phase commit`. */
  title: string;
  /** One sentence for the protocol menu's tooltip, with the paper. */
  description?: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  configSchema: v.GenericSchema<any, any>;
  /** defaultNodes is the cluster size Reset and the protocol menu load (Raft 5, PBFT 3f + 1 = 4). */
  defaultNodes: number;
  /** The fewest and most nodes it runs with (default: the scenario limits, 1 and SCENARIO_LIMITS.maxNodes). */
  nodeRange?: readonly [number, number];
  /**
   * defaultWorkload is the client traffic of the default scenario, drawn from its seed by
   * `ops.workload`, or absent for none; its `endMs` is the default scenario's end (see defaultScenario).
   */
  defaultWorkload?: Omit<WorkloadOptions, 'endMs'>;
  /** ops declares the client operations. */
  ops: ClientOps;
  /** consistency is the consistency model the client history (or the final state) is checked against. */
  consistency: ConsistencySpec;
  /** recovery defines recovery for run reports; absent: a stable leader (leaderRole) with a quorum. */
  recovery?: RecoverySpec;
  /**
   * metrics gives the protocol's own measures of a run for `npm run sim -- --report`
   * (RunReport.metrics), e.g. `{tasks: {submitted: 12, completed: 12, duplicated: 0}, detectionMs:
   * [310, 295]}`: JSON-safe values (numbers, strings, arrays and plain objects), units in the key's
   * name (`…Ms` virtual ms). Read from the same input as the consistency check. Absent: none.
   */
  metrics?(input: ConsistencyInput): Record<string, unknown>;
  /**
   * examples gives the protocol's example scenarios (its stories and teaching bugs), in menu order.
   * A function, so example modules (which need the scenario schema, which needs this registry) are
   * read after every module has loaded.
   */
  examples(): readonly ExampleSet[];
  /** chaos is what the fuzzer and chaos runs vary per seed for this protocol. */
  chaos: {
    /** sizes the seed picks the cluster size from (a size listed twice is drawn twice as often). */
    sizes: readonly number[];
    /** knobs gives the scenario `config` for seed `seed` and cluster `nodes`, deterministically. */
    knobs(seed: number, nodes: readonly NodeId[]): Record<string, unknown>;
    /**
     * The nemesis kinds that make sense for it (default: every kind but `power-loss` and `pause`;
     * leader-free protocols drop the leader-targeted ones). List `pause` to have nodes paused.
     */
    nemesis?: readonly NemesisKind[];
    /**
     * detectionMs gives how long (virtual ms) the protocol waits before it acts on a silent node
     * (Raft: the longest election timeout; a failure detector: its timeout), under the seed's
     * `knobs` (config overrides). The nemesis's `pause` faults last 1–3× this. Absent: they last
     * as long as other faults (NEMESIS_DEFAULTS.durationMs).
     */
    detectionMs?(knobs: Record<string, unknown>): number;
    /** Client traffic rate in chaos runs (requests per virtual second; default WORKLOAD_DEFAULTS.ratePerSecond). */
    ratePerSecond?: number;
    /**
     * moves gives the protocol's own operator actions for seed `seed` (Raft: membership changes,
     * leadership transfers), as timeline actions (usually `input` actions) at times in
     * [startMs, endMs) virtual ms, drawn from the seed's own stream. The chaos scenario adds them to
     * the nemesis's faults and the workload. Absent: none.
     */
    moves?(seed: number, nodes: readonly NodeId[], window: { startMs: VirtualMs; endMs: VirtualMs }): TimelineAction[];
  };
}
