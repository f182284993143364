/**
 * The paper's scenarios, as the example scenarios of examples.ts tell them (Castro & Liskov 1999):
 * each test runs one example under its own seed with the safety monitor watching every event, and
 * checks that the story its description tells really happens.
 */
import { describe, expect, it } from 'vitest';
import type { TraceRecord } from '../../trace';
import type { NodeId } from '../../types';
import { canonical, NULL_DIGEST } from './auth';
import { PBFT_EXAMPLES, pbftExample } from './examples';
import type { PbftMessage } from './messages';
import { quorumSize } from './state';
import { runCluster, type ClusterRun } from './testkit';

type Apply = Extract<TraceRecord, { type: 'apply' }>;
type ClientRecord = Extract<TraceRecord, { type: 'client' }>;
type Send = Extract<TraceRecord, { type: 'send' }>;

const ids = (r: ClusterRun): NodeId[] => r.run.sim.scenario.nodes;
const honest = (r: ClusterRun): NodeId[] => ids(r).filter((id) => r.state(id).behaviour === null);
const applies = (r: ClusterRun): Apply[] => r.trace.filter((t): t is Apply => t.type === 'apply');
/** sends gives the send records, their PBFT messages typed. */
const sends = (r: ClusterRun) => r.trace.filter((t): t is Send => t.type === 'send').map((t) => ({ ...t, msg: t.msg as PbftMessage }));
/** opKey names a client operation; every example writes unique values, so it names one request. */
const opKey = (c: { client: string; op: unknown }) => `${c.client} ${canonical(c.op)}`;
const faultAt = (r: ClusterRun, action: string): number => r.trace.find((t) => t.type === 'fault' && t.action === action)!.t;

/** executedBy gives what replica `id` executed, by sequence number: `c1 {op}` or `null`. */
function executedBy(r: ClusterRun, id: NodeId): Map<number, string> {
  const out = new Map<number, string>();
  for (const a of applies(r)) {
    if (a.node !== id) continue;
    const c = a.command as { kind: string; client?: string; op?: unknown };
    out.set(a.index, c.kind === 'op' ? opKey({ client: c.client!, op: c.op }) : 'null');
  }
  return out;
}

/**
 * expectSameExecution: every replica of `who` executed the same request at every sequence number
 * it executed (state-transfer gaps aside), and together they executed every request a client
 * invoked, each at exactly one sequence number.
 */
function expectSameExecution(r: ClusterRun, who: readonly NodeId[]): void {
  const bySeq = new Map<number, string>();
  for (const id of who) {
    for (const [seq, what] of executedBy(r, id)) {
      expect(bySeq.get(seq) ?? what, `${id} at seq ${seq}`).toBe(what);
      bySeq.set(seq, what);
    }
  }
  const executed = [...bySeq.values()].filter((w) => w !== 'null').sort();
  expect(executed).toEqual(r.clients('invoke').map(opKey).sort());
}

/** expectAllComplete: every invoked request got an ok, none is left pending or failed. */
function expectAllComplete(r: ClusterRun): void {
  expect(r.clients('ok').map(opKey).sort()).toEqual(r.clients('invoke').map(opKey).sort());
  expect(r.clients('info')).toEqual([]);
  expect(r.clients('fail')).toEqual([]);
}

/** pendingAt gives the requests invoked before `t` whose ok came after it, with their ok record. */
function pendingAt(r: ClusterRun, t: number): { invoke: ClientRecord; ok: ClientRecord }[] {
  const oks = new Map(r.clients('ok').map((c) => [opKey(c), c]));
  return r.clients('invoke')
    .filter((c) => c.t < t && (oks.get(opKey(c))?.t ?? Infinity) > t)
    .map((c) => ({ invoke: c, ok: oks.get(opKey(c))! }));
}

