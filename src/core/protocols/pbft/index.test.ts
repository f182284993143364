import { describe, expect, it } from 'vitest';
import { requestDigest, shortDigest } from './auth';
import { inspectPbft, pbft } from './index';
import type { PbftMessage } from './messages';
import { as, checkpoint, clientRequest, commit, deliver, makeNode, prePrepare, prepare, put, request, runCluster, scenario, putAt, stepNode } from './testkit';

const R1 = clientRequest('c1', 3, put('x', '1'));
const D1 = requestDigest(R1);
const d = shortDigest(D1);

describe('PBFT through the protocol interface', () => {
  it.each([
    [prePrepare('n1', 0, 3, R1), 'PrePrepare', `PrePrepare v0 #3 d:${d} c1#3 put x 1 from n1`],
    [prePrepare('n2', 1, 4, null), 'PrePrepare', `PrePrepare v1 #4 d:${shortDigest(requestDigest(null))} null request from n2`],
    [prepare('n2', 0, 3, D1), 'Prepare', `Prepare v0 #3 d:${d} from n2`],
    [commit('n4', 2, 7, D1), 'Commit', `Commit v2 #7 d:${d} from n4`],
    [checkpoint('n2', 4, 'abcdef01'), 'Checkpoint', 'Checkpoint #4 d:abcd from n2'],
    [as('n3', { type: 'Request' as const, request: R1, replica: 'n3' }), 'Request', 'Request c1#3 put x 1 via n3'],
    [as('n4', { type: 'Reply' as const, view: 0, client: 'c1', requestId: 3, result: { ok: true, value: 'v' }, replica: 'n4' }), 'Reply', 'Reply c1#3 ok "v" from n4'],
    [as('n4', { type: 'Reply' as const, view: 0, client: 'c1', requestId: 3, result: { ok: false, error: 'x' }, replica: 'n4' }), 'Reply', 'Reply c1#3 fail from n4'],
    [as('n3', { type: 'ViewChange' as const, view: 1, stableSeq: 4, checkpointProof: [], prepared: [], replica: 'n3' }), 'ViewChange', 'ViewChange v1 h4 P0 from n3'],
    [as('n2', { type: 'NewView' as const, view: 1, viewChanges: [], prePrepares: [], replica: 'n2' }), 'NewView', 'NewView v1 V0 O0 from n2'],
    [as('n2', { type: 'Fetch' as const, seq: 8, replica: 'n2' }), 'Fetch', 'Fetch #8 from n2'],
  ] as [PbftMessage, string, string][])('messageType and describeMessage: %#', (msg, type, label) => {
    expect(pbft.messageType(msg)).toBe(type);
    expect(pbft.describeMessage(msg)).toBe(label);
  });

  it('summary: role primary / backup / view-change, term = view, commitIndex and lastApplied = last executed, lastLogIndex = highest accepted', () => {
    const n1 = makeNode('n1');
    expect(pbft.summary(n1.state)).toEqual({ role: 'primary', term: 0, votedFor: null, commitIndex: 0, lastLogIndex: 0, lastApplied: 0 });
    const n2 = makeNode('n2');
    deliver(n2, 'n1', prePrepare('n1', 0, 1, R1));
    deliver(n2, 'n1', prePrepare('n1', 0, 2, clientRequest('c2', 1, put('y', '1'))));
    deliver(n2, 'n3', prepare('n3', 0, 1, D1));
    deliver(n2, 'n1', commit('n1', 0, 1, D1));
    deliver(n2, 'n3', commit('n3', 0, 1, D1));
    expect(pbft.summary(n2.state)).toEqual({ role: 'backup', term: 0, votedFor: null, commitIndex: 1, lastLogIndex: 2, lastApplied: 1 });
    stepNode(n2, { kind: 'timeout' });
    expect(pbft.summary(n2.state)).toMatchObject({ role: 'view-change', term: 1 });
  });

  it('inspect: the executed requests as the log, the state machine, and PBFT rows', () => {
    const r = runCluster(scenario({ config: { byzantine: { n4: 'wrong-result' } }, until: 2000, timeline: [putAt(100, 'c1', 'x', '1', 'n2'), putAt(600, 'c2', 'y', '2', 'n2')] }));
    const d2 = pbft.inspect(r.state('n2'));
    expect(d2.log).toEqual([
      { term: 0, command: { kind: 'op', client: 'c1', requestId: 1, op: put('x', '1') } },
      { term: 0, command: { kind: 'op', client: 'c2', requestId: 1, op: put('y', '2') } },
    ]);
    expect(d2.kv).toEqual({ x: '1', y: '2' });
    expect(d2.progress).toBeNull();
    expect(d2.votesReceived).toBeNull();
    expect(d2.extra).toEqual({
      view: 0, primary: 'n1', status: 'normal', lowWaterMark: 0, highWaterMark: 8, stableCheckpoint: 0, pendingRequests: 0,
    });
    expect(d2.behaviour).toBeNull();
    expect(Object.keys(d2.suspects ?? {})).toEqual(['n4']);
    expect(d2.protocolDetail).toMatchObject({ view: 0, primary: 'n1', lastExecuted: 2 });
    expect(pbft.inspect(r.state('n4')).behaviour).toBe('wrong-result');
  });

  it('inspectPbft: each slot’s phase and votes, checkpoints, water marks, suspects, view change', () => {
    const n2 = makeNode('n2', undefined, { checkpointInterval: 2 });
    deliver(n2, 'n1', prePrepare('n1', 0, 1, R1));
    deliver(n2, 'n3', prepare('n3', 0, 1, D1));
    deliver(n2, 'n1', prePrepare('n1', 0, 2, null));
    deliver(n2, 'n3', checkpoint('n3', 2, 'abcdef01'));
    let v = inspectPbft(n2.state);
    expect(v).toMatchObject({ view: 0, primary: 'n1', status: 'normal', lowWater: 0, highWater: 8, lastExecuted: 0, behaviour: null, viewChange: null });
    expect(v.slots).toEqual([
      { seq: 1, phase: 'prepared', digest: D1, view: 0, request: 'c1#3 put x 1', prepares: ['n2', 'n3'], commits: ['n2'] },
      { seq: 2, phase: 'pre-prepared', digest: requestDigest(null), view: 0, request: 'null request', prepares: ['n2'], commits: [] },
    ]);
    expect(v.checkpoints).toEqual([{ seq: 2, digest: 'abcdef01', votes: ['n3'], stable: false }]);
    expect(v.pending).toEqual(['c1#3 put x 1']);
    deliver(n2, 'n1', commit('n1', 0, 1, D1));
    deliver(n2, 'n3', commit('n3', 0, 1, D1));
    stepNode(n2, { kind: 'timeout' });
    v = inspectPbft(n2.state);
    expect(v.slots[0]!.phase).toBe('executed');
    expect(v.viewChange).toEqual({ view: 1, votes: ['n2'], awaitingNewView: false, backoff: 1 });
    expect(v.status).toBe('view-change');
  });

  it('persistent shares nothing with the live state; a request to a fresh replica starts nothing', () => {
    const n1 = makeNode('n1');
    request(n1, 'c1', 1, put('x', '1'));
    const saved = pbft.persistent(n1.state);
    n1.state.log.get(1)!.prePrepare = null;
    expect(saved.log.get(1)!.prePrepare).not.toBeNull();
    expect(structuredClone(n1.state)).toEqual(n1.state);
  });
});
