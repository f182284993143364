/**
 * Headless runner: `npm run sim -- <scenario.json | share URL> [--until MS] [--report] [--compare A,B] [--json] [--out FILE]`.
 * Runs the scenario in this process until `until` and prints the trace as JSON Lines on stdout, or
 * into FILE with `--out` (format: docs/scenario-and-trace.md). Output waits for a slow reader and
 * loses nothing through a pipe; a reader that closes early (`| head`) ends the run with exit 0. With `--report` it prints instead one JSON object: the
 * operations submitted and succeeded, the recovery time after each fault, the safety violations
 * and the verdict of the protocol's consistency model (src/core/check/run-report.ts). Exit 0 on success; a bad
 * scenario prints a clear error naming the bad field on stderr and exits 2.
 *
 * A comparison (src/core/scenario/compare.ts: a scenario with `compare` instead of `protocol`, a
 * comparison's share link, or any scenario with `--compare A,B`) runs the same timeline against both
 * sides and prints both reports as one table (compare-table.ts), or with `--json` the
 * CompareReport (src/core/check/compare-report.ts).
 */
import { existsSync, readFileSync } from 'node:fs';
import { parseScenario, ScenarioError } from '../core/scenario/schema';
import { decodeAnyShare, ShareError } from '../core/scenario/share';
import { compareOf, isCompareInput, parseCompare, type CompareScenario } from '../core/scenario/compare';
import { compareReport } from '../core/check/compare-report';
import { compareTable } from './compare-table';
import type { Scenario } from '../core/scenario/types';
import { runScenario } from '../core/sim/run';
import { runReport } from '../core/check/run-report';
import { traceLine } from '../core/trace-json';
import { endQuietlyOnClosedOutput, isClosedOutput, openOutput, type Output } from './output';

/** deadlineIn gives a deadline `ms` wall ms from now, for the consistency checker's budget. */
const deadlineIn = (ms: number) => {
  const end = performance.now() + ms;
  return () => performance.now() > end;
};

const USAGE = 'usage: npm run sim -- <scenario.json | share URL> [--until MS] [--report] [--compare A,B] [--json] [--out FILE]';

class UsageError extends Error {}

/** loadScenario reads a scenario or a comparison from a JSON file path or a share URL. @throws UsageError, ScenarioError, ShareError */
export function loadScenario(arg: string): Scenario | CompareScenario {
  if (existsSync(arg)) {
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(arg, 'utf8'));
    } catch (e) {
      throw new UsageError(`${arg} is not valid JSON: ${(e as Error).message}`);
    }
    return isCompareInput(json) ? parseCompare(json) : parseScenario(json);
  }
  if (arg.includes('s=')) {
    const shared = decodeAnyShare(arg);
    return 'compare' in shared ? shared.compare : shared.scenario;
  }
  throw new UsageError(`no such file: ${arg} (and it is not a share URL with "#s=…")`);
}

interface Args {
  source: string;
  until?: number;
  report: boolean;
  /** `--compare A,B`: the two protocols to run the scenario against. */
  compare?: string[];
  /** `--json`: a comparison's report as JSON rather than a table. */
  json: boolean;
  /** Where the trace or report goes; stdout when absent. */
  out?: string;
}

function parseArgs(argv: string[]): Args {
  let source: string | undefined;
  let until: number | undefined;
  let out: string | undefined;
  let report = false;
  let json = false;
  let compare: string[] | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--until') {
      const v = Number(argv[++i]);
      if (!Number.isInteger(v) || v < 0) throw new UsageError('--until needs a whole, non-negative number of virtual ms');
      until = v;
    } else if (a === '--report') report = true;
    else if (a === '--json') json = true;
    else if (a === '--compare') {
      compare = (argv[++i] ?? '').split(',').map((x) => x.trim());
      if (compare.length !== 2 || compare.some((x) => !x)) throw new UsageError('--compare needs two protocols, e.g. --compare raft,pbft');
    }
    else if (a === '--out') {
      out = argv[++i];
      if (!out) throw new UsageError('--out needs a file name');
    }
    else if (a === '-h' || a === '--help') {
      process.stdout.write(USAGE + '\n');
      process.exit(0);
    } else if (source === undefined) source = a;
    else throw new UsageError(`unexpected argument: ${a}`);
  }
  if (source === undefined) throw new UsageError('missing scenario');
  return { source, report, json, ...(compare ? { compare } : {}), ...(until !== undefined ? { until } : {}), ...(out !== undefined ? { out } : {}) };
}

function main(): void {
  endQuietlyOnClosedOutput();
  let scenario: Scenario | CompareScenario;
  let args: Args;
  let out: Output;
  try {
    args = parseArgs(process.argv.slice(2));
    scenario = loadScenario(args.source);
    if (args.until !== undefined) scenario = 'compare' in scenario ? parseCompare({ ...scenario, until: args.until }) : parseScenario({ ...scenario, until: args.until });
    if (args.compare) {
      if ('compare' in scenario) throw new UsageError(`${args.source} is already a comparison (${scenario.compare.map((s) => s.label).join(' against ')}): drop --compare`);
      scenario = compareOf(scenario, args.compare);
    }
    if (args.json && !('compare' in scenario)) throw new UsageError('--json goes with a comparison (--compare A,B); --report prints JSON already');
  } catch (e) {
    if (e instanceof UsageError || e instanceof ScenarioError || e instanceof ShareError) {
      process.stderr.write(`sim: ${e.message}\n${e instanceof UsageError ? USAGE + '\n' : ''}`);
      process.exit(2);
    }
    throw e;
  }
  try {
    out = openOutput(args.out);
  } catch (e) {
    process.stderr.write(`sim: cannot write ${args.out}: ${(e as Error).message}\n`);
    process.exit(2);
  }
  try {
    if ('compare' in scenario) {
      const r = compareReport(scenario, { newDeadline: () => deadlineIn(10_000) });
      out.write(args.json ? JSON.stringify(r, null, 2) + '\n' : compareTable(r));
    } else if (args.report) {
      out.write(JSON.stringify(runReport(scenario, { deadline: deadlineIn(10_000) }), null, 2) + '\n');
    } else {
      const { sim } = runScenario(scenario, { trace: (r) => out.write(traceLine(r) + '\n') });
      if (sim.stopped) process.stderr.write(`sim: stopped early: ${sim.stopped}\n`);
    }
    out.close();
  } catch (e) {
    if (isClosedOutput(e)) process.exit(0);
    throw e;
  }
}

main();
