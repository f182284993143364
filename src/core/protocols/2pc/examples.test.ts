/**
 * Each example scenario tells its story under its seed (examples.ts), run whole with the safety
 * monitor watching (CheckedRun) and judged by the atomic-commit model. pbft-2pc-tests.md §3b and
 * more-protocols.md §1.
 */
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../scenario/schema';
import { TWO_PC_EXAMPLES } from './examples';
import { decisions, runRaw, type ExampleRun } from './testkit';

const story = (id: string): ExampleRun => runRaw(TWO_PC_EXAMPLES[id]!);
const outcome = (r: ExampleRun, client: string) => r.run.history.filter((h) => h.client === client && h.phase !== 'invoke').map((h) => [h.phase, h.result ?? null]);
const roleAt = (r: ExampleRun, node: string, t: number) => r.states.filter((s) => s.node === node && s.t <= t).at(-1)!;

describe('2PC examples', () => {
  it('every example parses under a unique id with the 2pc- prefix, a name and a description', () => {
    for (const [id, raw] of Object.entries(TWO_PC_EXAMPLES)) {
      const s = parseScenario(raw);
      expect(id).toMatch(/^2pc-/);
      expect(s.protocol).toBe('2pc');
      expect(s.name, id).toMatch(/\S/);
      expect(s.description!.length, id).toBeGreaterThan(80);
    }
  });

  it('a clean commit: every participant applies its share, the redirected client commits too, all checks pass', () => {
    const r = story('2pc-commit');
    expect(r.run.found).toEqual([]);
    expect(r.consistency).toMatchObject({ verdict: 'ok', operations: 3 });
    expect(decisions(r, 'c1#1')).toEqual({ n1: 'commit', n2: 'commit', n3: 'commit', n4: 'commit' });
    expect(outcome(r, 'c2')).toEqual([['ok', null]]);
    expect([r.run.hosts.inspect('n2').kv, r.run.hosts.inspect('n3').kv, r.run.hosts.inspect('n4').kv]).toEqual([{ x: '6' }, { y: '7' }, { z: '5' }]);
    expect(decisions(r, 'c3#1')).toEqual({ n1: 'commit', n2: 'commit', n3: 'commit' });
  });

  it('a random abort: aborted transactions write nothing, and the client is told why', () => {
    const r = story('2pc-random-abort');
    expect(r.run.found).toEqual([]);
    expect(r.consistency.verdict).toBe('ok');
    const fails = r.run.history.filter((h) => h.phase === 'fail');
    const oks = r.run.history.filter((h) => h.phase === 'ok');
    expect(fails.length).toBeGreaterThan(0);
    expect(oks.length).toBeGreaterThan(0);
    for (const f of fails) expect(String(f.result)).toMatch(/^aborted: n\d voted abort \(n\d aborts at random\)$/);
    const kv = Object.assign({}, ...['n2', 'n3', 'n4'].map((n) => r.run.hosts.inspect(n).kv));
    const written = oks.flatMap((o) => Object.entries(o.op.writes as Record<string, string>));
    for (const [k, v] of Object.entries(kv)) expect(written).toContainEqual([k, v]);
  });

  it('coordinator crash: the prepared participants block, holding their locks, until it is back; then it aborts', () => {
    const r = story('2pc-coordinator-crash');
    expect(r.run.found).toEqual([]);
    for (const n of ['n2', 'n3', 'n4']) {
      expect(roleAt(r, n, 2000)).toMatchObject({ role: 'blocked', fields: { locks: 1, waitsFor: 'n1' } });
      expect(roleAt(r, n, 700).role).toBe('prepared');
    }
    const firstDecision = Math.min(...r.records.filter((x) => x.kind === 'decision').map((x) => x.t));
    expect(firstDecision).toBeGreaterThanOrEqual(2500);
    expect(decisions(r, 'c1#1')).toEqual({ n1: 'abort', n2: 'abort', n3: 'abort', n4: 'abort' });
    expect(outcome(r, 'c1')).toEqual([['fail', 'aborted: the coordinator restarted before deciding']]);
    expect(r.consistency.verdict).toBe('ok');
  });

  it('coordinator crash, never restarted: termination is not judged while it is down', () => {
    const raw = TWO_PC_EXAMPLES['2pc-coordinator-crash']!;
    const r = runRaw({ ...raw, timeline: (raw.timeline as { action: string }[]).filter((a) => a.action !== 'restart') }, { live: ['n2', 'n3', 'n4'] });
    expect(r.consistency).toMatchObject({ verdict: 'ok' });
    expect(r.consistency.detail).toContain('termination not judged: n1 down');
    const asIfBack = runRaw({ ...raw, timeline: (raw.timeline as { action: string }[]).filter((a) => a.action !== 'restart') });
    expect(asIfBack.consistency).toMatchObject({ verdict: 'fail' });
    expect(asIfBack.consistency.reason).toMatch(/^Termination: n1, n2, n3, n4 never decided c1#1/);
  });

  it('participant recovery: n3 restarts prepared from its log, asks n1 and commits y = 2', () => {
    const r = story('2pc-participant-recovery');
    expect(r.run.found).toEqual([]);
    expect(decisions(r, 'c1#1')).toEqual({ n1: 'commit', n2: 'commit', n3: 'commit', n4: 'commit' });
    const n3 = r.records.find((x) => x.kind === 'decision' && x.node === 'n3')!;
    expect(n3.t).toBeGreaterThanOrEqual(1000);
    expect(n3.t).toBeLessThan(1100);
    expect(r.run.hosts.inspect('n3').kv).toEqual({ y: '2', a: '5' });
  });

  it('cooperative termination: n4, cut off from the crashed coordinator, learns commit from a peer', () => {
    const r = story('2pc-cooperative-termination');
    expect(r.run.found).toEqual([]);
    const n4 = r.records.find((x) => x.kind === 'decision' && x.node === 'n4')!;
    expect(n4.decision).toBe('commit');
    expect(n4.t).toBeGreaterThan(730);
    expect(n4.t).toBeLessThan(2000);
    expect(r.consistency.verdict).toBe('ok');
  });

  it('3PC partition anomaly: n1 and n2 commit, n3 and n4 abort (Atomicity breaks, as Skeen warns)', () => {
    const r = story('2pc-3pc-partition');
    expect(decisions(r, 'c1#1')).toEqual({ n1: 'commit', n2: 'commit', n3: 'abort', n4: 'abort' });
    expect(r.run.found[0]).toMatchObject({ property: 'Atomicity', text: 'n3 decided abort on c1#1, but n1 decided commit' });
    expect(r.consistency).toMatchObject({ verdict: 'fail' });
    expect(r.consistency.reason).toMatch(/^Atomicity/);
  });

  it('3PC coordinator crash: nobody blocks; backup n2 commits before the coordinator is back', () => {
    const r = story('2pc-3pc-coordinator-crash');
    expect(r.run.found).toEqual([]);
    expect(decisions(r, 'c1#1')).toEqual({ n1: 'commit', n2: 'commit', n3: 'commit', n4: 'commit' });
    for (const n of ['n2', 'n3', 'n4']) expect(r.records.find((x) => x.kind === 'decision' && x.node === n)!.t).toBeLessThan(2000);
    expect(r.states.some((s) => s.role === 'blocked')).toBe(false);
    expect(r.consistency.verdict).toBe('ok');
  });
});
