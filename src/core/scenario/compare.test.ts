/** Compare scenarios: parsing, what each side skips and why, and share links. */
import { describe, expect, it } from 'vitest';
import { compareOf, parseCompare, sideRuns } from './compare';
import { COMPARE_EXAMPLES, compareExample, compareExampleIds } from './compare-examples';
import { parseScenario, ScenarioError } from './schema';
import { decodeAnyShare, decodeShare, encodeCompareShare, encodeShare, ShareError } from './share';

const put = (at: number, value: string, client?: string) => ({ at, action: 'request', op: { f: 'put', key: 'x', value }, ...(client ? { client } : {}) });
const errorOf = (input: unknown): string => {
  try {
    parseCompare(input);
  } catch (e) {
    expect(e).toBeInstanceOf(ScenarioError);
    return (e as Error).message;
  }
  throw new Error('expected a ScenarioError');
};

describe('parseCompare', () => {
  it('takes protocol names as sides, labels them by name and runs both on the same node ids and seed', () => {
    const c = parseCompare({ version: 1, compare: ['raft', 'pbft'], nodes: 4, seed: 9, timeline: [put(100, '1')] });
    expect(c.compare.map((s) => s.label)).toEqual(['raft', 'pbft']);
    const [a, b] = sideRuns(c);
    expect(a.scenario).toMatchObject({ protocol: 'raft', seed: 9, nodes: ['n1', 'n2', 'n3', 'n4'] });
    expect(b.scenario).toMatchObject({ protocol: 'pbft', seed: 9, nodes: ['n1', 'n2', 'n3', 'n4'] });
    expect(a.scenario.timeline).toEqual(b.scenario.timeline);
  });

  it('names a request\'s client once, so both runs have the same clients', () => {
    const c = parseCompare({ version: 1, compare: ['raft', 'pbft'], nodes: 4, timeline: [put(300, '2'), put(100, '1', 'c1')] });
    const [a, b] = sideRuns(c);
    const clients = (s: typeof a) => s.scenario.timeline.map((x) => (x.action === 'request' ? x.client : null));
    expect(clients(a)).toEqual(['c1', 'c2']);
    expect(clients(b)).toEqual(clients(a));
  });

  it('compares one protocol under two configs, each checked by the protocol\'s own schema', () => {
    const c = parseCompare({ version: 1, nodes: 4, compare: [{ protocol: '2pc', label: '2PC' }, { protocol: '2pc', label: '3PC', config: { variant: '3pc' } }] });
    const [a, b] = sideRuns(c);
    expect([a.scenario.config.variant, b.scenario.config.variant]).toEqual(['2pc', '3pc']);
    expect(errorOf({ version: 1, nodes: 4, compare: [{ protocol: '2pc', label: '2PC' }, { protocol: '2pc', label: '3PC', config: { variant: '4pc' } }] })).toMatch(/compare\[1\] \(3PC\): .*variant/);
  });

  it('says what is wrong in the user\'s words', () => {
    expect(errorOf({ version: 1, compare: ['raft', 'pbfx'] })).toMatch(/compare\[1\]: unknown protocol "pbfx" \(known: raft, pbft/);
    expect(errorOf({ version: 1, compare: ['raft', 'pbft', 'gossip'] })).toMatch(/exactly two sides \(it names 3\)/);
    expect(errorOf({ version: 1, compare: ['raft', 'raft'] })).toMatch(/both sides are labelled "raft": give each a "label"/);
    expect(errorOf({ version: 1, protocol: 'raft', compare: ['raft', 'pbft'] })).toMatch(/no top-level protocol/);
    expect(errorOf({ version: 1, compare: ['raft', '2pc'], nodes: 20 })).toMatch(/compare\[1\] \(2pc\): 2pc runs with 2 to 12 nodes \(the comparison has 20\)/);
    expect(errorOf({ version: 1, compare: ['raft', 'pbft'], timeline: [{ at: 5, action: 'crash', node: 'n42' }] })).toMatch(/timeline\[0\] \(at 5 ms\): node names an unknown node "n42"/);
    expect(errorOf({ version: 1, compare: ['raft', 'gossip'], nodes: 3, timeline: [{ at: 5, action: 'input', node: 'n1', name: 'zzz' }] })).toMatch(/timeline\[0\] \(at 5 ms\): neither side can take it \(raft: .*zzz.* \| gossip: .*\)/);
    expect(errorOf({ version: 1, compare: [{ protocol: 'raft', colour: 'red' }, 'pbft'] })).toMatch(/compare\[0\] takes no colour \(its fields: protocol, config, label, timeline\)/);
    expect(errorOf({ version: 1, compare: [{ protocol: 'raft', config: { electionTimeoutMs: 'x' } }, 'pbft'] })).toMatch(/compare\[0\] \(raft\): config\.electionTimeoutMs/);
    expect(errorOf({ version: 1, compare: [{ protocol: 'raft', timeline: [{ at: 5, action: 'byzantine', node: 'n1', behaviour: 'equivocate' }] }, 'pbft'] })).toMatch(/compare\[0\] \(raft\) timeline\[0\]: raft assumes crash faults only/);
  });

  it('skips for one side a shared action it cannot take, with the reason, and keeps it for the other', () => {
    const c = parseCompare({
      version: 1,
      compare: ['raft', 'pbft'],
      nodes: 4,
      timeline: [{ at: 1000, action: 'byzantine', node: 'n2', behaviour: 'equivocate' }, { at: 2000, action: 'crash', node: 'leader' }],
    });
    const [raft, pbft] = sideRuns(c);
    expect(raft.skipped).toEqual([{ index: 0, at: 1000, action: 'byzantine', reason: expect.stringMatching(/raft assumes crash faults only/) }]);
    expect(raft.scenario.timeline.map((a) => a.action)).toEqual(['crash']);
    expect(pbft.skipped).toEqual([]);
    expect(pbft.scenario.timeline.map((a) => a.action)).toEqual(['byzantine', 'crash']);
  });

  it('skips a fault aimed at the leader on a leader-free protocol, and a request that is not one of a side\'s operations', () => {
    const c = parseCompare({ version: 1, compare: ['raft', 'gossip'], nodes: 3, timeline: [{ at: 500, action: 'isolate', node: 'leader' }] });
    expect(sideRuns(c)[1].skipped[0]).toMatchObject({ action: 'isolate', reason: 'gossip has no leader to aim it at' });
    expect(sideRuns(c)[0].skipped).toEqual([]);
    const t = parseCompare({ version: 1, compare: ['raft', '2pc'], nodes: 4, timeline: [put(100, '1')] });
    expect(sideRuns(t)[1].skipped).toEqual([{ index: 0, at: 100, action: 'request', reason: expect.any(String) }]);
  });

  it('--compare A,B makes a comparison of a plain scenario, keeping its config on its own protocol\'s side', () => {
    const s = parseScenario({ version: 1, protocol: 'raft', nodes: 4, config: { preVote: true }, timeline: [put(100, '1')] });
    const c = compareOf(s, ['pbft', 'raft']);
    expect(c.compare.map((x) => x.protocol)).toEqual(['pbft', 'raft']);
    expect(sideRuns(c)[1].scenario.config).toEqual(s.config);
    expect(sideRuns(c)[1].scenario.timeline).toEqual(s.timeline);
  });
});

describe('compare share links', () => {
  it('round-trip every example comparison', () => {
    for (const id of compareExampleIds()) {
      const c = compareExample(id);
      const back = decodeAnyShare(`https://play.example/#${encodeCompareShare(c, { events: 10, t: 50 })}`);
      expect(back, id).toEqual({ compare: c, moment: { events: 10, t: 50 } });
    }
  });

  it('a plain link still opens as one scenario, and a view of one run says a comparison is not one run', () => {
    const s = parseScenario({ version: 1, protocol: 'raft' });
    expect(decodeAnyShare(encodeShare(s, null))).toEqual({ scenario: s, moment: null });
    const link = encodeCompareShare(compareExample('compare-leader-isolated'), null);
    expect(() => decodeShare(link)).toThrow(ShareError);
    expect(() => decodeShare(link)).toThrow(/holds a comparison \(Raft against PBFT\)/);
  });

  it('words a bad comparison in a link by its field', () => {
    const bad = { ...COMPARE_EXAMPLES['compare-leader-isolated']!, compare: ['raft', 'nope'] };
    const link = 's=' + (encodeCompareShare(bad as never, null).slice(2));
    expect(() => decodeAnyShare(link)).toThrow(/invalid comparison: compare\[1\]: unknown protocol "nope"/);
  });
});
