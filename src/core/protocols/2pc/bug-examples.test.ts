/**
 * Each teaching bug's example breaks the property it claims with the bug on, and the very same
 * timeline with the bug off keeps every property and passes the atomic-commit check.
 */
import { describe, expect, it } from 'vitest';
import { TWO_PC_BUG_IDS } from './config';
import { BUG_EXAMPLES, TWO_PC_EXAMPLES, withoutBugs } from './examples';
import { TWO_PC_BUGS } from './bugs';
import { decisions, runRaw } from './testkit';

describe('2PC teaching bugs', () => {
  it('there is one example per bug, listed in the examples menu, and one description per bug', () => {
    expect(Object.keys(BUG_EXAMPLES).sort()).toEqual([...TWO_PC_BUG_IDS].sort());
    expect(TWO_PC_BUGS.map((b) => b.id)).toEqual([...TWO_PC_BUG_IDS]);
    for (const ex of Object.values(BUG_EXAMPLES)) expect(TWO_PC_EXAMPLES[ex.id]).toBe(ex.raw);
  });

  describe.each(Object.values(BUG_EXAMPLES))('$bug ($id)', (ex) => {
    it(`with the bug on, the monitor reports ${ex.property} and the atomic-commit check fails`, () => {
      expect((ex.raw.config as { bugs: string[] }).bugs).toEqual([ex.bug]);
      const r = runRaw(ex.raw);
      expect(r.run.found.map((v) => v.property)).toContain(ex.property);
      expect(r.consistency.verdict).toBe('fail');
    });

    it('with the bug off, the same timeline keeps every property', () => {
      const r = runRaw(withoutBugs(ex.raw));
      expect(r.run.found).toEqual([]);
      expect(r.consistency.verdict).toBe('ok');
    });
  });

  it('decide-early: n1 commits at 150 ms on two votes while n4 had voted abort; without the bug all abort', () => {
    const on = runRaw(BUG_EXAMPLES['decide-early'].raw);
    expect(on.run.found.find((v) => v.property === 'Commit validity')).toMatchObject({ t: 150, text: 'n1 committed c1#1, but n4 voted abort' });
    const off = runRaw(withoutBugs(BUG_EXAMPLES['decide-early'].raw));
    expect(decisions(off, 'c1#1')).toEqual({ n1: 'abort', n2: 'abort', n3: 'abort', n4: 'abort' });
  });

  it('forget-prepared: restarted n3 presumes abort on the re-sent global-commit; without the bug it commits', () => {
    expect(decisions(runRaw(BUG_EXAMPLES['forget-prepared'].raw), 'c1#1')).toEqual({ n1: 'commit', n2: 'commit', n3: 'abort', n4: 'commit' });
    expect(decisions(runRaw(withoutBugs(BUG_EXAMPLES['forget-prepared'].raw)), 'c1#1')).toEqual({ n1: 'commit', n2: 'commit', n3: 'commit', n4: 'commit' });
  });

  it('send-before-log: the participants commit what the restarted coordinator then aborts; without the bug all abort', () => {
    const on = runRaw(BUG_EXAMPLES['send-before-log'].raw);
    expect(on.run.found[0]).toMatchObject({ property: 'Atomicity', text: 'n1 decided commit on c1#1, then abort' });
    expect(decisions(runRaw(withoutBugs(BUG_EXAMPLES['send-before-log'].raw)), 'c1#1')).toEqual({ n1: 'abort', n2: 'abort', n3: 'abort', n4: 'abort' });
  });
});
