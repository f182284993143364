/** The headless runner as a user runs it: a child process, its stdout, stderr and exit code. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { example } from '../core/scenario/examples';
import { encodeShare } from '../core/scenario/share';
import { runScenario } from '../core/sim/run';
import type { TraceRecord } from '../core/trace';

const dir = mkdtempSync(join(tmpdir(), 'sim-cli-'));
const sim = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/sim.ts', ...args], { encoding: 'utf8', cwd: process.cwd() });
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

  it('--report prints one JSON report: operations, recoveries, violations, linearizability', () => {
    const r = sim(write('split.json', example('split-brain')), '--report');
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report).toMatchObject({ protocol: 'raft', operations: { submitted: 4, ok: 4 }, violations: [], linearizability: { verdict: 'linearizable' } });
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
