/** traceLine must be JSON.stringify, to the byte, on every record real runs make. */
import { describe, expect, it } from 'vitest';
import { chaosScenario } from './chaos/scenarios';
import { example, exampleIds } from './scenario/examples';
import { parseScenario } from './scenario/schema';
import type { Scenario } from './scenario/types';
import { runScenario } from './sim/run';
import type { TraceRecord } from './trace';
import { quote, traceLine } from './trace-json';

/** mismatches runs `scenario` and gives each record whose traceLine differs from JSON.stringify, with the count of records by type. */
function compare(scenario: Scenario): { bad: string[]; types: Set<string> } {
  const bad: string[] = [];
  const types = new Set<string>();
  runScenario(scenario, {
    trace: (r: TraceRecord) => {
      types.add(r.type);
      const want = JSON.stringify(r);
      const got = traceLine(r);
      if (got !== want && bad.length < 5) bad.push(`${got}\n  !=\n${want}`);
    },
  });
  return { bad, types };
}

describe('traceLine', () => {
  it('writes a state record’s protocol fields (NodeSummary.fields) as JSON.stringify does', () => {
    const r: TraceRecord = { t: 5, type: 'state', node: 'n1', role: 'infective', term: 0, votedFor: null, commitIndex: 0, lastLogIndex: 0, fields: { values: 7, hot: 2, txn: 'c1#1', ok: true, none: null } };
    expect(traceLine(r)).toBe(JSON.stringify(r));
    const { fields: _, ...bare } = r;
    expect(traceLine(bare)).toBe(JSON.stringify(bare));
  });

  it('equals JSON.stringify on every record of every example (Raft, PBFT, chaos, teaching bugs)', () => {
    const types = new Set<string>();
    for (const id of exampleIds()) {
      const r = compare({ ...example(id), until: Math.min(example(id).until, 20_000) });
      expect(r.bad, id).toEqual([]);
      r.types.forEach((t) => types.add(t));
    }
    // The fast paths were all taken: each record type the simulator makes was seen.
    for (const t of ['header', 'send', 'deliver', 'drop', 'timer', 'fault', 'state', 'apply', 'client', 'note', 'end']) expect(types).toContain(t);
  }, 120_000);

  it('equals JSON.stringify under the nemesis: loss, duplicates, crashes, skew (Raft and PBFT)', () => {
    for (const seed of [1, 2, 3]) {
      expect(compare(chaosScenario(seed, { durationMs: 8000 })).bad).toEqual([]);
      expect(compare(chaosScenario(seed, { durationMs: 8000, protocol: 'pbft' })).bad).toEqual([]);
    }
  }, 120_000);

  it('equals JSON.stringify on held and duplicated messages in manual delivery', () => {
    const s = parseScenario({
      version: 1,
      protocol: 'raft',
      nodes: 3,
      until: 3000,
      timeline: [
        { at: 50, action: 'manual', enabled: true },
        { at: 1000, action: 'duplicate', id: 1 },
        { at: 1100, action: 'deliver', id: 1 },
        { at: 1200, action: 'drop', id: 2 },
        { at: 1500, action: 'manual', enabled: false },
      ],
    });
    const r = compare(s);
    expect(r.bad).toEqual([]);
    expect(r.types).toContain('send');
  });

  it('quotes strings that need escaping as JSON does', () => {
    for (const s of ['leader', 'a "b"', 'tab\there', 'é\u2028', '\\']) expect(quote(s)).toBe(JSON.stringify(s));
  });
});
