/**
 * The seed fuzzer: `npm run fuzz -- --seeds N [--bug NAME] [--protocol raft] [options]`.
 *
 * Runs N seeded chaos runs (src/core/chaos: a nemesis plus a client workload, then a repair) on
 * every core, each with the protocol's safety monitor and the linearizability checker, prints a
 * table, and for each failure (up to --shrink of them) a share URL of the failing run shrunk to a
 * short timeline. Exit 0 when the outcome is the expected one: no failure without --bug, at least
 * one failure with --bug. Exit 1 otherwise, 2 for bad arguments.
 */
import os from 'node:os';
import type { Worker } from 'node:worker_threads';
import { NEMESIS_KINDS, type NemesisKind } from '../core/chaos/nemesis';
import type { ChaosOptions } from '../core/chaos/scenarios';
import type { FuzzOutcome, Shrunk } from '../core/check/fuzz';
import { getProtocol, protocolNames } from '../core/protocols/registry';
import { encodeShare } from '../core/scenario/share';
import { startTsxWorker } from '../workers/tsx-thread';
import type { FuzzReply, FuzzRequest } from './fuzz.worker';

const USAGE = `usage: npm run fuzz -- --seeds N [--from S] [--bug NAME]... [--protocol raft]
       [--duration MS] [--nodes N] [--kinds a,b] [--rate FAULTS_PER_S] [--workers K] [--shrink K]
       [--base-url URL] [--json]`;

class UsageError extends Error {}

interface Args {
  seeds: number;
  from: number;
  bugs: string[];
  protocol: string;
  workers: number;
  shrink: number;
  baseUrl: string;
  json: boolean;
  chaos: ChaosOptions;
}

