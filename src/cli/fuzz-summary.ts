/**
 * The fuzzer's summary: what `npm run fuzz -- --json` prints, what `--merge` reads back and joins,
 * and the table a person reads. Every count is a sum over seeds and the failures are listed by
 * seed, so the summaries of a campaign's shards join into exactly the unsharded summary (timing
 * aside). The format is versioned ({@link SUMMARY_VERSION}) and checked with valibot on reading.
 */
import * as v from 'valibot';
import { getProtocol } from '../core/protocols/registry';
import { NEMESIS_KINDS } from '../core/chaos/nemesis';
import type { FuzzOutcome, Shrunk } from '../core/check/fuzz';
import { describeRange, describeRanges, type Campaign, type SeedRange } from './fuzz-campaign';

/** SUMMARY_FORMAT names the file type, so a stray JSON file is told apart from a summary. */
export const SUMMARY_FORMAT = 'consensus-playground fuzz summary';
/** SUMMARY_VERSION is the summary format's version; `--merge` reads this version only. */
export const SUMMARY_VERSION = 2;

const count = v.pipe(v.number(), v.integer(), v.minValue(0));
const seed = v.pipe(v.number(), v.integer(), v.minValue(0));
const rangeSchema = v.strictObject({ from: seed, count: v.pipe(count, v.minValue(1)) });

const campaignSchema = v.strictObject({
  protocol: v.pipe(v.string(), v.minLength(1)),
  bugs: v.array(v.string()),
  seeds: rangeSchema,
  shards: v.pipe(count, v.minValue(1)),
  chaos: v.strictObject({
    durationMs: v.optional(count),
    nodes: v.optional(count),
    kinds: v.optional(v.array(v.picklist(NEMESIS_KINDS))),
    faultRate: v.optional(v.number()),
  }),
  shrink: count,
  links: count,
  baseUrl: v.string(),
});

const failureSchema = v.strictObject({
  seed,
  /** Cluster size of the seed's run. */
  clusterSize: count,
  /** A safety property's name, `liveness`, or the consistency model's id (`linearizability`, `atomic-commit`, …). */
  kind: v.string(),
  /** Virtual ms at which the failure was found. */
  t: v.number(),
  text: v.string(),
  nodes: v.array(v.string()),
  /** The failing moment: events handled and virtual ms; share links open there. */
  moment: v.strictObject({ events: count, t: v.number() }),
  /** Share link to the whole run at the failing moment (the first `links` failures only). */
  url: v.optional(v.string()),
  /** The run shrunk by delta debugging (the first `shrink` failures only). */
  shrunk: v.optional(
    v.strictObject({ actions: count, until: v.number(), runs: count, kind: v.string(), text: v.string(), url: v.string() }),
  ),
});

/** summarySchema checks a summary read back from a file (see {@link FuzzSummary}). */
export const summarySchema = v.strictObject({
  format: v.literal(SUMMARY_FORMAT),
  version: v.literal(SUMMARY_VERSION),
  campaign: campaignSchema,
  /** Which shards (K of --shard K/N, from 1) this summary holds. */
  shards: v.pipe(v.array(v.pipe(count, v.minValue(1))), v.minLength(1)),
  /** The seeds this summary covers: sorted, disjoint, not touching. */
  ranges: v.pipe(v.array(rangeSchema), v.minLength(1)),
  /** The campaign's seeds no summary covered (a merge with missing shards); usually empty. */
  missing: v.array(rangeSchema),
  runs: count,
  failed: count,
  safetyViolations: count,
  livenessStalls: count,
  inconsistent: count,
  consistencyUnknown: count,
  notRecoveredAtEnd: count,
  opsSubmitted: count,
  opsOk: count,
  events: count,
  /** Virtual ms covered by all runs together. */
  virtualMs: v.number(),
  /**
   * XOR over seeds of a 32-bit FNV-1a hash of each seed's whole outcome, as 8 hex digits: equal
   * for two summaries of the same seeds exactly when (but for hash collisions) every run agreed.
   */
  fingerprint: v.pipe(v.string(), v.regex(/^[0-9a-f]{8}$/)),
  /** Wall seconds from the first seed to the last (a merge: the longest shard's). */
  wallSeconds: v.number(),
  /** Wall seconds × worker threads, summed over shards: the compute the campaign took. */
  workerSeconds: v.number(),
  /** Worker threads (a merge: summed over shards). */
  workers: count,
  /** runs / wallSeconds: for a merge, as if the shards had run side by side. */
  runsPerSecond: v.number(),
  /** runs / workerSeconds. */
  runsPerSecondPerWorker: v.number(),
  failures: v.array(failureSchema),
});

