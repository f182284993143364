import { primaryOfView } from '../../../core/protocols/pbft/state';
import { describe, expect, it } from 'vitest';
import { CheckedRun } from '../../../core/check/checked-run';
import type { NodeDetail } from '../../../core/protocol';
import { pbftExample } from '../../../core/protocols/pbft/examples';
import type { PbftDetail, SlotView } from '../../../core/protocols/pbft/inspect';
import type { NodeId } from '../../../core/types';
import {
  buildCheckpoints, buildGrid, buildPbftModel, buildSuspicion, buildViewModel, leftOutText, majorityDigest, pbftDetailOf,
  replicasOf, sizesOf, tallies, tallyText, windowSpan, type PbftModelInput,
} from './model';

const N4 = ['n1', 'n2', 'n3', 'n4'];

function slot(seq: number, extra: Partial<SlotView> = {}): SlotView {
  return { seq, phase: 'executed', digest: 'aaaa0000', view: 0, request: `c1#${seq} put x ${seq}`, prepares: ['n2', 'n3', 'n4'], commits: N4, ...extra };
}

function pbft(extra: Partial<PbftDetail> = {}): PbftDetail {
  return {
    view: 0, primary: 'n1', status: 'normal', lowWater: 0, highWater: 8, lastExecuted: 0, slots: [], checkpoints: [],
    suspects: {}, behaviour: null, viewChange: null, pending: [], ...extra,
  };
}

function node(pd: PbftDetail | null, extra: Partial<NodeDetail> = {}): NodeDetail {
  return {
    summary: { role: 'backup', term: pd?.view ?? 0, votedFor: null, commitIndex: 0, lastLogIndex: 0, lastApplied: 0 },
    log: [], progress: null, votesReceived: null, kv: {}, extra: {},
    behaviour: pd?.behaviour ?? null, suspects: pd?.suspects ?? {},
    ...(pd ? { protocolDetail: pd } : {}),
    ...extra,
  };
}

function input(details: Record<NodeId, PbftDetail | null>, crashed: NodeId[] = [], nodeIds = N4): PbftModelInput {
  return {
    nodeIds,
    details: Object.fromEntries(Object.entries(details).map(([id, pd]) => [id, node(pd)])),
    crashed: new Set(crashed),
  };
}

const replicas = (details: Record<NodeId, PbftDetail | null>, crashed: NodeId[] = []) => replicasOf(input(details, crashed));

describe('sizes and primaries', () => {
  it('gives f = ⌊(n−1)/3⌋ and a quorum of 2f+1 when n = 3f+1, ⌈(n+f+1)/2⌉ otherwise', () => {
    expect(sizesOf(4)).toEqual({ n: 4, f: 1, quorum: 3 });
    expect(sizesOf(7)).toEqual({ n: 7, f: 2, quorum: 5 });
    expect(sizesOf(5)).toEqual({ n: 5, f: 1, quorum: 4 });
  });

  it('the primary of view v is replica v mod n in node order', () => {
    expect(primaryOfView(N4, 0)).toBe('n1');
    expect(primaryOfView(N4, 5)).toBe('n2');
    expect(primaryOfView([], 3)).toBeNull();
  });

  it('reads a PbftDetail only when the node carries one', () => {
    expect(pbftDetailOf(node(pbft({ view: 2 })))?.view).toBe(2);
    expect(pbftDetailOf(node(null))).toBeNull();
    expect(pbftDetailOf(node(null, { protocolDetail: { something: 'else' } }))).toBeNull();
    expect(pbftDetailOf(undefined)).toBeNull();
  });
});

