/** Snapshot builders reuse unchanged summaries, and replace a summary when only its protocol fields change. */
import { describe, expect, it } from 'vitest';
import type { Simulation } from '../../core/sim/simulation';
import type { NodeSummary } from '../../core/types';
import { summariesOf } from './snapshot';

const base: NodeSummary = { role: 'replica', term: 0, votedFor: null, commitIndex: 0, lastLogIndex: 0, lastApplied: 0, fields: { votes: 1, version: 0 } };
/** simOf fakes the two things summariesOf reads of a Simulation. */
const simOf = (summaries: Record<string, NodeSummary>) => ({ scenario: { nodes: Object.keys(summaries) }, summary: (id: string) => summaries[id]! }) as unknown as Simulation;

describe('summariesOf', () => {
  it('gives the previous object itself when no summary changed, fields included', () => {
    const prev = summariesOf(simOf({ n1: base, n2: base }), {});
    expect(summariesOf(simOf({ n1: { ...base, fields: { votes: 1, version: 0 } }, n2: base }), prev)).toBe(prev);
  });

  it('replaces a summary whose protocol fields alone changed (a node line such as a version must not go stale)', () => {
    const prev = summariesOf(simOf({ n1: base, n2: base }), {});
    const next = summariesOf(simOf({ n1: { ...base, fields: { votes: 1, version: 1 } }, n2: base }), prev);
    expect(next).not.toBe(prev);
    expect(next.n1!.fields).toEqual({ votes: 1, version: 1 });
    expect(next.n2).toBe(prev.n2);
    expect(summariesOf(simOf({ n1: { ...base, fields: { votes: 1 } }, n2: base }), prev).n1).not.toBe(prev.n1);
    expect(summariesOf(simOf({ n1: { ...base, fields: undefined }, n2: base }), prev).n1).not.toBe(prev.n1);
  });
});
