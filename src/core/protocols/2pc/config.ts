/**
 * Two-phase commit's configuration, as given in a scenario's `config` field: the variant (2PC or
 * Skeen's 3PC), the coordinator, who owns which key, how often participants refuse, the timeouts
 * and the forced-write latency of the write-ahead log, and the teaching bugs.
 */
import * as v from 'valibot';
import { probability } from '../../scenario/fields';
import { sectionFields } from '../../scenario/issues';
import type { NodeId } from '../../types';

/**
 * TwoPcBug is one teaching bug (bugs.ts describes each):
 * - `decide-early`: the coordinator decides commit once every vote but the last is in and says commit;
 * - `forget-prepared`: a participant's restart loses its "prepared" log records;
 * - `send-before-log`: the coordinator sends its decision before its log write completes.
 */
export type TwoPcBug = 'decide-early' | 'forget-prepared' | 'send-before-log';

/** TWO_PC_BUG_IDS lists every teaching bug, in menu order. */
export const TWO_PC_BUG_IDS: readonly TwoPcBug[] = ['decide-early', 'forget-prepared', 'send-before-log'];

/** Variant is the commit protocol: Gray's two-phase commit or Skeen's three-phase commit. */
export type Variant = '2pc' | '3pc';

/** TwoPcConfig tunes one atomic-commit cluster. Times are virtual ms. */
export interface TwoPcConfig {
  /** `2pc` (Gray 1978; Bernstein, Hadzilacos & Goodman ch. 7) or `3pc` (Skeen 1981: pre-commit, nonblocking under crashes). */
  variant: Variant;
  /** The coordinator's id; null: the cluster's first node. Every other node is a participant. */
  coordinator: NodeId | null;
  /**
   * Pinned owners: key → participant. Keys not listed go to participant number (sum of the key's
   * UTF-16 code units) mod (number of participants), participants in cluster order (keys.ts).
   */
  owners: Record<string, NodeId>;
  /** Probability (0–1) that a participant votes abort on a prepare, drawn from its own random stream. */
  abortRate: number;
  /** Participants that vote abort on every transaction (a constraint that always fails there). */
  refuse: NodeId[];
  /** The coordinator aborts a transaction whose votes are not all in after this long (2PC and 3PC). */
  voteTimeoutMs: number;
  /**
   * The coordinator re-sends its decision to participants that have not acked after this long; in
   * 3PC it also commits when pre-commit acks are missing this long (the silent ones presumed crashed).
   */
  ackTimeoutMs: number;
  /**
   * A prepared participant with no decision after this long runs the termination protocol: 2PC asks
   * its peers and the coordinator (cooperative termination); 3PC elects a backup coordinator.
   */
  decisionTimeoutMs: number;
  /** A forced log write (prepared, pre-commit, decision) is durable this long after it is asked for. */
  logWriteMs: number;
  /** Teaching bugs switched on. */
  bugs: TwoPcBug[];
}

/** TWO_PC_DEFAULTS is used for every field a scenario leaves out. */
export const TWO_PC_DEFAULTS: TwoPcConfig = {
  variant: '2pc',
  coordinator: null,
  owners: {},
  abortRate: 0,
  refuse: [],
  voteTimeoutMs: 400,
  ackTimeoutMs: 300,
  decisionTimeoutMs: 600,
  logWriteMs: 10,
  bugs: [],
};

const ms = (min: number) => {
  const words = `{field} must be a whole number of virtual ms from ${min} to 600000 (got {got})`;
  return v.pipe(v.number(words), v.integer(words), v.minValue(min, words), v.maxValue(600_000, words));
};
const nodeId = v.pipe(v.string('{field} must be a node id such as "n2" (got {got})'), v.minLength(1, '{field} must not be empty'));
const OWNERS_SHAPE = '{field} must map keys to participants, e.g. {"x": "n2"} (got {got})';

const entries = {
  variant: v.optional(v.picklist(['2pc', '3pc'], '{field} must be "2pc" or "3pc" (got {got})'), TWO_PC_DEFAULTS.variant),
  coordinator: v.optional(v.nullable(nodeId), TWO_PC_DEFAULTS.coordinator),
  owners: v.optional(
    v.pipe(
      v.custom<Record<string, unknown>>((x) => typeof x === 'object' && x !== null && !Array.isArray(x), OWNERS_SHAPE),
      v.record(v.string(), nodeId, OWNERS_SHAPE),
    ),
    () => ({}),
  ),
  abortRate: v.optional(probability(), TWO_PC_DEFAULTS.abortRate),
  refuse: v.optional(v.array(nodeId, '{field} must be a list of node ids, e.g. ["n3"] (got {got})'), () => []),
  voteTimeoutMs: v.optional(ms(1), TWO_PC_DEFAULTS.voteTimeoutMs),
  ackTimeoutMs: v.optional(ms(1), TWO_PC_DEFAULTS.ackTimeoutMs),
  decisionTimeoutMs: v.optional(ms(1), TWO_PC_DEFAULTS.decisionTimeoutMs),
  logWriteMs: v.optional(ms(1), TWO_PC_DEFAULTS.logWriteMs),
  bugs: v.optional(
    v.pipe(
      v.array(
        v.picklist(TWO_PC_BUG_IDS, `{field} names an unknown bug {got} (known: ${TWO_PC_BUG_IDS.join(', ')})`),
        '{field} must be a list of bug names (got {got})',
      ),
      v.check((bs) => new Set(bs).size === bs.length, '{field} must not name a bug twice (got {got})'),
    ),
    () => [],
  ),
};

/**
 * twoPcConfigSchema validates a scenario's `config` for 2PC and fills defaults. Its messages are
 * worded for people (src/core/scenario/issues.ts). Node ids are checked against the cluster when a
 * node starts (keys.ts), since the schema cannot see the cluster.
 */
export const twoPcConfigSchema = v.strictObject(entries, sectionFields('config', Object.keys(entries), '2pc'));
