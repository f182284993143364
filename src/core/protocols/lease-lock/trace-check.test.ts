/**
 * An external checker verifies mutual exclusion from the trace alone: run an example headless with
 * `npm run sim -- scenario.json` (its default output is the trace), parse its JSON Lines, and check the documented records
 * (grant, vote, write-accepted, …) with checkLeaseTrace, which reads nothing but them.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TraceRecord } from '../../trace';
import { LEASE_LOCK_EXAMPLES } from './examples';
import { checkLeaseTrace } from './invariants';

/** traceOf runs example `id` through the CLI and parses the trace it prints. */
function traceOf(id: string): TraceRecord[] {
  const dir = mkdtempSync(join(tmpdir(), 'lease-'));
  const file = join(dir, `${id}.json`);
  writeFileSync(file, JSON.stringify(LEASE_LOCK_EXAMPLES[id]));
  const r = spawnSync(process.execPath, ['scripts/cli.mjs', 'sim', file], { encoding: 'utf8', cwd: process.cwd(), maxBuffer: 64 << 20 });
  expect(r.status, r.stderr).toBe(0);
  return r.stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l) as TraceRecord);
}

describe('mutual exclusion from the trace alone', () => {
  it('a fenced run passes: storage accepted writes only in token order, each token granted by a majority', { timeout: 60_000 }, () => {
    const trace = traceOf('lease-pause-fenced');
    expect(trace.some((r) => r.type === 'record' && r.kind === 'write-rejected')).toBe(true);
    expect(checkLeaseTrace(trace)).toEqual([]);
  });

  it('an unfenced run fails it, naming the interleaved holders', { timeout: 60_000 }, () => {
    const v = checkLeaseTrace(traceOf('lease-pause-unfenced'));
    expect(v).toEqual([expect.objectContaining({ property: 'Mutual exclusion in effect', nodes: ['storage', 'alice', 'bob'] })]);
    expect(v[0]!.text).toMatch(/alice's write with token 1 after a write with token 2 from bob/);
  });

  it('a minority grant fails No grant by a minority from the votes in the trace', { timeout: 60_000 }, () => {
    const v = checkLeaseTrace(traceOf('lease-bug-minority-grant'));
    expect(v.map((x) => x.property)).toContain('No grant by a minority');
  });
});
