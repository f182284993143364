/**
 * A fuzz campaign: what a run of `npm run fuzz` checks (protocol, bugs, chaos options, seed range),
 * and how `--shard K/N` cuts its seed range into N disjoint slices that any job runner can spread
 * over machines. Two summaries can be merged only if they come from the same campaign.
 */
import type { NemesisKind } from '../core/chaos/nemesis';
import type { ChaosOptions } from '../core/chaos/scenarios';

/** SeedRange is the seeds from, from + 1, …, from + count − 1. */
export interface SeedRange {
  from: number;
  count: number;
}

/**
 * Campaign is everything that decides a fuzz run's outcomes and its summary's contents, but not
 * which slice of it ran: shards of one campaign differ only in `--shard K`.
 */
export interface Campaign {
  protocol: string;
  /** Teaching bugs switched on, in the order given (the order can change the runs). */
  bugs: string[];
  /** The whole campaign's seeds, before sharding. */
  seeds: SeedRange;
  /** N of `--shard K/N`; 1 for a run that is not sharded. */
  shards: number;
  /** Chaos options given on the command line; an absent one takes chaosScenario's default. */
  chaos: { durationMs?: number; nodes?: number; kinds?: NemesisKind[]; faultRate?: number };
  /** How many failures (the first, by seed) are shrunk to a short share link (`--shrink`). */
  shrink: number;
  /** How many failures (the first, by seed) carry a share link to the unshrunk run (`--links`). */
  links: number;
  /** Where share links point (`--base-url`). */
  baseUrl: string;
}

/** chaosOptions gives the options the core's chaosScenario takes for `c`'s seeds. */
export function chaosOptions(c: Campaign): ChaosOptions {
  return { ...c.chaos, protocol: c.protocol, ...(c.bugs.length ? { bugs: c.bugs } : {}) };
}

/**
 * shardSlice is shard `k` of `n` (1 ≤ k ≤ n ≤ range.count) of `range`: contiguous blocks, in order,
 * whose sizes differ by at most one. Shard k holds seeds [from + ⌊(k−1)·count/n⌋, from + ⌊k·count/n⌋),
 * so the n slices are disjoint and their union is the range.
 * @throws RangeError for k or n outside those bounds
 */
export function shardSlice(range: SeedRange, k: number, n: number): SeedRange {
  if (!Number.isInteger(k) || !Number.isInteger(n) || k < 1 || k > n || n > range.count) {
    throw new RangeError(`shard ${k}/${n} of ${range.count} seeds: need whole numbers 1 ≤ K ≤ N ≤ ${range.count}`);
  }
  const start = Math.floor(((k - 1) * range.count) / n);
  const end = Math.floor((k * range.count) / n);
  return { from: range.from + start, count: end - start };
}

/** describeRange writes a range as a user reads it: "seeds 1–100", or "seed 7". */
export function describeRange(r: SeedRange): string {
  return r.count === 1 ? `seed ${r.from}` : `seeds ${r.from}–${r.from + r.count - 1}`;
}

/** describeRanges writes several ranges after one word: "seeds 1–10, 21–30, 35". */
export function describeRanges(rs: readonly SeedRange[]): string {
  const one = (r: SeedRange) => (r.count === 1 ? `${r.from}` : `${r.from}–${r.from + r.count - 1}`);
  return rs.length === 1 ? describeRange(rs[0]!) : `seeds ${rs.map(one).join(', ')}`;
}

/** coalesce sorts ranges and joins the ones that touch; it assumes they do not overlap. */
export function coalesce(ranges: readonly SeedRange[]): SeedRange[] {
  const out: SeedRange[] = [];
  for (const r of [...ranges].filter((x) => x.count > 0).sort((a, b) => a.from - b.from)) {
    const last = out.at(-1);
    if (last && last.from + last.count === r.from) last.count += r.count;
    else out.push({ ...r });
  }
  return out;
}

/** missingFrom gives the seeds of `whole` that `covered` (sorted, disjoint) leaves out, as ranges. */
export function missingFrom(whole: SeedRange, covered: readonly SeedRange[]): SeedRange[] {
  const gaps: SeedRange[] = [];
  let next = whole.from;
  const end = whole.from + whole.count;
  for (const r of covered) {
    if (r.from > next) gaps.push({ from: next, count: Math.min(r.from, end) - next });
    next = Math.max(next, r.from + r.count);
  }
  if (next < end) gaps.push({ from: next, count: end - next });
  return gaps;
}

/**
 * campaignDifferences names the fields in which two campaigns differ, as "protocol: raft vs pbft";
 * empty when they are the same campaign.
 */
export function campaignDifferences(a: Campaign, b: Campaign): string[] {
  const show = (v: unknown) => (v === undefined ? '(default)' : typeof v === 'string' ? v : JSON.stringify(v));
  const fields: [string, unknown, unknown][] = [
    ['protocol', a.protocol, b.protocol],
    ['bugs', a.bugs.join(',') || 'none', b.bugs.join(',') || 'none'],
    ['seeds', describeRange(a.seeds), describeRange(b.seeds)],
    ['N of --shard K/N', a.shards, b.shards],
    ['--duration', a.chaos.durationMs, b.chaos.durationMs],
    ['--nodes', a.chaos.nodes, b.chaos.nodes],
    ['--kinds', a.chaos.kinds?.join(','), b.chaos.kinds?.join(',')],
    ['--rate', a.chaos.faultRate, b.chaos.faultRate],
    ['--shrink', a.shrink, b.shrink],
    ['--links', a.links, b.links],
    ['--base-url', a.baseUrl, b.baseUrl],
  ];
  return fields.filter(([, x, y]) => x !== y).map(([name, x, y]) => `${name}: ${show(x)} vs ${show(y)}`);
}
