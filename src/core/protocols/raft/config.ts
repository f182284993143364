/** Raft's configuration, as given in a scenario's `config` field. */
import * as v from 'valibot';
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
}

/** RAFT_DEFAULTS is used for every field a scenario leaves out. */
export const RAFT_DEFAULTS: RaftConfig = {
  electionTimeoutMs: [150, 300],
  heartbeatMs: 50,
  maxEntriesPerAppend: 64,
  maxLogEntries: 100_000,
  bugs: [],
};

const ms = (what: string) =>
  v.pipe(v.number(`${what} must be a number of virtual ms`), v.integer(`${what} must be a whole number of virtual ms`));

/** raftConfigSchema validates a scenario's `config` for Raft and fills defaults. */
export const raftConfigSchema = v.pipe(
  v.strictObject({
    electionTimeoutMs: v.optional(
      v.pipe(
        v.tuple([
          v.pipe(ms('electionTimeoutMs[0]'), v.minValue(2, 'electionTimeoutMs[0] must be at least 2')),
          v.pipe(ms('electionTimeoutMs[1]'), v.maxValue(600_000, 'electionTimeoutMs[1] must be at most 600000')),
        ]),
        v.check(([lo, hi]) => lo <= hi, 'electionTimeoutMs must be [min, max] with min ≤ max'),
      ),
      RAFT_DEFAULTS.electionTimeoutMs,
    ),
    heartbeatMs: v.optional(
      v.pipe(ms('heartbeatMs'), v.minValue(1, 'heartbeatMs must be at least 1'), v.maxValue(600_000, 'heartbeatMs must be at most 600000')),
      RAFT_DEFAULTS.heartbeatMs,
    ),
    maxEntriesPerAppend: v.optional(
      v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(10_000)),
      RAFT_DEFAULTS.maxEntriesPerAppend,
    ),
    maxLogEntries: v.optional(
      v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(1_000_000)),
      RAFT_DEFAULTS.maxLogEntries,
    ),
    bugs: v.optional(
      v.pipe(
        v.array(
          v.picklist(RAFT_BUG_IDS, (i) => `unknown bug ${JSON.stringify(i.input)} (known: ${RAFT_BUG_IDS.join(', ')})`),
          'bugs must be a list of bug names',
        ),
        v.check((bs) => new Set(bs).size === bs.length, 'bugs must not name a bug twice'),
      ),
      () => [],
    ),
  }),
  v.check(
    (c) => c.heartbeatMs < c.electionTimeoutMs[0],
    'heartbeatMs must be less than the minimum election timeout, or followers time out between heartbeats (§5.6)',
  ),
);