describe('the PBFT examples menu', () => {
  it('every example parses as a PBFT scenario with a name and a description that says what to watch', () => {
    for (const id of Object.keys(PBFT_EXAMPLES)) {
      const s = pbftExample(id);
      expect(s.protocol, id).toBe('pbft');
      expect(s.name, id).toMatch(/^PBFT: /);
      expect(s.description, id).toMatch(/Watch /);
    }
    expect(new Set(Object.values(PBFT_EXAMPLES).map((e) => e.name)).size).toBe(Object.keys(PBFT_EXAMPLES).length);
    expect(() => pbftExample('pbft-nope')).toThrow(/unknown PBFT example "pbft-nope" \(known: pbft-normal-case, /);
  });

  it('every example but the f + 1 colluders keeps Agreement and Validity and completes every request; the colluders break Agreement', () => {
    for (const id of Object.keys(PBFT_EXAMPLES)) {
      const r = runCluster(pbftExample(id));
      if (id === 'pbft-f-plus-one-colluders') {
        expect(r.run.found.map((v) => v.property), id).toEqual(['Agreement']);
        continue;
      }
      expect(r.run.found, id).toEqual([]);
      expect(r.clients('info'), id).toEqual([]);
      expect(r.clients('ok').length, id).toBe(r.clients('invoke').length);
    }
  });
});

/**
 * The equivocating primary of 4 replicas (issue 21 §2). Castro & Liskov allow what happens: a backup
 * that asked for view v+1 stops taking part in view v (OSDI 1999 §4.4), only f + 1 askers make the
 * others join and only 2f + 1 ViewChanges start the NewView timer (§4.5.2), while the quorum of
 * 2f + 1 with the faulty primary serves every client (§4.1, §4.2). The starved replica keeps its
 * state by state transfer at each stable checkpoint (§4.3; TOCS 2002 §6.2).
 */
describe('4 replicas, an equivocating primary starves n3: the paper allows it, and n3 catches up by state transfer', () => {
  const r = runCluster(pbftExample('pbft-equivocating-primary'));
  const vcAt = r.trace.find((t) => t.type === 'note' && t.text === 'n3 starts a view change to view 1 (primary n2)')!.t;

  it('only n3 is lied to: it suspects n1 and asks for view 1; n2 and n4 cannot tell who lies and suspect nobody', () => {
    expect(r.state('n1').behaviour).toBe('equivocate');
    expect(r.state('n3').suspects.n1).toMatch(/two different pre-prepares for seq 1 in view 0/);
    for (const id of ['n2', 'n4']) expect(r.state(id).suspects, id).toEqual({});
    expect(vcAt).toBeLessThan(1000);
  });

  it('no view change happens: n1, n2 and n4 stay in view 0 under n1, n3 alone in its view change, and nobody sends a NewView', () => {
    for (const id of ['n1', 'n2', 'n4']) expect(r.state(id), id).toMatchObject({ view: 0, status: 'normal' });
    expect(r.run.sim.summary('n1').role).toBe('primary');
    expect(r.state('n3')).toMatchObject({ view: 1, status: 'view-change', awaitingNewView: false });
    const votes = ids(r).filter((id) => r.state('n3').viewChanges.get(id)?.some((vc) => vc.view === 1));
    expect(votes).toEqual(['n3']); // 1 of the 2f + 1 = 3 a NewView needs
    expect(sends(r).filter((x) => x.msg.type === 'NewView')).toEqual([]);
    expect(r.notes().some((n) => /hears \d+ replicas ask for views/.test(n))).toBe(false);
  });

  it('every client is served, through n3 too; Agreement and Validity hold', () => {
    expect(r.run.found).toEqual([]);
    expect(r.clients('invoke')).toHaveLength(20);
    expectAllComplete(r);
    expect(r.clients('ok').filter((c) => c.node === 'n3' && c.t > vcAt).length).toBeGreaterThan(3);
  });

  it('n3 executes nothing after it asks for view 1, yet ends with the same state, by state transfer at every stable checkpoint', () => {
    expect(applies(r).filter((a) => a.node === 'n3' && a.t > vcAt)).toEqual([]);
    const transfers = r.notes().filter((n) => n.startsWith('n3 installs the state at stable checkpoint #')).map((n) => Number(/#(\d+)/.exec(n)![1]));
    expect(transfers).toEqual([4, 8, 12, 16, 20]);
    expectSameExecution(r, ['n2', 'n3', 'n4']);
    for (const id of ids(r)) {
      expect(r.state(id).lastExecuted, id).toBe(20);
      expect(r.run.hosts.inspect(id).kv, id).toEqual(r.run.hosts.inspect('n2').kv);
    }
  });
});

describe('7 replicas, 2 Byzantine (f = 2): an equivocating primary and a wrong-digest next primary', () => {
  const r = runCluster(pbftExample('pbft-two-liars-of-seven'));
  const good = honest(r);

  it('n1 and n2 are the liars; n3–n7 are honest', () => {
    expect(r.state('n1').behaviour).toBe('equivocate');
    expect(r.state('n2').behaviour).toBe('wrong-digest');
    expect(good).toEqual(['n3', 'n4', 'n5', 'n6', 'n7']);
  });

  it('Agreement and Validity hold, all 20 writes complete, and every honest replica executes the same requests in the same order', () => {
    expect(r.run.found).toEqual([]);
    expect(r.clients('invoke')).toHaveLength(20);
    expectAllComplete(r);
    expectSameExecution(r, good);
    for (const id of good) expect(r.state(id).lastExecuted, id).toBe(r.state('n3').lastExecuted);
    for (const id of good) expect(r.run.hosts.inspect(id).kv, id).toEqual(r.run.hosts.inspect('n3').kv);
  });

  it('two view changes: view 1 (primary n2, a liar) fails too, and every honest replica ends in view 2 under n3', () => {
    for (const id of good) expect(r.run.sim.summary(id), id).toMatchObject({ term: 2, role: id === 'n3' ? 'primary' : 'backup' });
    expect(r.notes()).toContain('n2 is the new primary of view 1: NewView with 5 view changes, re-issuing nothing');
    expect(r.notes()).toContain('n3 is the new primary of view 2: NewView with 5 view changes, re-issuing nothing');
    // Nothing executes before view 2: neither liar's view commits a request.
    const firstView2 = r.trace.find((t) => t.type === 'note' && t.text.startsWith('n3 is the new primary of view 2'))!.t;
    expect(applies(r).filter((a) => good.includes(a.node) && a.t < firstView2)).toEqual([]);
  });

  it('every honest replica suspects both liars, and no honest replica suspects an honest one', () => {
    for (const id of good) {
      expect(r.state(id).suspects.n1, `${id} suspects n1`).toMatch(/two different pre-prepares|its Commit for seq \d+ in view 2 has digest/);
      expect(r.state(id).suspects.n2, `${id} suspects n2`).toMatch(/its PrePrepare for seq \d+ in view 1 has digest .*, which does not match the request/);
      expect(Object.keys(r.state(id).suspects).sort(), id).toEqual(['n1', 'n2']);
    }
  });
});

describe('partitions of 10 replicas (f = 3, quorum 2f + 1 = 7)', () => {
  it('no split leaves a minority of 40% or more beside a quorum, for any n up to 100: a quorum is more than two thirds', () => {
    for (let n = 1; n <= 100; n++) {
      for (let minority = Math.ceil(0.4 * n); minority <= n / 2; minority++) expect(n - minority, `n = ${n}, minority ${minority}`).toBeLessThan(quorumSize(n));
    }
    expect(quorumSize(10)).toBe(7);
  });

  it('6 | 4 (a 40% minority): the side of six holds no quorum, so nothing executes until the heal; then all ten converge in view 1', () => {
    const r = runCluster(pbftExample('pbft-partition-no-quorum'));
    const [cut, heal] = [faultAt(r, 'partition'), faultAt(r, 'heal')];
    expect([cut, heal]).toEqual([500, 3500]);
    expect(r.run.found).toEqual([]);
    // Before the cut, x = before executes everywhere; during it, nothing executes on either side.
    for (const id of ids(r)) expect(applies(r).filter((a) => a.node === id && a.t < cut).map((a) => a.index), id).toEqual([1]);
    expect(applies(r).filter((a) => a.t >= cut && a.t < heal)).toEqual([]);
    // Both writes made during the cut (one to each side) complete only after the heal.
    expect(r.clients('invoke').filter((c) => c.t >= cut && c.t < heal).map((c) => `${c.client}@${c.node}`)).toEqual(['c2@n3', 'c3@n8']);
    for (const client of ['c2', 'c3']) expect(r.clients('ok').find((c) => c.client === client)!.t, client).toBeGreaterThan(heal);
    expectAllComplete(r);
    // After the heal: one view, one primary, one state.
    for (const id of ids(r)) {
      expect(r.run.sim.summary(id), id).toMatchObject({ term: 1, role: id === 'n2' ? 'primary' : 'backup', lastApplied: 4 });
      expect(r.run.hosts.inspect(id).kv, id).toEqual({ x: 'before', big: 'during', small: 'during', y: 'after' });
    }
    expectSameExecution(r, ids(r));
  });

  it('7 | 3: the side of seven holds a quorum and executes its write in view 0; the three execute nothing, stay in their view change (3 = f < f + 1 askers) and catch up by state transfer', () => {
    const r = runCluster(pbftExample('pbft-partition-quorum'));
    const [cut, heal] = [faultAt(r, 'partition'), faultAt(r, 'heal')];
    const big = ['n1', 'n2', 'n3', 'n4', 'n5', 'n6', 'n7'];
    const small = ['n8', 'n9', 'n10'];
    expect(r.run.found).toEqual([]);
    const duringCut = applies(r).filter((a) => a.t >= cut && a.t < heal);
    // The majority executes the write sent to its side during the cut, every one of the seven…
    const bigWrite = r.clients('invoke').find((c) => c.client === 'c2')!;
    expect(bigWrite.node).toBe('n3');
    for (const id of big) expect(duringCut.filter((a) => a.node === id).map((a) => executedBy(r, id).get(a.index)), id).toEqual([opKey(bigWrite)]);
    expect(r.clients('ok').find((c) => c.client === 'c2')!.t).toBeLessThan(heal);
    // …in view 0, without a view change; the minority executes nothing, and its write waits for the heal.
    expect(duringCut.every((a) => a.term === 0)).toBe(true);
    for (const id of small) expect(duringCut.filter((a) => a.node === id), id).toEqual([]);
    expect(r.clients('invoke').find((c) => c.client === 'c3')!.node).toBe('n8');
    expect(r.clients('ok').find((c) => c.client === 'c3')!.t).toBeGreaterThan(heal);
    expectAllComplete(r);
    // After the heal every replica holds the same state…
    for (const id of ids(r)) {
      expect(r.state(id).lastExecuted, id).toBe(4);
      expect(r.run.hosts.inspect(id).kv, id).toEqual({ x: 'before', big: 'during', small: 'during', y: 'after' });
    }
    expectSameExecution(r, ids(r));
    // …the seven in view 0, the three still asking for view 1, caught up by state transfer at checkpoint 4.
    for (const id of big) expect(r.state(id), id).toMatchObject({ view: 0, status: 'normal' });
    for (const id of small) {
      expect(r.state(id), id).toMatchObject({ view: 1, status: 'view-change' });
      expect(r.notes().some((n) => n.startsWith(`${id} installs the state at stable checkpoint #4 from `)), id).toBe(true);
    }
    expect(r.notes().some((n) => /hears \d+ replicas ask for views above 0/.test(n))).toBe(false);
  });
});

describe('a faulty primary mid-run: the view change and the new primary finish the pending requests (§4.4)', () => {
  it('4 replicas: the primary goes silent at 1010 ms; the backups move to view 1 under n2, and every request completes and executes on every honest replica', () => {
    const r = runCluster(pbftExample('pbft-primary-turns-silent'));
    const switchAt = faultAt(r, 'byzantine');
    expect(r.trace.find((t) => t.type === 'fault' && t.action === 'byzantine')).toMatchObject({ t: 1010, node: 'n1', ref: 'leader', behaviour: 'silent' });
    expect(r.run.found).toEqual([]);
    expect(honest(r)).toEqual(['n2', 'n3', 'n4']);
    // Requests were pending at the switch, among them c4's and c5's, and they completed in view 1.
    const pending = pendingAt(r, switchAt);
    expect(pending.map((p) => p.invoke.client)).toEqual(expect.arrayContaining(['c4', 'c5']));
    const newView = r.trace.find((t) => t.type === 'note' && t.text.startsWith('n2 is the new primary of view 1'))!.t;
    for (const p of pending.filter((x) => x.invoke.client === 'c4' || x.invoke.client === 'c5')) expect(p.ok.t).toBeGreaterThan(newView);
    expectAllComplete(r);
    expect(r.clients('invoke')).toHaveLength(15);
    expectSameExecution(r, honest(r));
    for (const id of honest(r)) {
      expect(r.run.sim.summary(id), id).toMatchObject({ term: 1, role: id === 'n2' ? 'primary' : 'backup', lastApplied: 15 });
    }
  });

  it('7 replicas: the primary starts to equivocate at 1010 ms, splits the six honest backups 3 | 3, nothing new prepares, and view 1 under n2 finishes everything', () => {
    const r = runCluster(pbftExample('pbft-primary-turns-equivocator'));
    const switchAt = faultAt(r, 'byzantine');
    expect(r.trace.find((t) => t.type === 'fault' && t.action === 'byzantine')).toMatchObject({ t: 1010, node: 'n1', ref: 'leader', behaviour: 'equivocate' });
    expect(r.run.found).toEqual([]);
    const good = honest(r);
    expect(good).toEqual(['n2', 'n3', 'n4', 'n5', 'n6', 'n7']);

    // The split: each pre-prepare n1 sends in view 0 after the switch carries a request to n2, n4, n6 and the null request to n3, n5, n7.
    const prePrepares = sends(r).filter((s) => s.from === 'n1' && s.t >= switchAt && s.msg.type === 'PrePrepare' && s.msg.view === 0);
    const split = new Map<number, { real: string[]; nil: string[] }>();
    for (const { msg: m, to } of prePrepares) {
      if (m.type !== 'PrePrepare') continue;
      const e = split.get(m.seq) ?? { real: [], nil: [] };
      (m.digest === NULL_DIGEST ? e.nil : e.real).push(to);
      split.set(m.seq, e);
    }
    expect(split.size).toBeGreaterThan(0);
    for (const [seq, e] of split) expect({ seq, real: e.real.sort(), nil: e.nil.sort() }).toEqual({ seq, real: ['n2', 'n4', 'n6'], nil: ['n3', 'n5', 'n7'] });

    // No story gathers 2f = 4 prepares in view 0, so nothing at those sequence numbers executes in view 0.
    const split0 = [...split.keys()];
    const prepares = sends(r).filter((s) => s.msg.type === 'Prepare' && s.msg.view === 0 && split0.includes(s.msg.seq));
    const senders = new Map<string, Set<string>>();
    for (const { msg: m } of prepares) {
      if (m.type !== 'Prepare') continue;
      const k = `${m.seq} ${m.digest}`;
      senders.set(k, (senders.get(k) ?? new Set()).add(m.replica));
    }
    expect(senders.size).toBeGreaterThan(0);
    for (const [k, who] of senders) expect(who.size, k).toBe(3);
    expect(applies(r).filter((a) => a.term === 0 && split0.includes(a.index))).toEqual([]);

    // The backups' timers fire; view 1 with primary n2 finishes the pending requests.
    expect(r.notes().filter((n) => /waited 500 ms for .* in view 0: it suspects primary n1 is faulty/.test(n)).length).toBeGreaterThanOrEqual(3);
    const newView = r.trace.find((t) => t.type === 'note' && t.text.startsWith('n2 is the new primary of view 1'))!.t;
    const pending = pendingAt(r, switchAt);
    expect(pending.map((p) => p.invoke.client)).toEqual(expect.arrayContaining(['c4', 'c5']));
    for (const p of pending.filter((x) => x.invoke.client === 'c4' || x.invoke.client === 'c5')) expect(p.ok.t).toBeGreaterThan(newView);
    expectAllComplete(r);
    expectSameExecution(r, good);
    for (const id of good) {
      expect(r.run.sim.summary(id), id).toMatchObject({ term: 1, role: id === 'n2' ? 'primary' : 'backup', lastApplied: 15 });
      expect(r.state(id).suspects.n1, `${id} suspects n1`).toMatch(/two different pre-prepares for seq \d+ in view 0: 3 backups prepared/);
      expect(Object.keys(r.state(id).suspects), id).toEqual(['n1']);
    }
  });
});

describe('f + 1 colluders (2 of 4) break Agreement', () => {
  it('the monitor reports honest n3 and n4 executing different requests at seq 1', () => {
    const r = runCluster(pbftExample('pbft-f-plus-one-colluders'));
    expect(r.run.found).toHaveLength(1);
    expect(r.run.found[0]).toMatchObject({ property: 'Agreement', indexes: [1] });
    expect(new Set(r.run.found[0]!.nodes)).toEqual(new Set(['n3', 'n4']));
    expect(executedBy(r, 'n3').get(1)).toBe('null');
    expect(executedBy(r, 'n4').get(1)).toBe(`c1 ${canonical({ f: 'put', key: 'x', value: '1' })}`);
  });
});
