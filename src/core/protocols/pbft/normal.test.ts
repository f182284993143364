import { describe, expect, it } from 'vitest';
import { as, clientRequest, commit, deliver, makeCluster, makeNode, N4, N7, prePrepare, prepare, pump, put, request, sendsOf, stepNode } from './testkit';
import { requestDigest, signAsClient } from './auth';
import type { Reply, Request } from './messages';

const R1 = clientRequest('c1', 1, put('x', '1'));
const D1 = requestDigest(R1);
const R2 = clientRequest('c2', 1, put('y', '2'));

/** backupWithPrePrepare gives backup `id` of `nodes` that accepted n1's pre-prepare of R1 at seq 1 in view 0. */
function backupWithPrePrepare(id = 'n2', nodes = N4) {
  const n = makeNode(id, nodes);
  const fx = deliver(n, 'n1', prePrepare('n1', 0, 1, R1));
  return { n, fx };
}

describe('§4.2 normal case: pre-prepare', () => {
  it('§4.2 the primary assigns the next sequence number to a request and multicasts the PrePrepare with its digest', () => {
    const n1 = makeNode('n1');
    const fx = request(n1, 'c1', 1, put('x', '1'));
    expect(sendsOf(fx, 'Request').map((s) => s.to)).toEqual(['n2', 'n3', 'n4']);
    const pps = sendsOf(fx, 'PrePrepare');
    expect(pps.map((s) => s.to)).toEqual(['n2', 'n3', 'n4']);
    expect(pps[0]!.msg).toMatchObject({ view: 0, seq: 1, digest: D1, request: { client: 'c1', requestId: 1, op: put('x', '1') }, replica: 'n1' });
    expect(n1.state.nextSeq).toBe(2);
    request(n1, 'c2', 1, put('y', '2'));
    expect(n1.state.log.get(2)!.prePrepare!.request!.client).toBe('c2');
  });

  it('§4.2 a backup accepts the primary’s pre-prepare, multicasts its Prepare and starts its timer (§4.4)', () => {
    const { n, fx } = backupWithPrePrepare();
    expect(n.state.log.get(1)!.prePrepare!.digest).toBe(D1);
    expect(sendsOf(fx, 'Prepare').map((s) => [s.to, s.msg.view, s.msg.seq, s.msg.digest, s.msg.replica])).toEqual([
      ['n1', 0, 1, D1, 'n2'],
      ['n3', 0, 1, D1, 'n2'],
      ['n4', 0, 1, D1, 'n2'],
    ]);
    expect(fx.timersSet).toEqual([{ name: 'view-change', afterMs: 500 }]);
  });

  it('§4.2 a pre-prepare from a replica that is not the primary of its view is rejected, and its sender suspected', () => {
    const n = makeNode('n2');
    const fx = deliver(n, 'n3', prePrepare('n3', 0, 1, R1));
    expect(fx.sends).toEqual([]);
    expect(n.state.suspects.n3).toMatch(/not the primary of view 0/);
  });

  it('§4.3 a pre-prepare outside the water marks (h, H] is ignored without suspicion', () => {
    const n = makeNode('n2', N4, { logWindow: 8 });
    expect(deliver(n, 'n1', prePrepare('n1', 0, 9, R1)).sends).toEqual([]);
    expect(deliver(n, 'n1', prePrepare('n1', 0, 8, R1)).sends.length).toBe(3);
    n.state.stable.seq = 4; // h = 4, H = 12
    expect(deliver(n, 'n1', prePrepare('n1', 0, 4, R2)).sends).toEqual([]);
    expect(n.state.suspects).toEqual({});
  });

  it('§4.2 a pre-prepare whose digest does not match its request is rejected and the primary suspected', () => {
    const n = makeNode('n2');
    const bad = as('n1', { type: 'PrePrepare' as const, view: 0, seq: 1, digest: requestDigest(R2), request: R1, replica: 'n1' });
    expect(deliver(n, 'n1', bad).sends).toEqual([]);
    expect(n.state.suspects.n1).toMatch(/digest .* does not match the request/);
  });

  it('§4.2 a request its client did not sign is rejected even with a matching digest', () => {
    const n = makeNode('n2');
    const invented = { ...R1, op: put('x', 'evil') };
    const pp = as('n1', { type: 'PrePrepare' as const, view: 0, seq: 1, digest: requestDigest(invented), request: invented, replica: 'n1' });
    expect(deliver(n, 'n1', pp).sends).toEqual([]);
    expect(n.state.suspects.n1).toMatch(/client did not sign/);
  });

  it('§4.2 a second, different pre-prepare for the same view and seq is rejected: the primary equivocated', () => {
    const { n } = backupWithPrePrepare();
    const fx = deliver(n, 'n1', prePrepare('n1', 0, 1, R2));
    expect(fx.sends).toEqual([]);
    expect(n.state.log.get(1)!.prePrepare!.digest).toBe(D1);
    expect(n.state.suspects.n1).toBe('two different pre-prepares for seq 1 in view 0');
    expect(fx.notes).toContain('n2 suspects n1: two different pre-prepares for seq 1 in view 0');
  });

  it('§4.2 the same pre-prepare delivered twice (network duplication) is accepted once, without suspicion', () => {
    const { n } = backupWithPrePrepare();
    expect(deliver(n, 'n1', prePrepare('n1', 0, 1, R1)).sends).toEqual([]);
    expect(n.state.suspects).toEqual({});
  });

  it('§4.4 a pre-prepare of a later view is kept until that view starts; one of an earlier view is dropped', () => {
    const m = makeNode('n3');
    expect(deliver(m, 'n2', prePrepare('n2', 1, 1, R1)).sends).toEqual([]);
    expect(m.state.deferred).toHaveLength(1);
    m.state.view = 2;
    expect(deliver(m, 'n3', prePrepare('n3', 1, 1, R1)).sends).toEqual([]);
  });
});

