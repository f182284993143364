/**
 * The quorum protocol's configuration, as given in a scenario's `config` field: Gifford's weighted
 * voting for replicated data ("Weighted voting for replicated data", SOSP 1979; more-protocols.md
 * §6): each replica's votes, the read and write quorums r and w, and the thresholds that decide a
 * proposal (the original design's agent voting: approve, reject or abstain, weighted).
 */
import * as v from 'valibot';
import { PARSE_CONFIG, sectionFields, wordIssues } from '../../scenario/issues';
import type { NodeId } from '../../types';

/** Stance is how an honest voter votes on every proposal: approve it, reject it, or abstain. */
export type Stance = 'approve' | 'reject' | 'abstain';

/** STANCES lists every stance, in menu order. */
export const STANCES: readonly Stance[] = ['approve', 'reject', 'abstain'];

/**
 * Behaviour is one way a Byzantine voter lies (byzantine.ts; switched on with a timeline
 * `byzantine` action or `config.byzantine`):
 * - `invent`: approves a value nobody proposed;
 * - `vote-twice`: sends its vote twice, as votes 1 and 2, hoping to be counted twice;
 * - `equivocate`: approves at some tallies and rejects at the others;
 * - `claim-weight`: approves a value nobody proposed and claims ten times the votes it holds.
 */
export type Behaviour = 'invent' | 'vote-twice' | 'equivocate' | 'claim-weight';

/** BEHAVIOURS lists every Byzantine behaviour, in menu order. */
export const BEHAVIOURS: readonly Behaviour[] = ['invent', 'vote-twice', 'equivocate', 'claim-weight'];

/**
 * QuorumBug is a teaching bug (bugs.ts):
 * - `count-claimed-weight`: a tally counts the weight a vote claims instead of the configured one;
 * - `count-duplicates`: a tally counts every vote message, so a second vote (or a duplicated
 *   message) from one voter counts again;
 * - `read-first-reply`: a read returns the first copy that answers instead of gathering r votes,
 *   as if r were one replica's votes, so r + w ≤ V in effect.
 */
export type QuorumBug = 'count-claimed-weight' | 'count-duplicates' | 'read-first-reply';

/** QUORUM_BUG_IDS lists every teaching bug. */
export const QUORUM_BUG_IDS: readonly QuorumBug[] = ['count-claimed-weight', 'count-duplicates', 'read-first-reply'];

/** QuorumConfig tunes one cluster. Vote counts are whole votes; times are virtual ms. */
export interface QuorumConfig {
  /** Votes each replica holds (Gifford §3); a node not listed holds 1. Ids not in the cluster are ignored. */
  weights: Record<NodeId, number>;
  /** Votes a read gathers (null: a majority of V, ⌊V/2⌋ + 1). */
  r: number | null;
  /** Votes a write gathers (null: a majority of V). */
  w: number | null;
  /** Approving votes a value needs to be decided (null: a majority of V). */
  threshold: number | null;
  /** Votes cast (approve, reject or abstain) a decision needs, the participation quorum (null: a majority of V). */
  quorum: number | null;
  /** How each honest voter votes; a node not listed approves. */
  stances: Record<NodeId, Stance>;
  /** How long a coordinator or tally waits before asking again those that have not answered (virtual ms). */
  retryMs: number;
  /**
   * A put whose read phase has not gathered r votes this long after it began is dropped instead of
   * written (virtual ms). Its client has likely given up and asked another node by then; a write
   * chosen later would land after that retry and after any write since, a ghost write. Keep it
   * below the clients' timeout (scenario `clients.timeoutMs`, 1000 by default).
   */
  putDeadlineMs: number;
  /** Nodes Byzantine from the start, with their behaviour. */
  byzantine: Record<NodeId, Behaviour>;
  /** Teaching bugs switched on (see {@link QuorumBug}). */
  bugs: QuorumBug[];
}

/** QUORUM_DEFAULTS is used for every field a scenario leaves out: one vote each, majorities everywhere. */
export const QUORUM_DEFAULTS: QuorumConfig = {
  weights: {},
  r: null,
  w: null,
  threshold: null,
  quorum: null,
  stances: {},
  retryMs: 200,
  putDeadlineMs: 500,
  byzantine: {},
  bugs: [],
};

/** MAX_WEIGHT bounds one replica's votes. */
export const MAX_WEIGHT = 100;

const whole = (lo: number, hi: number, unit: string) => {
  const words = `{field} must be a whole number${unit} from ${lo} to ${hi} (got {got})`;
  return v.pipe(v.number(words), v.integer(words), v.minValue(lo, words), v.maxValue(hi, words));
};
const votesOrMajority = () => v.optional(v.nullable(whole(1, 10_000, ' of votes (or null: a majority)')), null);
const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const nodeMap = <T extends v.GenericSchema>(item: T, shape: string) =>
  v.optional(v.pipe(v.custom<Record<string, unknown>>(isRecord, shape), v.record(v.string(), item, shape)), () => ({}));