function parseArgs(argv: string[]): Args {
  const a: Args = { seeds: 0, from: 1, bugs: [], protocol: 'raft', workers: os.cpus().length, shrink: 3, baseUrl: 'http://localhost:5173/', json: false, chaos: {} };
  const int = (name: string, v: string | undefined, min: number): number => {
    const n = Number(v);
    if (v === undefined || !Number.isInteger(n) || n < min) throw new UsageError(`${name} needs a whole number ≥ ${min}`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const f = argv[i]!;
    const next = () => argv[++i];
    if (f === '--seeds') a.seeds = int('--seeds', next(), 1);
    else if (f === '--from') a.from = int('--from', next(), 0);
    else if (f === '--bug') a.bugs.push(...(next() ?? '').split(',').filter(Boolean));
    else if (f === '--protocol') a.protocol = next() ?? '';
    else if (f === '--duration') a.chaos.durationMs = int('--duration', next(), 1000);
    else if (f === '--nodes') a.chaos.nodes = int('--nodes', next(), 1);
    else if (f === '--rate') {
      const r = Number(next());
      if (!(r > 0 && r <= 50)) throw new UsageError('--rate needs a number of faults per virtual second in (0, 50]');
      a.chaos.faultRate = r;
    }
    else if (f === '--workers') a.workers = int('--workers', next(), 1);
    else if (f === '--shrink') a.shrink = int('--shrink', next(), 0);
    else if (f === '--base-url') a.baseUrl = next() ?? '';
    else if (f === '--json') a.json = true;
    else if (f === '--kinds') {
      const kinds = (next() ?? '').split(',').filter(Boolean);
      const bad = kinds.filter((k) => !NEMESIS_KINDS.includes(k as NemesisKind));
      if (bad.length || !kinds.length) throw new UsageError(`--kinds: unknown kind ${bad.join(', ') || '(none given)'} (known: ${NEMESIS_KINDS.join(', ')})`);
      a.chaos.kinds = kinds as NemesisKind[];
    } else if (f === '-h' || f === '--help') {
      process.stdout.write(USAGE + '\n');
      process.exit(0);
    } else throw new UsageError(`unexpected argument: ${f}`);
  }
  if (!a.seeds) throw new UsageError('--seeds N is required');
  if (!protocolNames().includes(a.protocol)) throw new UsageError(`--protocol: unknown protocol "${a.protocol}" (known: ${protocolNames().join(', ')})`);
  const known = getProtocol(a.protocol).protocol.teachingBugs.map((b) => b.id);
  for (const b of a.bugs) if (!known.includes(b)) throw new UsageError(`--bug: unknown bug "${b}" (known for ${a.protocol}: ${known.join(', ') || 'none'})`);
  a.chaos.protocol = a.protocol;
  if (a.bugs.length) a.chaos.bugs = a.bugs;
  return a;
}

const WORKER_ENTRY = new URL('./fuzz.worker.ts', import.meta.url);

/** Pool runs seeds on K worker threads, a chunk at a time, and shrinks failures on them. */
class Pool {
  private readonly workers: Worker[];
  constructor(size: number) {
    this.workers = Array.from({ length: size }, (_, i) => startTsxWorker(WORKER_ENTRY, { name: `fuzz ${i + 1}` }));
  }

  private ask(w: Worker, req: FuzzRequest, onReply: (r: FuzzReply) => boolean): Promise<void> {
    return new Promise((resolve, reject) => {
      const onMessage = (r: FuzzReply) => {
        if (r.type === 'error') return finish(new Error(`fuzz worker failed: ${r.message}`));
        if (onReply(r)) finish();
      };
      const onError = (e: Error) => finish(e);
      const finish = (e?: Error) => {
        w.off('message', onMessage);
        w.off('error', onError);
        if (e) reject(e);
        else resolve();
      };
      w.on('message', onMessage);
      w.on('error', onError);
      w.postMessage(req);
    });
  }

  async run(seeds: number[], opts: ChaosOptions, onResult: (o: FuzzOutcome) => void): Promise<void> {
    const chunk = Math.max(1, Math.min(20, Math.ceil(seeds.length / (this.workers.length * 8))));
    let next = 0;
    await Promise.all(
      this.workers.map(async (w) => {
        while (next < seeds.length) {
          const batch = seeds.slice(next, (next += chunk));
          await this.ask(w, { type: 'run', seeds: batch, opts }, (r) => {
            if (r.type === 'result') onResult(r.outcome);
            return r.type === 'done';
          });
        }
      }),
    );
  }

  async shrinkAll(items: FuzzOutcome[], opts: ChaosOptions): Promise<Map<number, Shrunk>> {
    const out = new Map<number, Shrunk>();
    let next = 0;
    await Promise.all(
      this.workers.map(async (w) => {
        while (next < items.length) {
          const o = items[next++]!;
          await this.ask(w, { type: 'shrink', seed: o.seed, opts, failure: o.failure!, maxRuns: 300 }, (r) => {
            if (r.type === 'shrunk') out.set(r.seed, r.shrunk);
            return r.type === 'shrunk';
          });
        }
      }),
    );
    return out;
  }

  close(): Promise<number[]> {
    return Promise.all(this.workers.map((w) => w.terminate()));
  }
}

const fmt = (n: number, d = 0) => n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  return rows.map((r) => r.map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd(widths[c]!))).join('  ')).join('\n');
}

