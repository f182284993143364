/**
 * Client workloads for chaos runs: seeded request actions over a few clients and keys, in the style
 * of Jepsen's register and append workloads. Values are unique per client, so a history shows who
 * wrote what and a lost or doubled write stands out to the linearizability checker.
 */
import { Rng } from '../prng';
import type { TimelineAction } from '../scenario/types';
import type { KvOp, VirtualMs } from '../types';

/** WorkloadOptions shape a workload. Times are virtual ms. */
export interface WorkloadOptions {
  /** Requests begin at this time… */
  startMs: VirtualMs;
  /** …and none is made at or after this one. */
  endMs: VirtualMs;
  /** Mean requests per virtual second over all clients (> 0). */
  ratePerSecond: number;
  /** Client ids, e.g. `["c1", "c2"]`; each has at most one op outstanding (later ones queue). */
  clients: readonly string[];
  /** The keys operated on. Few keys mean more contention, and harder histories. */
  keys: readonly string[];
  /**
   * writeFirst: the first request is a put, and a compare-and-set on a key nobody has written yet
   * becomes a put, so no operation fails only because its key is absent. For a newcomer's first
   * run, whose first sight should be success (default false: chaos keeps its failing cases).
   */
  writeFirst?: boolean;
}

/** WORKLOAD_DEFAULTS: 10 requests per second over 4 clients and 3 keys. */
export const WORKLOAD_DEFAULTS: Omit<WorkloadOptions, 'startMs' | 'endMs'> = {
  ratePerSecond: 10,
  clients: ['c1', 'c2', 'c3', 'c4'],
  keys: ['x', 'y', 'z'],
};

/**
 * workloadTimeline draws request actions from `seed` (its own stream, named `workload`): gets,
 * puts, appends and compare-and-sets with values `<client>.<n>`, sorted by `at`. With
 * `writeFirst`, the same draws, but the first request and every cas on a key not yet written are puts.
 * @throws Error if the rate is not positive or a list is empty.
 */
export function workloadTimeline(seed: number, opts: WorkloadOptions): TimelineAction[] {
  if (!(opts.ratePerSecond > 0)) throw new Error('workload: ratePerSecond must be positive');
  if (opts.clients.length === 0 || opts.keys.length === 0) throw new Error('workload: clients and keys must not be empty');
  const rng = Rng.derive(seed, 'workload');
  const gap = 1000 / opts.ratePerSecond;
  const written = new Map<string, string[]>();
  const counter = new Map<string, number>();
  const out: TimelineAction[] = [];
  for (let at = opts.startMs + rng.int(0, Math.ceil(gap)); at < opts.endMs; at += Math.max(1, Math.round(gap * (0.5 + rng.float())))) {
    const client = rng.pick(opts.clients);
    const key = rng.pick(opts.keys);
    const n = (counter.get(client) ?? 0) + 1;
    counter.set(client, n);
    const value = `${client}.${n}`;
    const seen = written.get(key) ?? [];
    let op: KvOp;
    const roll = rng.int(0, 9);
    if (opts.writeFirst && (out.length === 0 || (roll >= 8 && seen.length === 0))) op = { f: 'put', key, value };
    else if (roll < 4) op = { f: 'get', key };
    else if (roll < 6) op = { f: 'put', key, value };
    else if (roll < 8) op = { f: 'append', key, value: ` ${value}` };
    else op = { f: 'cas', key, expected: seen.length ? rng.pick(seen) : value, value };
    if (op.f === 'put' || op.f === 'cas') written.set(key, [...seen.slice(-3), value]);
    out.push({ at, action: 'request', client, op });
  }
  return out;
}
