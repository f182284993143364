/**
 * Each Paxos example tells its story under its seed (more-protocols.md §11; Paxos Made Simple §2.4,
 * §3; Howard et al. 2016), and each bug story breaks Agreement with its bug on but not off.
 */
import { describe, expect, it } from 'vitest';
import { PAXOS_BUG_IDS } from './config';
import { PAXOS_BUGS } from './bugs';
import { BUG_STORIES, PAXOS_EXAMPLES, withoutBugs } from './examples';
import { chosenBySlot, runRaw } from './testkit';

const run = (id: string) => runRaw(PAXOS_EXAMPLES[id]!);
const properties = (r: ReturnType<typeof runRaw>) => r.run.found.map((v) => v.property);

describe('Paxos examples', () => {
  it('there is one bug story per teaching bug, in the menu, each expecting Agreement', () => {
    expect(Object.keys(BUG_STORIES).sort()).toEqual([...PAXOS_BUG_IDS].sort());
    expect(PAXOS_BUGS.map((b) => b.id)).toEqual([...PAXOS_BUG_IDS]);
    for (const s of Object.values(BUG_STORIES)) expect(PAXOS_EXAMPLES[s.id]).toBe(s.raw);
    for (const id of Object.keys(PAXOS_EXAMPLES)) expect(id).toMatch(/^paxos-/);
  });

  it('paxos-single: c1#1 is chosen everywhere and applied; c2 is told it was not chosen', () => {
    const r = run('paxos-single');
    expect(r.run.found).toEqual([]);
    expect(chosenBySlot(r)).toEqual({ 1: ['c1#1'] });
    expect(r.clients.filter((c) => c.phase !== 'invoke').map((c) => [c.client, c.phase])).toEqual([['c1', 'ok'], ['c2', 'fail'], ['c3', 'fail']]);
    for (const id of ['n1', 'n2', 'n3', 'n4', 'n5']) expect(r.run.hosts.inspect(id).kv).toEqual({ x: '1' });
    expect(r.run.consistency(true).verdict).toBe('ok');
  });

  describe.each(Object.entries(BUG_STORIES))('%s', (_bug, story) => {
    it('with the bug on, two values are chosen in slot 1 and the Agreement lamp is red', () => {
      const r = runRaw(story.raw);
      expect(properties(r)).toContain('Agreement');
      expect(r.run.found.find((v) => v.property === 'Agreement')!.text).toMatch(/two values chosen in slot 1: c\d#1 .* and c\d#1/);
    });
    it('with the bug off, the same timeline chooses one value and keeps every property', () => {
      const r = runRaw(withoutBugs(story.raw));
      expect(r.run.found).toEqual([]);
      expect(chosenBySlot(r)[1]).toHaveLength(1);
    });
  });

  it('bug A: n4 accepts the stale accept(1.n1) after promising 1.n2 (Promise kept breaks too); correct code refuses it', () => {
    const on = runRaw(BUG_STORIES['accept-below-promise'].raw);
    expect(on.run.found.find((v) => v.property === 'Promise kept')?.text).toBe('n4 accepted 1.n1 in slot 1 after promising 1.n2');
    const off = runRaw(withoutBugs(BUG_STORIES['accept-below-promise'].raw));
    expect(off.records.filter((x) => x.kind === 'accept' && x.node === 'n4').map((x) => x.ballot)).toEqual(['1.n2']);
  });

  it('bug B: correct P2 proposes the reported X (c1#1); the buggy one proposes its own c2#1', () => {
    const proposals = (raw: Record<string, unknown>) => runRaw(raw).records.filter((x) => x.kind === 'propose' && x.node === 'n2').map((x) => x.value);
    expect(proposals(withoutBugs(BUG_STORIES['ignore-promise-values'].raw))).toEqual(['c1#1']);
    expect(proposals(BUG_STORIES['ignore-promise-values'].raw)).toEqual(['c2#1']);
  });

  it('paxos-dueling: the rounds climb and nothing is chosen; backoff and a distinguished proposer each get a value chosen', () => {
    const duel = run('paxos-dueling');
    expect(chosenBySlot(duel)).toEqual({});
    expect(duel.notes.filter((n) => n.includes('begins round')).length).toBeGreaterThan(50);
    expect(duel.run.found).toEqual([]);
    for (const id of ['paxos-dueling-backoff', 'paxos-distinguished']) {
      const r = run(id);
      expect(chosenBySlot(r), id).toEqual({ 1: ['c1#1'] });
      expect(r.run.found).toEqual([]);
    }
    expect(run('paxos-distinguished').notes.some((n) => n.startsWith('n5 begins'))).toBe(false);
  });

  it('paxos-multi-gap: the new leader fills slot 2 with a no-op; c2 retries into a later slot; every node agrees', () => {
    const r = run('paxos-multi-gap');
    expect(r.run.found).toEqual([]);
    const chosen = chosenBySlot(r);
    expect(chosen[1]).toEqual(['c1#1']);
    expect(chosen[2]).toEqual(['no-op']);
    expect(chosen[3]).toEqual(['c3#1']);
    expect(Object.values(chosen).flat()).toContain('c2#1');
    expect(r.notes.some((n) => /leads with ballot 2\.n\d; no-ops fill s2$/.test(n))).toBe(true);
    expect(r.clients.find((c) => c.client === 'c4' && c.phase === 'ok')?.result).toBe('2');
    expect(r.run.consistency(true).verdict).toBe('ok');
  });

  it('Flexible Paxos: |Q1| + |Q2| ≤ N warns at start-up and chooses two values; a valid setting keeps one', () => {
    const bad = run('paxos-flexible-unsafe');
    expect(bad.notes.some((n) => n.startsWith('warning: |Q1| + |Q2| = 1 + 2 ≤ 3 acceptors'))).toBe(true);
    expect(properties(bad)).toContain('Agreement');
    const good = run('paxos-flexible-valid');
    expect(good.notes.some((n) => n.startsWith('warning'))).toBe(false);
    expect(good.run.found).toEqual([]);
    expect(chosenBySlot(good)).toEqual({ 1: ['c1#1'] });
  });

  it('paxos-leader-isolated: a new leader with a higher ballot keeps choosing; the old one steps down on healing; c4 reads 3', () => {
    const r = run('paxos-leader-isolated');
    expect(r.run.found).toEqual([]);
    const leaders = r.notes.map((n) => /^(n\d) leads with ballot (\d+)/.exec(n)).filter((m) => m !== null).map((m) => ({ node: m[1], round: Number(m[2]) }));
    expect(new Set(leaders.map((l) => l.node)).size).toBeGreaterThan(1);
    expect(r.notes.some((n) => /abandons ballot .*: n\d leads with/.test(n))).toBe(true);
    expect(r.clients.find((c) => c.client === 'c3' && c.phase === 'ok')).toBeDefined();
    expect(r.clients.find((c) => c.client === 'c4' && c.phase === 'ok')?.result).toBe('3');
    expect(r.run.consistency(true).verdict).toBe('ok');
  });
});
