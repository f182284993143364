/** The headless runner as a user runs it: a child process, its stdout, stderr and exit code. */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { example } from '../core/scenario/examples';
import { encodeShare } from '../core/scenario/share';
import { runScenario } from '../core/sim/run';
import type { TraceRecord } from '../core/trace';

const dir = mkdtempSync(join(tmpdir(), 'sim-cli-'));
/** sim runs the runner as `npm run sim` does (scripts/cli.mjs: a bundle of src/cli/sim.ts, rebuilt when stale). */
const sim = (...args: string[]) => spawnSync(process.execPath, ['scripts/cli.mjs', 'sim', ...args], { encoding: 'utf8', cwd: process.cwd() });
const write = (name: string, body: unknown) => {
  const p = join(dir, name);
  writeFileSync(p, typeof body === 'string' ? body : JSON.stringify(body));
  return p;
};

describe('npm run sim', () => {
  it('prints the trace as JSON Lines: header first, end last, exit 0, identical to the in-process run', () => {
    const scenario = example('election');
    const r = sim(write('ok.json', scenario));
    expect(r.status).toBe(0);
    const lines = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as TraceRecord);
    expect(lines[0]).toMatchObject({ t: 0, type: 'header', scenario: { seed: 7 } });
    expect(lines.at(-1)!.type).toBe('end');
    const inProcess: TraceRecord[] = [];
    runScenario(scenario, { trace: (rec) => inProcess.push(rec) });
    expect(lines).toEqual(JSON.parse(JSON.stringify(inProcess)));
  }, 30_000);

  it('--report prints one JSON report: operations, recoveries, violations, the consistency verdict', () => {
    const r = sim(write('split.json', example('split-brain')), '--report');
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report).toMatchObject({ protocol: 'raft', operations: { submitted: 4, ok: 4 }, violations: [], consistency: { model: 'linearizability', verdict: 'ok' } });
    expect(report.faults[0]).toMatchObject({ action: 'partition' });
    expect(report.faults[0].recoveryMs).toBeGreaterThan(0);
  }, 30_000);

  it('accepts a share URL', () => {
    const scenario = { ...example('election'), until: 800 };
    const r = sim(`https://play.example/#${encodeShare(scenario, { events: 5, t: 10 })}`);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout.split('\n')[0]!).scenario.until).toBe(800);
  }, 30_000);

  it('names the bad field in the scenario\'s words and exits 2', () => {
    const bad = {
      ...example('election'),
      network: { lossy: 0.1 },
      timeline: [
        { at: 5, action: 'crash', node: 'n42' },
        { at: 5200, action: 'request', op: { f: 'get', key: 'x', value: 'v' } },
      ],
    };
    const r = sim(write('bad.json', bad));
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(
      'sim: invalid scenario: network: unknown field "lossy" (known: latencyMs, loss, duplicate); ' +
        'timeline[0] (at 5 ms): node names an unknown node "n42" (known: n1, n2, n3, n4, n5, or "leader"); ' +
        'timeline[1] (at 5200 ms): a get takes no value (its fields: f, key)\n',
    );
    expect(r.stdout).toBe('');
  }, 30_000);

  it('words a share link\'s bad scenario the same way', () => {
    const bad = { ...example('election'), until: -1 } as unknown as Parameters<typeof encodeShare>[0];
    const r = sim(`https://play.example/#${encodeShare(bad, null)}`);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('sim: the share link holds an invalid scenario: until must be a whole, non-negative number of virtual ms (got -1)\n');
  }, 30_000);

  it('exits 2 on unreadable input: not JSON, a missing file, a corrupted link', () => {
    const junk = sim(write('junk.json', '{ nope'));
    expect(junk.status).toBe(2);
    expect(junk.stderr).toMatch(/^sim: \S*junk\.json is not valid JSON: .+\nusage: npm run sim/);
    const missing = sim(join(dir, 'absent.json'));
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/no such file/);
    const corrupted = sim('https://play.example/#s=abc');
    expect(corrupted.status).toBe(2);
    expect(corrupted.stderr).toMatch(/truncated or corrupted/);
  }, 30_000);
});