async function main(): Promise<void> {
  let args: Args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`fuzz: ${e.message}\n${USAGE}\n`);
      process.exit(2);
    }
    throw e;
  }
  const seeds = Array.from({ length: args.seeds }, (_, i) => args.from + i);
  const workers = Math.min(args.workers, seeds.length);
  const pool = new Pool(workers);
  const started = performance.now();
  const outcomes: FuzzOutcome[] = [];
  let lastReport = started;
  const log = (s: string) => process.stderr.write(s + '\n');
  log(`fuzz: ${args.seeds} seeds from ${args.from}, ${args.protocol}, bugs: ${args.bugs.join(', ') || 'none'}, ${fmt((args.chaos.durationMs ?? 30_000) / 1000)} virtual s each, ${workers} worker threads`);
  try {
    await pool.run(seeds, args.chaos, (o) => {
      outcomes.push(o);
      const now = performance.now();
      if (now - lastReport > 5000) {
        lastReport = now;
        log(`  ${outcomes.length}/${seeds.length} runs, ${outcomes.filter((x) => x.failure).length} failed, ${fmt(outcomes.length / ((now - started) / 1000), 1)} runs/s`);
      }
    });
    const wallS = (performance.now() - started) / 1000;
    outcomes.sort((a, b) => a.seed - b.seed);
    const failed = outcomes.filter((o) => o.failure);
    const toShrink = failed.slice(0, args.shrink);
    const shrunk = await pool.shrinkAll(toShrink, args.chaos);
    const share = (s: Shrunk) => `${args.baseUrl}#${encodeShare(s.scenario, s.failure.moment)}`;

    const sum = (f: (o: FuzzOutcome) => number) => outcomes.reduce((n, o) => n + f(o), 0);
    const summary = {
      protocol: args.protocol,
      bugs: args.bugs,
      seeds: { from: args.from, count: args.seeds },
      runs: outcomes.length,
      failed: failed.length,
      safetyViolations: failed.filter((o) => o.failure!.kind !== 'linearizability' && o.failure!.kind !== 'liveness').length,
      livenessStalls: failed.filter((o) => o.failure!.kind === 'liveness').length,
      notLinearizable: failed.filter((o) => o.failure!.kind === 'linearizability').length,
      linearizabilityUnknown: outcomes.filter((o) => o.linearizability === 'unknown').length,
      noLeaderAtEnd: outcomes.filter((o) => !o.leaderAtEnd).length,
      opsSubmitted: sum((o) => o.ops.submitted),
      opsOk: sum((o) => o.ops.ok),
      events: sum((o) => o.events),
      virtualSeconds: sum((o) => o.virtualMs) / 1000,
      wallSeconds: Math.round(wallS * 10) / 10,
      workers,
      runsPerSecond: Math.round((outcomes.length / wallS) * 10) / 10,
      runsPerSecondPerWorker: Math.round((outcomes.length / wallS / workers) * 10) / 10,
      failures: failed.map((o) => ({ seed: o.seed, clusterSize: o.nodes, ...o.failure!, ...(shrunk.has(o.seed) ? { shrunk: { actions: shrunk.get(o.seed)!.scenario.timeline.length, until: shrunk.get(o.seed)!.scenario.until, url: share(shrunk.get(o.seed)!) } } : {}) })),
    };
    if (args.json) {
      process.stdout.write(JSON.stringify(summary, null, 2) + '\n');
    } else {
      const out: string[] = [];
      out.push(
        table([
          ['runs', 'failed', 'safety', 'liveness', 'not linearizable', 'lin. unknown', 'no leader at end', 'ops ok / submitted', 'wall s', 'runs/s', 'runs/s per worker'],
          [fmt(summary.runs), fmt(summary.failed), fmt(summary.safetyViolations), fmt(summary.livenessStalls), fmt(summary.notLinearizable), fmt(summary.linearizabilityUnknown), fmt(summary.noLeaderAtEnd), `${fmt(summary.opsOk)} / ${fmt(summary.opsSubmitted)}`, fmt(wallS, 1), fmt(summary.runsPerSecond, 1), fmt(summary.runsPerSecondPerWorker, 1)],
        ]),
      );
      if (failed.length) {
        out.push('', 'failures:');
        out.push(table([['seed', 'nodes', 'what', 'at', 'detail'], ...failed.slice(0, 50).map((o) => [String(o.seed), String(o.nodes), o.failure!.kind, `${fmt(o.failure!.t)} ms`, o.failure!.text])]));
        if (failed.length > 50) out.push(`… and ${failed.length - 50} more`);
        for (const o of toShrink) {
          const s = shrunk.get(o.seed);
          if (!s) continue;
          out.push('', `seed ${o.seed} shrunk to ${s.scenario.timeline.length} actions (from ${o.failure ? 'the full schedule' : ''}), until ${fmt(s.scenario.until)} ms, in ${s.runs} runs: ${s.failure.kind} — ${s.failure.text}`, `  ${share(s)}`);
        }
      }
      process.stdout.write(out.join('\n') + '\n');
    }
    const expected = args.bugs.length ? failed.length > 0 : failed.length === 0;
    if (!expected) log(args.bugs.length ? `fuzz: no seed caught ${args.bugs.join(', ')}` : `fuzz: ${failed.length} seeds failed`);
    process.exitCode = expected ? 0 : 1;
  } finally {
    await pool.close();
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`fuzz: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
