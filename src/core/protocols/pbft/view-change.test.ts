import { describe, expect, it } from 'vitest';
import { issueKey, NULL_DIGEST, requestDigest, sign, type SignedRequest } from './auth';
import { pbft } from './index';
import type { NewView, PreparedCert, ViewChange } from './messages';
import { as, clientRequest, commit, deliver, fireTimer, makeCluster, makeNode, N4, prePrepare, prepare, pump, put, request, sendsOf, stepNode, type TestNode } from './testkit';

const R1 = clientRequest('c1', 1, put('x', '1'));
const R2 = clientRequest('c2', 1, put('y', '2'));
const R3 = clientRequest('c3', 1, put('z', '3'));
const primaryOf = (view: number) => N4[view % 4]!;

/** cert builds a prepared certificate for `request` at `seq` in `view`, prepared by `preparers`. */
function cert(view: number, seq: number, request: SignedRequest | null, preparers: string[]): PreparedCert {
  const pp = prePrepare(primaryOf(view), view, seq, request);
  return { prePrepare: pp, prepares: preparers.map((id) => prepare(id, view, seq, pp.digest)) };
}

/** viewChange builds an authentic ViewChange of `replica` for `view`, from stable checkpoint 0. */
const viewChange = (replica: string, view: number, prepared: PreparedCert[] = []): ViewChange =>
  as(replica, { type: 'ViewChange' as const, view, stableSeq: 0, checkpointProof: [], prepared, replica });

/** preparedBackup gives backup n2 that prepared R1 at seq 1 and pre-prepared R2 at seq 2, in view 0, with R3 pending. */
function preparedBackup(): TestNode {
  const n = makeNode('n2');
  deliver(n, 'n1', prePrepare('n1', 0, 1, R1));
  deliver(n, 'n3', prepare('n3', 0, 1, requestDigest(R1)));
  deliver(n, 'n1', prePrepare('n1', 0, 2, R2));
  deliver(n, 'n3', as('n3', { type: 'Request' as const, request: R3, replica: 'n3' }));
  return n;
}

describe('§4.4 view changes: starting one', () => {
  it('§4.4 a backup whose timer expires while it waits for a request moves to view v+1 and multicasts a ViewChange with P', () => {
    const n = preparedBackup();
    expect(n.timers.get('view-change')).toBe(500);
    const fx = fireTimer(n, 'view-change');
    expect(n.state).toMatchObject({ view: 1, status: 'view-change' });
    expect(pbft.summary(n.state)).toMatchObject({ role: 'view-change', term: 1 });
    const vcs = sendsOf(fx, 'ViewChange');
    expect(vcs.map((s) => s.to)).toEqual(['n1', 'n3', 'n4']);
    const vc = vcs[0]!.msg;
    expect(vc).toMatchObject({ view: 1, stableSeq: 0, checkpointProof: [], replica: 'n2' });
    // P holds a certificate for seq 1 (prepared), none for seq 2 (only pre-prepared).
    expect(vc.prepared.map((c) => [c.prePrepare.seq, c.prePrepare.digest, c.prepares.map((p) => p.replica)])).toEqual([[1, requestDigest(R1), ['n2', 'n3']]]);
    expect(fx.timersSet).toEqual([{ name: 'view-change', afterMs: 500 }]);
    expect(fx.notes).toContain('n2 starts a view change to view 1 (primary n2)');
  });

  it('§4.4 the timer does nothing for a backup no longer waiting, and the primary keeps no request timer', () => {
    const n = makeNode('n2');
    expect(fireTimer(n, 'view-change').sends).toEqual([]);
    expect(n.state.status).toBe('normal');
    const p = makeNode('n1');
    expect(request(p, 'c1', 1, put('x', '1')).timersSet).toEqual([]);
  });

  it('§4.4 a replica changing views ignores normal-case messages of the old view', () => {
    const n = preparedBackup();
    fireTimer(n, 'view-change');
    expect(deliver(n, 'n4', prepare('n4', 0, 2, requestDigest(R2))).sends).toEqual([]);
    expect(n.state.log.get(2)!.prepared).toBe(false);
    expect(deliver(n, 'n3', commit('n3', 0, 1, requestDigest(R1))).applies).toEqual([]);
  });

  it('§4.5.2 f+1 ViewChanges for higher views make a replica join the smallest of them before its timer expires', () => {
    const n = makeNode('n4');
    expect(deliver(n, 'n2', viewChange('n2', 2)).sends).toEqual([]);
    expect(n.state.status).toBe('normal');
    const fx = deliver(n, 'n3', viewChange('n3', 1));
    expect(n.state).toMatchObject({ view: 1, status: 'view-change' });
    expect(sendsOf(fx, 'ViewChange')[0]!.msg.view).toBe(1);
  });

  it('§4.4 a ViewChange whose prepared certificate is forged is rejected and its sender suspected', () => {
    const n = makeNode('n4');
    const forged: PreparedCert = { prePrepare: prePrepare('n1', 0, 1, R1), prepares: [prepare('n2', 0, 1, requestDigest(R1)), sign(issueKey('n3'), { type: 'Prepare' as const, view: 0, seq: 1, digest: requestDigest(R1), replica: 'n2' })] };
    deliver(n, 'n3', viewChange('n3', 1, [forged]));
    expect(n.state.suspects.n3).toMatch(/invalid prepared certificate for seq 1/);
    expect(n.state.viewChanges.get('n3')).toBeUndefined();
    const short = cert(0, 1, R1, ['n2']);
    deliver(n, 'n2', viewChange('n2', 1, [short]));
    expect(n.state.suspects.n2).toMatch(/invalid prepared certificate/);
  });

  it('§4.5.2 without 2f+1 ViewChanges the timer re-sends the ViewChange; with them it waits for the NewView, then moves on, doubling the wait', () => {
    const n = makeNode('n4');
    stepNode(n, { kind: 'timeout' });
    let fx = fireTimer(n, 'view-change');
    expect(sendsOf(fx, 'ViewChange').map((s) => s.msg.view)).toEqual([1, 1, 1]);
    expect(n.state.view).toBe(1);
    deliver(n, 'n1', viewChange('n1', 1));
    fx = deliver(n, 'n3', viewChange('n3', 1));
    expect(fx.timersSet).toEqual([{ name: 'view-change', afterMs: 500 }]);
    fx = fireTimer(n, 'view-change');
    expect(fx.notes).toContain('n4 got no NewView for view 1 in time: it moves on to view 2');
    expect(n.state.view).toBe(2);
    deliver(n, 'n1', viewChange('n1', 2));
    expect(deliver(n, 'n2', viewChange('n2', 2)).timersSet).toEqual([{ name: 'view-change', afterMs: 1000 }]);
  });
});