describe('view model', () => {
  it('without a quorum in one view, takes the highest view among honest live replicas, ignoring Byzantine and crashed ones', () => {
    const rs = replicas(
      { n1: pbft({ view: 7, behaviour: 'equivocate' }), n2: pbft({ view: 1 }), n3: pbft({ view: 5 }), n4: pbft({ view: 2 }) },
      ['n3'],
    );
    const v = buildViewModel(rs, N4, sizesOf(4));
    expect(v.view).toBe(2);
    expect(v.primary).toBe('n3');
    expect(v.agree).toBe(false);
    expect(v.quorum).toEqual([]);
    expect(v.leftOut).toEqual([]);
  });

  it('falls back to every replica when none is honest and live', () => {
    const rs = replicas({ n1: pbft({ view: 3, behaviour: 'silent' }), n2: null, n3: null, n4: null });
    expect(buildViewModel(rs, N4, sizesOf(4)).view).toBe(3);
  });

  it('shows the view a quorum runs, not that of one replica ahead alone; the replica left out is named with why', () => {
    const rs = replicas({
      n1: pbft({ view: 0, behaviour: 'equivocate' }),
      n2: pbft({ view: 0 }),
      n3: pbft({ view: 1, status: 'view-change', lastExecuted: 8, suspects: { n1: 'two different pre-prepares for seq 2 in view 0' }, viewChange: { view: 1, votes: ['n3'], awaitingNewView: false, backoff: 1 } }),
      n4: pbft({ view: 0 }),
    });
    const v = buildViewModel(rs, N4, sizesOf(4));
    expect([v.view, v.primary, v.installed, v.agree]).toEqual([0, 'n1', true, false]);
    expect(v.quorum).toEqual(['n1', 'n2', 'n4']);
    expect(v.leftOut).toEqual([{ id: 'n3', view: 1, viewChange: { toView: 1, votes: ['n3'], needed: 3, awaitingNewView: false, backoff: 1 }, suspectsPrimary: 'two different pre-prepares for seq 2 in view 0', lastExecuted: 8 }]);
    expect(leftOutText(v.leftOut[0]!, v, sizesOf(4))).toBe(
      'n3 is starved by primary n1: it suspects it (two different pre-prepares for seq 2 in view 0). It asks for view 1, but holds 1 of the 3 ViewChanges a NewView needs. ' +
        'n1, n2 and n4 still form a quorum of 3 in view 0 and keep executing, so none of them times out, and they join a view change only when f + 1 = 2 replicas ask for one (§4.5.2). ' +
        'It waits there, and catches up by state transfer at each stable checkpoint (§4.3; executed up to #8).',
    );
    // A replica left behind in an older view, suspecting nobody, is left out, not starved.
    const behind = buildViewModel(replicas({ n1: pbft({ view: 1 }), n2: pbft({ view: 1 }), n3: pbft({ view: 1 }), n4: pbft({ view: 0 }) }), N4, sizesOf(4));
    expect(behind.leftOut.map((lo) => [lo.id, lo.suspectsPrimary])).toEqual([['n4', null]]);
    expect(leftOutText(behind.leftOut[0]!, behind, sizesOf(4))).toMatch(/^n4 is left out of view 1\. It is in view 0; n1, n2 and n3 still form a quorum of 3 in view 1/);
  });

  it('reports a view change with its votes against the 2f+1 needed, and whether the view is installed', () => {
    const rs = replicas({
      n1: pbft({ view: 0 }),
      n2: pbft({ view: 1, status: 'view-change', viewChange: { view: 1, votes: ['n2', 'n3'], awaitingNewView: false, backoff: 1 } }),
      n3: pbft({ view: 1, status: 'view-change', viewChange: { view: 1, votes: ['n3', 'n4'], awaitingNewView: false, backoff: 1 } }),
      n4: pbft({ view: 0 }),
    });
    const v = buildViewModel(rs, N4, sizesOf(4));
    expect(v.view).toBe(1);
    expect(v.primary).toBe('n2');
    expect(v.installed).toBe(false);
    expect(v.quorum).toEqual([]);
    expect(v.changing.map((r) => r.id)).toEqual(['n2', 'n3']);
    expect(v.changing[1]?.viewChange).toEqual({ toView: 1, votes: ['n3', 'n4'], needed: 3, awaitingNewView: false, backoff: 1 });
    expect(v.replicas.find((r) => r.id === 'n1')?.primary).toBe('n1');
    expect(v.replicas.find((r) => r.id === 'n3')?.primary).toBe('n2');
  });

  it('agrees when every live replica runs the same view normally', () => {
    const rs = replicas({ n1: pbft({ view: 1 }), n2: pbft({ view: 1 }), n3: pbft({ view: 1 }), n4: pbft({ view: 0 }) }, ['n4']);
    const v = buildViewModel(rs, N4, sizesOf(4));
    expect(v.agree).toBe(true);
    expect(v.installed).toBe(true);
    expect(v.quorum).toEqual(['n1', 'n2', 'n3']);
    expect(v.leftOut).toEqual([]); // a crashed replica is not left out: it is down
  });
});

