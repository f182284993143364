import { describe, expect, it } from 'vitest';
import type { TraceRecord } from '../../core/trace';
import { buildIndexFromRecords, SpaceTimeIndex, type MessageArrow } from './model';
import { exampleRun } from './testRuns';

type Send = Extract<TraceRecord, { type: 'send' }>;

function plain(m: MessageArrow) {
  return {
    id: m.id, from: m.from, to: m.to, sendT: m.sendT, sendRec: m.sendRec, endT: m.endT, endRec: m.endRec,
    fate: m.fate, dropReason: m.dropReason, dup: m.dup, held: m.held, type: m.type, label: m.label, kind: m.kind, deliverAt: m.deliverAt,
  };
}

function snapshot(ix: SpaceTimeIndex) {
  return {
    messages: ix.messages.map(plain),
    marks: ix.marks.map((m) => ({ ...m })),
    spans: [...ix.spans.entries()].map(([n, l]) => [n, l.map((s) => ({ ...s }))]),
    firstT: ix.firstT,
    nextRec: ix.nextRec,
  };
}

function bruteWindow(ix: SpaceTimeIndex, t0: number, t1: number): number[] {
  return ix.messages.filter((m) => m.sendT <= t1 && (m.endT ?? Infinity) >= t0).map((m) => m.id);
}

/** checkFates compares every message of the index with the records. */
function checkFates(records: readonly TraceRecord[], ix: SpaceTimeIndex) {
  const sends = records.filter((r): r is Send => r.type === 'send');
  expect(ix.messages.map((m) => m.id)).toEqual(sends.map((s) => s.id));
  expect(new Set(sends.map((s) => s.id)).size).toBe(sends.length);
  const ends = new Map<number, TraceRecord>();
  records.forEach((r) => {
    if (r.type === 'deliver' || r.type === 'drop') {
      expect(ends.has(r.id)).toBe(false);
      ends.set(r.id, r);
    }
  });
  for (const s of sends) {
    const m = ix.messageById(s.id)!;
    expect(m.dup).toBe(s.dup === true);
    expect(m.sendT).toBe(s.t);
    expect(m.deliverAt).toBe(s.deliverAt);
    const e = ends.get(s.id);
    if (!e) {
      expect(m.fate).toBe('in-flight');
      expect(m.endT).toBeNull();
    } else if (e.type === 'deliver') {
      expect(m.fate).toBe('delivered');
      expect(m.endT).toBe(e.t);
    } else if (e.type === 'drop') {
      expect(m.fate).toBe('dropped');
      expect(m.dropReason).toBe(e.reason);
      expect(m.endT).toBe(e.t);
    }
    if (s.deliverAt === undefined && !m.held) expect(m.fate).toBe('dropped');
  }
}

