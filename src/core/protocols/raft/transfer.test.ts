/**
 * Leadership transfer (Ongaro's thesis §3.10: TimeoutNow), after etcd raft's TestLeaderTransfer…
 * cases (raft_test.go): to an up-to-date node, to a slow follower, to self, timeout, proposals
 * ignored during a transfer, a second transfer to the same node; with CheckQuorum and pre-vote on.
 */
import { describe, expect, it } from 'vitest';
import type { RaftMessage } from './messages';
import { ack, deliver, elect, fireTimer, makeNode, pump, request, sendsOf, stepNode, type TestNode } from './testkit';

const N3 = ['n1', 'n2', 'n3'];
const transferTo = (leader: TestNode, target: string) =>
  deliver(leader, target, { type: 'TransferLeader', term: leader.state.currentTerm, target });

/** leaderOf3 gives n1 leading term 1 of {n1, n2, n3}, its no-op (index 1) acknowledged by the peers `acked`. */
function leaderOf3(acked: string[], config = {}): TestNode {
  const n1 = makeNode('n1', N3, config);
  elect(n1);
  for (const p of acked) ack(n1, p, 1);
  return n1;
}

describe('§3.10 leadership transfer: the leader', () => {
  it('§3.10 to an up-to-date node: TimeoutNow at once, transfer-start recorded, the abort timer armed (TestLeaderTransferToUpToDateNode)', () => {
    const n1 = leaderOf3(['n2', 'n3']);
    const fx = transferTo(n1, 'n2');
    expect(n1.state.transferee).toBe('n2');
    expect(fx.sends).toEqual([{ to: 'n2', msg: { type: 'TimeoutNow', term: 1 } }]);
    expect(fx.records).toEqual([{ kind: 'transfer-start', fields: { term: 1, to: 'n2' } }]);
    expect(fx.timersSet).toEqual([{ name: 'transfer', afterMs: 150 }]);
  });

  it('§3.10 to a slow follower: it is caught up first, and TimeoutNow goes once its matchIndex reaches the last index (TestLeaderTransferToSlowFollower)', () => {
    const n1 = leaderOf3(['n2']);
    const fx = transferTo(n1, 'n3');
    expect(sendsOf(fx, 'TimeoutNow')).toEqual([]);
    expect(sendsOf(fx, 'AppendEntries').map((s) => s.to)).toEqual(['n3']);
    const caught = ack(n1, 'n3', 1);
    expect(sendsOf(caught, 'TimeoutNow')).toEqual([{ to: 'n3', msg: { type: 'TimeoutNow', term: 1 } }]);
    expect(sendsOf(ack(n1, 'n3', 1), 'TimeoutNow')).toEqual([]); // a repeated ack sends no second TimeoutNow
  });

  it('§3.10 to itself: nothing happens (TestLeaderTransferToSelf)', () => {
    const n1 = leaderOf3(['n2', 'n3']);
    const fx = transferTo(n1, 'n1');
    expect(n1.state.transferee).toBeNull();
    expect(fx.sends).toEqual([]);
    expect(fx.records).toEqual([]);
    const action = stepNode(n1, { kind: 'action', name: 'make-leader' });
    expect(action.sends).toEqual([]);
  });

  it('§3.10 the leader gives up after an election timeout and takes requests again (TestLeaderTransferTimeout)', () => {
    const n1 = leaderOf3(['n2']);
    transferTo(n1, 'n3');
    const fx = fireTimer(n1, 'transfer');
    expect(n1.state.transferee).toBeNull();
    expect(n1.state.role).toBe('leader');
    expect(fx.records).toEqual([{ kind: 'transfer-abort', fields: { term: 1, to: 'n3', reason: 'timeout' } }]);
    request(n1, 'c1', 1, { f: 'put', key: 'x', value: '1' });
    expect(n1.state.pending.size).toBe(1);
  });

  it('§3.10 client requests are refused as unavailable while transferring (TestLeaderTransferIgnoreProposal)', () => {
    const n1 = leaderOf3(['n2']);
    transferTo(n1, 'n3');
    const fx = request(n1, 'c1', 1, { f: 'put', key: 'x', value: '1' });
    expect(fx.replies).toEqual([{ client: 'c1', requestId: 1, reply: { kind: 'unavailable', reason: 'leadership transfer to n3 in progress' } }]);
    expect(n1.state.pending.size).toBe(0);
    expect(sendsOf(fx, 'AppendEntries')).toEqual([]);
  });

  it('§3.10 a second transfer to the same node changes nothing: the timeout is not extended (TestLeaderTransferSecondTransferToSameNode)', () => {
    const n1 = leaderOf3(['n2']);
    transferTo(n1, 'n3');
    const fx = transferTo(n1, 'n3');
    expect(fx.timersSet).toEqual([]);
    expect(fx.records).toEqual([]);
    expect(n1.state.transferee).toBe('n3');
  });

  it('§3.10 a transfer to another node aborts the first (TestLeaderTransferSecondTransferToAnotherNode)', () => {
    const n1 = leaderOf3(['n2']);
    transferTo(n1, 'n3');
    const fx = transferTo(n1, 'n2');
    expect(fx.records.map((r) => r.kind)).toEqual(['transfer-abort', 'transfer-start']);
    expect(n1.state.transferee).toBe('n2');
  });

  it('§3.10 a leader that steps down forgets its transfer', () => {
    const n1 = leaderOf3(['n2']);
    transferTo(n1, 'n3');
    deliver(n1, 'n3', { type: 'RequestVote', term: 2, candidateId: 'n3', lastLogIndex: 1, lastLogTerm: 1, transfer: true });
    expect(n1.state.role).toBe('follower');
    expect(n1.state.transferee).toBeNull();
  });
});