const entries = {
  weights: nodeMap(whole(0, MAX_WEIGHT, ' of votes'), '{field} must map nodes to their votes, e.g. {"n1": 3, "n2": 1} (got {got})'),
  r: votesOrMajority(),
  w: votesOrMajority(),
  threshold: votesOrMajority(),
  quorum: votesOrMajority(),
  stances: nodeMap(v.picklist(STANCES, `{field} must be one of ${STANCES.join(', ')} (got {got})`), '{field} must map nodes to approve, reject or abstain, e.g. {"n3": "abstain"} (got {got})'),
  retryMs: v.optional(whole(1, 600_000, ' of virtual ms'), QUORUM_DEFAULTS.retryMs),
  putDeadlineMs: v.optional(whole(1, 600_000, ' of virtual ms'), QUORUM_DEFAULTS.putDeadlineMs),
  byzantine: nodeMap(
    v.picklist(BEHAVIOURS, `{field} names an unknown Byzantine behaviour {got} (known: ${BEHAVIOURS.join(', ')})`),
    '{field} must map nodes to a Byzantine behaviour, e.g. {"n6": "claim-weight"} (got {got})',
  ),
  bugs: v.optional(
    v.pipe(
      v.array(v.picklist(QUORUM_BUG_IDS, `{field} names an unknown bug {got} (known: ${QUORUM_BUG_IDS.join(', ')})`), '{field} must be a list of bug names (got {got})'),
      v.check((bs) => new Set(bs).size === bs.length, '{field} must not name a bug twice (got {got})'),
    ),
    () => [],
  ),
};

/**
 * quorumConfigSchema validates a scenario's `config` for quorum and fills defaults. A setting that
 * breaks r + w > V or 2w > V is allowed: that is the lesson ({@link settingWarnings}).
 */
export const quorumConfigSchema = v.strictObject(entries, sectionFields('config', Object.keys(entries), 'quorum'));

/**
 * quorumConfig fills defaults into a partial config and checks it.
 * @throws Error naming the bad field, in the schema's words, if `partial` is invalid.
 */
export function quorumConfig(partial: Partial<QuorumConfig> = {}): QuorumConfig {
  const r = v.safeParse(quorumConfigSchema, partial, PARSE_CONFIG);
  if (!r.success) throw new Error(`bad quorum config: ${wordIssues(r.issues, { base: ['config'] }).map((i) => i.message).join('; ')}`);
  return r.output as QuorumConfig;
}

/** Rules are a cluster's vote counts with every default resolved. */
export interface Rules {
  /** Votes per node, every node of the cluster listed. */
  weights: Record<NodeId, number>;
  /** V: the votes of every replica together. */
  total: number;
  r: number;
  w: number;
  threshold: number;
  quorum: number;
}

/** majority is ⌊V/2⌋ + 1 votes, the least that any two sets of votes both reaching it share. */
export const majority = (total: number): number => Math.floor(total / 2) + 1;

/** rulesOf resolves `config` for cluster `nodes`: weights (1 by default) and the four vote counts. */
export function rulesOf(config: QuorumConfig, nodes: readonly NodeId[]): Rules {
  const weights: Record<NodeId, number> = {};
  let total = 0;
  for (const id of nodes) {
    weights[id] = config.weights[id] ?? 1;
    total += weights[id]!;
  }
  const m = majority(total);
  return { weights, total, r: config.r ?? m, w: config.w ?? m, threshold: config.threshold ?? m, quorum: config.quorum ?? m };
}

/**
 * settingWarnings words every rule `rules` break, for the panel and the trace: Gifford's r + w > V
 * (every read quorum meets every write quorum, else reads can be stale), 2w > V (write quorums meet,
 * else two sides of a partition both accept writes), quorums larger than V (nothing completes),
 * and thresholds that let two values both be decided. Empty when the setting is sound.
 */
export function settingWarnings(rules: Rules): string[] {
  const { total: V, r, w, threshold, quorum } = rules;
  const out: string[] = [];
  if (r + w <= V) out.push(`r + w = ${r + w} ≤ V = ${V}: a read quorum can miss the last write quorum, so reads can be stale (Gifford 1979 needs r + w > V)`);
  if (2 * w <= V) out.push(`2w = ${2 * w} ≤ V = ${V}: two disjoint groups can both complete writes (split brain for writes; Gifford serializes writers with locks instead)`);
  if (r > V || w > V) out.push(`${r > V ? `r = ${r}` : `w = ${w}`} is more than V = ${V}: no ${r > V ? 'read' : 'write'} can ever complete`);
  if (2 * threshold <= V) out.push(`threshold ${threshold} ≤ V/2 = ${V / 2}: two values can both reach it, so tallies can decide differently`);
  if (threshold > V || quorum > V) out.push(`${threshold > V ? `threshold ${threshold}` : `quorum ${quorum}`} is more than V = ${V}: no proposal can ever be decided`);
  return out;
}
