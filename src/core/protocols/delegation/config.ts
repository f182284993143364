/**
 * Delegation's configuration, as given in a scenario's `config` field: how the coordinator picks a
 * follower for a task (the policy), what each follower can do (its capabilities), how failures are
 * detected (heartbeats watched by the shared failure detector, a fixed timeout or φ accrual:
 * src/core/detectors), retried (exponential backoff with seeded jitter),
 * and fenced off (a circuit breaker per follower, Nygard's "Release It!" ch. 5), and how client
 * floods are shed (a token bucket per client and a bounded queue). Times are virtual ms.
 */
import * as v from 'valibot';
import { DETECTOR_CONFIG_ENTRIES, type DetectorFields } from '../../detectors/schema';
import { PARSE_CONFIG, sectionFields, wordIssues } from '../../scenario/issues';

/**
 * Policy is how the coordinator picks a follower among those that offer a task's capability, are
 * trusted and whose breaker lets work through:
 * - `round-robin`: the next such follower after the last one picked, in cluster order;
 * - `least-loaded`: the one running the fewest tasks (ties: cluster order);
 * - `consistent-hash`: the first one clockwise from the task id's point on a hash ring with
 *   `virtualNodes` points per follower (Karger et al. 1997 §4; Dynamo §4.2);
 * - `capability`: the best fit, the follower offering the fewest capabilities beyond the task's
 *   (generalists stay free), ties broken by load, then cluster order.
 */
export type Policy = 'round-robin' | 'least-loaded' | 'consistent-hash' | 'capability';

/** POLICIES lists every policy, in the order menus show them. */
export const POLICIES: readonly Policy[] = ['round-robin', 'least-loaded', 'consistent-hash', 'capability'];

/**
 * DelegationBug is a teaching bug (bugs.ts):
 * - `no-fencing`: the coordinator commits a Done without checking its attempt, so a stale attempt
 *   of a reassigned task applies its effect too;
 * - `no-backoff`: a follower that does not acknowledge an assignment is retried at once, again and
 *   again, with no backoff.
 */
export type DelegationBug = 'no-fencing' | 'no-backoff';

/** DELEGATION_BUG_IDS lists every teaching bug. */
export const DELEGATION_BUG_IDS: readonly DelegationBug[] = ['no-fencing', 'no-backoff'];

/** DelegationConfig tunes one delegation cluster. Times are virtual ms. */
export interface DelegationConfig extends DetectorFields {
  policy: Policy;
  /** Points per follower on the consistent-hash ring (Dynamo's virtual nodes, §4.2). */
  virtualNodes: number;
  /** Capabilities per node id; a node not listed offers `defaultCapabilities`. */
  capabilities: Record<string, string[]>;
  /** What a node not named in `capabilities` offers. */
  defaultCapabilities: string[];
  /** The coordinator sends a Heartbeat to every node this often. */
  heartbeatMs: number;
  /** An Assign not acknowledged within this long counts as a failure and is retried. */
  ackTimeoutMs: number;
  /** The first retry's backoff; the k-th waits backoffMs·2^(k−1), capped at maxBackoffMs, times a seeded jitter in [½, 1]. */
  backoffMs: number;
  /** The backoff's cap. */
  maxBackoffMs: number;
  /** Retries to one follower before the task is reassigned to another (a new attempt). */
  maxRetries: number;
  /** Consecutive failures that open a follower's breaker. */
  breakerThreshold: number;
  /** How long an open breaker stays open before letting one trial assignment through (half-open). */
  breakerCoolDownMs: number;
  /** Token bucket per client: sustained submits per virtual second. */
  ratePerSecond: number;
  /** Token bucket per client: the burst it allows. */
  burst: number;
  /** Most tasks that may wait at the coordinator for a follower; beyond that, submits are shed. */
  maxQueue: number;
  /** Teaching bugs switched on (see {@link DelegationBug}). */
  bugs: DelegationBug[];
}

/**
 * DELEGATION_DEFAULTS is used for every field a scenario leaves out: capability match over
 * followers that all offer `cpu`, heartbeats every 100 ms and suspicion after 400 ms of silence,
 * backoff from 100 ms doubling to 1.6 s, a breaker that opens after 3 failures for 1 s, and a
 * token bucket of 10 submits a second with a burst of 5 per client.
 */
export const DELEGATION_DEFAULTS: DelegationConfig = {
  policy: 'capability',
  virtualNodes: 16,
  capabilities: {},
  defaultCapabilities: ['cpu'],
  heartbeatMs: 100,
  detector: 'fixed',
  detectorTimeoutMs: 400,
  phiThreshold: 8,
  phiAcceptablePauseMs: 200,
  phiMinStdDeviationMs: 50,
  phiWindow: 100,
  ackTimeoutMs: 150,
  backoffMs: 100,
  maxBackoffMs: 1600,
  maxRetries: 3,
  breakerThreshold: 3,
  breakerCoolDownMs: 1000,
  ratePerSecond: 10,
  burst: 5,
  maxQueue: 20,
  bugs: [],
};

