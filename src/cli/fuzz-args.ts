/**
 * The fuzzer's command line: a campaign to run (or one shard of it), or summaries to merge.
 */
import os from 'node:os';
import { NEMESIS_KINDS, type NemesisKind } from '../core/chaos/nemesis';
import { DEFAULT_PROTOCOL, getProtocol, protocolNames } from '../core/protocols/registry';
import { SCENARIO_LIMITS } from '../core/scenario/schema';
import { shardSlice, type Campaign, type SeedRange } from './fuzz-campaign';

/** USAGE is printed with every usage error and for --help. */
export const USAGE = `usage: npm run fuzz -- --seeds N [--from S] [--shard K/N] [--bug NAME]... [--protocol raft]
       [--duration MS] [--nodes N] [--kinds a,b] [--rate FAULTS_PER_S] [--workers K]
       [--shrink K] [--links K] [--base-url URL] [--json] [--out FILE]
   or: npm run fuzz -- --merge SUMMARY.json... [--json] [--out FILE]`;

/** UsageError is a bad command line, said in the user's words; the CLI prints USAGE and exits 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** RunArgs asks for one campaign, or one shard of it: the seeds of `slice`. */
export interface RunArgs {
  mode: 'run';
  campaign: Campaign;
  /** K of --shard K/N (1 when not sharded). */
  shard: number;
  /** The seeds this process runs: the whole campaign, or shard K's slice of it. */
  slice: SeedRange;
  workers: number;
  json: boolean;
  /** Where the table or JSON goes; stdout when absent. */
  out?: string;
}

/** MergeArgs asks to join the summaries in `files`. */
export interface MergeArgs {
  mode: 'merge';
  files: string[];
  json: boolean;
  out?: string;
}

/** Options that --merge takes besides its files; every other one belongs to a run. */
const MERGE_OPTIONS = new Set(['--merge', '--json', '--out']);

/**
 * parseArgs reads the fuzzer's arguments (after `--`).
 * @throws UsageError naming the bad argument
 */
export function parseArgs(argv: readonly string[]): RunArgs | MergeArgs {
  let seeds = 0;
  let from = 1;
  let shardArg: string | undefined;
  const bugs: string[] = [];
  let protocol = DEFAULT_PROTOCOL;
  let workers = os.cpus().length;
  let shrink = 3;
  let links = 10;
  let baseUrl = 'http://localhost:5173/';
  let json = false;
  let out: string | undefined;
  let merge = false;
  const files: string[] = [];
  const runOptions: string[] = [];
  const chaos: Campaign['chaos'] = {};
  const int = (name: string, v: string | undefined, min: number): number => {
    const n = Number(v);
    if (v === undefined || v.trim() === '' || !Number.isInteger(n) || n < min) throw new UsageError(`${name} needs a whole number ≥ ${min}`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const f = argv[i]!;
    const next = () => argv[++i];
    if (f.startsWith('-') && !MERGE_OPTIONS.has(f) && f !== '-h' && f !== '--help') runOptions.push(f);
    if (f === '--seeds') seeds = int('--seeds', next(), 1);
    else if (f === '--from') from = int('--from', next(), 0);
    else if (f === '--shard') shardArg = next() ?? '';
    else if (f === '--bug') bugs.push(...(next() ?? '').split(',').filter(Boolean));
    else if (f === '--protocol') protocol = next() ?? '';
    else if (f === '--duration') chaos.durationMs = int('--duration', next(), 1000);
    else if (f === '--nodes') {
      chaos.nodes = int('--nodes', next(), SCENARIO_LIMITS.minNodes);
      if (chaos.nodes > SCENARIO_LIMITS.maxNodes) throw new UsageError(`--nodes needs a whole number from ${SCENARIO_LIMITS.minNodes} to ${SCENARIO_LIMITS.maxNodes}`);
    }
    else if (f === '--rate') {
      const r = Number(next());
      if (!(r > 0 && r <= 50)) throw new UsageError('--rate needs a number of faults per virtual second in (0, 50]');
      chaos.faultRate = r;
    } else if (f === '--workers') workers = int('--workers', next(), 1);
    else if (f === '--shrink') shrink = int('--shrink', next(), 0);
    else if (f === '--links') links = int('--links', next(), 0);
    else if (f === '--base-url') baseUrl = next() ?? '';
    else if (f === '--json') json = true;
    else if (f === '--out') {
      out = next();
      if (!out) throw new UsageError('--out needs a file name');
    } else if (f === '--merge') merge = true;
    else if (f === '--kinds') {
      const kinds = (next() ?? '').split(',').filter(Boolean);
      const bad = kinds.filter((k) => !NEMESIS_KINDS.includes(k as NemesisKind));
      if (bad.length || !kinds.length) throw new UsageError(`--kinds: unknown kind ${bad.join(', ') || '(none given)'} (known: ${NEMESIS_KINDS.join(', ')})`);
      chaos.kinds = kinds as NemesisKind[];
    } else if (f === '-h' || f === '--help') {
      process.stdout.write(USAGE + '\n');
      process.exit(0);
    } else if (!f.startsWith('-')) files.push(f);
    else throw new UsageError(`unexpected argument: ${f}`);
  }
  const common = { json, ...(out !== undefined ? { out } : {}) };
  if (merge) {
    if (runOptions.length) throw new UsageError(`--merge takes summary files and --json, --out only, not ${runOptions.join(', ')}: the campaign's options are in the files`);
    if (!files.length) throw new UsageError('--merge needs the summary files to join, e.g. --merge shard-*.json');
    if (out !== undefined && files.includes(out)) throw new UsageError(`--out ${out} is also an input of --merge; write the merged summary elsewhere`);
    return { mode: 'merge', files, ...common };
  }
  if (files.length) throw new UsageError(`unexpected argument: ${files[0]}${files[0]!.endsWith('.json') ? ' (to join summaries, use --merge)' : ''}`);
  if (!seeds) throw new UsageError('--seeds N is required');
  if (!protocolNames().includes(protocol)) throw new UsageError(`--protocol: unknown protocol "${protocol}" (known: ${protocolNames().join(', ')})`);
  const known = getProtocol(protocol).protocol.teachingBugs.map((b) => b.id);
  for (const b of bugs) if (!known.includes(b)) throw new UsageError(`--bug: unknown bug "${b}" (known for ${protocol}: ${known.join(', ') || 'none'})`);
  const range = { from, count: seeds };
  const { k, n } = shardArg === undefined ? { k: 1, n: 1 } : parseShard(shardArg, seeds);
  const campaign: Campaign = { protocol, bugs, seeds: range, shards: n, chaos, shrink, links, baseUrl };
  return { mode: 'run', campaign, shard: k, slice: shardSlice(range, k, n), workers, ...common };
}

/**
 * parseShard reads `K/N` of --shard: shard K (from 1) of N, with at least one seed per shard.
 * @throws UsageError for anything else, saying what is wrong
 */
export function parseShard(arg: string, seeds: number): { k: number; n: number } {
  const m = /^(\d+)\/(\d+)$/.exec(arg.trim());
  if (!m) throw new UsageError(`--shard needs K/N, the K-th of N slices (e.g. --shard 2/8), not "${arg}"`);
  const k = Number(m[1]);
  const n = Number(m[2]);
  if (n < 1 || k < 1 || k > n) throw new UsageError(`--shard ${arg}: K must be between 1 and N (shards are numbered 1 to ${Math.max(n, 1)})`);
  if (n > seeds) throw new UsageError(`--shard ${arg}: ${n} shards of ${seeds} seeds would leave some empty; use at most ${seeds} shards`);
  return { k, n };
}
