/**
 * `npm run fuzz -- --merge FILES…`: joins the summaries of a campaign's shards (or of merges of
 * them) into the summary the unsharded run would have printed, but for timing. Refuses files that
 * are not version-1 summaries, that come from different campaigns, or that cover a seed twice.
 */
import { readFileSync } from 'node:fs';
import * as v from 'valibot';
import { campaignDifferences, coalesce, describeRange, describeRanges, missingFrom, type SeedRange } from './fuzz-campaign';
import { SUMMARY_FORMAT, SUMMARY_VERSION, summarySchema, timing, xorFingerprints, type FuzzSummary } from './fuzz-summary';

/** MergeError is a bad `--merge` input, said in the user's words; the CLI exits 2. */
export class MergeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MergeError';
  }
}

/** A summary and the file it came from, for error messages. */
export interface NamedSummary {
  file: string;
  summary: FuzzSummary;
}

/**
 * parseSummary checks that `json` (the text of `file`) is a fuzz summary of this version.
 * @throws MergeError naming the file and the first bad field
 */
export function parseSummary(file: string, json: string): FuzzSummary {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (e) {
    throw new MergeError(`${file} is not JSON (${(e as Error).message}); --merge reads the files of \`npm run fuzz -- --json\``);
  }
  const head = raw as { format?: unknown; version?: unknown } | null;
  if (typeof head !== 'object' || head === null || head.format !== SUMMARY_FORMAT) {
    throw new MergeError(`${file} is not a fuzz summary (no "format": "${SUMMARY_FORMAT}"); --merge reads the files of \`npm run fuzz -- --json\``);
  }
  if (head.version !== SUMMARY_VERSION) {
    throw new MergeError(`${file} is a version ${JSON.stringify(head.version)} fuzz summary; this fuzzer reads version ${SUMMARY_VERSION}`);
  }
  const parsed = v.safeParse(summarySchema, raw);
  if (!parsed.success) {
    const i = parsed.issues[0];
    throw new MergeError(`${file} is not a valid fuzz summary: ${v.getDotPath(i) ?? '(top level)'}: ${i.message}`);
  }
  const s = parsed.output;
  const covered = s.ranges.reduce((n, r) => n + r.count, 0);
  if (s.runs !== covered) throw new MergeError(`${file} is inconsistent: ${s.runs} runs for ${covered} seeds`);
  const stray = s.failures.find((f) => !s.ranges.some((r) => f.seed >= r.from && f.seed < r.from + r.count));
  if (stray) throw new MergeError(`${file} is inconsistent: failing seed ${stray.seed} is outside its ${describeRanges(s.ranges)}`);
  return s;
}

/** readSummary reads and checks the summary in `file`. @throws MergeError */
export function readSummary(file: string): FuzzSummary {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new MergeError(`cannot read ${file}: ${(e as Error).message}`);
  }
  return parseSummary(file, text);
}

const end = (r: SeedRange) => r.from + r.count;

/**
 * mergeSummaries joins the summaries of one campaign's shards. Counts and virtual ms add up,
 * fingerprints XOR, failures are listed by seed; share links are kept for the first
 * campaign.links failures and shrunk runs for the first campaign.shrink, as the unsharded run
 * would have them. Timing: the longest shard's wall seconds, the sum of the compute.
 * Missing shards are listed in `missing`, not refused.
 * @throws MergeError for no input, different campaigns, or a seed covered twice
 */
export function mergeSummaries(inputs: readonly NamedSummary[]): FuzzSummary {
  if (!inputs.length) throw new MergeError('--merge needs at least one summary file');
  const first = inputs[0]!;
  const c = first.summary.campaign;
  for (const x of inputs.slice(1)) {
    const diff = campaignDifferences(c, x.summary.campaign);
    if (diff.length) throw new MergeError(`${first.file} and ${x.file} are from different campaigns (${diff.join('; ')})`);
  }
  const owned = inputs.flatMap((x) => x.summary.ranges.map((r) => ({ r, file: x.file }))).sort((a, b) => a.r.from - b.r.from);
  for (let i = 1; i < owned.length; i++) {
    const a = owned[i - 1]!;
    const b = owned[i]!;
    if (b.r.from < end(a.r)) {
      const both = { from: b.r.from, count: Math.min(end(a.r), end(b.r)) - b.r.from };
      if (a.file === b.file) throw new MergeError(`${a.file} is given twice (it covers ${describeRange(both)}): give each shard once`);
      throw new MergeError(`${a.file} and ${b.file} both cover ${describeRange(both)}: give each shard once`);
    }
  }
  const outside = owned.find(({ r }) => r.from < c.seeds.from || end(r) > end(c.seeds));
  if (outside) throw new MergeError(`${outside.file} covers ${describeRange(outside.r)}, outside the campaign's ${describeRange(c.seeds)}`);

  const all = inputs.map((x) => x.summary);
  const ranges = coalesce(owned.map((o) => o.r));
  const sum = (f: (s: FuzzSummary) => number) => all.reduce((n, s) => n + f(s), 0);
  const runs = sum((s) => s.runs);
  const failures = all
    .flatMap((s) => s.failures)
    .sort((a, b) => a.seed - b.seed)
    .map((f, i) => {
      const { url, shrunk, ...rest } = f;
      return { ...rest, ...(url && i < c.links ? { url } : {}), ...(shrunk && i < c.shrink ? { shrunk } : {}) };
    });
  return {
    format: SUMMARY_FORMAT,
    version: SUMMARY_VERSION,
    campaign: c,
    shards: [...new Set(all.flatMap((s) => s.shards))].sort((a, b) => a - b),
    ranges,
    missing: missingFrom(c.seeds, ranges),
    runs,
    failed: sum((s) => s.failed),
    safetyViolations: sum((s) => s.safetyViolations),
    livenessStalls: sum((s) => s.livenessStalls),
    inconsistent: sum((s) => s.inconsistent),
    consistencyUnknown: sum((s) => s.consistencyUnknown),
    notRecoveredAtEnd: sum((s) => s.notRecoveredAtEnd),
    opsSubmitted: sum((s) => s.opsSubmitted),
    opsOk: sum((s) => s.opsOk),
    events: sum((s) => s.events),
    virtualMs: sum((s) => s.virtualMs),
    fingerprint: xorFingerprints(all.map((s) => s.fingerprint)),
    ...timing(runs, Math.max(...all.map((s) => s.wallSeconds)), sum((s) => s.workerSeconds), sum((s) => s.workers)),
    failures,
  };
}

/** missingShards names the shards of a merge's campaign that no input held, for a warning. */
export function missingShards(s: FuzzSummary): number[] {
  const have = new Set(s.shards);
  return Array.from({ length: s.campaign.shards }, (_, i) => i + 1).filter((k) => !have.has(k));
}