describe('npm run sim through pipes, as users run it', () => {
  // 20 virtual s of five nodes writes ~1 MB: many times a pipe's 64 KiB buffer.
  const big = () => write('big.json', { ...example('election'), until: 20_000 });
  const cli = ['scripts/cli.mjs', 'sim'];

  /**
   * slowRead runs `npm run --silent sim -- args` exactly as a user types it (npm and tsx between
   * the test and the runner, sharing one non-blocking pipe) and drains its stdout slowly: a chunk
   * per 5 ms.
   */
  const slowRead = (args: string[]) =>
    new Promise<{ status: number | null; stdout: Buffer; stderr: string }>((resolve, reject) => {
      const child = spawn('npm', ['run', '--silent', 'sim', '--', ...args], { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'pipe'] });
      const chunks: Buffer[] = [];
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d));
      // Take a chunk, then stop reading for 5 ms: the pipe fills and the writer must wait.
      child.stdout.on('data', (c: Buffer) => {
        chunks.push(c);
        child.stdout.pause();
        setTimeout(() => child.stdout.resume(), 5);
      });
      child.on('error', reject);
      child.on('close', (status) => {
        resolve({ status, stdout: Buffer.concat(chunks), stderr });
      });
    });

  it('a slow reader gets the trace byte for byte as --out writes it, and exit 0', async () => {
    const scenario = big();
    const file = join(dir, 'big.jsonl');
    const direct = sim(scenario, '--out', file);
    expect(direct.status).toBe(0);
    expect(direct.stdout).toBe('');
    const written = readFileSync(file);
    expect(written.length).toBeGreaterThan(500_000);
    const piped = await slowRead([scenario]);
    expect(piped.stderr).toBe('');
    expect(piped.status).toBe(0);
    expect(piped.stdout.equals(written)).toBe(true);
    for (const line of piped.stdout.toString('utf8').trimEnd().split('\n')) JSON.parse(line);
  }, 60_000);

  it('--report through a slow pipe is whole JSON', async () => {
    const piped = await slowRead([write('report.json', example('split-brain')), '--report']);
    expect(piped.status).toBe(0);
    expect(JSON.parse(piped.stdout.toString('utf8'))).toMatchObject({ protocol: 'raft', operations: { submitted: 4 } });
  }, 60_000);

  it('into `head -5`: five whole lines, exit 0, no stack trace', () => {
    const r = spawnSync('bash', ['-c', `set -o pipefail; "${process.execPath}" ${cli.join(' ')} "${big()}" | head -5; echo "status \${PIPESTATUS[0]}" >&2`], {
      encoding: 'utf8',
      cwd: process.cwd(),
    });
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(5);
    for (const line of lines) JSON.parse(line);
    expect(r.stderr.trim()).toBe('status 0');
  }, 60_000);

  it('--out into a folder that does not exist: exit 2 and says which file', () => {
    const r = sim(big(), '--out', join(dir, 'no-such-folder', 't.jsonl'));
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/cannot write .*no-such-folder.*t\.jsonl/);
  }, 30_000);
});

describe('scripts/cli.mjs, the launcher behind npm run sim', () => {
  const bundle = join(process.cwd(), 'node_modules/.cache/playground-cli/sim.mjs');

  it('rebuilds a bundle older than the sources, and reuses a fresh one', () => {
    expect(sim('--help').status).toBe(0);
    utimesSync(bundle, new Date(0), new Date(0));
    expect(sim('--help').stdout).toMatch(/^usage: npm run sim/);
    const rebuilt = statSync(bundle).mtimeMs;
    expect(rebuilt).toBeGreaterThan(Date.now() - 60_000);
    expect(sim('--help').status).toBe(0);
    expect(statSync(bundle).mtimeMs).toBe(rebuilt);
  }, 30_000);

  it('refuses a tool that is not in src/cli, exit 2', () => {
    const r = spawnSync(process.execPath, ['scripts/cli.mjs', '../evil'], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/no such tool "\.\.\/evil"/);
  });
});
