/**
 * `npm run sim` as a user runs it, trace written to a file: simulated seconds per wall second on the
 * RaftScope workload (60 virtual s), with the process start left out. Each run is timed twice,
 * the whole scenario and the same scenario with `--until 0` (start-up, parsing, header and end);
 * the difference is the simulation and its trace.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { raftScopeScenario } from './workload';

/** SimCliResult is the median of the runs (wall ms) and what it gives. */
export interface SimCliResult {
  virtualSeconds: number;
  /** Median wall ms of the whole run, and of the `--until 0` start-up. */
  runMs: number;
  startMs: number;
  simSecondsPerWallSecond: number;
  traceBytes: number;
  allMs: number[];
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;

/** benchSimCli times `npm run --silent sim -- workload.json --out trace.jsonl` `runs` times. */
export function benchSimCli(root: string, dir: string, runs: number): SimCliResult {
  mkdirSync(dir, { recursive: true });
  const untilMs = 60_000;
  const scenarioFile = join(dir, 'raftscope-60s.json');
  const out = join(dir, 'raftscope-60s.jsonl');
  writeFileSync(scenarioFile, JSON.stringify(raftScopeScenario({ untilMs })));
  const once = (extra: string[]) => {
    const t0 = performance.now();
    const r = spawnSync('npm', ['run', '--silent', 'sim', '--', scenarioFile, '--out', out, ...extra], { cwd: root, encoding: 'utf8', timeout: 120_000 });
    if (r.status !== 0) throw new Error(`npm run sim exited ${r.status}: ${r.stderr.slice(-400)}`);
    return performance.now() - t0;
  };
  once(['--until', '0']); // warm the file system cache and tsx's transform cache
  const full: number[] = [];
  const start: number[] = [];
  for (let i = 0; i < runs; i++) {
    start.push(once(['--until', '0']));
    full.push(once([]));
  }
  const runMs = median(full);
  const startMs = median(start);
  return {
    virtualSeconds: untilMs / 1000,
    runMs,
    startMs,
    simSecondsPerWallSecond: untilMs / Math.max(1, runMs - startMs),
    traceBytes: statSync(out).size,
    allMs: full.map((x, i) => Math.round(x - start[i]!)),
  };
}
