/**
 * Paxos's configuration, as given in a scenario's `config` field: the mode (single-decree or
 * Multi-Paxos), the Flexible Paxos quorum sizes, which nodes are acceptors, the distinguished
 * proposer, retry and backoff, the leader's heartbeat and timeout, and the teaching bugs.
 */
import * as v from 'valibot';
import { sectionFields } from '../../scenario/issues';
import type { NodeId } from '../../types';

/**
 * PaxosBug is one teaching bug (bugs.ts describes each):
 * - `accept-below-promise`: an acceptor accepts an accept(n, v) below the ballot it promised (breaks P1a);
 * - `ignore-promise-values`: a proposer ignores the values reported in phase 1b and proposes its own.
 */
export type PaxosBug = 'accept-below-promise' | 'ignore-promise-values';

/** PAXOS_BUG_IDS lists every teaching bug, in menu order. */
export const PAXOS_BUG_IDS: readonly PaxosBug[] = ['accept-below-promise', 'ignore-promise-values'];

/** PaxosMode: one decree (Paxos Made Simple §2) or one instance per log slot (§3, Multi-Paxos). */
export type PaxosMode = 'single' | 'multi';

/** PaxosConfig tunes one Paxos cluster. Times are virtual ms. */
export interface PaxosConfig {
  /** `single`: one value is chosen (slot 1); `multi`: a replicated key-value log with a leader. */
  mode: PaxosMode;
  /** The acceptors; null: every node. Every node is a learner and may propose. */
  acceptors: NodeId[] | null;
  /** Phase-1 quorum size |Q1| (Flexible Paxos); null: a majority of the acceptors. */
  q1: number | null;
  /** Phase-2 quorum size |Q2| (Flexible Paxos); null: a majority of the acceptors. */
  q2: number | null;
  /**
   * The distinguished proposer (Paxos Made Simple §2.4); null: none, every node may propose. When
   * set, only it runs phase 1, and other nodes redirect clients to it.
   */
  distinguished: NodeId | null;
  /** A proposer whose value is not chosen this long after it began a round begins a higher one. */
  retryMs: number;
  /** Randomized backoff: the next round begins after retryMs to 4 × retryMs, drawn from the node's seeded stream; off: exactly retryMs. */
  backoff: boolean;
  /** Multi-Paxos: the leader's heartbeat period (it also re-sends unanswered accepts then). */
  heartbeatMs: number;
  /** Multi-Paxos: a node that hears no leader this long (drawn from [min, max]) begins phase 1. */
  leaderTimeoutMs: [number, number];
  /** Teaching bugs switched on. */
  bugs: PaxosBug[];
}

/** PAXOS_DEFAULTS is used for every field a scenario leaves out. */
export const PAXOS_DEFAULTS: PaxosConfig = {
  mode: 'multi',
  acceptors: null,
  q1: null,
  q2: null,
  distinguished: null,
  retryMs: 200,
  backoff: true,
  heartbeatMs: 50,
  leaderTimeoutMs: [150, 300],
  bugs: [],
};

/** paxosConfig fills `partial` with the defaults (for tests). */
export const paxosConfig = (partial: Partial<PaxosConfig> = {}): PaxosConfig => ({ ...PAXOS_DEFAULTS, ...partial });

const ms = (min: number) => {
  const words = `{field} must be a whole number of virtual ms from ${min} to 600000 (got {got})`;
  return v.pipe(v.number(words), v.integer(words), v.minValue(min, words), v.maxValue(600_000, words));
};
const nodeId = v.pipe(v.string('{field} must be a node id such as "n2" (got {got})'), v.minLength(1, '{field} must not be empty'));
const quorum = v.nullable(
  v.pipe(
    v.number('{field} must be a quorum size (a whole number of acceptors) or null for a majority (got {got})'),
    v.integer('{field} must be a whole number of acceptors (got {got})'),
    v.minValue(1, '{field} must be at least 1 acceptor (got {got})'),
  ),
);
const RANGE = '{field} must be [min, max] virtual ms with 1 ≤ min ≤ max, e.g. [150, 300] (got {got})';