describe('§3.10 leadership transfer: the target and the whole cluster', () => {
  it('§3.10 "make this node leader" on a follower forwards TransferLeader to its leader; without a known leader it does nothing', () => {
    const f = makeNode('n2', N3);
    f.state.currentTerm = 3;
    f.state.leaderId = 'n1';
    expect(stepNode(f, { kind: 'action', name: 'make-leader' }).sends).toEqual([{ to: 'n1', msg: { type: 'TransferLeader', term: 3, target: 'n2' } }]);
    const lost = makeNode('n2', N3);
    expect(stepNode(lost, { kind: 'action', name: 'make-leader' }).sends).toEqual([]);
  });

  it('§3.10 TimeoutNow makes a follower campaign at once, skipping pre-vote, its RequestVote flagged transfer', () => {
    const f = makeNode('n2', N3, { preVote: true });
    f.state.currentTerm = 3;
    const fx = deliver(f, 'n1', { type: 'TimeoutNow', term: 3 });
    expect(f.state.role).toBe('candidate');
    expect(f.state.currentTerm).toBe(4);
    expect(sendsOf(fx, 'PreVote')).toEqual([]);
    expect(sendsOf(fx, 'RequestVote')[0]!.msg).toEqual({ type: 'RequestVote', term: 4, candidateId: 'n2', lastLogIndex: 0, lastLogTerm: 0, transfer: true });
  });

  it.each([
    ['neither switch', {}],
    ['CheckQuorum and pre-vote (TestLeaderTransferWithCheckQuorum)', { checkQuorum: true, preVote: true }],
  ])('§3.10 with %s, the action on a follower makes it leader of the next term', (_, config) => {
    const nodes = N3.map((id) => makeNode(id, N3, config));
    const [n1, n2, n3] = nodes as [TestNode, TestNode, TestNode];
    // Elect n1 by hand (with pre-vote on, a timeout would only start a pre-vote round).
    n1.state.config = { ...n1.state.config, preVote: false };
    pump(nodes, 'n1', elect(n1).sends);
    n1.state.config = { ...n1.state.config, preVote: n2.state.config.preVote };
    expect(n3.state.leaderId).toBe('n1');
    const fx = stepNode(n3, { kind: 'action', name: 'make-leader' });
    pump(nodes, 'n3', fx.sends);
    expect(n3.state.role).toBe('leader');
    expect(n3.state.currentTerm).toBe(2);
    expect(n1.state.role).toBe('follower');
    expect(n2.state.leaderId).toBe('n3');
  });

  it('§3.10 a candidate ignores TimeoutNow (etcd stepCandidate)', () => {
    const c = makeNode('n2', N3);
    stepNode(c, { kind: 'timeout' });
    const msg: RaftMessage = { type: 'TimeoutNow', term: 1 };
    expect(deliver(c, 'n1', msg).sends).toEqual([]);
    expect(c.state.currentTerm).toBe(1);
  });
});
