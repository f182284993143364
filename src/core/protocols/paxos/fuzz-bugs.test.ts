/**
 * Each Paxos teaching bug gives two chosen values under chaos, caught by the fuzzer within 1,000
 * seeds (issue 20 §1). The search runs seed after seed: the fuzzer must fail the seed, and the
 * whole run (not stopped at its first violation) must show two values chosen in one slot.
 */
import { describe, expect, it } from 'vitest';
import { CheckedRun } from '../../check/checked-run';
import { fuzzSeed } from '../../check/fuzz';
import { chaosScenario } from '../../chaos/scenarios';
import { PAXOS_BUGS } from './bugs';

describe('fuzz catches every Paxos teaching bug', () => {
  for (const bug of PAXOS_BUGS) {
    it(`${bug.id} gives two chosen values within 1,000 seeds`, () => {
      const opts = { protocol: 'paxos', bugs: [bug.id] };
      let caught: { seed: number; text: string } | null = null;
      for (let seed = 1; seed <= 1000 && !caught; seed++) {
        if (!fuzzSeed(seed, opts).failure) continue;
        const agreement = new CheckedRun(chaosScenario(seed, opts)).runToEnd().found.find((v) => v.property === 'Agreement');
        if (agreement) caught = { seed, text: agreement.text };
      }
      expect(caught, `${bug.id} was not caught`).not.toBeNull();
      expect(caught!.text).toMatch(/^two values chosen in slot \d+/);
    }, 240_000);
  }

  it('the correct protocol passes the first seeds the bugs fail', () => {
    for (let seed = 1; seed <= 3; seed++) expect(fuzzSeed(seed, { protocol: 'paxos' }).failure).toBeNull();
  }, 120_000);
});
