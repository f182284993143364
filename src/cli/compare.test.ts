/** `npm run sim -- … --compare A,B` as a user runs it: a child process, its stdout, stderr and exit code. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareReport } from '../core/check/compare-report';
import { COMPARE_EXAMPLES, compareExample } from '../core/scenario/compare-examples';
import { encodeCompareShare } from '../core/scenario/share';
import { compareTable } from './compare-table';

const dir = mkdtempSync(join(tmpdir(), 'sim-compare-'));
const sim = (...args: string[]) => spawnSync(process.execPath, ['scripts/cli.mjs', 'sim', ...args], { encoding: 'utf8', cwd: process.cwd() });
const write = (name: string, body: unknown) => {
  const p = join(dir, name);
  writeFileSync(p, JSON.stringify(body));
  return p;
};
const plain = {
  version: 1, protocol: 'raft', nodes: 4, seed: 3, until: 5000,
  timeline: [
    { at: 500, action: 'request', op: { f: 'put', key: 'x', value: '1' } },
    { at: 1500, action: 'isolate', node: 'leader' },
    { at: 2000, action: 'request', op: { f: 'put', key: 'x', value: '2' } },
    { at: 3500, action: 'heal' },
  ],
};

describe('npm run sim --compare', () => {
  it('prints both reports as one table, a column per side, one row per fault', () => {
    const r = sim(write('plain.json', plain), '--compare', 'raft,pbft');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('raft against pbft · seed 3 · 4 nodes (n1 n2 n3 n4) · until 5,000 ms');
    expect(lines[2]).toMatch(/^\s+raft\s+pbft$/);
    for (const row of ['operations ok / submitted', 'messages per ok operation', 'latency p50 / p95 / p99', 'unavailable after isolate n1 (the leader) at 1,500 ms', 'leaderships (node, epoch)', 'safety violations', 'consistency', 'liveness']) {
      expect(lines.some((l) => l.startsWith(row)), row).toBe(true);
    }
    expect(lines.find((l) => l.startsWith('leaderships'))).toMatch(/leader ×\d+ in \d+ terms?.*primary ×\d+ in \d+ views?/);
  }, 30_000);

  it('--json prints the report the library gives, for a comparison file', () => {
    const r = sim(write('cmp.json', COMPARE_EXAMPLES['compare-crash-vs-byzantine']), '--json');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(JSON.parse(JSON.stringify(compareReport(compareExample('compare-crash-vs-byzantine')))));
  }, 30_000);

  it('opens a comparison\'s share link, and --until shortens both runs', () => {
    const link = `https://play.example/#${encodeCompareShare(compareExample('compare-2pc-3pc-partition'), null)}`;
    const r = sim(link, '--until', '1000', '--json');
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.untilMs).toBe(1000);
    expect(report.sides.map((s: { label: string; report: { endMs: number } }) => [s.label, s.report.endMs])).toEqual([['2PC', 1000], ['3PC', 1000]]);
  }, 30_000);

  it('lists the actions a side skips under the table, with the reason', () => {
    const r = sim(write('skip.json', { ...plain, protocol: undefined, compare: ['raft', 'gossip'] }));
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/gossip skips timeline\[1\] \(isolate at 1,500 ms\): gossip has no leader to aim it at/);
  }, 30_000);

  it('bad input: exit 2 with the reason, no stack trace', () => {
    const cases: [string[], RegExp][] = [
      [[write('p.json', plain), '--compare', 'raft'], /--compare needs two protocols, e.g. --compare raft,pbft/],
      [[write('p.json', plain), '--compare', 'raft,pbfx'], /compare\[1\]: unknown protocol "pbfx"/],
      [[write('c.json', COMPARE_EXAMPLES['compare-leader-isolated']), '--compare', 'raft,pbft'], /already a comparison \(Raft against PBFT\): drop --compare/],
      [[write('p.json', plain), '--json'], /--json goes with a comparison/],
      [[write('big.json', { ...plain, protocol: undefined, nodes: 20, timeline: [], compare: ['raft', '2pc'] })], /2pc runs with 2 to 12 nodes \(the comparison has 20\)/],
    ];
    for (const [args, words] of cases) {
      const r = sim(...args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toMatch(words);
      expect(r.stderr).not.toMatch(/at .*\.ts:\d+/);
    }
  }, 60_000);

  it('through a pipe into head: whole lines, exit 0; into a file with --out: the same text', () => {
    const p = write('plain2.json', plain);
    const piped = spawnSync('sh', ['-c', `"${process.execPath}" scripts/cli.mjs sim "${p}" --compare raft,pbft | head -3`], { encoding: 'utf8' });
    expect(piped.status).toBe(0);
    expect(piped.stderr).toBe('');
    expect(piped.stdout.split('\n').slice(0, 3)[0]).toMatch(/^raft against pbft/);
    const out = join(dir, 'table.txt');
    const r = sim(p, '--compare', 'raft,pbft', '--out', out);
    expect([r.status, r.stdout]).toEqual([0, '']);
    const full = readFileSync(out, 'utf8');
    expect(full.split('\n').slice(0, 3)).toEqual(piped.stdout.split('\n').slice(0, 3));
    expect(full).toBe(sim(p, '--compare', 'raft,pbft').stdout);
  }, 60_000);
});

describe('compareTable', () => {
  it('marks a fault one side skipped as skipped, and one only the other side met with a dash', () => {
    const r = compareReport(compareExample('compare-crash-vs-byzantine'));
    const table = compareTable(r);
    expect(table).toMatch(/unavailable after crash n1 \(the leader\) at 2,000 ms\s+\d[\d,]* ms\s+—\n/);
    expect(table).toMatch(/unavailable after n1 \(the leader\) turns Byzantine: equivocate at 2,000 ms\s+—\s+\d[\d,]* ms\n/);
  }, 30_000);
});