describe('grid', () => {
  it('finds the majority digest, none on a tie', () => {
    expect(majorityDigest(['a', 'b', 'a'])).toBe('a');
    expect(majorityDigest(['a', 'b'])).toBeNull();
    expect(majorityDigest([])).toBeNull();
  });

  it('spans the lowest h + 1 to the highest seq, with phases per replica and empty cells', () => {
    const g = buildGrid(
      replicas({
        n1: pbft({ lastExecuted: 2, slots: [slot(1), slot(2), slot(3, { phase: 'committed' })] }),
        n2: pbft({ lastExecuted: 1, slots: [slot(1), slot(2, { phase: 'prepared' })] }),
        n3: pbft({ slots: [slot(1, { phase: 'pre-prepared' })] }),
        n4: null,
      }),
    );
    expect(g.rows.map((r) => r.seq)).toEqual([1, 2, 3]);
    expect(g.hidden).toBe(0);
    const phases = g.rows.map((r) => r.cells.map((c) => c.phase));
    expect(phases).toEqual([
      ['executed', 'executed', 'pre-prepared', 'empty'],
      ['executed', 'prepared', 'empty', 'empty'],
      ['committed', 'empty', 'empty', 'empty'],
    ]);
  });

  it('marks seqs at or below a replica’s own h as executed and collected (discarded after a stable checkpoint)', () => {
    const g = buildGrid(
      replicas({
        n1: pbft({ lowWater: 4, highWater: 12, lastExecuted: 5, slots: [slot(5)] }),
        n2: pbft({ lowWater: 0, lastExecuted: 3, slots: [slot(1), slot(2), slot(3), slot(4, { phase: 'prepared' }), slot(5, { phase: 'pre-prepared' })] }),
        n3: null,
        n4: null,
      }),
    );
    expect(g.rows[0]?.seq).toBe(1);
    const n1At4 = g.rows.find((r) => r.seq === 4)?.cells[0];
    expect(n1At4).toMatchObject({ phase: 'executed', collected: true, slot: null });
    expect(g.rows.find((r) => r.seq === 5)?.cells[0]).toMatchObject({ phase: 'executed', collected: false });
  });

  it('keeps only the most recent rows and counts the hidden ones', () => {
    const slots = Array.from({ length: 20 }, (_, i) => slot(i + 1));
    const g = buildGrid(replicas({ n1: pbft({ lastExecuted: 20, highWater: 24, slots }), n2: null, n3: null, n4: null }), 16);
    expect(g.rows.length).toBe(16);
    expect(g.rows[0]?.seq).toBe(5);
    expect(g.rows.at(-1)?.seq).toBe(20);
    expect(g.hidden).toBe(4);
  });

  it('flags the cell whose digest differs from the majority (an equivocating primary), and every cell on a tie', () => {
    const g = buildGrid(
      replicas({
        n1: pbft({ slots: [slot(1, { digest: 'good', phase: 'prepared' }), slot(2, { digest: 'x' })] }),
        n2: pbft({ slots: [slot(1, { digest: 'good', phase: 'prepared' }), slot(2, { digest: 'y' })] }),
        n3: pbft({ slots: [slot(1, { digest: 'evil', phase: 'pre-prepared' })] }),
        n4: pbft({ slots: [slot(1, { digest: 'good', phase: 'prepared' })] }),
      }),
    );
    const [row1, row2] = g.rows;
    expect(row1?.majorityDigest).toBe('good');
    expect(row1?.cells.map((c) => c.conflict)).toEqual([false, false, true, false]);
    expect(row2?.majorityDigest).toBeNull();
    expect(row2?.cells.map((c) => c.conflict)).toEqual([true, true, false, false]);
  });

  it('is empty when no replica holds a slot', () => {
    expect(buildGrid(replicas({ n1: pbft(), n2: pbft(), n3: null, n4: null })).rows).toEqual([]);
  });
});

describe('certificates', () => {
  it('counts 2f matching prepares and 2f+1 matching commits (§4.2)', () => {
    const [p, c] = tallies(slot(3, { prepares: ['n2', 'n3'], commits: ['n1', 'n2'] }), sizesOf(4));
    expect(p).toMatchObject({ need: 2, rule: '2f', ok: true });
    expect(c).toMatchObject({ need: 3, rule: '2f+1', ok: false });
    expect(tallyText(p)).toBe('prepares 2/2f=2 ✓: n2 n3');
    expect(tallyText(c)).toBe('commits 2/2f+1=3 ✗: n1 n2');
  });

  it('uses the quorum when n ≠ 3f+1', () => {
    const [p, c] = tallies(slot(1, { prepares: ['n2', 'n3'], commits: [] }), sizesOf(5));
    expect(p).toMatchObject({ need: 3, rule: 'q−1', ok: false });
    expect(tallyText(c)).toBe('commits 0/q=4 ✗');
  });
});