describe('§4.2 normal case: prepared and committed-local', () => {
  it.each([
    { nodes: N4, from: [], prepared: false },
    { nodes: N4, from: ['n3'], prepared: true },
    { nodes: N4, from: ['n3', 'n4'], prepared: true },
    { nodes: N7, from: ['n3', 'n4'], prepared: false },
    { nodes: N7, from: ['n3', 'n4', 'n5'], prepared: true },
  ])('§4.2 with the pre-prepare, its own prepare and prepares from $from of $nodes.length replicas, prepared = $prepared (2f from distinct backups)', ({ nodes, from, prepared }) => {
    const { n } = backupWithPrePrepare('n2', nodes);
    let commits = 0;
    for (const id of from) commits += sendsOf(deliver(n, id, prepare(id, 0, 1, D1)), 'Commit').length;
    expect(n.state.log.get(1)!.prepared).toBe(prepared);
    expect(commits).toBe(prepared ? nodes.length - 1 : 0);
    if (prepared) expect(n.state.log.get(1)!.cert!.prepares).toHaveLength(nodes.length === 4 ? 2 : 4);
  });

  it('§4.2 prepares with another digest do not count; the primary’s own Prepare does not count and is suspect', () => {
    const { n } = backupWithPrePrepare();
    deliver(n, 'n3', prepare('n3', 0, 1, requestDigest(R2)));
    deliver(n, 'n1', prepare('n1', 0, 1, D1));
    expect(n.state.log.get(1)!.prepared).toBe(false);
    expect(n.state.suspects.n1).toMatch(/of which it is the primary/);
    deliver(n, 'n4', prepare('n4', 0, 1, D1));
    expect(n.state.log.get(1)!.prepared).toBe(true);
  });

  it('§4.2 the primary prepares with 2f backup prepares (it sends no Prepare of its own)', () => {
    const n1 = makeNode('n1');
    request(n1, 'c1', 1, put('x', '1'));
    const d = n1.state.log.get(1)!.prePrepare!.digest;
    deliver(n1, 'n2', prepare('n2', 0, 1, d));
    expect(n1.state.log.get(1)!.prepared).toBe(false);
    const fx = deliver(n1, 'n3', prepare('n3', 0, 1, d));
    expect(n1.state.log.get(1)!.prepared).toBe(true);
    expect(sendsOf(fx, 'Commit')).toHaveLength(3);
  });

  it('§4.2 committed-local needs 2f+1 matching commits, its own included; then the request executes', () => {
    const { n } = backupWithPrePrepare();
    deliver(n, 'n3', prepare('n3', 0, 1, D1));
    expect(deliver(n, 'n3', commit('n3', 0, 1, D1)).applies).toEqual([]);
    const fx = deliver(n, 'n4', commit('n4', 0, 1, D1));
    expect(fx.applies).toEqual([{ index: 1, term: 0, command: { kind: 'op', client: 'c1', requestId: 1, op: put('x', '1') } }]);
    expect(n.state.lastExecuted).toBe(1);
    expect(n.state.kv.get('x')).toBe('1');
    expect(fx.timersCleared).toContain('view-change'); // no longer waiting (§4.4)
  });

  it('§4.2 commits that arrive before the replica prepared count once it prepares', () => {
    const { n } = backupWithPrePrepare();
    deliver(n, 'n1', commit('n1', 0, 1, D1));
    deliver(n, 'n4', commit('n4', 0, 1, D1));
    expect(n.state.lastExecuted).toBe(0);
    const fx = deliver(n, 'n3', prepare('n3', 0, 1, D1));
    expect(fx.applies.map((a) => a.index)).toEqual([1]);
  });

  it('§4.2 a Commit with another digest than the one prepared proves its sender faulty', () => {
    const { n } = backupWithPrePrepare();
    deliver(n, 'n3', prepare('n3', 0, 1, D1));
    deliver(n, 'n4', commit('n4', 0, 1, requestDigest(R2)));
    expect(n.state.suspects.n4).toMatch(/its Commit for seq 1 in view 0 has digest .*, but .* prepared/);
  });

  it('§4.2 requests execute in sequence order: seq 2 committed first waits for seq 1', () => {
    const n = makeNode('n2');
    const d2 = requestDigest(R2);
    deliver(n, 'n1', prePrepare('n1', 0, 2, R2));
    for (const id of ['n3', 'n4']) deliver(n, id, prepare(id, 0, 2, d2));
    for (const id of ['n1', 'n3']) deliver(n, id, commit(id, 0, 2, d2));
    expect(n.state.log.get(2)!.committed).not.toBeNull();
    expect(n.state.lastExecuted).toBe(0);
    deliver(n, 'n1', prePrepare('n1', 0, 1, R1));
    deliver(n, 'n3', prepare('n3', 0, 1, D1));
    deliver(n, 'n1', commit('n1', 0, 1, D1));
    const fx = deliver(n, 'n3', commit('n3', 0, 1, D1));
    expect(fx.applies.map((a) => a.index)).toEqual([1, 2]);
  });

  it('§4.2 a request assigned two sequence numbers takes effect once (client session table)', () => {
    const n = makeNode('n2');
    const append = clientRequest('c1', 1, { f: 'append', key: 'x', value: 'a' });
    const d = requestDigest(append);
    for (const seq of [1, 2]) {
      deliver(n, 'n1', prePrepare('n1', 0, seq, append));
      deliver(n, 'n3', prepare('n3', 0, seq, d));
      deliver(n, 'n1', commit('n1', 0, seq, d));
      deliver(n, 'n3', commit('n3', 0, seq, d));
    }
    expect(n.state.lastExecuted).toBe(2);
    expect(n.state.kv.get('x')).toBe('a');
  });
});