const whole = (lo: number, hi: number, unit: string) => {
  const words = `{field} must be a whole number${unit} from ${lo} to ${hi} (got {got})`;
  return v.pipe(v.number(words), v.integer(words), v.minValue(lo, words), v.maxValue(hi, words));
};
const ms = (lo: number, hi = 600_000) => whole(lo, hi, ' of virtual ms');
const capability = v.pipe(
  v.string('{field} must name a capability such as "gpu" (got {got})'),
  v.regex(/^[a-z0-9-]{1,24}$/, '{field} must be a short lower-case name such as "gpu" (got {got})'),
);
const capabilityList = v.array(capability, '{field} must be a list of capabilities such as ["cpu", "gpu"] (got {got})');

const entries = {
  policy: v.optional(v.picklist(POLICIES, `{field} must be one of ${POLICIES.join(', ')} (got {got})`), DELEGATION_DEFAULTS.policy),
  virtualNodes: v.optional(whole(1, 256, ' of ring points'), DELEGATION_DEFAULTS.virtualNodes),
  capabilities: v.optional(v.record(v.string(), capabilityList, '{field} must map node ids to capability lists, e.g. {"n2": ["gpu"]} (got {got})'), () => ({})),
  defaultCapabilities: v.optional(capabilityList, () => [...DELEGATION_DEFAULTS.defaultCapabilities]),
  heartbeatMs: v.optional(ms(5, 10_000), DELEGATION_DEFAULTS.heartbeatMs),
  ...DETECTOR_CONFIG_ENTRIES,
  detectorTimeoutMs: v.optional(ms(1, 600_000), DELEGATION_DEFAULTS.detectorTimeoutMs),
  phiAcceptablePauseMs: v.optional(ms(0, 600_000), DELEGATION_DEFAULTS.phiAcceptablePauseMs),
  phiMinStdDeviationMs: v.optional(ms(1, 60_000), DELEGATION_DEFAULTS.phiMinStdDeviationMs),
  ackTimeoutMs: v.optional(ms(5, 60_000), DELEGATION_DEFAULTS.ackTimeoutMs),
  backoffMs: v.optional(ms(1, 60_000), DELEGATION_DEFAULTS.backoffMs),
  maxBackoffMs: v.optional(ms(1, 600_000), DELEGATION_DEFAULTS.maxBackoffMs),
  maxRetries: v.optional(whole(0, 20, ' of retries'), DELEGATION_DEFAULTS.maxRetries),
  breakerThreshold: v.optional(whole(1, 100, ' of failures'), DELEGATION_DEFAULTS.breakerThreshold),
  breakerCoolDownMs: v.optional(ms(1), DELEGATION_DEFAULTS.breakerCoolDownMs),
  ratePerSecond: v.optional(v.pipe(v.number('{field} must be a number of submits per second (got {got})'), v.minValue(0.01, '{field} must be above 0 (got {got})'), v.maxValue(10_000, '{field} may be at most 10000 (got {got})')), DELEGATION_DEFAULTS.ratePerSecond),
  burst: v.optional(whole(1, 10_000, ' of submits'), DELEGATION_DEFAULTS.burst),
  maxQueue: v.optional(whole(0, 10_000, ' of tasks'), DELEGATION_DEFAULTS.maxQueue),
  bugs: v.optional(
    v.pipe(
      v.array(
        v.picklist(DELEGATION_BUG_IDS, `{field} names an unknown bug {got} (known: ${DELEGATION_BUG_IDS.join(', ')})`),
        '{field} must be a list of bug names (got {got})',
      ),
      v.check((bs) => new Set(bs).size === bs.length, '{field} must not name a bug twice (got {got})'),
    ),
    () => [],
  ),
};

/**
 * delegationConfigSchema validates a scenario's `config` for delegation and fills defaults. Its
 * messages are worded for people (src/core/scenario/issues.ts): `{field}` is the field's name.
 */
export const delegationConfigSchema = v.pipe(
  v.strictObject(entries, sectionFields('config', Object.keys(entries), 'delegation')),
  v.check((c) => c.detector !== 'fixed' || c.detectorTimeoutMs > c.heartbeatMs, 'config.detectorTimeoutMs must be longer than config.heartbeatMs, or every node is suspected between heartbeats'),
  v.check((c) => c.maxBackoffMs >= c.backoffMs, 'config.maxBackoffMs must be at least config.backoffMs'),
);

/**
 * delegationConfig fills defaults into a partial config and checks it.
 * @throws Error naming the bad field, in the schema's words, if `partial` is invalid.
 */
export function delegationConfig(partial: Partial<DelegationConfig> = {}): DelegationConfig {
  const r = v.safeParse(delegationConfigSchema, partial, PARSE_CONFIG);
  if (!r.success) throw new Error(`bad delegation config: ${wordIssues(r.issues, { base: ['config'] }).map((i) => i.message).join('; ')}`);
  return r.output as DelegationConfig;
}

/**
 * patienceMs is roughly how long (virtual ms) a silent node takes to be suspected: the fixed
 * timeout, or for φ the heartbeat interval plus the acceptable pause and three deviations. Waits
 * that should outlast a suspicion (an election's, a Done's resend) use it.
 */
export const patienceMs = (c: DelegationConfig): number => (c.detector === 'fixed' ? c.detectorTimeoutMs : c.heartbeatMs + c.phiAcceptablePauseMs + 3 * c.phiMinStdDeviationMs);

/** capabilitiesOf gives what node `id` offers under `config`. */
export const capabilitiesOf = (config: DelegationConfig, id: string): readonly string[] => config.capabilities[id] ?? config.defaultCapabilities;