describe('SpaceTimeIndex on real runs', () => {
  it('election: every send once, fates match, role marks and term spans', () => {
    const run = exampleRun('election', 3000);
    const ix = buildIndexFromRecords(run.protocol, run.nodes, run.records);
    checkFates(run.records, ix);
    expect(ix.messages.length).toBeGreaterThan(100);
    expect(ix.messages.some((m) => m.fate === 'in-flight')).toBe(true);
    expect(ix.messages.every((m) => m.fate !== 'dropped')).toBe(true);
    expect(ix.marks.some((m) => m.kind === 'role' && m.role === 'leader' && /→ leader \(term \d+\)/.test(m.text))).toBe(true);
    expect(ix.marks.filter((m) => m.kind === 'timer').length).toBe(run.records.filter((r) => r.type === 'timer').length);
    for (const n of run.nodes) {
      const spans = ix.spansOf(n);
      expect(spans.length).toBeGreaterThan(0);
      expect(spans[spans.length - 1]!.toT).toBeNull();
      for (let i = 1; i < spans.length; i++) expect(spans[i - 1]!.toT).toBe(spans[i]!.fromT);
    }
    const m = ix.messages[0]!;
    expect(m.type).toBe('RequestVote');
    expect(m.label).toBe(run.protocol.describeMessage(m.msg));
    expect(m.kind).toBe('rv');
  });

  it('lossy network: drops (also at once) and duplicates', () => {
    const run = exampleRun('lossy-network', 4000);
    const ix = buildIndexFromRecords(run.protocol, run.nodes, run.records);
    checkFates(run.records, ix);
    expect(ix.messages.some((m) => m.dup)).toBe(true);
    const atOnce = ix.messages.filter((m) => m.deliverAt === undefined);
    expect(atOnce.length).toBeGreaterThan(0);
    for (const m of atOnce) expect(m.endT).toBe(m.sendT);
  });

  it('crash-restart: crash and restart marks, crashed spans, drops to the crashed node', () => {
    const run = exampleRun('crash-restart');
    const ix = buildIndexFromRecords(run.protocol, run.nodes, run.records);
    checkFates(run.records, ix);
    const crash = ix.marks.find((m) => m.kind === 'crash')!;
    expect(crash).toBeDefined();
    const restart = ix.marks.find((m) => m.kind === 'restart' && m.node === crash.node)!;
    expect(restart.t).toBeGreaterThan(crash.t);
    const crashed = ix.spansOf(crash.node!).find((s) => s.role === 'crashed')!;
    expect(crashed.fromT).toBe(crash.t);
    expect(crashed.toT).toBe(restart.t);
    expect(ix.messages.some((m) => m.fate === 'dropped' && m.dropReason === 'crashed')).toBe(true);
  });

  it('chaos: cluster-wide fault marks and window queries equal a brute-force filter', () => {
    const run = exampleRun('chaos', 20_000);
    const ix = buildIndexFromRecords(run.protocol, run.nodes, run.records);
    checkFates(run.records, ix);
    expect(ix.marks.some((m) => m.kind === 'fault')).toBe(true);
    const end = run.records[run.records.length - 1]!.t;
    let seed = 12345;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    for (let k = 0; k < 200; k++) {
      const a = rnd() * end;
      const w = rnd() < 0.5 ? rnd() * 50 : rnd() * end;
      const [t0, t1] = [a, a + w];
      expect(ix.messagesInWindow(t0, t1).map((m) => m.id)).toEqual(bruteWindow(ix, t0, t1));
      expect(ix.marksInWindow(t0, t1)).toEqual(ix.marks.filter((m) => m.t >= t0 && m.t <= t1));
    }
    expect(ix.messagesInWindow(-10, -1)).toEqual([]);
    expect(ix.messagesInWindow(0, end + 1).length).toBe(ix.messages.length);
  });
});

describe('synthetic records', () => {
  it('a held message stays in flight without deliverAt until delivered; faults become marks', () => {
    const run = exampleRun('election', 500);
    const msg = { type: 'RequestVote', term: 1, candidateId: 'n1', lastLogIndex: 0, lastLogTerm: 0 };
    const recs = [
      { t: 10, type: 'send', id: 1, from: 'n1', to: 'n2', msg, held: true },
      { t: 20, type: 'fault', action: 'partition', groups: [['n1'], ['n2', 'n3']] },
      { t: 30, type: 'fault', action: 'isolate', node: 'n3' },
      { t: 40, type: 'deliver', id: 1, from: 'n1', to: 'n2' },
      { t: 50, type: 'deliver', id: 99, from: 'n1', to: 'n2' },
    ] as TraceRecord[];
    const ix = buildIndexFromRecords(run.protocol, ['n1', 'n2', 'n3'], recs.slice(0, 3));
    const m = ix.messageById(1)!;
    expect(m.held).toBe(true);
    expect(m.deliverAt).toBeUndefined();
    expect(m.fate).toBe('in-flight');
    ix.add(recs[3]!, 3);
    ix.add(recs[4]!, 4);
    expect(m.fate).toBe('delivered');
    expect(m.endT).toBe(40);
    expect(ix.marks.map((k) => [k.node, k.kind, k.text])).toEqual([
      [null, 'fault', 'partition {n1} | {n2 n3}'],
      ['n3', 'fault', 'n3 isolated'],
    ]);
    ix.truncate(3);
    expect(m.fate).toBe('in-flight');
    expect(ix.nextRec).toBe(3);
  });
});

