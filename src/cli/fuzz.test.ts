/** The fuzzer as a user runs it: a child process with worker threads, its output and exit code. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeShare } from '../core/scenario/share';
import type { FuzzSummary } from './fuzz-summary';

const dir = mkdtempSync(join(tmpdir(), 'fuzz-cli-'));
const cli = ['--import', 'tsx', 'src/cli/fuzz.ts'];
const fuzz = (...args: string[]) => spawnSync(process.execPath, [...cli, ...args], { encoding: 'utf8', cwd: process.cwd(), timeout: 120_000 });
const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as FuzzSummary;

describe('npm run fuzz', () => {
  it('with a bug on, finds it, shrinks it and prints a share link to the failing moment; exit 0', () => {
    const r = fuzz('--from', '5', '--seeds', '3', '--bug', 'vote-without-log-check', '--shrink', '1', '--duration', '10000', '--workers', '2');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^runs\s+failed\s+safety/m);
    expect(r.stdout).toMatch(/Leader Completeness/);
    const url = r.stdout.match(/http:\/\/localhost:5173\/#s=\S+/)?.[0];
    expect(url).toBeDefined();
    const shared = decodeShare(url!);
    expect(shared.scenario.config.bugs).toEqual(['vote-without-log-check']);
    expect(shared.moment!.events).toBeGreaterThan(0);
  }, 120_000);

  it('refuses an unknown bug by name, listing the known ones; exit 2', () => {
    const r = fuzz('--seeds', '3', '--bug', 'no-such-bug');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/unknown bug "no-such-bug" \(known for raft: commit-old-terms, forget-voted-for/);
  }, 60_000);

  it('refuses a bad --shard with a usage error; exit 2', () => {
    for (const [shard, message] of [
      ['4/3', /--shard 4\/3: K must be between 1 and N/],
      ['1/9', /--shard 1\/9: 9 shards of 5 seeds would leave some empty; use at most 5 shards/],
    ] as const) {
      const r = fuzz('--seeds', '5', '--shard', shard);
      expect(r.status, shard).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).toMatch(/^usage: npm run fuzz/m);
      expect(r.stdout).toBe('');
    }
  }, 60_000);

  it('--out into a folder that does not exist: exit 2 before any seed runs, naming the file', () => {
    const r = fuzz('--seeds', '1000', '--out', join(dir, 'no-such-folder', 'summary.json'));
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^fuzz: cannot write .*no-such-folder\/summary\.json: ENOENT/);
  }, 60_000);
});

/**
 * One small campaign with a bug that nearly every seed trips, a share link for every failure
 * (~2.5 KB each: the JSON is well over a pipe's 64 KiB) and the first failure shrunk.
 */
const CAMPAIGN = ['--seeds', '48', '--bug', 'skip-consistency-check', '--duration', '6000', '--links', '100', '--shrink', '1', '--workers', '2', '--json'];
/** withoutTiming drops what differs between two runs of the same seeds (wall clock) and between a merge and the unsharded run (which shards). */
const withoutTiming = (s: FuzzSummary) => {
  const { wallSeconds, workerSeconds, workers, runsPerSecond, runsPerSecondPerWorker, shards, campaign, ...rest } = s;
  return { ...rest, campaign: { ...campaign, shards: 0 } };
};
/** maskTiming blanks the wall-clock numbers in --json text, leaving every other byte as it is. */
const maskTiming = (text: string) => text.replace(/"(wallSeconds|workerSeconds|runsPerSecond|runsPerSecondPerWorker)": [\d.]+/g, '"$1": 0');

let unsharded: string | undefined;
/** wholeCampaign runs CAMPAIGN unsharded once, into a file, and gives the file. */
function wholeCampaign(): string {
  if (unsharded) return unsharded;
  const file = join(dir, 'whole.json');
  const r = fuzz(...CAMPAIGN, '--out', file);
  expect(r.status, r.stderr).toBe(0);
  expect(r.stdout).toBe('');
  return (unsharded = file);
}

let sharded: string[] | undefined;
/** shardedCampaign runs CAMPAIGN once as shards 1/3, 2/3 and 3/3, each into a file, and gives the files. */
function shardedCampaign(): string[] {
  sharded ??= [1, 2, 3].map((k) => {
    const file = join(dir, `shard-${k}.json`);
    const r = fuzz(...CAMPAIGN, '--shard', `${k}/3`, '--out', file);
    expect(r.status, r.stderr).toBe(0);
    return file;
  });
  return sharded;
}

