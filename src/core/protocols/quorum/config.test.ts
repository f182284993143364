/** The configuration: defaults, resolved vote counts, and the warnings for Gifford's rules (more-protocols.md §6). */
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../scenario/schema';
import { quorumConfig, rulesOf, settingWarnings } from './config';

const five = ['n1', 'n2', 'n3', 'n4', 'n5'];

describe('quorum config', () => {
  it('defaults to one vote each and majorities everywhere', () => {
    expect(rulesOf(quorumConfig(), five)).toEqual({ weights: { n1: 1, n2: 1, n3: 1, n4: 1, n5: 1 }, total: 5, r: 3, w: 3, threshold: 3, quorum: 3 });
  });

  it('weights change V and the majorities; unlisted nodes hold 1, ids outside the cluster are ignored', () => {
    const rules = rulesOf(quorumConfig({ weights: { n1: 3, n2: 3, n9: 50 } }), five);
    expect(rules).toMatchObject({ total: 9, r: 5, w: 5, threshold: 5, quorum: 5 });
    expect(rules.weights).toEqual({ n1: 3, n2: 3, n3: 1, n4: 1, n5: 1 });
  });

  it('a sound setting has no warning; r + w ≤ V and 2w ≤ V are allowed, each with a warning', () => {
    expect(settingWarnings(rulesOf(quorumConfig(), five))).toEqual([]);
    expect(settingWarnings(rulesOf(quorumConfig({ r: 4, w: 2 }), five))).toEqual([expect.stringMatching(/^2w = 4 ≤ V = 5: two disjoint groups/)]);
    const both = settingWarnings(rulesOf(quorumConfig({ r: 2, w: 2 }), five));
    expect(both).toHaveLength(2);
    expect(both[0]).toMatch(/^r \+ w = 4 ≤ V = 5: .*stale/);
  });

  it('warns of quorums no cluster can reach and of thresholds two values can both reach', () => {
    expect(settingWarnings(rulesOf(quorumConfig({ w: 6 }), five))).toContainEqual(expect.stringMatching(/w = 6 is more than V = 5: no write can ever complete/));
    expect(settingWarnings(rulesOf(quorumConfig({ threshold: 2 }), five))).toContainEqual(expect.stringMatching(/two values can both reach it/));
  });

  it('refuses bad input in the user’s words', () => {
    expect(() => quorumConfig({ r: 0 })).toThrow(/config\.r must be a whole number of votes \(or null: a majority\) from 1 to 10000 \(got 0\)/);
    expect(() => quorumConfig({ weights: { n1: -1 } })).toThrow(/whole number of votes from 0 to 100/);
    expect(() => quorumConfig({ stances: { n1: 'maybe' as never } })).toThrow(/must be one of approve, reject, abstain/);
    expect(() => quorumConfig({ byzantine: { n1: 'lie' as never } })).toThrow(/unknown Byzantine behaviour "lie" \(known: invent, vote-twice, equivocate, claim-weight\)/);
    expect(() => parseScenario({ version: 1, protocol: 'quorum', nodes: 3, config: { q: 1 } })).toThrow(/q/);
  });
});
