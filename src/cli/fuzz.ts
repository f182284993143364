/**
 * The seed fuzzer: `npm run fuzz -- --seeds N [--shard K/N] [--bug NAME] [--protocol raft] [options]`,
 * or `npm run fuzz -- --merge SUMMARY.json…`.
 *
 * Runs N seeded chaos runs (src/core/chaos: a nemesis plus a client workload, then a repair) on
 * every core, each with the protocol's safety monitor and the protocol's consistency checker, prints a
 * table (or with --json a summary, src/cli/fuzz-summary.ts), and for each failure (up to --shrink
 * of them) a share URL of the failing run shrunk to a short timeline. `--shard K/N` runs only the
 * K-th of N contiguous slices of the seeds (src/cli/fuzz-campaign.ts); `--merge` joins the slices'
 * JSON summaries into the unsharded one (src/cli/fuzz-merge.ts). Output goes to stdout or `--out
 * FILE`, waits for a slow reader and loses nothing; a reader that closes early ends the run quietly.
 *
 * Exit 0 when the outcome is the expected one: no failure without --bug, at least one failure with
 * --bug (for a shard: among its seeds; for a merge: among all). Exit 1 otherwise, 2 for bad
 * arguments or bad summaries.
 */
import type { RunFailure } from '../core/check/fuzz';
import { chaosScenario } from '../core/chaos/scenarios';
import { encodeShare } from '../core/scenario/share';
import { parseArgs, UsageError, USAGE, type MergeArgs, type RunArgs } from './fuzz-args';
import { chaosOptions, describeRange, describeRanges } from './fuzz-campaign';
import { MergeError, mergeSummaries, missingShards, readSummary } from './fuzz-merge';
import { Pool } from './fuzz-pool';
import { expectedOutcome, renderText, summarize, Tally, timing, type FuzzSummary } from './fuzz-summary';
import { endQuietlyOnClosedOutput, isClosedOutput, openOutput, type Output } from './output';

const log = (s: string) => process.stderr.write(s + '\n');
const fmt = (n: number, d = 0) => n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });

/** runCampaign runs the seeds of `args.slice` on worker threads and summarizes them. */
async function runCampaign(args: RunArgs): Promise<FuzzSummary> {
  const { campaign, slice } = args;
  const opts = chaosOptions(campaign);
  const seeds = Array.from({ length: slice.count }, (_, i) => slice.from + i);
  const workers = Math.min(args.workers, seeds.length);
  const shard = campaign.shards > 1 ? `shard ${args.shard}/${campaign.shards}: ` : '';
  log(`fuzz: ${shard}${describeRange(slice)}, ${campaign.protocol}, bugs: ${campaign.bugs.join(', ') || 'none'}, ${fmt((campaign.chaos.durationMs ?? 30_000) / 1000)} virtual s each, ${workers} worker thread${workers === 1 ? '' : 's'}`);
  const pool = new Pool(workers);
  try {
    const started = performance.now();
    const tally = new Tally(campaign.protocol);
    let lastReport = started;
    await pool.run(seeds, opts, (o) => {
      tally.add(o);
      const now = performance.now();
      if (now - lastReport > 5000) {
        lastReport = now;
        const { runs, failed } = tally.counts;
        log(`  ${runs}/${seeds.length} runs, ${failed} failed, ${fmt(runs / ((now - started) / 1000), 1)} runs/s`);
      }
    });
    const wallS = (performance.now() - started) / 1000;
    const link = (seed: number, moment: RunFailure['moment'], scenario = chaosScenario(seed, opts)) => `${campaign.baseUrl}#${encodeShare(scenario, moment)}`;
    const shrunk = await pool.shrinkAll(tally.failures().slice(0, campaign.shrink), opts);
    const shrunkWithUrls = new Map([...shrunk].map(([seed, s]) => [seed, { ...s, url: link(seed, s.failure.moment, s.scenario) }]));
    const time = timing(tally.counts.runs, wallS, wallS * workers, workers);
    return summarize(campaign, args.shard, slice, tally, time, (o) => link(o.seed, o.failure!.moment), shrunkWithUrls);
  } finally {
    await pool.close();
  }
}

/** merge reads and joins the summaries of `args.files`, warning on stderr about missing shards. */
function merge(args: MergeArgs): FuzzSummary {
  const merged = mergeSummaries(args.files.map((file) => ({ file, summary: readSummary(file) })));
  const absent = missingShards(merged);
  if (merged.missing.length) {
    const which = absent.length ? `shard${absent.length > 1 ? 's' : ''} ${absent.join(', ')} of ${merged.campaign.shards}` : 'some seeds';
    log(`fuzz: missing ${which} (${describeRanges(merged.missing)}): the merged summary covers ${fmt(merged.runs)} of ${fmt(merged.campaign.seeds.count)} seeds`);
  }
  return merged;
}

/** openOrExit opens the output (`--out FILE` or stdout), or ends with exit 2 saying why it cannot. */
function openOrExit(path: string | undefined): Output {
  try {
    return openOutput(path);
  } catch (e) {
    process.stderr.write(`fuzz: cannot write ${path}: ${(e as Error).message}\n`);
    process.exit(2);
  }
}

async function main(): Promise<void> {
  endQuietlyOnClosedOutput();
  let args: RunArgs | MergeArgs;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`fuzz: ${e.message}\n${USAGE}\n`);
      process.exit(2);
    }
    throw e;
  }
  // A run opens its output first, so a bad path costs no fuzzing; a merge only once its inputs are
  // good, so a refused merge leaves no empty file behind.
  let out = args.mode === 'run' ? openOrExit(args.out) : undefined;
  let summary: FuzzSummary;
  try {
    summary = args.mode === 'merge' ? merge(args) : await runCampaign(args);
  } catch (e) {
    if (e instanceof MergeError) {
      process.stderr.write(`fuzz: ${e.message}\n`);
      process.exit(2);
    }
    throw e;
  }
  out ??= openOrExit(args.out);
  out.write(args.json ? JSON.stringify(summary, null, 2) + '\n' : renderText(summary));
  out.close();
  // A merge that misses seeds is no verdict on the campaign: a CI job must not pass on it.
  const whole = summary.missing.length === 0;
  const expected = expectedOutcome(summary);
  if (!expected) log(summary.campaign.bugs.length ? `fuzz: no seed caught ${summary.campaign.bugs.join(', ')}` : `fuzz: ${summary.failed} seeds failed`);
  process.exitCode = expected && whole ? 0 : 1;
}

main().catch((e: unknown) => {
  if (isClosedOutput(e)) process.exit(0);
  process.stderr.write(`fuzz: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
