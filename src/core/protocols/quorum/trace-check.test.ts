/**
 * An external checker verifies the quorum rules from the headless runner's trace alone
 * (`npm run sim -- scenario.json`, JSON Lines): the header's configuration gives the weights and
 * the four vote counts, and the `quorum`, `vote`, `decide` and `flag` records (documented in
 * index.ts RECORD_KINDS and the README) are checked against them, with no protocol code imported.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { QUORUM_EXAMPLES } from './examples';

type Rec = Record<string, unknown> & { t: number; type: string; kind?: string; node?: string };

const dir = mkdtempSync(join(tmpdir(), 'quorum-trace-'));
/** traceOf runs example `id` through `npm run sim` (scripts/cli.mjs) and parses its JSON Lines. */
function traceOf(id: string): Rec[] {
  const file = join(dir, `${id}.json`);
  writeFileSync(file, JSON.stringify(QUORUM_EXAMPLES[id]));
  const r = spawnSync(process.execPath, ['scripts/cli.mjs', 'sim', file], { encoding: 'utf8', cwd: process.cwd() });
  if (r.status !== 0) throw new Error(`sim failed: ${r.stderr}`);
  return r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as Rec);
}

/** checkQuorumRules is the external checker: the rule broken, in words, for each record that breaks one. */
function checkQuorumRules(trace: Rec[]): string[] {
  const { scenario } = trace[0] as unknown as { scenario: { nodes: string[]; config: Record<string, unknown> } };
  const cfg = scenario.config as { weights: Record<string, number>; r: number | null; w: number | null; threshold: number | null; quorum: number | null; byzantine: Record<string, string> };
  const weight = (n: string): number => cfg.weights[n] ?? 1;
  const V = scenario.nodes.reduce((s, n) => s + weight(n), 0);
  const maj = Math.floor(V / 2) + 1;
  const [r, w, threshold, quorum] = [cfg.r ?? maj, cfg.w ?? maj, cfg.threshold ?? maj, cfg.quorum ?? maj];
  const honest = (n: string): boolean => !(n in cfg.byzantine);
  const firstVotes = new Map<string, Map<string, Rec>>();
  const decided = new Map<string, string>();
  const broken: string[] = [];
  for (const x of trace) {
    if (x.type !== 'record') continue;
    if (x.kind === 'quorum') {
      const members = x.members as string[];
      const votes = new Set(members).size === members.length ? members.reduce((s, m) => s + weight(m), 0) : 0;
      if (votes < (x.phase === 'read' ? r : w)) broken.push(`${x.node} ${x.phase} quorum of ${votes} votes`);
    } else if (x.kind === 'vote') {
      const k = `${x.node} ${String(x.proposal)}`;
      if (!firstVotes.has(k)) firstVotes.set(k, new Map());
      if (!firstVotes.get(k)!.has(String(x.voter))) firstVotes.get(k)!.set(String(x.voter), x);
    } else if (x.kind === 'decide' && honest(x.node!)) {
      const votes = [...(firstVotes.get(`${x.node} ${String(x.proposal)}`)?.values() ?? [])];
      const cast = votes.reduce((s, v) => s + weight(String(v.voter)), 0);
      const approving = votes.filter((v) => v.choice === 'approve' && v.value === x.value).reduce((s, v) => s + weight(String(v.voter)), 0);
      if (cast < quorum || (x.outcome === 'approved' && approving < threshold)) broken.push(`${x.node} decided ${String(x.proposal)} with ${approving} approving, ${cast} cast`);
      const d = `${String(x.outcome)} ${String(x.value)}`;
      if ((decided.get(String(x.proposal)) ?? d) !== d) broken.push(`conflicting decisions on ${String(x.proposal)}`);
      decided.set(String(x.proposal), d);
    }
  }
  return broken;
}

describe('the quorum rules, verified from the trace alone', () => {
  it('the seven-voter story keeps every rule, and every honest node flags both liars', () => {
    const trace = traceOf('quorum-byzantine-seven');
    expect(checkQuorumRules(trace)).toEqual([]);
    const flags = trace.filter((x) => x.kind === 'flag');
    for (const n of ['n1', 'n2', 'n3', 'n4', 'n5']) expect(new Set(flags.filter((f) => f.node === n).map((f) => f.voter)), n).toEqual(new Set(['n6', 'n7']));
    expect(trace.filter((x) => x.kind === 'decide').map((x) => x.value)).toEqual(Array(7).fill('x'));
  }, 60_000);

  it('weighted quorums pass the checker; a tally that counts claimed weights fails it', () => {
    expect(checkQuorumRules(traceOf('quorum-weighted'))).toEqual([]);
    expect(checkQuorumRules(traceOf('quorum-bug-count-claimed-weight'))).toContainEqual(expect.stringMatching(/^n1 decided p1 with [0-2] approving, [1-4] cast/));
    expect(checkQuorumRules(traceOf('quorum-bug-read-first-reply'))).toEqual(['n1 read quorum of 1 votes']);
  }, 60_000);
});