const entries = {
  mode: v.optional(v.picklist(['single', 'multi'], '{field} must be "single" or "multi" (got {got})'), PAXOS_DEFAULTS.mode),
  acceptors: v.optional(v.nullable(v.pipe(v.array(nodeId, '{field} must be a list of node ids, e.g. ["n3", "n4", "n5"] (got {got})'), v.minLength(1, '{field} must name at least one acceptor'))), null),
  q1: v.optional(quorum, null),
  q2: v.optional(quorum, null),
  distinguished: v.optional(v.nullable(nodeId), null),
  retryMs: v.optional(ms(1), PAXOS_DEFAULTS.retryMs),
  backoff: v.optional(v.boolean('{field} must be true or false (got {got})'), PAXOS_DEFAULTS.backoff),
  heartbeatMs: v.optional(ms(1), PAXOS_DEFAULTS.heartbeatMs),
  leaderTimeoutMs: v.optional(
    v.pipe(v.tuple([ms(1), ms(1)], RANGE), v.check(([a, b]) => a <= b, RANGE)),
    () => [...PAXOS_DEFAULTS.leaderTimeoutMs] as [number, number],
  ),
  bugs: v.optional(
    v.pipe(
      v.array(v.picklist(PAXOS_BUG_IDS, `{field} names an unknown bug {got} (known: ${PAXOS_BUG_IDS.join(', ')})`), '{field} must be a list of bug names (got {got})'),
      v.check((bs) => new Set(bs).size === bs.length, '{field} must not name a bug twice (got {got})'),
    ),
    () => [],
  ),
};

/**
 * paxosConfigSchema validates a scenario's `config` for Paxos and fills defaults. Node ids and
 * quorum sizes are checked against the cluster when a node starts ({@link quorumsOf}).
 */
export const paxosConfigSchema = v.strictObject(entries, sectionFields('config', Object.keys(entries), 'paxos'));

/** Quorums are the acceptors and the two quorum sizes in force. */
export interface Quorums {
  acceptors: NodeId[];
  q1: number;
  q2: number;
  /** True when |Q1| + |Q2| ≤ |acceptors|: a phase-1 and a phase-2 quorum need not intersect (Howard et al. 2016). */
  unsafe: boolean;
}

/**
 * quorumsOf resolves `config` against cluster `nodes`: the acceptors (default all), and |Q1|, |Q2|
 * (default a majority, ⌊n/2⌋+1).
 * @throws Error naming the field if an acceptor or the distinguished proposer is not in the
 * cluster, or a quorum is larger than the acceptors.
 */
export function quorumsOf(config: PaxosConfig, nodes: readonly NodeId[]): Quorums {
  const acceptors = config.acceptors ?? [...nodes];
  for (const a of acceptors) if (!nodes.includes(a)) throw new Error(`config.acceptors names ${a}, which is not in the cluster (${nodes.join(', ')})`);
  if (config.distinguished !== null && !nodes.includes(config.distinguished)) throw new Error(`config.distinguished is ${config.distinguished}, which is not in the cluster (${nodes.join(', ')})`);
  const majority = Math.floor(acceptors.length / 2) + 1;
  const q1 = config.q1 ?? majority;
  const q2 = config.q2 ?? majority;
  for (const [name, q] of [['q1', q1], ['q2', q2]] as const) {
    if (q > acceptors.length) throw new Error(`config.${name} is ${q}, but there are only ${acceptors.length} acceptors`);
  }
  return { acceptors, q1, q2, unsafe: q1 + q2 <= acceptors.length };
}

/** quorumWarning words the Flexible Paxos warning for unsafe quorums, or null when they intersect. */
export function quorumWarning(q: Quorums): string | null {
  if (!q.unsafe) return null;
  return `|Q1| + |Q2| = ${q.q1} + ${q.q2} ≤ ${q.acceptors.length} acceptors: a phase-1 and a phase-2 quorum need not intersect, so two values may be chosen (Flexible Paxos needs |Q1| + |Q2| > N, Howard, Malkhi & Spiegelman 2016)`;
}
