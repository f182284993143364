/** Merging fuzz summaries in-process, on made-up outcomes: exactness and every refusal. */
import { describe, expect, it } from 'vitest';
import type { FuzzOutcome } from '../core/check/fuzz';
import { shardSlice, type Campaign, type SeedRange } from './fuzz-campaign';
import { MergeError, mergeSummaries, missingShards, parseSummary } from './fuzz-merge';
import { renderText, summarize, Tally, timing, type FuzzSummary } from './fuzz-summary';

const campaign: Campaign = { protocol: 'raft', bugs: ['b'], seeds: { from: 1, count: 30 }, shards: 3, chaos: { durationMs: 5000 }, shrink: 2, links: 4, baseUrl: 'http://x/' };

/** outcome makes seed `seed`'s made-up outcome: every third seed fails. */
const outcome = (seed: number): FuzzOutcome => ({
  seed,
  nodes: 3 + (seed % 3) * 2,
  events: 100 + seed,
  virtualMs: 5000 - seed,
  ops: { submitted: 10 + (seed % 4), ok: 9, fail: 0, info: 1 },
  failure: seed % 3 === 0 ? { kind: seed % 2 ? 'Election Safety' : 'linearizability', t: seed * 10, text: `broke at ${seed}`, nodes: ['n1'], moment: { events: seed, t: seed * 10 } } : null,
  consistency: seed % 5 === 0 ? 'unknown' : 'ok',
  recoveredAtEnd: seed % 7 !== 0,
});

/** summary summarizes `range` of `c` as shard `k` would: links and shrunk runs for its first failures. */
function summary(c: Campaign, k: number, range: SeedRange, wallSeconds = 2): FuzzSummary {
  const outcomes = Array.from({ length: range.count }, (_, i) => outcome(range.from + i));
  const failing = outcomes.filter((o) => o.failure).slice(0, c.shrink);
  const shrunk = new Map(
    failing.map((o) => [o.seed, { scenario: { timeline: [1, 2], until: 99 } as never, failure: o.failure!, runs: 7, url: `http://x/#shrunk-${o.seed}` }]),
  );
  const tally = new Tally(c.protocol);
  for (const o of [...outcomes].reverse()) tally.add(o);
  return summarize(c, k, range, tally, timing(range.count, wallSeconds, wallSeconds * 2, 2), (o) => `http://x/#seed-${o.seed}`, shrunk);
}

const shard = (k: number) => ({ file: `shard-${k}.json`, summary: summary(campaign, k, shardSlice(campaign.seeds, k, 3), k) });
const whole = summary({ ...campaign, shards: 1 }, 1, campaign.seeds);
/** withoutTiming drops what differs between a merge and the unsharded run by design. */
const withoutTiming = (s: FuzzSummary) => {
  const { wallSeconds, workerSeconds, workers, runsPerSecond, runsPerSecondPerWorker, shards, campaign: c, ...rest } = s;
  return { ...rest, campaign: { ...c, shards: 0 } };
};

describe('mergeSummaries', () => {
  it('joins the shards into exactly the unsharded summary: counts, fingerprint, failures, links, shrunk runs', () => {
    const merged = mergeSummaries([shard(3), shard(1), shard(2)]);
    expect(withoutTiming(merged)).toEqual(withoutTiming(whole));
    expect(merged.shards).toEqual([1, 2, 3]);
    expect(merged.failures.filter((f) => f.url).map((f) => f.seed)).toEqual([3, 6, 9, 12]);
    expect(merged.failures.filter((f) => f.shrunk).map((f) => f.seed)).toEqual([3, 6]);
    expect(merged).toMatchObject({ wallSeconds: 3, workerSeconds: 12, workers: 6, runsPerSecond: 10, runsPerSecondPerWorker: 2.5 });
  });

  it('a merge of merges is the same merge', () => {
    const partial = mergeSummaries([shard(1), shard(2)]);
    expect(mergeSummaries([{ file: 'partial.json', summary: partial }, shard(3)])).toEqual(mergeSummaries([shard(1), shard(2), shard(3)]));
  });

  it('lists the seeds and shards no input covered', () => {
    const merged = mergeSummaries([shard(1), shard(3)]);
    expect(merged.missing).toEqual([{ from: 11, count: 10 }]);
    expect(missingShards(merged)).toEqual([2]);
    expect(merged.runs).toBe(20);
    expect(renderText(merged)).toMatch(/shards 1, 3 of 3: seeds 1–10, 21–30 of seeds 1–30; MISSING seeds 11–20/);
  });

  it('refuses a shard given twice, naming the files and seeds', () => {
    expect(() => mergeSummaries([shard(1), shard(2), { ...shard(2), file: 'again.json' }])).toThrow(/shard-2\.json and again\.json both cover seeds 11–20/);
  });

  it('refuses summaries of different campaigns, naming each difference', () => {
    const other = { file: 'pbft.json', summary: summary({ ...campaign, protocol: 'pbft', chaos: {} }, 2, shardSlice(campaign.seeds, 2, 3)) };
    expect(() => mergeSummaries([shard(1), other])).toThrow(
      'shard-1.json and pbft.json are from different campaigns (protocol: raft vs pbft; --duration: 5000 vs (default))',
    );
  });

  it('refuses nothing to merge', () => {
    expect(() => mergeSummaries([])).toThrow(MergeError);
  });
});

describe('parseSummary', () => {
  const good = JSON.stringify(shard(1).summary);
  it('reads back what --json writes', () => {
    expect(parseSummary('a.json', good)).toEqual(shard(1).summary);
  });

  it('says what is wrong with a file that is not a summary', () => {
    expect(() => parseSummary('a.json', '{ nope')).toThrow(/^a\.json is not JSON/);
    expect(() => parseSummary('a.json', '{"runs": 3}')).toThrow(/a\.json is not a fuzz summary \(no "format"/);
    expect(() => parseSummary('a.json', good.replace('"version":2', '"version":3'))).toThrow('a.json is a version 3 fuzz summary; this fuzzer reads version 2');
    expect(() => parseSummary('a.json', good.replace('"failed":', '"failed":-1,"x":'))).toThrow(/a\.json is not a valid fuzz summary: failed: /);
    expect(() => parseSummary('a.json', good.replace('"runs":10', '"runs":11'))).toThrow('a.json is inconsistent: 11 runs for 10 seeds');
  });
});
