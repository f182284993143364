import { describe, expect, it } from 'vitest';
import { parseScenario, ScenarioError } from './schema';
import { example, exampleIds } from './examples';

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

  it('names an unknown node id in the timeline', () => {
    const msg = issuesOf({ ...ISSUE_EXAMPLE, timeline: [{ at: 10, action: 'crash', node: 'n9' }] });
    expect(msg).toContain('timeline.0.node');
    expect(msg).toContain('"n9"');
  });

  it('names unknown ids inside partition groups and link ends', () => {
    expect(issuesOf({ ...ISSUE_EXAMPLE, timeline: [{ at: 1, action: 'partition', groups: [['n1'], ['n7']] }] })).toContain('timeline.0.groups.1.0');
    expect(issuesOf({ ...ISSUE_EXAMPLE, timeline: [{ at: 1, action: 'link', from: 'n1', to: 'x' }] })).toContain('timeline.0.to');
  });

  it('keeps a partition\'s regions (where each group is drawn) and wants one per group', () => {
    const s = parseScenario({ ...ISSUE_EXAMPLE, timeline: [{ at: 1, action: 'partition', groups: [['n1'], ['n2', 'n3']], regions: ['b', 'main'] }] });
    expect(s.timeline[0]).toEqual({ at: 1, action: 'partition', groups: [['n1'], ['n2', 'n3']], regions: ['b', 'main'] });
    expect(issuesOf({ ...ISSUE_EXAMPLE, timeline: [{ at: 1, action: 'partition', groups: [['n1'], ['n2']], regions: ['a'] }] })).toMatch(/one region per group/);
    expect(issuesOf({ ...ISSUE_EXAMPLE, timeline: [{ at: 1, action: 'partition', groups: [['n1']], regions: ['a b'] }] })).toMatch(/region name/);
  });

  it('rejects negative times', () => {
    expect(issuesOf({ ...ISSUE_EXAMPLE, timeline: [{ at: -5, action: 'heal' }] })).toMatch(/timeline\.0\.at: at must not be negative/);
    expect(issuesOf({ ...ISSUE_EXAMPLE, until: -1 })).toContain('until');
  });

  it('rejects a node count outside 1–12', () => {
    expect(issuesOf({ ...ISSUE_EXAMPLE, nodes: 0, timeline: [] })).toMatch(/nodes.*between 1 and 12/);
    expect(issuesOf({ ...ISSUE_EXAMPLE, nodes: 13, timeline: [] })).toMatch(/nodes.*between 1 and 12/);
    expect(parseScenario({ ...ISSUE_EXAMPLE, nodes: 12, timeline: [] }).nodes).toHaveLength(12);
  });

  it('rejects loss and duplication outside 0–1', () => {
    expect(issuesOf({ ...ISSUE_EXAMPLE, network: { loss: 1.5 } })).toMatch(/network\.loss: loss must be between 0 and 1/);
    expect(issuesOf({ ...ISSUE_EXAMPLE, timeline: [{ at: 1, action: 'link', from: 'n1', to: 'n2', loss: -0.1 }] })).toContain('timeline.0.loss');
    expect(issuesOf({ ...ISSUE_EXAMPLE, network: { duplicate: 2 } })).toContain('network.duplicate');
  });

  it('rejects an unknown protocol and an unknown action, naming what is known', () => {
    expect(issuesOf({ ...ISSUE_EXAMPLE, protocol: 'paxos' })).toMatch(/protocol: unknown protocol "paxos" \(known: raft/);
    expect(issuesOf({ ...ISSUE_EXAMPLE, timeline: [{ at: 1, action: 'explode', node: 'n1' }] })).toMatch(/timeline\.0\.action: unknown action "explode"/);
  });

  it('rejects a future version with a clear message', () => {
    expect(issuesOf({ ...ISSUE_EXAMPLE, version: 2 })).toMatch(/version 2 is newer than this playground/);
  });

  it('rejects misspelt fields rather than ignoring them', () => {
    expect(issuesOf({ ...ISSUE_EXAMPLE, untill: 5 })).toContain('untill');
  });

  it('validates the protocol config', () => {
    expect(issuesOf({ ...ISSUE_EXAMPLE, config: { electionTimeoutMs: [300, 150] } })).toContain('config.electionTimeoutMs');
    expect(issuesOf({ ...ISSUE_EXAMPLE, config: { heartbeatMs: 500 } })).toMatch(/heartbeatMs must be less than the minimum election timeout/);
  });

  it('rejects ops missing their value', () => {
    expect(issuesOf({ ...ISSUE_EXAMPLE, timeline: [{ at: 1, action: 'request', op: { f: 'put', key: 'x' } }] })).toContain('timeline.0.op.value');
    expect(issuesOf({ ...ISSUE_EXAMPLE, timeline: [{ at: 1, action: 'request', op: { f: 'inc', key: 'x' } }] })).toContain('op.f must be one of');
  });

  it('rejects non-objects', () => {
    expect(issuesOf(null)).toContain('must be a JSON object');
    expect(issuesOf([1, 2])).toContain('must be a JSON object');
  });

  it('parses every shipped example', () => {
    const protocols = exampleIds().map((id) => example(id).protocol);
    expect(new Set(protocols)).toEqual(new Set(['raft', 'pbft']));
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