/** FuzzSummary is one run's or one merge's summary, as `--json` prints it (format version 1). */
export type FuzzSummary = v.InferOutput<typeof summarySchema>;
/** SummaryFailure is one failing seed in a {@link FuzzSummary}. */
export type SummaryFailure = FuzzSummary['failures'][number];

/** fnv1a32 is the 32-bit FNV-1a hash of a string's UTF-16 code units. */
function fnv1a32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** xorFingerprints joins the fingerprints of disjoint sets of seeds. */
export function xorFingerprints(prints: readonly string[]): string {
  return hex(prints.reduce((x, p) => (x ^ parseInt(p, 16)) >>> 0, 0));
}

const hex = (n: number) => n.toString(16).padStart(8, '0');

/** Timing is a summary's wall-clock part, the only part that differs between two runs of a seed. */
export type Timing = Pick<FuzzSummary, 'wallSeconds' | 'workerSeconds' | 'workers' | 'runsPerSecond' | 'runsPerSecondPerWorker'>;

/** timing gives the timing fields for `runs` runs in `wallSeconds` (elapsed) and `workerSeconds` (compute). */
export function timing(runs: number, wallSeconds: number, workerSeconds: number, workers: number): Timing {
  const r1 = (x: number) => Math.round(x * 10) / 10;
  return {
    wallSeconds: r1(wallSeconds),
    workerSeconds: Math.round(workerSeconds * 100) / 100,
    workers,
    runsPerSecond: wallSeconds > 0 ? r1(runs / wallSeconds) : 0,
    runsPerSecondPerWorker: workerSeconds > 0 ? r1(runs / workerSeconds) : 0,
  };
}

/** Counts is the part of a summary that is a sum over seeds. */
type Counts = Pick<FuzzSummary, 'runs' | 'failed' | 'safetyViolations' | 'livenessStalls' | 'inconsistent' | 'consistencyUnknown' | 'notRecoveredAtEnd' | 'opsSubmitted' | 'opsOk' | 'events' | 'virtualMs'>;

/**
 * Tally adds seeds' outcomes up as they arrive, in any order, keeping only the counts, the
 * fingerprint and the failing outcomes: a shard of a million seeds needs no million outcomes.
 */
export class Tally {
  readonly counts: Counts = { runs: 0, failed: 0, safetyViolations: 0, livenessStalls: 0, inconsistent: 0, consistencyUnknown: 0, notRecoveredAtEnd: 0, opsSubmitted: 0, opsOk: 0, events: 0, virtualMs: 0 };
  private print = 0;
  private readonly failing: FuzzOutcome[] = [];
  /** The consistency model's id (ProtocolEntry.consistency.id): failures of that kind count as inconsistent. */
  private readonly model: string;

  /** @param protocol the campaign's protocol, whose consistency model names its failures. @throws Error if unknown. */
  constructor(protocol: string) {
    this.model = getProtocol(protocol).consistency.id;
  }

  /** add counts one seed's outcome. */
  add(o: FuzzOutcome): void {
    const c = this.counts;
    c.runs++;
    if (o.failure) {
      c.failed++;
      this.failing.push(o);
      if (o.failure.kind === 'liveness') c.livenessStalls++;
      else if (o.failure.kind === this.model) c.inconsistent++;
      else c.safetyViolations++;
    }
    if (o.consistency === 'unknown') c.consistencyUnknown++;
    if (!o.recoveredAtEnd) c.notRecoveredAtEnd++;
    c.opsSubmitted += o.ops.submitted;
    c.opsOk += o.ops.ok;
    c.events += o.events;
    c.virtualMs += o.virtualMs;
    this.print = (this.print ^ fnv1a32(JSON.stringify(o))) >>> 0;
  }

  /** fingerprint is the XOR of the per-seed hashes so far (see summarySchema). */
  get fingerprint(): string {
    return hex(this.print);
  }

  /** failures are the failing outcomes so far, by seed. */
  failures(): FuzzOutcome[] {
    return this.failing.sort((a, b) => a.seed - b.seed);
  }
}

