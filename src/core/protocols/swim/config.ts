/**
 * SWIM's configuration, as given in a scenario's `config` field: Das, Gupta & Motivala, "SWIM:
 * Scalable Weakly-consistent Infection-style Process Group Membership Protocol" (DSN 2002). The
 * protocol period T′ and the ping timeout (§3.1), the k members asked to ping-req (§3.1), the
 * suspicion timeout (§4.2), and the piggyback buffer of dissemination (§4.1: λ log n retransmits).
 */
import * as v from 'valibot';
import { PARSE_CONFIG, sectionFields, wordIssues } from '../../scenario/issues';

/**
 * SwimBug is a teaching bug (bugs.ts):
 * - `never-confirm`: a suspicion timeout never declares the member dead (§4.2), so a crashed member
 *   stays suspect forever;
 * - `ignore-incarnation`: a node keeps a member suspect even when it hears the member alive with a
 *   higher incarnation (§4.2), so a refuted suspicion sticks and ends in a false "dead".
 */
export type SwimBug = 'never-confirm' | 'ignore-incarnation';

/** SWIM_BUG_IDS lists every teaching bug. */
export const SWIM_BUG_IDS: readonly SwimBug[] = ['never-confirm', 'ignore-incarnation'];

/** SwimConfig tunes one SWIM group. Times are virtual ms. */
export interface SwimConfig {
  /** T′, the protocol period (virtual ms): each member probes one other member per period (§3.1). */
  periodMs: number;
  /** How long (virtual ms) a direct ping waits for its ack before ping-req is tried; < periodMs (§3.1). */
  pingTimeoutMs: number;
  /** k: how many members a silent ping's target is asked about through ping-req (§3.1). 0: none. */
  k: number;
  /** How long (virtual ms) a member stays suspect before it is confirmed dead (§4.2). */
  suspicionTimeoutMs: number;
  /** The most membership updates piggybacked on one message (§4.1). */
  piggyback: number;
  /** λ: each update is piggybacked λ·⌈log₁₀(n+1)⌉ times by each member that learns it (§4.1; memberlist RetransmitMult). */
  retransmitMult: number;
  /**
   * The seed node new members join through ('' : none, every member starts knowing the whole
   * group). With a seed, every other node starts knowing only the seed and joins at boot (§5,
   * discovery).
   */
  seed: string;
  /** Nodes that start outside the group and join (through the seed, else the first other node) on a `join` action. */
  outside: string[];
  /** Teaching bugs switched on (see {@link SwimBug}). */
  bugs: SwimBug[];
}

/**
 * SWIM_DEFAULTS is used for every field a scenario leaves out: T′ = 300 ms, ping timeout 100 ms
 * (the default links take 10–30 ms one way, so a ping-req's four hops fit in the rest of the
 * period), k = 3 and λ = 3 as memberlist's LAN defaults, a suspicion timeout of 5 periods.
 */
export const SWIM_DEFAULTS: SwimConfig = {
  periodMs: 300,
  pingTimeoutMs: 100,
  k: 3,
  suspicionTimeoutMs: 1500,
  piggyback: 6,
  retransmitMult: 3,
  seed: '',
  outside: [],
  bugs: [],
};

const whole = (lo: number, hi: number, unit: string) => {
  const words = `{field} must be a whole number${unit} from ${lo} to ${hi} (got {got})`;
  return v.pipe(v.number(words), v.integer(words), v.minValue(lo, words), v.maxValue(hi, words));
};

const entries = {
  periodMs: v.optional(whole(2, 600_000, ' of virtual ms'), SWIM_DEFAULTS.periodMs),
  pingTimeoutMs: v.optional(whole(1, 600_000, ' of virtual ms'), SWIM_DEFAULTS.pingTimeoutMs),
  k: v.optional(whole(0, 20, ' of members'), SWIM_DEFAULTS.k),
  suspicionTimeoutMs: v.optional(whole(1, 600_000, ' of virtual ms'), SWIM_DEFAULTS.suspicionTimeoutMs),
  piggyback: v.optional(whole(1, 100, ' of updates'), SWIM_DEFAULTS.piggyback),
  retransmitMult: v.optional(whole(1, 20, ''), SWIM_DEFAULTS.retransmitMult),
  seed: v.optional(v.string('{field} must be a node id such as "n1", or "" for none (got {got})'), SWIM_DEFAULTS.seed),
  outside: v.optional(v.array(v.string('{field} must list node ids (got {got})'), '{field} must be a list of node ids (got {got})'), () => []),
  bugs: v.optional(
    v.pipe(
      v.array(
        v.picklist(SWIM_BUG_IDS, `{field} names an unknown bug {got} (known: ${SWIM_BUG_IDS.join(', ')})`),
        '{field} must be a list of bug names (got {got})',
      ),
      v.check((bs) => new Set(bs).size === bs.length, '{field} must not name a bug twice (got {got})'),
    ),
    () => [],
  ),
};

/**
 * swimConfigSchema validates a scenario's `config` for SWIM and fills defaults. The ping timeout
 * must be shorter than the period, since ping-req runs in the rest of it (§3.1).
 */
export const swimConfigSchema = v.pipe(
  v.strictObject(entries, sectionFields('config', Object.keys(entries), 'swim')),
  v.check((c) => c.pingTimeoutMs < c.periodMs, 'config.pingTimeoutMs must be shorter than config.periodMs: ping-req needs the rest of the period (§3.1)'),
);

/**
 * swimConfig fills defaults into a partial config and checks it.
 * @throws Error naming the bad field, in the schema's words, if `partial` is invalid.
 */
export function swimConfig(partial: Partial<SwimConfig> = {}): SwimConfig {
  const r = v.safeParse(swimConfigSchema, partial, PARSE_CONFIG);
  if (!r.success) throw new Error(`bad swim config: ${wordIssues(r.issues, { base: ['config'] }).map((i) => i.message).join('; ')}`);
  return r.output as SwimConfig;
}

/** retransmits gives how often a member piggybacks one update in a group of `n`: λ·⌈log₁₀(n+1)⌉ (§4.1). */
export const retransmits = (config: SwimConfig, n: number): number => config.retransmitMult * Math.max(1, Math.ceil(Math.log10(n + 1)));
