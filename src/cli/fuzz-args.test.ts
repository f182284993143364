import { describe, expect, it } from 'vitest';
import { parseArgs, parseShard, UsageError } from './fuzz-args';

describe('parseShard', () => {
  it('reads K/N', () => {
    expect(parseShard('2/8', 100)).toEqual({ k: 2, n: 8 });
    expect(parseShard('1/1', 1)).toEqual({ k: 1, n: 1 });
  });

  it('says what is wrong with anything else', () => {
    expect(() => parseShard('0/3', 10)).toThrow('--shard 0/3: K must be between 1 and N (shards are numbered 1 to 3)');
    expect(() => parseShard('4/3', 10)).toThrow(/K must be between 1 and N/);
    expect(() => parseShard('1/0', 10)).toThrow(/K must be between 1 and N/);
    expect(() => parseShard('2', 10)).toThrow('--shard needs K/N, the K-th of N slices (e.g. --shard 2/8), not "2"');
    expect(() => parseShard('-1/3', 10)).toThrow(UsageError);
    expect(() => parseShard('1.5/3', 10)).toThrow(UsageError);
    expect(() => parseShard('1/11', 10)).toThrow('--shard 1/11: 11 shards of 10 seeds would leave some empty; use at most 10 shards');
  });
});

describe('parseArgs', () => {
  it('a shard runs its slice of the campaign, and the campaign records N', () => {
    const a = parseArgs(['--seeds', '10', '--from', '5', '--shard', '3/3', '--duration', '5000', '--workers', '2']);
    expect(a).toMatchObject({ mode: 'run', shard: 3, slice: { from: 11, count: 4 }, campaign: { seeds: { from: 5, count: 10 }, shards: 3, chaos: { durationMs: 5000 } } });
  });

  it('--merge takes files, --json and --out, and refuses run options', () => {
    expect(parseArgs(['--merge', 'a.json', 'b.json', '--json', '--out', 'm.json'])).toEqual({ mode: 'merge', files: ['a.json', 'b.json'], json: true, out: 'm.json' });
    expect(() => parseArgs(['--merge', 'a.json', '--seeds', '3'])).toThrow(/--merge takes summary files and --json, --out only, not --seeds/);
    expect(() => parseArgs(['--merge'])).toThrow(/--merge needs the summary files/);
    expect(() => parseArgs(['--merge', 'a.json', '--out', 'a.json'])).toThrow(/--out a\.json is also an input of --merge/);
  });

  it('--nodes takes a size a scenario may have, no more', () => {
    expect(parseArgs(['--seeds', '1', '--nodes', '12'])).toMatchObject({ campaign: { chaos: { nodes: 12 } } });
    expect(() => parseArgs(['--seeds', '1', '--nodes', '101'])).toThrow('--nodes needs a whole number from 1 to 100');
  });

  it('a file without --merge is a mistake, with a hint', () => {
    expect(() => parseArgs(['--seeds', '3', 'a.json'])).toThrow('unexpected argument: a.json (to join summaries, use --merge)');
  });
});