/**
 * summarize builds the summary of `tally` (the seeds of `range`, shard `shard` of `campaign`),
 * with share links to the unshrunk run for the first campaign.links failures (`link`) and the
 * shrunk runs in `shrunk` (by seed).
 */
export function summarize(
  campaign: Campaign,
  shard: number,
  range: SeedRange,
  tally: Tally,
  time: Timing,
  link: (o: FuzzOutcome) => string,
  shrunk: ReadonlyMap<number, Shrunk & { url: string }>,
): FuzzSummary {
  return {
    format: SUMMARY_FORMAT,
    version: SUMMARY_VERSION,
    campaign,
    shards: [shard],
    ranges: [range],
    missing: [],
    ...tally.counts,
    fingerprint: tally.fingerprint,
    ...time,
    failures: tally.failures().map((o, i) => {
      const f = o.failure!;
      const s = shrunk.get(o.seed);
      return {
        seed: o.seed,
        clusterSize: o.nodes,
        kind: f.kind,
        t: f.t,
        text: f.text,
        nodes: f.nodes,
        moment: f.moment,
        ...(i < campaign.links ? { url: link(o) } : {}),
        ...(s ? { shrunk: { actions: s.scenario.timeline.length, until: s.scenario.until, runs: s.runs, kind: s.failure.kind, text: s.failure.text, url: s.url } } : {}),
      };
    }),
  };
}

/** expectedOutcome is the exit rule: with a bug on, at least one failure; without, none. */
export function expectedOutcome(s: FuzzSummary): boolean {
  return s.campaign.bugs.length ? s.failed > 0 : s.failed === 0;
}

const fmt = (n: number, d = 0) => n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  return rows.map((r) => r.map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd(widths[c]!))).join('  ')).join('\n');
}

/** MAX_FAILURE_ROWS is how many failures the table lists; --json lists them all. */
const MAX_FAILURE_ROWS = 50;

/** coverageLine says which shards and seeds a summary holds, or '' for a whole unsharded run. */
function coverageLine(s: FuzzSummary): string {
  const c = s.campaign;
  if (c.shards === 1) return '';
  if (s.shards.length === c.shards && !s.missing.length) return `all ${c.shards} shards: ${describeRange(c.seeds)}`;
  const shards = s.shards.length === 1 ? `shard ${s.shards[0]}/${c.shards}` : `shards ${s.shards.join(', ')} of ${c.shards}`;
  const missing = s.missing.length ? `; MISSING ${describeRanges(s.missing)}` : '';
  return `${shards}: ${describeRanges(s.ranges)} of ${describeRange(c.seeds)}${missing}`;
}

/** renderText is the summary as a person reads it: the counts, the failures, the shrunk links. */
export function renderText(s: FuzzSummary): string {
  const model = getProtocol(s.campaign.protocol).consistency;
  const out: string[] = [
    table([
      ['runs', 'failed', 'safety', 'liveness', `not ${model.title.toLowerCase()}`, 'unknown', 'not recovered at end', 'ops ok / submitted', 'wall s', 'runs/s', 'runs/s per worker'],
      [fmt(s.runs), fmt(s.failed), fmt(s.safetyViolations), fmt(s.livenessStalls), fmt(s.inconsistent), fmt(s.consistencyUnknown), fmt(s.notRecoveredAtEnd), `${fmt(s.opsOk)} / ${fmt(s.opsSubmitted)}`, fmt(s.wallSeconds, 1), fmt(s.runsPerSecond, 1), fmt(s.runsPerSecondPerWorker, 1)],
    ]),
  ];
  const coverage = coverageLine(s);
  if (coverage) out.push(coverage);
  if (s.failures.length) {
    out.push('', 'failures:');
    out.push(table([['seed', 'nodes', 'what', 'at', 'detail'], ...s.failures.slice(0, MAX_FAILURE_ROWS).map((f) => [String(f.seed), String(f.clusterSize), f.kind, `${fmt(f.t)} ms`, f.text])]));
    if (s.failures.length > MAX_FAILURE_ROWS) out.push(`… and ${s.failures.length - MAX_FAILURE_ROWS} more`);
    for (const f of s.failures) {
      if (!f.shrunk) continue;
      const k = f.shrunk;
      out.push('', `seed ${f.seed} shrunk to ${k.actions} actions, until ${fmt(k.until)} ms, in ${k.runs} runs: ${k.kind} — ${k.text}`, `  ${k.url}`);
    }
  }
  return out.join('\n') + '\n';
}
