/** The fuzzer as a user runs it: a child process with worker threads, its output and exit code. */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { decodeShare } from '../core/scenario/share';

const fuzz = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/fuzz.ts', ...args], { encoding: 'utf8', cwd: process.cwd(), timeout: 120_000 });

describe('npm run fuzz', () => {
  it('with a bug on, finds it, shrinks it and prints a share link to the failing moment; exit 0', () => {
    const r = fuzz('--seeds', '3', '--bug', 'vote-without-log-check', '--shrink', '1', '--duration', '10000', '--workers', '2');
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
});
