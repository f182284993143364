import { describe, expect, it } from 'vitest';
import { parseScenario, ScenarioError } from './schema';
import { example, exampleIds } from './examples';
import { protocolNames } from '../protocols/registry';

/** The issue's own example scenario, verbatim. */
const ISSUE_EXAMPLE = {
  version: 1, protocol: 'raft', seed: 7, nodes: 5, until: 10000,
  config: { electionTimeoutMs: [150, 300], heartbeatMs: 50 },
  network: { latencyMs: [10, 30], loss: 0, duplicate: 0 },
  timeline: [
    { at: 1000, action: 'request', client: 'c1', op: { f: 'put', key: 'x', value: '1' } },
    { at: 2000, action: 'isolate', node: 'leader' },
    { at: 2500, action: 'partition', groups: [['n1', 'n2'], ['n3', 'n4', 'n5']] },
    { at: 3000, action: 'link', from: 'n1', to: 'n2', latencyMs: [100, 200], loss: 0.5, cut: false },
    { at: 3500, action: 'crash', node: 'n4' },
    { at: 4000, action: 'restart' },
    { at: 4500, action: 'timeout', node: 'n3' },
    { at: 5000, action: 'heal' },
  ],
};

function issuesOf(input: unknown): string {
  try {
    parseScenario(input);
  } catch (e) {
    expect(e).toBeInstanceOf(ScenarioError);
    return (e as ScenarioError).message;
  }
  throw new Error('expected the scenario to be rejected');
}

describe('parseScenario', () => {
  it('accepts the documented example and normalises it', () => {
    const s = parseScenario(ISSUE_EXAMPLE);
    expect(s.nodes).toEqual(['n1', 'n2', 'n3', 'n4', 'n5']);
    expect(s.config).toMatchObject({ electionTimeoutMs: [150, 300], heartbeatMs: 50, maxEntriesPerAppend: 64 });
    expect(s.clients.timeoutMs).toBe(1000);
    expect(s.timeline).toHaveLength(8);
  });

  it('fills defaults for a minimal scenario and accepts nodes as a list of ids', () => {
    const s = parseScenario({ version: 1, protocol: 'raft', nodes: ['a', 'b', 'c'] });
    expect(s.nodes).toEqual(['a', 'b', 'c']);
    expect(s.network).toEqual({ latencyMs: [10, 30], loss: 0, duplicate: 0 });
    expect(s.seed).toBe(1);
  });

  it('sorts the timeline by time, keeping the order of equal times', () => {
    const s = parseScenario({
      version: 1, protocol: 'raft', nodes: 3,
      timeline: [
        { at: 500, action: 'heal' },
        { at: 100, action: 'crash', node: 'n1' },
        { at: 100, action: 'crash', node: 'n2' },
      ],
    });
    expect(s.timeline.map((a) => [a.at, a.action, 'node' in a ? a.node : null])).toEqual([
      [100, 'crash', 'n1'], [100, 'crash', 'n2'], [500, 'heal', null],
    ]);
  });

  it('refuses a scenario with every problem worded in its own terms (issues.test.ts words each class)', () => {
    const msg = issuesOf({ ...ISSUE_EXAMPLE, untill: 5, timeline: [{ at: 10, action: 'crash', node: 'n9' }] });
    expect(msg).toBe(
      'invalid scenario: timeline[0] (at 10 ms): node names an unknown node "n9" (known: n1, n2, n3, n4, n5, or "leader"); ' +
        'unknown field "untill" (known: version, protocol, seed, nodes, until, config, network, clients, timeline, name, description)',
    );
  });

  it('accepts the edges of its limits, and no node past them', () => {
    expect(parseScenario({ ...ISSUE_EXAMPLE, nodes: 100, timeline: [] }).nodes).toHaveLength(100);
    expect(parseScenario({ ...ISSUE_EXAMPLE, network: { loss: 1, duplicate: 0, latencyMs: [0, 600_000] } }).network.loss).toBe(1);
    expect(issuesOf({ ...ISSUE_EXAMPLE, nodes: 101, timeline: [] })).toMatch(/nodes.*1.*100/);
    expect(issuesOf({ ...ISSUE_EXAMPLE, nodes: 0, timeline: [] })).toMatch(/nodes.*1.*100/);
  });

  it("keeps a partition's regions (where each group is drawn) and wants one per group", () => {
    const s = parseScenario({ ...ISSUE_EXAMPLE, timeline: [{ at: 1, action: 'partition', groups: [['n1'], ['n2', 'n3']], regions: ['b', 'main'] }] });
    expect(s.timeline[0]).toEqual({ at: 1, action: 'partition', groups: [['n1'], ['n2', 'n3']], regions: ['b', 'main'] });
    expect(issuesOf({ ...ISSUE_EXAMPLE, timeline: [{ at: 1, action: 'partition', groups: [['n1'], ['n2']], regions: ['a'] }] })).toBe(
      'invalid scenario: timeline[0] (at 1 ms): regions must name one region per group (2 groups, 1 regions)',
    );
    expect(issuesOf({ ...ISSUE_EXAMPLE, timeline: [{ at: 1, action: 'partition', groups: [['n1']], regions: ['a b'] }] })).toMatch(
      /timeline\[0\] \(at 1 ms\): regions\[0\] must be a region name: 1 to 16 letters, digits, _ or - \(got "a b"\)/,
    );
  });

  it('parses every shipped example, and every registered protocol ships one', () => {
    const protocols = exampleIds().map((id) => example(id).protocol);
    expect(new Set(protocols)).toEqual(new Set(protocolNames()));
  });
});

describe('fresh clients', () => {
  it('a request naming no client gets the lowest cK no request names, in the normalised timeline', () => {
    const s = parseScenario({
      version: 1, protocol: 'raft', nodes: 3,
      timeline: [
        { at: 5, action: 'request', op: { f: 'get', key: 'x' } },
        { at: 9, action: 'request', client: 'c1', op: { f: 'get', key: 'x' } },
        { at: 7, action: 'request', op: { f: 'put', key: 'x', value: 1 }, node: 'n2' },
      ],
    });
    expect(s.timeline).toEqual([
      { at: 5, action: 'request', op: { f: 'get', key: 'x' }, client: 'c2' },
      { at: 7, action: 'request', op: { f: 'put', key: 'x', value: '1' }, client: 'c3', node: 'n2' },
      { at: 9, action: 'request', op: { f: 'get', key: 'x' }, client: 'c1' },
    ]);
    expect(JSON.stringify(parseScenario(s))).toBe(JSON.stringify(s));
  });
});