describe('npm run fuzz -- --shard K/N and --merge', () => {
  it("the shards' union is the unsharded run, and --merge of the shards is the unsharded summary", () => {
    const whole = readJson(wholeCampaign());
    expect(whole.runs).toBe(48);
    expect(whole.failed).toBeGreaterThan(30);
    const files = shardedCampaign();
    const shards = files.map(readJson);
    expect(shards.map((s) => s.ranges)).toEqual([[{ from: 1, count: 16 }], [{ from: 17, count: 16 }], [{ from: 33, count: 16 }]]);
    // The union: the same failing seeds with the same failures, and the same counts.
    const strip = ({ url, shrunk, ...f }: FuzzSummary['failures'][number]) => f;
    expect(shards.flatMap((s) => s.failures.map(strip))).toEqual(whole.failures.map(strip));
    for (const key of ['runs', 'failed', 'safetyViolations', 'opsSubmitted', 'opsOk', 'events', 'virtualMs', 'notRecoveredAtEnd'] as const) {
      expect(shards.reduce((n, s) => n + s[key], 0), key).toBe(whole[key]);
    }

    const merged = fuzz('--merge', ...[...files].reverse(), '--json');
    expect(merged.status, merged.stderr).toBe(0);
    const m = JSON.parse(merged.stdout) as FuzzSummary;
    expect(withoutTiming(m)).toEqual(withoutTiming(whole));
    expect(m.failures[0]!.shrunk!.url).toMatch(/^http:\/\/localhost:5173\/#s=/);

    const table = fuzz('--merge', ...files);
    expect(table.status, table.stderr).toBe(0);
    expect(table.stdout).toMatch(new RegExp(`^runs\\s+failed[^\\n]*\\n48\\s+${whole.failed}\\s`, 'm'));
    expect(table.stdout).toMatch(/^all 3 shards: seeds 1–48$/m);
  }, 180_000);

  it('--merge reports a missing shard (exit 1), and refuses overlapping shards, other campaigns and files that are not summaries (exit 2)', () => {
    const [s1, s2, s3] = shardedCampaign();
    const gap = fuzz('--merge', s1!, s3!);
    expect(gap.stderr).toMatch(/fuzz: missing shard 2 of 3 \(seeds 17–32\): the merged summary covers 32 of 48 seeds/);
    expect(gap.stdout).toMatch(/MISSING seeds 17–32/);
    expect(gap.status).toBe(1);

    const twice = fuzz('--merge', s1!, s2!, s2!);
    expect(twice.status).toBe(2);
    expect(twice.stderr).toMatch(/shard-2\.json is given twice \(it covers seeds 17–32\): give each shard once/);
    const copy = join(dir, 'copy-of-2.json');
    writeFileSync(copy, readFileSync(s2!));
    const overlap = fuzz('--merge', s1!, s2!, copy, s3!);
    expect(overlap.status).toBe(2);
    expect(overlap.stderr).toMatch(/shard-2\.json and .*copy-of-2\.json both cover seeds 17–32: give each shard once/);

    const other = fuzz('--merge', s1!, wholeCampaign());
    expect(other.status).toBe(2);
    expect(other.stderr).toMatch(/are from different campaigns \(N of --shard K\/N: 3 vs 1\)/);

    const junk = join(dir, 'junk.json');
    writeFileSync(junk, '{"runs": 3}');
    const notSummary = fuzz('--merge', s1!, junk);
    expect(notSummary.status).toBe(2);
    expect(notSummary.stderr).toMatch(/junk\.json is not a fuzz summary/);
    expect(notSummary.stderr).not.toMatch(/\n\s+at /);
  }, 120_000);
});

describe('npm run fuzz through pipes, as users run it', () => {
  /** SLOW_CAT copies stdin to stdout 4 KiB at a time with a 2 ms nap after each read: a slow reader. */
  const SLOW_CAT = `const fs = require('fs'); const b = Buffer.alloc(4096); const nap = new Int32Array(new SharedArrayBuffer(4));
for (;;) { let n; try { n = fs.readSync(0, b); } catch (e) { if (e.code !== 'EAGAIN') throw e; n = -1; }
  if (n === 0) break; if (n > 0) fs.writeSync(1, b.subarray(0, n)); Atomics.wait(nap, 0, 0, 2); }`;

  /**
   * slowRead runs `npm run --silent fuzz -- args | slow cat` in bash, exactly as a user types it: a
   * real pipe (64 KiB) to a reader that takes 4 KiB every 2 ms, with npm and tsx between bash and
   * the fuzzer. Gives what the reader got and the fuzzer's exit status.
   */
  let pipedRuns = 0;
  const slowRead = (args: string[]) => {
    const file = join(dir, `piped-${++pipedRuns}.out`);
    const script = `set -o pipefail; npm run --silent fuzz -- ${args.join(' ')} | "${process.execPath}" -e "$SLOW_CAT" > "${file}"; echo "status \${PIPESTATUS[0]}" >&2`;
    const r = spawnSync('bash', ['-c', script], { encoding: 'utf8', cwd: process.cwd(), env: { ...process.env, SLOW_CAT }, timeout: 120_000 });
    return { status: /status (\d+)\n$/.exec(r.stderr)?.[1], stdout: readFileSync(file, 'utf8'), stderr: r.stderr };
  };

  it('a slow reader gets the summary byte for byte as --out writes it (wall-clock numbers aside), and exit 0', () => {
    const written = readFileSync(wholeCampaign(), 'utf8');
    expect(written.length).toBeGreaterThan(100_000);
    const piped = slowRead(CAMPAIGN);
    expect(piped.status, piped.stderr).toBe('0');
    expect(maskTiming(piped.stdout)).toBe(maskTiming(written));
  }, 120_000);

  it('into `head -1`: one line, exit 0, no stack trace', () => {
    const r = spawnSync('bash', ['-c', `set -o pipefail; "${process.execPath}" ${cli.join(' ')} ${CAMPAIGN.join(' ')} --shrink 0 | head -1; echo "status \${PIPESTATUS[0]}" >&2`], {
      encoding: 'utf8',
      cwd: process.cwd(),
    });
    expect(r.stdout).toBe('{\n');
    expect(r.stderr).toMatch(/status 0\n$/);
    expect(r.stderr).not.toMatch(/Error|\n\s+at /);
  }, 120_000);
});