describe('§4.1 replies: the receiving replica’s f+1 rule', () => {
  const reqFrom = (receiver: string, r = R1): Request => as(receiver, { type: 'Request' as const, request: r, replica: receiver });
  const reply = (replica: string, result: Reply['result'], view = 0): Reply => as(replica, { type: 'Reply' as const, view, client: 'c1', requestId: 1, result, replica });

  it('§4.1 after executing, a replica sends its Reply to the receiving replica it learned from the Request', () => {
    const { n } = backupWithPrePrepare();
    deliver(n, 'n3', reqFrom('n3'));
    deliver(n, 'n3', prepare('n3', 0, 1, D1));
    deliver(n, 'n1', commit('n1', 0, 1, D1));
    const fx = deliver(n, 'n3', commit('n3', 0, 1, D1));
    expect(sendsOf(fx, 'Reply')).toEqual([{ to: 'n3', msg: expect.objectContaining({ client: 'c1', requestId: 1, result: { ok: true }, replica: 'n2' }) }]);
    // A Request arriving later (a client retry elsewhere) gets the cached reply at once.
    expect(sendsOf(deliver(n, 'n4', reqFrom('n4')), 'Reply').map((s) => s.to)).toEqual(['n4']);
  });

  it('§4.1 the receiving replica answers the client only after f+1 matching replies, and suspects a replica that disagrees', () => {
    const n = makeNode('n3');
    request(n, 'c1', 1, put('x', '1'));
    expect(deliver(n, 'n4', reply('n4', { ok: true, value: 'lie' })).replies).toEqual([]);
    expect(deliver(n, 'n1', reply('n1', { ok: true })).replies).toEqual([]);
    const fx = deliver(n, 'n2', reply('n2', { ok: true }));
    expect(fx.replies).toEqual([{ client: 'c1', requestId: 1, reply: { kind: 'result', result: { ok: true } } }]);
    expect(n.state.suspects.n4).toMatch(/its reply for c1#1 .* disagrees with 2 matching replies/);
    // A retry to the same replica is answered from the collected replies.
    expect(request(n, 'c1', 1, put('x', '1')).replies).toHaveLength(1);
  });

  it('§4.1 in a cluster of 7 (f = 2) the client needs 3 matching replies', () => {
    const n = makeNode('n3', N7);
    request(n, 'c1', 1, put('x', '1'));
    deliver(n, 'n1', reply('n1', { ok: true }));
    expect(deliver(n, 'n2', reply('n2', { ok: true })).replies).toEqual([]);
    expect(deliver(n, 'n4', reply('n4', { ok: true })).replies).toHaveLength(1);
  });

  it('§4.2 end to end on 4 replicas: a request sent to a backup is relayed, ordered, executed everywhere and answered', () => {
    const cluster = makeCluster();
    const [n1, n2, n3, n4] = cluster as [ReturnType<typeof makeNode>, ReturnType<typeof makeNode>, ReturnType<typeof makeNode>, ReturnType<typeof makeNode>];
    const first = request(n3, 'c1', 1, put('x', '1'));
    const steps = pump(cluster, 'n3', first.sends);
    for (const n of [n1, n2, n3, n4]) {
      expect(n.state.lastExecuted).toBe(1);
      expect(n.state.kv.get('x')).toBe('1');
    }
    const answers = [first, ...steps].flatMap((f) => f.replies);
    expect(answers).toEqual([{ client: 'c1', requestId: 1, reply: { kind: 'result', result: { ok: true } } }]);
    for (const n of cluster) expect(n.state.suspects).toEqual({});
    expect(stepNode(n1, { kind: 'start' }).sends).toEqual([]);
  });

  it('§4.1 a Request whose client signature fails is dropped and its relayer suspected', () => {
    const n = makeNode('n1');
    const tampered = { ...signAsClient({ client: 'c1', requestId: 1, op: put('x', '1') }), requestId: 2 };
    const fx = deliver(n, 'n2', as('n2', { type: 'Request' as const, request: tampered, replica: 'n2' }));
    expect(sendsOf(fx, 'PrePrepare')).toEqual([]);
    expect(n.state.suspects.n2).toMatch(/without a valid client signature/);
  });
});
