import { describe, expect, it } from 'vitest';
import { NULL_DIGEST, requestDigest, verifyReplica } from './auth';
import { otherHalf, REPLAY_BUFFER, setBehaviour } from './byzantine';
import type { Behaviour } from './config';
import type { Reply } from './messages';
import { as, clientRequest, deliver, fireTimer, makeNode, N4, N7, prePrepare, prepare, put, request, sendsOf, stepNode } from './testkit';

const R1 = clientRequest('c1', 1, put('x', '1'));
const D1 = requestDigest(R1);
const byz = (id: string, behaviour: Behaviour, nodes = N4, extra: Record<string, Behaviour> = {}) =>
  makeNode(id, nodes, { byzantine: { [id]: behaviour, ...extra } });

describe('Byzantine behaviours (what a faulty replica sends)', () => {
  it('silent: a silent replica does nothing at all, whatever it is given', () => {
    const n = byz('n1', 'silent');
    for (const fx of [stepNode(n, { kind: 'start' }), request(n, 'c1', 1, put('x', '1')), deliver(n, 'n2', prepare('n2', 0, 1, D1)), stepNode(n, { kind: 'timeout' })]) {
      expect(fx).toEqual({ sends: [], timersSet: [], timersCleared: [], replies: [], applies: [], notes: [], records: [] });
    }
    expect(n.state.behaviour).toBe('silent');
  });

  it('equivocate: the other half is the honest replicas at even positions', () => {
    const s = byz('n1', 'equivocate', N7, { n5: 'equivocate' }).state;
    expect(N7.filter((id) => otherHalf(s, id))).toEqual(['n3', 'n7']);
  });

  it('equivocate: as primary it pre-prepares the request for some replicas and the null request for the same seq for others, both authentic', () => {
    const n = byz('n1', 'equivocate');
    const pps = sendsOf(request(n, 'c1', 1, put('x', '1')), 'PrePrepare');
    expect(pps.map((s) => [s.to, s.msg.seq, s.msg.digest])).toEqual([['n2', 1, D1], ['n3', 1, NULL_DIGEST], ['n4', 1, D1]]);
    for (const { msg } of pps) expect(verifyReplica(msg)).toBe(true);
    expect(n.state.log.get(1)!.prePrepare!.digest).toBe(D1); // its own state stays honest
  });

  it('equivocate: as backup it sends the other half prepares for the null request', () => {
    const n = byz('n2', 'equivocate');
    const prepares = sendsOf(deliver(n, 'n1', prePrepare('n1', 0, 1, R1)), 'Prepare');
    expect(prepares.map((s) => [s.to, s.msg.digest])).toEqual([['n1', NULL_DIGEST], ['n3', NULL_DIGEST], ['n4', D1]]);
  });

  it('wrong-digest: its prepares carry a digest that matches no request, signed in its own name', () => {
    const n = byz('n2', 'wrong-digest');
    const prepares = sendsOf(deliver(n, 'n1', prePrepare('n1', 0, 1, R1)), 'Prepare');
    for (const { msg } of prepares) {
      expect(msg.digest).not.toBe(D1);
      expect(verifyReplica(msg)).toBe(true);
    }
    expect(n.state.log.get(1)!.prepares.n2!.digest).toBe(D1);
  });

  it('wrong-result: its replies carry a result it did not compute', () => {
    const n = byz('n2', 'wrong-result');
    deliver(n, 'n3', as('n3', { type: 'Request' as const, request: R1, replica: 'n3' }));
    deliver(n, 'n1', prePrepare('n1', 0, 1, R1));
    deliver(n, 'n3', prepare('n3', 0, 1, D1));
    deliver(n, 'n1', as('n1', { type: 'Commit' as const, view: 0, seq: 1, digest: D1, replica: 'n1' }));
    const fx = deliver(n, 'n3', as('n3', { type: 'Commit' as const, view: 0, seq: 1, digest: D1, replica: 'n3' }));
    expect(sendsOf(fx, 'Reply').map((s) => [s.to, s.msg.result])).toEqual([['n3', { ok: true, value: 'wrong result from n2' }]]);
  });

  it('forge: it sends prepares and commits in other replicas’ names, which fail verification and get it suspected', () => {
    const n = byz('n4', 'forge');
    const fx = deliver(n, 'n1', prePrepare('n1', 0, 1, R1));
    const forged = fx.sends.filter((s) => s.msg.replica !== 'n4');
    expect(forged.length).toBeGreaterThan(0);
    expect(new Set(forged.map((s) => s.msg.type))).toEqual(new Set(['PrePrepare', 'Prepare', 'Commit']));
    for (const { msg } of forged) expect(verifyReplica(msg as never)).toBe(false);
    const victim = makeNode('n2');
    deliver(victim, 'n1', prePrepare('n1', 0, 1, R1));
    for (const s of forged.filter((f) => f.to === 'n2')) deliver(victim, 'n4', s.msg);
    expect(victim.state.log.get(1)!.prePrepare!.digest).toBe(D1);
    expect(Object.keys(victim.state.log.get(1)!.prepares)).toEqual(['n2']);
    expect(victim.state.suspects.n4).toMatch(/claiming to be from n1 has an invalid authenticator \(forged\)/);
  });

  it('slow: as primary it holds pre-prepares back for slowPrimaryMs, then sends them', () => {
    const n = makeNode('n1', N4, { byzantine: { n1: 'slow' }, slowPrimaryMs: 1200 });
    const fx = request(n, 'c1', 1, put('x', '1'));
    expect(sendsOf(fx, 'PrePrepare')).toEqual([]);
    expect(fx.timersSet).toEqual([{ name: 'slow-primary', afterMs: 1200 }]);
    expect(sendsOf(request(n, 'c2', 1, put('y', '1')), 'PrePrepare')).toEqual([]);
    expect(sendsOf(fireTimer(n, 'slow-primary'), 'PrePrepare').map((s) => s.msg.seq)).toEqual([1, 1, 1, 2, 2, 2]);
  });

  it('replay: it re-sends old messages, which honest replicas catch (re-sent in another’s name, or a third copy)', () => {
    const n = byz('n3', 'replay');
    const sent = [];
    for (let seq = 1; seq <= 8; seq++) {
      const r = clientRequest('c1', seq, put('x', String(seq)));
      sent.push(...deliver(n, 'n1', prePrepare('n1', 0, seq, r)).sends, ...deliver(n, 'n2', prepare('n2', 0, seq, requestDigest(r))).sends);
    }
    expect(n.state.byz.replay.length).toBeLessThanOrEqual(REPLAY_BUFFER);
    const others = sent.filter((s) => s.msg.replica !== 'n3');
    expect(others.length).toBeGreaterThan(0);
    const victim = makeNode(others[0]!.to === 'n3' ? 'n4' : others[0]!.to);
    deliver(victim, 'n3', others[0]!.msg);
    expect(victim.state.suspects.n3).toMatch(/it re-sent n[12]'s (PrePrepare|Prepare) \(replay\)/);
    // Three copies of its own message: more than the network duplicates.
    const own = makeNode('n1');
    const p = prepare('n3', 0, 1, D1);
    deliver(own, 'n3', p);
    deliver(own, 'n3', p);
    expect(own.state.suspects).toEqual({});
    deliver(own, 'n3', p);
    expect(own.state.suspects.n3).toMatch(/the same Prepare 3 times/);
  });

  it('a reply disagreeing with f+1 others is caught at the receiving replica', () => {
    const n = makeNode('n3');
    request(n, 'c1', 1, put('x', '1'));
    const reply = (replica: string, result: Reply['result']): Reply => as(replica, { type: 'Reply' as const, view: 0, client: 'c1', requestId: 1, result, replica });
    deliver(n, 'n1', reply('n1', { ok: true }));
    deliver(n, 'n2', reply('n2', { ok: true }));
    deliver(n, 'n4', reply('n4', { ok: true, value: 'wrong result from n4' }));
    expect(n.state.suspects.n4).toMatch(/disagrees with 2 matching replies/);
  });

  it('setBehaviour switches a replica’s behaviour from its next step on', () => {
    const n = makeNode('n2');
    setBehaviour(n.state, 'wrong-digest');
    const lying = sendsOf(deliver(n, 'n1', prePrepare('n1', 0, 1, R1)), 'Prepare');
    expect(lying.every((s) => s.msg.digest !== D1)).toBe(true);
    setBehaviour(n.state, null);
    const honest = sendsOf(deliver(n, 'n1', prePrepare('n1', 0, 2, R1)), 'Prepare');
    expect(honest.every((s) => s.msg.digest === D1)).toBe(true);
  });
});