describe('§4.4 view changes: the new view', () => {
  /** vcsForView2 gives ViewChanges for view 2 (primary n3): n1's with a view-0 cert at seq 1 and seq 3; n4's with a view-1 cert at seq 1. */
  function vcsForView2() {
    return {
      n1: viewChange('n1', 2, [cert(0, 1, R1, ['n2', 'n3']), cert(0, 3, R3, ['n2', 'n4'])]),
      n4: viewChange('n4', 2, [cert(1, 1, R2, ['n3', 'n4'])]),
    };
  }

  it('§4.4 the new primary, with 2f+1 ViewChanges, sends NewView(V, O): the highest-view certificate per seq, null requests for gaps', () => {
    const n3 = makeNode('n3');
    stepNode(n3, { kind: 'timeout' });
    stepNode(n3, { kind: 'timeout' }); // now moving to view 2, of which n3 is the primary
    const { n1, n4 } = vcsForView2();
    deliver(n3, 'n1', n1);
    const fx = deliver(n3, 'n4', n4);
    const nv = sendsOf(fx, 'NewView')[0]!.msg;
    expect(sendsOf(fx, 'NewView').map((s) => s.to)).toEqual(['n1', 'n2', 'n4']);
    expect(nv.viewChanges.map((v) => v.replica)).toEqual(['n3', 'n1', 'n4']);
    expect(nv.prePrepares.map((pp) => [pp.view, pp.seq, pp.digest, pp.replica])).toEqual([
      [2, 1, requestDigest(R2), 'n3'], // view 1's certificate beats view 0's
      [2, 2, NULL_DIGEST, 'n3'], // nothing prepared at seq 2: the null request
      [2, 3, requestDigest(R3), 'n3'],
    ]);
    expect(n3.state).toMatchObject({ view: 2, status: 'normal', nextSeq: 4 });
    expect(pbft.summary(n3.state).role).toBe('primary');
  });

  /** newView has n3 build the NewView of view 2 from vcsForView2. */
  function newView(): NewView {
    const n3 = makeNode('n3');
    stepNode(n3, { kind: 'timeout' });
    stepNode(n3, { kind: 'timeout' });
    const { n1, n4 } = vcsForView2();
    deliver(n3, 'n1', n1);
    return sendsOf(deliver(n3, 'n4', n4), 'NewView')[0]!.msg;
  }

  it('§4.4 a backup checks the NewView by recomputing O, enters the view and prepares O', () => {
    const n2 = makeNode('n2');
    const fx = deliver(n2, 'n3', newView());
    expect(n2.state).toMatchObject({ view: 2, status: 'normal' });
    expect(sendsOf(fx, 'Prepare').filter((s) => s.to === 'n1').map((s) => [s.msg.view, s.msg.seq])).toEqual([[2, 1], [2, 2], [2, 3]]);
    expect(fx.notes).toContain('n2 enters view 2 with primary n3');
    expect(n2.state.pending.size).toBe(2); // R2 and R3 are requests it now waits for
    expect(fx.timersSet).toContainEqual({ name: 'view-change', afterMs: 500 });
  });

  it.each([
    ['O drops a re-issued request', (nv: NewView) => ({ ...nv, prePrepares: nv.prePrepares.slice(0, 2) }), /O has 2 pre-prepares where V calls for 3/],
    ['O replaces a prepared request by a null one', (nv: NewView) => ({ ...nv, prePrepares: [as('n3', { ...nv.prePrepares[0]!, auth: undefined, digest: NULL_DIGEST, request: null }), ...nv.prePrepares.slice(1)] }), /O's pre-prepare for seq 1 does not match V/],
    ['V is short of 2f+1', (nv: NewView) => ({ ...nv, viewChanges: nv.viewChanges.slice(0, 2) }), /V holds fewer than 3 view changes/],
    ['V holds a forged ViewChange', (nv: NewView) => ({ ...nv, viewChanges: [...nv.viewChanges.slice(0, 2), sign(issueKey('n3'), { ...viewChange('n4', 2), auth: undefined })] }), /unauthentic view change claiming to be from n4/],
  ])('§4.4 a NewView in which %s is rejected and the new primary suspected', (_what, tamper, reason) => {
    const n2 = makeNode('n2');
    const nv = tamper(newView()) as NewView;
    const resigned = as('n3', { ...nv, auth: undefined });
    const fx = deliver(n2, 'n3', resigned as NewView);
    expect(n2.state).toMatchObject({ view: 0, status: 'normal' });
    expect(sendsOf(fx, 'Prepare')).toEqual([]);
    expect(n2.state.suspects.n3).toMatch(reason);
  });

  it('§4.4 a NewView made by a replica that is not the view’s primary is rejected', () => {
    const n2 = makeNode('n2');
    deliver(n2, 'n4', as('n4', { ...newView(), auth: undefined, replica: 'n4' }) as NewView);
    expect(n2.state.view).toBe(0);
    expect(n2.state.suspects.n4).toMatch(/not its primary/);
  });

  it('§4.4 end to end: with a silent primary, backups change view and the new primary finishes the pending request', () => {
    const cluster = makeCluster();
    const [, n2, n3, n4] = cluster as [TestNode, TestNode, TestNode, TestNode];
    const live = cluster.slice(1);
    pump(live, 'n3', request(n3, 'c1', 1, put('x', '1')).sends);
    expect(n3.state.lastExecuted).toBe(0);
    const fired = live.map((n) => fireTimer(n, 'view-change'));
    const steps = pump(live, 'n2', fired[0]!.sends);
    steps.push(...pump(live, 'n3', fired[1]!.sends), ...pump(live, 'n4', fired[2]!.sends));
    for (const n of [n2, n3, n4]) expect(n.state).toMatchObject({ view: 1, status: 'normal', lastExecuted: 1 });
    expect([...fired, ...steps].flatMap((f) => f.replies)).toEqual([{ client: 'c1', requestId: 1, reply: { kind: 'result', result: { ok: true } } }]);
  });

  it('§4.4 a replica that missed the NewView gets it forwarded when it shows it lags, and catches up', () => {
    const n2 = makeNode('n2');
    const nv = newView();
    deliver(n2, 'n3', nv);
    const laggard = makeNode('n1');
    stepNode(laggard, { kind: 'timeout' }); // stuck asking for view 1
    const vc1 = laggard.state.viewChanges.get('n1')![0]!;
    const fx = deliver(n2, 'n1', vc1);
    expect(sendsOf(fx, 'NewView')).toEqual([{ to: 'n1', msg: nv }]);
    const caught = deliver(laggard, 'n2', nv);
    expect(laggard.state).toMatchObject({ view: 2, status: 'normal' });
    expect(caught.notes).toContain('n1 catches up to view 2 with the NewView forwarded by n2');
    // Rate-limited: the next ViewChange within viewChangeTimeoutMs gets nothing.
    expect(deliver(n2, 'n1', vc1).sends).toEqual([]);
  });
});

describe('crash and restart', () => {
  it('a restarted replica keeps its view, log and executed state, and resumes a view change', () => {
    const n = preparedBackup();
    fireTimer(n, 'view-change');
    const saved = pbft.persistent(n.state);
    const back = { ...n, state: pbft.recover(saved, 'n2', N4, n.state.config), timers: new Map<string, number>() };
    expect(back.state).toMatchObject({ view: 1, status: 'view-change' });
    expect(back.state.log.get(1)!.cert).not.toBeNull();
    const fx = stepNode(back, { kind: 'start' });
    expect(sendsOf(fx, 'ViewChange').map((s) => s.msg.view)).toEqual([1, 1, 1]);
    expect(fx.timersSet).toEqual([{ name: 'view-change', afterMs: 500 }]);
    // The saved state shares nothing with the live one.
    n.state.log.get(1)!.prepared = false;
    expect(saved.log.get(1)!.prepared).toBe(true);
  });

  it('a restarted primary does not reuse a sequence number it assigned before the crash', () => {
    const n1 = makeNode('n1');
    request(n1, 'c1', 1, put('x', '1'));
    const back = { ...n1, state: pbft.recover(pbft.persistent(n1.state), 'n1', N4, n1.state.config) };
    const fx = request(back, 'c2', 1, put('y', '1'));
    expect(sendsOf(fx, 'PrePrepare')[0]!.msg.seq).toBe(2);
  });
});
