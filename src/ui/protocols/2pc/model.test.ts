/** The 2PC panel's model, built from NodeDetails of real runs of the example stories. */
import { describe, expect, it } from 'vitest';
import { CheckedRun } from '../../../core/check/checked-run';
import { TWO_PC_EXAMPLES } from '../../../core/protocols/2pc/examples';
import { parseScenario } from '../../../core/scenario/schema';
import { buildTwoPcModel } from './model';

/** modelAt runs example `id` to virtual time `t` (ms) and builds the panel's model from every node's detail. */
function modelAt(id: string, t: number, crashed: string[] = []) {
  const s = parseScenario(TWO_PC_EXAMPLES[id]!);
  const run = new CheckedRun(s);
  run.advance(t, Infinity, false);
  const details = Object.fromEntries(s.nodes.map((n) => [n, run.hosts.inspect(n)]));
  return buildTwoPcModel({ nodeIds: s.nodes, details, crashed: new Set(crashed) });
}

describe('2PC panel model', () => {
  it('is not ready before any node is inspected', () => {
    expect(buildTwoPcModel({ nodeIds: ['n1', 'n2'], details: {}, crashed: new Set() }).ready).toBe(false);
  });

  it('a clean commit: one row, every participant voted yes and committed', () => {
    const m = modelAt('2pc-commit', 500);
    expect(m).toMatchObject({ ready: true, variant: '2pc', coordinator: 'n1', participants: ['n2', 'n3', 'n4'], total: 1 });
    expect(m.rows[0]).toMatchObject({ txn: 'c1#1', writes: 'x=1 y=2 z=3', coordinator: 'commit', coordinatorPhase: 'committed', decision: 'commit' });
    expect(Object.values(m.rows[0]!.cells).map((c) => c.text)).toEqual(['commit', 'commit', 'commit']);
    expect(m.waiters).toEqual([]);
  });

  it('coordinator down: every participant is blocked on c1#1, holds its key and waits for n1 (down) and its peers', () => {
    const m = modelAt('2pc-coordinator-crash', 2000, ['n1']);
    expect(m.waiters.map((w) => [w.node, w.txn, w.blocked, w.locks, w.waitsFor[0], w.down])).toEqual([
      ['n2', 'c1#1', true, ['x'], 'n1', ['n1']],
      ['n3', 'c1#1', true, ['y'], 'n1', ['n1']],
      ['n4', 'c1#1', true, ['z'], 'n1', ['n1']],
    ]);
    expect(m.edges).toContainEqual({ from: 'n2', to: 'n1', blocked: true });
    expect(m.edges).toContainEqual({ from: 'n2', to: 'n3', blocked: true });
    expect(m.rows[0]!.cells.n3).toMatchObject({ state: 'blocked', vote: 'commit', title: 'n3 voted commit and is blocked: the decision is late and nobody it asked knows it' });
  });

  it('3PC partition: the row shows n2 committed while n3 and n4 aborted', () => {
    const m = modelAt('2pc-3pc-partition', 3000);
    expect(m.variant).toBe('3pc');
    expect(Object.fromEntries(Object.entries(m.rows.find((r) => r.txn === 'c1#1')!.cells).map(([n, c]) => [n, c.state]))).toEqual({ n2: 'committed', n3: 'aborted', n4: 'aborted' });
  });

  it('lists the newest transactions first, only the participants involved', () => {
    const m = modelAt('2pc-commit', 900);
    expect(m.rows.map((r) => r.txn)).toEqual(['c2#1', 'c1#1']);
    expect(Object.keys(m.rows[0]!.cells)).toEqual(['n2', 'n4']);
  });
});