describe('truncate', () => {
  for (const id of ['lossy-network', 'crash-restart', 'chaos']) {
    it(`${id}: truncate(k) equals an index of the first k records`, () => {
      const run = exampleRun(id, id === 'chaos' ? 12_000 : undefined);
      const recs = run.records;
      const n = recs.length;
      const full = buildIndexFromRecords(run.protocol, run.nodes, recs);
      // Probe positions: spread out, plus around a drop at once, a crash and a restart.
      const ks = new Set([0, 1, 2, 50, Math.floor(n / 3), Math.floor(n / 2), n - 1, n]);
      const firstDrop = recs.findIndex((r) => r.type === 'send' && r.deliverAt === undefined);
      if (firstDrop > 0) [firstDrop, firstDrop + 1, firstDrop + 2].forEach((k) => ks.add(k));
      const crash = recs.findIndex((r) => r.type === 'state' && r.role === 'crashed');
      if (crash > 0) [crash, crash + 1].forEach((k) => ks.add(k));
      const ix = buildIndexFromRecords(run.protocol, run.nodes, recs);
      // Successively smaller cuts on one index, re-growing in between.
      for (const k of [...ks].sort((a, b) => b - a)) {
        ix.truncate(k);
        const fresh = buildIndexFromRecords(run.protocol, run.nodes, recs.slice(0, k));
        expect(snapshot(ix)).toEqual(snapshot(fresh));
        for (const [t0, t1] of [[0, 1e9], [500, 700], [2000, 2100]] as const) {
          expect(ix.messagesInWindow(t0, t1).map((m) => m.id)).toEqual(fresh.messagesInWindow(t0, t1).map((m) => m.id));
        }
        // Fork: a cut and re-add of the same records rebuilds the same index.
        const again = buildIndexFromRecords(run.protocol, run.nodes, recs);
        again.truncate(k);
        for (let i = k; i < n; i++) again.add(recs[i]!, i);
        expect(snapshot(again)).toEqual(snapshot(full));
      }
    });
  }
});

describe('bounded memory', () => {
  it('keeps at most maxMessages, the newest, and reports firstT', () => {
    const run = exampleRun('lossy-network');
    const full = buildIndexFromRecords(run.protocol, run.nodes, run.records);
    const ix = new SpaceTimeIndex(run.protocol, run.nodes, { maxMessages: 300, maxMarks: 100 });
    run.records.forEach((r, i) => {
      ix.add(r, i);
      expect(ix.messages.length).toBeLessThanOrEqual(300);
      expect(ix.marks.length).toBeLessThanOrEqual(100);
    });
    expect(ix.forgottenMessages).toBeGreaterThan(0);
    expect(ix.forgottenMessages + ix.messages.length).toBe(full.messages.length);
    expect(ix.messages.map(plain)).toEqual(full.messages.slice(ix.forgottenMessages).map(plain));
    expect(ix.firstT).toBeGreaterThan(0);
    expect(ix.firstT).toBeGreaterThanOrEqual(ix.messages[0]!.sendT);
    expect(ix.messageById(full.messages[0]!.id)).toBeUndefined();
    for (const [t0, t1] of [[0, 1e9], [5000, 5200], [9000, 9500]] as const) {
      expect(ix.messagesInWindow(t0, t1).map((m) => m.id)).toEqual(bruteWindow(ix, t0, t1));
    }
    // A truncate after forgetting still cuts correctly.
    const k = run.records.length - 200;
    ix.truncate(k);
    const ref = buildIndexFromRecords(run.protocol, run.nodes, run.records.slice(0, k));
    const kept = ix.messages.map(plain);
    expect(kept).toEqual(ref.messages.slice(ref.messages.length - kept.length).map(plain));
  });
});
