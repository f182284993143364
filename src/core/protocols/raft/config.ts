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
   * Pre-vote (thesis §9.6; etcd raft `PreVote`): a node whose election timer fires first asks for
   * pre-votes for currentTerm + 1 without raising its term, and campaigns only once a quorum says it
   * would vote for it. Off when absent (the default, left out of the parsed config): the paper's
   * elections, §5.2.
   */
  preVote?: boolean;
  /**
   * CheckQuorum (thesis §6.2; etcd raft `CheckQuorum`): a leader that has not heard from a quorum
   * within the minimum election timeout (electionTimeoutMs[0] virtual ms) steps down; and a node that
   * heard from a leader within that time ignores a (pre-)vote request of a higher term (the
   * disruptive-server rule, thesis §4.2.3), unless the request comes from a leadership transfer.
   * Off when absent (the default, left out of the parsed config): leaders never step down on their own.
   */
  checkQuorum?: boolean;
  /**
   * Log compaction (Raft §7; thesis §5.1): a node snapshots its state machine once this many applied
   * entries follow its last snapshot (entries). Absent or 0: never compact.
   */
  snapshotThreshold?: number;
  /**
   * The most bytes of snapshot one InstallSnapshot chunk carries (Raft §7, Figure 13: offset, data,
   * done); bytes are characters of the snapshot's JSON image. Absent: {@link DEFAULT_SNAPSHOT_CHUNK_BYTES}.
   */
  snapshotChunkBytes?: number;
  /**
   * The disk's sync latency (virtual ms; storage.ts): appended entries, currentTerm and votedFor are
   * written at once but durable only when a sync completes this long after it starts, and a power
   * loss (timeline `crash` with `loseUnsynced`) restarts the node from what it last synced. Correct
   * Raft sends votes, RequestVotes and AppendEntries acknowledgements only after the sync, and a
   * leader counts its own entry only once synced (thesis §10.2.1; etcd's Ready handshake). A pair
   * [min, max] draws each sync's latency uniformly. Absent or 0: every step is synced, as before.
   */
  syncLatencyMs?: number | [number, number];
  /**
   * How a leader serves reads (`get`), thesis §6.4 (reads.ts). `log` (absent: the default): a read
   * is a log entry, answered once applied. `read-index`: record commitIndex (once an entry of the
   * leader's term has committed), confirm leadership with a heartbeat round a quorum acknowledges,
   * wait until applied, answer. `lease` (§6.4.1): after quorum acks of a heartbeat round sent at
   * `start`, serve locally until start + electionTimeoutMs[0] / clockDriftBound on the leader's own
   * clock, and otherwise as read-index; followers that hear from a leader refuse votes meanwhile.
   */
  reads?: 'log' | 'read-index' | 'lease';
  /**
   * The clock drift bound of lease reads (§6.4.1): how many times faster one node's clock may run
   * than another's; the lease lasts electionTimeoutMs[0] / clockDriftBound. A number ≥ 1; absent:
   * 1.5. A skew beyond it (the `skew` action) makes lease reads stale.
   */
  clockDriftBound?: number;
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

/** DEFAULT_SNAPSHOT_CHUNK_BYTES is the InstallSnapshot chunk size when config.snapshotChunkBytes is absent (bytes). */
export const DEFAULT_SNAPSHOT_CHUNK_BYTES = 64;

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
/** wholeIn accepts a whole number in [min, max], saying `words` for anything else. */
const wholeIn = (min: number, max: number, words: string) => v.pipe(v.number(words), v.integer(words), v.minValue(min, words), v.maxValue(max, words));
const count = (max: number) => wholeIn(1, max, `{field} must be a whole number from 1 to ${max} (got {got})`);

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
  syncLatencyMs: v.optional(
    v.union(
      [
        v.pipe(ms(), v.minValue(0, '{field} must be 0 or more virtual ms (got {got})'), v.maxValue(60_000, '{field} must be at most 60000 virtual ms (got {got})')),
        v.pipe(
          v.strictTuple([
            v.pipe(ms(), v.minValue(1, '{field} must be at least 1 virtual ms (got {got})')),
            v.pipe(ms(), v.maxValue(60_000, '{field} must be at most 60000 virtual ms (got {got})')),
          ]),
          v.check(([lo, hi]) => lo <= hi, '{field} must be [min, max] with min ≤ max (got {got})'),
        ),
      ],
      '{field} must be the disk\'s sync latency: a whole number of virtual ms such as 20, or [min, max] such as [5, 50] (got {got})',
    ),
  ),
  reads: v.optional(v.picklist(['log', 'read-index', 'lease'], '{field} must be "log", "read-index" or "lease" (got {got})')),
  clockDriftBound: v.optional(
    v.pipe(v.number('{field} must be a number from 1 to 100 (got {got})'), v.minValue(1, '{field} must be a number from 1 to 100 (got {got})'), v.maxValue(100, '{field} must be a number from 1 to 100 (got {got})')),
  ),
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
  // No default filled in: a scenario without these fields keeps its exact text (trace header, share link).
  preVote: v.optional(v.boolean('{field} must be true or false (got {got}): true turns pre-vote on (thesis §9.6)')),
  checkQuorum: v.optional(v.boolean('{field} must be true or false (got {got}): true makes a leader step down without a quorum (thesis §6.2)')),
  // No defaults filled in: absent means no compaction, so existing scenarios keep their exact traces.
  snapshotThreshold: v.optional(wholeIn(0, 1_000_000, '{field} must be a whole number of entries from 0 (no compaction) to 1000000 (got {got})')),
  snapshotChunkBytes: v.optional(wholeIn(1, 1_000_000, '{field} must be a whole number of bytes from 1 to 1000000 (got {got})')),
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
