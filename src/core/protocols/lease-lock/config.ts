/**
 * The lease-lock service's configuration, as given in a scenario's `config` field: which lock
 * service grants leases (one node, or a majority of lock nodes), how long a lease lasts and how
 * often its holder renews it, how long a client works between its grant and its write, and whether
 * storage checks fencing tokens (Kleppmann 2016; Chubby's sequencers, Burrows 2006 §2.4).
 */
import * as v from 'valibot';
import { PARSE_CONFIG, sectionFields, wordIssues } from '../../scenario/issues';

/**
 * Service is who grants a lease:
 * - `single`: one lock node (Chubby's master, without its replicas);
 * - `majority`: `lockNodes` lock nodes, of which a majority must promise and confirm a grant, so a
 *   minority partition cannot grant, and the token is one more than the highest a majority knows.
 */
export type Service = 'single' | 'majority';

/** SERVICES lists every service, in menu order. */
export const SERVICES: readonly Service[] = ['single', 'majority'];

/**
 * LeaseLockBug is a teaching bug (bugs.ts):
 * - `no-fencing`: storage takes every write, whatever its token (the same as `fencing: false`);
 * - `minority-grant`: a client takes the first lock node's promise as a grant, so a minority can grant.
 */
export type LeaseLockBug = 'no-fencing' | 'minority-grant';

/** LEASE_LOCK_BUG_IDS lists every teaching bug. */
export const LEASE_LOCK_BUG_IDS: readonly LeaseLockBug[] = ['no-fencing', 'minority-grant'];

/** LeaseLockConfig tunes one lock service, its clients and storage. Times are virtual ms of the node's own clock. */
export interface LeaseLockConfig {
  service: Service;
  /** How many lock nodes (the first nodes of the cluster): 1 for `single`, 3 to 7 for `majority`. */
  lockNodes: number;
  /** A lease lasts this long from its grant, unless renewed (each node measures it on its own clock). */
  leaseMs: number;
  /** A holder renews its lease every renewMs while it works (0: never renews). */
  renewMs: number;
  /** A client works this long between its grant and its write to storage. */
  workMs: number;
  /**
   * A client whose acquire was refused or went unanswered tries again after retryMs (plus a random
   * backoff). A lock node keeps a freed lease this long for the first client in line (lock.ts).
   */
  retryMs: number;
  /** Storage rejects a write whose token is lower than the highest it has accepted (the fencing check). */
  fencing: boolean;
  bugs: LeaseLockBug[];
}

/** LEASE_LOCK_DEFAULTS is used for every field a scenario leaves out. */
export const LEASE_LOCK_DEFAULTS: LeaseLockConfig = {
  service: 'single',
  lockNodes: 1,
  leaseMs: 500,
  renewMs: 150,
  workMs: 200,
  retryMs: 100,
  fencing: true,
  bugs: [],
};

const whole = (lo: number, hi: number, unit: string) => {
  const words = `{field} must be a whole number${unit} from ${lo} to ${hi} (got {got})`;
  return v.pipe(v.number(words), v.integer(words), v.minValue(lo, words), v.maxValue(hi, words));
};

const entries = {
  service: v.optional(v.picklist(SERVICES, `{field} must be one of ${SERVICES.join(', ')} (got {got})`), LEASE_LOCK_DEFAULTS.service),
  lockNodes: v.optional(whole(1, 7, ' of lock nodes'), LEASE_LOCK_DEFAULTS.lockNodes),
  leaseMs: v.optional(whole(10, 600_000, ' of virtual ms'), LEASE_LOCK_DEFAULTS.leaseMs),
  renewMs: v.optional(whole(0, 600_000, ' of virtual ms (0: never)'), LEASE_LOCK_DEFAULTS.renewMs),
  workMs: v.optional(whole(1, 600_000, ' of virtual ms'), LEASE_LOCK_DEFAULTS.workMs),
  retryMs: v.optional(whole(1, 600_000, ' of virtual ms'), LEASE_LOCK_DEFAULTS.retryMs),
  fencing: v.optional(v.boolean('{field} must be true or false (got {got})'), LEASE_LOCK_DEFAULTS.fencing),
  bugs: v.optional(
    v.pipe(
      v.array(
        v.picklist(LEASE_LOCK_BUG_IDS, `{field} names an unknown bug {got} (known: ${LEASE_LOCK_BUG_IDS.join(', ')})`),
        '{field} must be a list of bug names (got {got})',
      ),
      v.check((bs) => new Set(bs).size === bs.length, '{field} must not name a bug twice (got {got})'),
    ),
    () => [],
  ),
};

/**
 * leaseLockConfigSchema validates a scenario's `config` for lease-lock and fills defaults. A
 * single service has one lock node; a majority service 3 to 7; renewals come before the lease ends.
 */
export const leaseLockConfigSchema = v.pipe(
  v.strictObject(entries, sectionFields('config', Object.keys(entries), 'lease-lock')),
  v.check((c) => c.service !== 'single' || c.lockNodes === 1, (i) => `a single lock service has one lock node (lockNodes is ${String(i.input.lockNodes)}); use service "majority" for more`),
  v.check((c) => c.service !== 'majority' || c.lockNodes >= 3, (i) => `a majority lock service needs 3 to 7 lock nodes (lockNodes is ${String(i.input.lockNodes)})`),
  v.check((c) => c.renewMs < c.leaseMs, (i) => `renewMs (${String(i.input.renewMs)}) must be shorter than leaseMs (${String(i.input.leaseMs)}), or a lease runs out before its renewal`),
);

/**
 * leaseLockConfig fills defaults into a partial config and checks it.
 * @throws Error naming the bad field, in the schema's words, if `partial` is invalid.
 */
export function leaseLockConfig(partial: Partial<LeaseLockConfig> = {}): LeaseLockConfig {
  const r = v.safeParse(leaseLockConfigSchema, partial, PARSE_CONFIG);
  if (!r.success) throw new Error(`bad lease-lock config: ${wordIssues(r.issues, { base: ['config'] }).map((i) => i.message).join('; ')}`);
  return r.output as LeaseLockConfig;
}

/** fenced tells whether storage checks tokens under `c` (`fencing` on and the no-fencing bug off). */
export const fenced = (c: LeaseLockConfig): boolean => c.fencing && !c.bugs.includes('no-fencing');
