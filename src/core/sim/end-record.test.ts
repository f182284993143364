/** The `end` record carries each node's log, and its snapshot boundary only when the log is compacted. */
import { describe, expect, it } from 'vitest';
import { defaultScenario } from '../scenario/examples';
import type { TraceRecord } from '../trace';
import { Simulation } from './simulation';

function endOf(details: Parameters<Simulation['emitEnd']>[0]): Extract<TraceRecord, { type: 'end' }> {
  const out: TraceRecord[] = [];
  const sim = new Simulation(defaultScenario(3), { trace: (r) => void out.push(r) });
  sim.emitEnd(details);
  return out.at(-1) as Extract<TraceRecord, { type: 'end' }>;
}

describe('end record', () => {
  it('names no snapshot for an uncompacted log, so older traces keep their bytes', () => {
    const end = endOf({ n1: { log: [{ term: 1, command: 'a' }] }, n2: { log: [], snapshot: null } });
    expect(end.nodes.map((n) => 'snapshot' in n)).toEqual([false, false, false]);
    expect(end.nodes[0]!.log).toEqual([{ term: 1, command: 'a' }]);
  });

  it('carries the snapshot boundary of a compacted log: log[0] is lastIncludedIndex + 1 (Raft §7)', () => {
    const end = endOf({ n1: { log: [{ term: 2, command: 'b' }], snapshot: { lastIncludedIndex: 9, lastIncludedTerm: 2 } } });
    expect(end.nodes[0]!.snapshot).toEqual({ lastIncludedIndex: 9, lastIncludedTerm: 2 });
    expect(end.nodes[1]!.snapshot).toBeUndefined();
  });
});