describe('checkpoints', () => {
  it('gives the stable checkpoint, pending ones above h (conflicting digests flagged), and a shared axis', () => {
    const m = buildCheckpoints(
      replicas({
        n1: pbft({
          lowWater: 4, highWater: 12, lastExecuted: 9,
          checkpoints: [
            { seq: 4, digest: 'd4', votes: ['n1', 'n2', 'n3'], stable: true },
            { seq: 4, digest: 'old', votes: ['n4'], stable: false },
            { seq: 8, digest: 'd8', votes: ['n1', 'n2'], stable: false },
            { seq: 8, digest: 'bad', votes: ['n3'], stable: false },
          ],
        }),
        n2: pbft({ lowWater: 0, highWater: 8, lastExecuted: 3 }),
        n3: null,
        n4: null,
      }),
      sizesOf(4),
    );
    expect(m.needed).toBe(3);
    expect(m.rows.map((r) => r.id)).toEqual(['n1', 'n2']);
    const [n1, n2] = m.rows;
    expect(n1?.stable).toEqual({ seq: 4, digest: 'd4', votes: ['n1', 'n2', 'n3'] });
    expect(n1?.pending).toEqual([
      { seq: 8, digest: 'd8', votes: ['n1', 'n2'], conflicting: true },
      { seq: 8, digest: 'bad', votes: ['n3'], conflicting: true },
    ]);
    expect(n2?.stable).toBeNull();
    expect(m.axis).toEqual({ from: 0, to: 12 });
  });

  it('places a window on the axis in percent, clamped', () => {
    expect(windowSpan(4, 12, { from: 0, to: 16 })).toEqual({ left: 25, width: 50 });
    expect(windowSpan(-4, 40, { from: 0, to: 16 })).toEqual({ left: 0, width: 100 });
  });
});

describe('suspicion', () => {
  it('builds the matrix and one line per suspect, most suspected first, ignoring self and unknown ids', () => {
    const s = buildSuspicion(
      replicas({
        n1: pbft({ suspects: { n1: 'self', n9: 'not in the cluster', n3: 'forged' } }),
        n2: pbft({ suspects: { n1: 'two pre-prepares' } }),
        n3: pbft({ suspects: { n1: 'two pre-prepares' } }),
        n4: pbft({ suspects: { n1: 'bad digest' } }),
      }),
    );
    expect(s.matrix.n2?.n1).toBe('two pre-prepares');
    expect(s.matrix.n1).toEqual({ n3: 'forged' });
    expect(s.lines).toEqual(['n1 is suspected by n2, n3, n4', 'n3 is suspected by n1']);
  });

  it('has no lines when nobody suspects anybody', () => {
    expect(buildSuspicion(replicas({ n1: pbft(), n2: pbft(), n3: null, n4: null })).lines).toEqual([]);
  });
});

describe('on a real run', () => {
  it('shows the equivocating primary: n3’s slot 1 disagrees, n3 suspects n1 and seeks view 1', () => {
    const sc = pbftExample('pbft-equivocating-primary');
    const run = new CheckedRun(sc);
    const modelNow = () => buildPbftModel({ nodeIds: sc.nodes, details: Object.fromEntries(sc.nodes.map((id) => [id, run.hosts.inspect(id)])), crashed: new Set() });
    run.advance(900, Infinity, false); // before checkpoint 4 is stable and seq 1 is collected
    const early = modelNow();
    expect(early.ready).toBe(true);
    const row1 = early.grid.rows.find((r) => r.seq === 1);
    expect(row1?.cells.filter((c) => c.conflict).map((c) => c.node)).toEqual(['n3']);
    run.advance(3000, Infinity, false);
    const m = modelNow();
    expect(m.replicas.find((r) => r.id === 'n1')?.behaviour).toBe('equivocate');
    expect(m.suspicion.lines).toContain('n1 is suspected by n3');
    expect(m.view.changing.map((r) => [r.id, r.viewChange?.toView])).toEqual([['n3', 1]]);
    // The headline is the view n1, n2 and n4 carry on in, and n3 is named as starved.
    expect([m.view.view, m.view.primary]).toEqual([0, 'n1']);
    expect(m.view.leftOut.map((lo) => lo.id)).toEqual(['n3']);
    expect(m.view.leftOut[0]!.suspectsPrimary).toMatch(/two different pre-prepares/);
  });
});
