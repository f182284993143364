/** Raft's configuration, as given in a scenario's `config` field. */
import * as v from 'valibot';
import { sectionFields } from '../../scenario/issues';
import { RAFT_BUG_IDS, type RaftBug } from './bugs';

export type { RaftBug } from './bugs';

/** RaftConfig tunes one Raft cluster. Extended Raft paper (Ongaro & Ousterhout 2014) §5.2, §5.6. */
export interface RaftConfig {
  /** Each election timeout is drawn uniformly from [min, max] virtual ms (§5.2). */
  electionTimeoutMs: [number, number];
  /** A leader sends AppendEntries to every follower at least this often (virtual ms), as heartbeats. */
  heartbeatMs: number;
  /** At most this many entries ride in one AppendEntries (entries). */
  maxEntriesPerAppend: number;
  /** A leader refuses client requests once its log holds this many entries (entries): a limit, not a protocol rule. */
  maxLogEntries: number;
  /**
   * Teaching bugs switched on (see bugs.ts): each plants one known bug in Raft, to show what the
   * safety checks catch. Empty (the default, which the schema always fills in): correct Raft.
   * Optional in the type only so that configs built by hand without it still mean correct Raft.
   */
  bugs?: RaftBug[];
  /**
   * The initial voters (thesis §4.1), in any order; absent: every node of the scenario (today's
   * behaviour). Nodes left out start outside the configuration: they do not campaign and receive no
   * log until a membership change adds them (membership.ts).
   */
  members?: string[];
  /**
   * How voters are added and removed (membership.ts): `single-server` (thesis §4.1, one voter at a
   * time, the default) or `joint-consensus` (paper §6, thesis §4.3: through C_old,new, which needs
   * separate majorities of the old and the new voters). Absent: `single-server`.
   */
  membershipChange?: 'single-server' | 'joint-consensus';
  /**
   * A learner is promoted to voter after this many catch-up rounds, the last one shorter than the
   * minimum election timeout (thesis §4.2.1 suggests about 10); rounds. Absent: 3.
   */
  catchUpRounds?: number;
}

/** RAFT_DEFAULTS is used for every field a scenario leaves out. */
export const RAFT_DEFAULTS: RaftConfig = {
  electionTimeoutMs: [150, 300],
  heartbeatMs: 50,
  maxEntriesPerAppend: 64,
  maxLogEntries: 100_000,
  bugs: [],
};

const msWords = '{field} must be a whole number of virtual ms (got {got})';
const ms = () => v.pipe(v.number(msWords), v.integer(msWords));
const count = (max: number) => {
  const words = `{field} must be a whole number from 1 to ${max} (got {got})`;
  return v.pipe(v.number(words), v.integer(words), v.minValue(1, words), v.maxValue(max, words));
};

const entries = {
  electionTimeoutMs: v.optional(
    v.pipe(
      v.custom<unknown[]>((x) => Array.isArray(x) && x.length === 2, '{field} must be [min, max] in virtual ms (got {got})'),
      v.strictTuple([
        v.pipe(ms(), v.minValue(2, '{field} must be at least 2 virtual ms (got {got})')),
        v.pipe(ms(), v.maxValue(600_000, '{field} must be at most 600000 virtual ms (got {got})')),
      ]),
      v.check(([lo, hi]) => lo <= hi, '{field} must be [min, max] with min ≤ max (got {got})'),
    ),
    RAFT_DEFAULTS.electionTimeoutMs,
  ),
  heartbeatMs: v.optional(
    v.pipe(ms(), v.minValue(1, '{field} must be at least 1 virtual ms (got {got})'), v.maxValue(600_000, '{field} must be at most 600000 virtual ms (got {got})')),
    RAFT_DEFAULTS.heartbeatMs,
  ),
  maxEntriesPerAppend: v.optional(count(10_000), RAFT_DEFAULTS.maxEntriesPerAppend),
  maxLogEntries: v.optional(count(1_000_000), RAFT_DEFAULTS.maxLogEntries),
  bugs: v.optional(
    v.pipe(
      v.array(
        v.picklist(RAFT_BUG_IDS, `{field} names an unknown bug {got} (known: ${RAFT_BUG_IDS.join(', ')})`),
        '{field} must be a list of bug names (got {got})',
      ),
      v.check((bs) => new Set(bs).size === bs.length, '{field} must not name a bug twice (got {got})'),
    ),
    () => [],
  ),
  members: v.optional(
    v.pipe(
      v.array(v.pipe(v.string('{field} must list node names, e.g. ["n1", "n2", "n3"] (got {got})'), v.nonEmpty('{field} must not hold an empty node name')), '{field} must be a list of node names, e.g. ["n1", "n2", "n3"] (got {got})'),
      v.minLength(1, '{field} must name at least one voter (got {got})'),
      v.check((ms) => new Set(ms).size === ms.length, '{field} must not name a node twice (got {got})'),
    ),
  ),
  membershipChange: v.optional(
    v.picklist(['single-server', 'joint-consensus'], '{field} must be "single-server" (thesis §4.1) or "joint-consensus" (paper §6) (got {got})'),
  ),
  catchUpRounds: v.optional(count(100)),
};

/**
 * raftConfigSchema validates a scenario's `config` for Raft and fills defaults. Its messages are
 * worded for people (see src/core/scenario/issues.ts): `{field}` is the field's name.
 */
export const raftConfigSchema = v.pipe(
  v.strictObject(entries, sectionFields('config', Object.keys(entries), 'raft')),
  v.check(
    (c) => c.heartbeatMs < c.electionTimeoutMs[0],
    (i) =>
      `config.heartbeatMs (${i.input.heartbeatMs}) must be less than the minimum election timeout, config.electionTimeoutMs[0] (${i.input.electionTimeoutMs[0]}), or followers time out between heartbeats (§5.6)`,
  ),
);
