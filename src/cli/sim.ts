/**
 * Headless runner: `npm run sim -- <scenario.json | share URL> [--until MS] [--report]`.
 * Runs the scenario in this process until `until` and prints the trace as JSON Lines on stdout
 * (format: docs/scenario-and-trace.md). With `--report` it prints instead one JSON object: the
 * operations submitted and succeeded, the recovery time after each fault, the safety violations
 * and the linearizability verdict (src/core/check/run-report.ts). Exit 0 on success; a bad
 * scenario prints a clear error naming the bad field on stderr and exits 2.
 */
import { existsSync, readFileSync, writeSync } from 'node:fs';
import { parseScenario, ScenarioError } from '../core/scenario/schema';
import { decodeShare, ShareError } from '../core/scenario/share';
import type { Scenario } from '../core/scenario/types';
import { runScenario } from '../core/sim/run';
import { runReport } from '../core/check/run-report';

/** deadlineIn gives a deadline `ms` wall ms from now, for the linearizability checker's budget. */
const deadlineIn = (ms: number) => {
  const end = performance.now() + ms;
  return () => performance.now() > end;
};
import type { TraceRecord } from '../core/trace';

const USAGE = 'usage: npm run sim -- <scenario.json | share URL> [--until MS] [--report]';

class UsageError extends Error {}

/** loadScenario reads a scenario from a JSON file path or a share URL. @throws UsageError, ScenarioError, ShareError */
export function loadScenario(arg: string): Scenario {
  if (existsSync(arg)) {
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(arg, 'utf8'));
    } catch (e) {
      throw new UsageError(`${arg} is not valid JSON: ${(e as Error).message}`);
    }
    return parseScenario(json);
  }
  if (arg.includes('s=')) return decodeShare(arg).scenario;
  throw new UsageError(`no such file: ${arg} (and it is not a share URL with "#s=…")`);
}

function parseArgs(argv: string[]): { source: string; until?: number; report: boolean } {
  let source: string | undefined;
  let until: number | undefined;
  let report = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--until') {
      const v = Number(argv[++i]);
      if (!Number.isInteger(v) || v < 0) throw new UsageError('--until needs a whole, non-negative number of virtual ms');
      until = v;
    } else if (a === '--report') report = true;
    else if (a === '-h' || a === '--help') {
      process.stdout.write(USAGE + '\n');
      process.exit(0);
    } else if (source === undefined) source = a;
    else throw new UsageError(`unexpected argument: ${a}`);
  }
  if (source === undefined) throw new UsageError('missing scenario');
  return { source, report, ...(until !== undefined ? { until } : {}) };
}

/** Buffered stdout: one write per ~64 KiB keeps a long trace cheap; EPIPE (e.g. `| head`) ends quietly. */
function makeWriter(): { write: (r: TraceRecord) => void; flush: () => void } {
  let buf = '';
  const flush = () => {
    if (!buf) return;
    try {
      writeSync(1, buf);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EPIPE') process.exit(0);
      throw e;
    }
    buf = '';
  };
  return {
    write: (r) => {
      buf += JSON.stringify(r) + '\n';
      if (buf.length > 65536) flush();
    },
    flush,
  };
}

function main(): void {
  let scenario: Scenario;
  let report = false;
  try {
    const args = parseArgs(process.argv.slice(2));
    scenario = loadScenario(args.source);
    report = args.report;
    if (args.until !== undefined) scenario = parseScenario({ ...scenario, until: args.until });
  } catch (e) {
    if (e instanceof UsageError || e instanceof ScenarioError || e instanceof ShareError) {
      process.stderr.write(`sim: ${e.message}\n${e instanceof UsageError ? USAGE + '\n' : ''}`);
      process.exit(2);
    }
    throw e;
  }
  if (report) {
    const r = runReport(scenario, { deadline: deadlineIn(10_000) });
    process.stdout.write(JSON.stringify(r, null, 2) + '\n');
    return;
  }
  const out = makeWriter();
  const { sim } = runScenario(scenario, { trace: out.write });
  out.flush();
  if (sim.stopped) process.stderr.write(`sim: stopped early: ${sim.stopped}\n`);
}

main();
