/**
 * Each quorum example tells the story its description tells, under its seed (issue 15 §2, §3),
 * run whole with the safety monitor watching (CheckedRun); each teaching bug is caught by its
 * check and the same story runs clean without it.
 */
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../scenario/schema';
import { decodeShare, encodeShare } from '../../scenario/share';
import { example } from '../../scenario/examples';
import { QUORUM_BUGS } from './bugs';
import { QUORUM_EXAMPLES } from './examples';
import { decisions, outcomes, runRaw, type QuorumRun } from './testkit';

const story = (id: string): QuorumRun => runRaw(QUORUM_EXAMPLES[id]!);
const withoutBugs = (id: string) => ({ ...QUORUM_EXAMPLES[id]!, config: { ...(QUORUM_EXAMPLES[id]!.config as object), bugs: [] } });
const properties = (r: QuorumRun) => [...new Set(r.run.found.map((f) => f.property))];
const flagsBy = (r: QuorumRun, node: string) => [...new Set(r.records.filter((x) => x.kind === 'flag' && x.node === node).map((x) => x.voter))].sort();

describe('quorum examples', () => {
  it('parse under unique ids with the quorum- prefix, with names and long descriptions', () => {
    for (const [id, raw] of Object.entries(QUORUM_EXAMPLES)) {
      const s = parseScenario(raw);
      expect(id).toMatch(/^quorum-/);
      expect(s.protocol).toBe('quorum');
      expect(s.name, id).toMatch(/^Quorum/);
      expect(s.description!.length, id).toBeGreaterThan(120);
    }
  });

  it('2 | 3 split: only the majority side decides and writes; the minority’s proposal stays undecided', () => {
    const r = story('quorum-majority-split');
    expect(decisions(r, 'p1')).toEqual({});
    expect(decisions(r, 'p2')).toEqual({ n3: 'approved right', n4: 'approved right', n5: 'approved right' });
    expect(outcomes(r, 'c1')).toEqual(['info']);
    expect(outcomes(r, 'c3')).toEqual(['ok']);
    expect(r.run.found).toEqual([]);
    expect(r.metrics).toMatchObject({ proposals: { proposed: 2, approved: 1, undecided: 1 } });
  });

  it('weighted: two heavy voters outvote three light ones, and alone form a write quorum after the split', () => {
    const r = story('quorum-weighted');
    expect(new Set(Object.values(decisions(r, 'p1')))).toEqual(new Set(['approved ship']));
    expect(Object.keys(decisions(r, 'p1'))).toHaveLength(5);
    expect(outcomes(r, 'c2')).toEqual(['ok']);
    expect(outcomes(r, 'c3')).toEqual(['info']); // 3 light votes of the 5 a write needs
    expect(outcomes(r, 'c4')).toEqual(['ok heavy']);
    const writes = r.records.filter((x) => x.kind === 'quorum' && x.phase === 'write');
    expect(writes.map((x) => [x.members, x.votes])).toEqual([[['n1', 'n2'], 6]]);
    expect(r.run.found).toEqual([]);
    expect(r.consistency.verdict).toBe('ok');
  });

  it('abstentions: approved with 3 approving, rejected when abstentions leave 2, undecided without the participation quorum', () => {
    const r = story('quorum-abstentions');
    expect(new Set(Object.values(decisions(r, 'p1')))).toEqual(new Set(['approved a']));
    expect(new Set(Object.values(decisions(r, 'p2')))).toEqual(new Set(['rejected']));
    expect(decisions(r, 'p3')).toEqual({});
    expect(outcomes(r, 'c2')).toEqual(['fail rejected (5 votes cast)']);
    expect(outcomes(r, 'c3')).toEqual(['info']);
    expect(r.run.found).toEqual([]);
  });

  it('the original design’s scenario: 7 voters, 2 liars claiming 10× for a forged value, threshold 5: x is decided, both liars flagged', () => {
    const r = story('quorum-byzantine-seven');
    const honest = ['n1', 'n2', 'n3', 'n4', 'n5'];
    const d = decisions(r, 'p1');
    for (const n of honest) {
      expect(d[n], n).toBe('approved x');
      expect(flagsBy(r, n), n).toEqual(['n6', 'n7']);
      expect(r.state(n).flagged.get('n6')).toMatch(/claims 10 votes on p1 but holds 1|approves forged-p1/);
    }
    expect(outcomes(r, 'c1')).toEqual(['ok']); // the client history keeps results of gets only
    expect(r.run.found).toEqual([]);
  });

  it('r + w ≤ V: the read on the minority side returns the overwritten value and linearizability fails', () => {
    const r = story('quorum-rw-stale-read');
    expect(outcomes(r, 'c2')).toEqual(['ok']);
    expect(outcomes(r, 'c3')).toEqual(['ok 1']);
    expect(r.consistency.verdict).toBe('fail');
    expect(r.metrics).toMatchObject({ reads: 1, staleReads: 1 });
    expect(r.state('n1').rules).toMatchObject({ r: 2, w: 2, total: 5 });
  });

  it('r + w > V: the same read waits for a quorum, and the history is linearizable', () => {
    const r = story('quorum-rw-read-waits');
    expect(outcomes(r, 'c2')).toEqual(['ok']);
    expect(outcomes(r, 'c3')).toEqual(['info']);
    expect(r.consistency.verdict).toBe('ok');
    expect(r.metrics).toMatchObject({ staleReads: 0 });
  });

  it('count-claimed-weight: the forged value is approved, and Validity and the Quorum rule catch it', () => {
    const r = story('quorum-bug-count-claimed-weight');
    expect(decisions(r, 'p1').n1).toBe('approved forged-p1');
    expect(properties(r)).toEqual(expect.arrayContaining(['Validity', 'Quorum rule']));
  });

  it('count-duplicates: a double vote passes p1 without its threshold, and the Quorum rule catches it', () => {
    const r = story('quorum-bug-count-duplicates');
    expect(decisions(r, 'p1').n1).toBe('approved x');
    expect(properties(r)).toEqual(['Quorum rule']);
    const clean = runRaw(withoutBugs('quorum-bug-count-duplicates'));
    expect(decisions(clean, 'p1')).toEqual({}); // 2 approving of 3, n5 down: waits
    expect(flagsBy(clean, 'n1')).toEqual(['n2']);
  });

  it('read-first-reply: the read skips its quorum; the Quorum rule and linearizability both fail', () => {
    const r = story('quorum-bug-read-first-reply');
    expect(outcomes(r, 'c3')).toEqual(['ok 1']);
    expect(properties(r)).toEqual(['Quorum rule']);
    expect(r.consistency.verdict).toBe('fail');
  });

  it.each(QUORUM_BUGS.map((b) => b.id))('bug %s: its story runs clean without it', (bug) => {
    const id = `quorum-bug-${bug}`;
    const clean = runRaw(withoutBugs(id));
    expect(clean.run.found, id).toEqual([]);
    expect(clean.consistency.verdict, id).toBe('ok');
  });

  it('a share link round-trips an example: the same scenario, the same run', () => {
    const s = example('quorum-byzantine-seven');
    const back = decodeShare(encodeShare(s, { events: 40, t: 500 }));
    expect(back.scenario).toEqual(s);
    expect(back.moment).toEqual({ events: 40, t: 500 });
    expect(runRaw(back.scenario as never).records).toEqual(story('quorum-byzantine-seven').records);
  });
});
