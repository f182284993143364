/**
 * The bully election's configuration, as given in a scenario's `config` field (Garcia-Molina,
 * "Elections in a distributed computing system", IEEE ToC 1982; more-protocols.md §4): how nodes
 * are ranked (by id, or by a score = priority + health − load), the heartbeat that feeds each
 * node's failure detector (fixed timeout or φ accrual, src/core/detectors), and the election's two
 * waits, T for an ANSWER and T′ for the COORDINATOR that should follow one.
 */
import * as v from 'valibot';
import { DETECTOR_CONFIG_ENTRIES, DETECTOR_FIELD_DEFAULTS, type DetectorFields } from '../../detectors/schema';
import { PARSE_CONFIG, sectionFields, wordIssues } from '../../scenario/issues';

/**
 * RankMode says how nodes are ranked (the highest rank wins the election):
 * - `id`: by node id, in cluster order (n5 outranks n4), as in the paper;
 * - `score`: by priority + health − load (the issue's original design), ties broken by id. Health
 *   and load change during a run (node actions `set-load`, `set-health`, client ops `load`, `health`).
 */
export type RankMode = 'id' | 'score';

/** RANK_MODES lists the rank modes, in menu order. */
export const RANK_MODES: readonly RankMode[] = ['id', 'score'];

/**
 * BullyBug is a teaching bug (bugs.ts):
 * - `ignore-higher-coordinator`: a coordinator that hears COORDINATOR from a higher-ranked node keeps
 *   coordinating (rule 5 skipped), so a recovered higher node and the old coordinator both rule;
 * - `no-coordinator-timeout`: a candidate that got an ANSWER waits for COORDINATOR for ever (rule 3's
 *   T′ skipped), so if the node that answered dies before it announces, nobody ever coordinates.
 */
export type BullyBug = 'ignore-higher-coordinator' | 'no-coordinator-timeout';

/** BULLY_BUG_IDS lists every teaching bug. */
export const BULLY_BUG_IDS: readonly BullyBug[] = ['ignore-higher-coordinator', 'no-coordinator-timeout'];

/** BullyConfig tunes one cluster. Times are virtual ms. */
export interface BullyConfig extends DetectorFields {
  rank: RankMode;
  /** Score mode: each node's configured priority (absent: 0). */
  priorities: Record<string, number>;
  /** Score mode: each node's health at start (absent: 100). */
  health: Record<string, number>;
  /** Score mode: each node's load at start (absent: 0). */
  load: Record<string, number>;
  /** Every node sends a Heartbeat (with its rank) to every other node this often (virtual ms). */
  heartbeatMs: number;
  /** T: a candidate with no ANSWER from a higher node within this long takes over (rule 2). */
  answerTimeoutMs: number;
  /** T′: a candidate that got an ANSWER restarts its election if no COORDINATOR comes within this long (rule 3). */
  coordinatorTimeoutMs: number;
  /** Teaching bugs switched on (see {@link BullyBug}). */
  bugs: BullyBug[];
}

/**
 * BULLY_DEFAULTS: rank by id; a heartbeat every 200 ms; a fixed 1 s detector timeout (five missed
 * heartbeats); T = 300 ms, T′ = 600 ms, several round trips at the default latency.
 */
export const BULLY_DEFAULTS: BullyConfig = {
  ...DETECTOR_FIELD_DEFAULTS,
  rank: 'id',
  priorities: {},
  health: {},
  load: {},
  heartbeatMs: 200,
  answerTimeoutMs: 300,
  coordinatorTimeoutMs: 600,
  bugs: [],
};

const whole = (lo: number, hi: number, unit: string) => {
  const words = `{field} must be a whole number${unit} from ${lo} to ${hi} (got {got})`;
  return v.pipe(v.number(words), v.integer(words), v.minValue(lo, words), v.maxValue(hi, words));
};

const perNode = (what: string) =>
  v.optional(
    v.record(
      v.string(),
      v.pipe(v.number(`{field} must give each node a ${what} as a number from -1000 to 1000 (got {got})`), v.minValue(-1000, `{field} must be a number from -1000 to 1000 (got {got})`), v.maxValue(1000, `{field} must be a number from -1000 to 1000 (got {got})`)),
      `{field} must map node ids to numbers, e.g. {"n1": 10} (got {got})`,
    ),
    () => ({}),
  );

const entries = {
  ...DETECTOR_CONFIG_ENTRIES,
  rank: v.optional(v.picklist(RANK_MODES, `{field} must be one of ${RANK_MODES.join(', ')} (got {got})`), BULLY_DEFAULTS.rank),
  priorities: perNode('priority'),
  health: perNode('health'),
  load: perNode('load'),
  heartbeatMs: v.optional(whole(10, 60_000, ' of virtual ms'), BULLY_DEFAULTS.heartbeatMs),
  answerTimeoutMs: v.optional(whole(10, 60_000, ' of virtual ms'), BULLY_DEFAULTS.answerTimeoutMs),
  coordinatorTimeoutMs: v.optional(whole(10, 60_000, ' of virtual ms'), BULLY_DEFAULTS.coordinatorTimeoutMs),
  bugs: v.optional(
    v.pipe(
      v.array(v.picklist(BULLY_BUG_IDS, `{field} names an unknown bug {got} (known: ${BULLY_BUG_IDS.join(', ')})`), '{field} must be a list of bug names (got {got})'),
      v.check((bs) => new Set(bs).size === bs.length, '{field} must not name a bug twice (got {got})'),
    ),
    () => [],
  ),
};

/**
 * bullyConfigSchema validates a scenario's `config` for bully and fills defaults. Its messages are
 * worded for people (src/core/scenario/issues.ts): `{field}` is the field's name.
 */
export const bullyConfigSchema = v.strictObject(entries, sectionFields('config', Object.keys(entries), 'bully'));

/**
 * bullyConfig fills defaults into a partial config and checks it.
 * @throws Error naming the bad field, in the schema's words, if `partial` is invalid.
 */
export function bullyConfig(partial: Partial<BullyConfig> = {}): BullyConfig {
  const r = v.safeParse(bullyConfigSchema, partial, PARSE_CONFIG);
  if (!r.success) throw new Error(`bad bully config: ${wordIssues(r.issues, { base: ['config'] }).map((i) => i.message).join('; ')}`);
  return r.output as BullyConfig;
}
