/**
 * Pre-vote (Ongaro's thesis §9.6), after etcd raft's tests (raft_test.go: TestPreVoteFromAnyState,
 * TestRecvMsgPreVote, TestDisruptiveFollower(PreVote), TestLeaderElection with PreVote).
 */
import { describe, expect, it } from 'vitest';
import type { RaftMessage } from './messages';
import { appendEntries, deliver, elect, fireTimer, logOf, makeNode, pump, sendsOf, stepNode, type TestNode } from './testkit';

const N3 = ['n1', 'n2', 'n3'];
const N5 = ['n1', 'n2', 'n3', 'n4', 'n5'];
const preVote = (term: number, from: string, lastLogIndex = 0, lastLogTerm = 0): RaftMessage => ({
  type: 'PreVote', term, candidateId: from, lastLogIndex, lastLogTerm,
});

describe('§9.6 pre-vote: the pre-candidate', () => {
  it('§9.6 an election timeout with preVote asks for pre-votes for term+1 and keeps currentTerm, votedFor and the leader forgotten', () => {
    const n = makeNode('n1', N3, { preVote: true });
    n.state.currentTerm = 4;
    n.state.votedFor = 'n2';
    n.state.log = logOf(1, 4);
    const fx = fireTimer(n, 'election');
    expect(n.state.role).toBe('pre-candidate');
    expect(n.state.currentTerm).toBe(4);
    expect(n.state.votedFor).toBe('n2');
    expect(n.state.votesGranted).toEqual(['n1']);
    expect(sendsOf(fx, 'PreVote').map((s) => [s.to, s.msg])).toEqual([
      ['n2', { type: 'PreVote', term: 5, candidateId: 'n1', lastLogIndex: 2, lastLogTerm: 4 }],
      ['n3', { type: 'PreVote', term: 5, candidateId: 'n1', lastLogIndex: 2, lastLogTerm: 4 }],
    ]);
    expect(sendsOf(fx, 'RequestVote')).toEqual([]);
    expect(fx.records).toEqual([{ kind: 'pre-vote', fields: { term: 4, for: 5 } }]);
    expect(n.timers.has('election')).toBe(true);
  });

  it('§9.6 without preVote the timeout raises the term at once (the paper, §5.2), and records no pre-vote round', () => {
    const n = makeNode('n1', N3);
    const fx = fireTimer(n, 'election');
    expect(n.state.role).toBe('candidate');
    expect(n.state.currentTerm).toBe(1);
    expect(fx.records).toEqual([]);
  });

  it('§9.6 a quorum of pre-votes starts a real election for term+1 (TestLeaderElection with PreVote)', () => {
    const n = makeNode('n1', N5, { preVote: true });
    fireTimer(n, 'election');
    deliver(n, 'n2', { type: 'PreVoteReply', term: 1, voteGranted: true });
    expect(n.state.role).toBe('pre-candidate');
    const fx = deliver(n, 'n3', { type: 'PreVoteReply', term: 1, voteGranted: true });
    expect(n.state.role).toBe('candidate');
    expect(n.state.currentTerm).toBe(1);
    expect(n.state.votedFor).toBe('n1');
    expect(sendsOf(fx, 'RequestVote')).toHaveLength(4);
  });

  it('§9.6 a pre-candidate cut off from a quorum never raises its term, however often it times out', () => {
    const n = makeNode('n1', N5, { preVote: true });
    n.state.currentTerm = 2;
    for (let i = 0; i < 10; i++) fireTimer(n, 'election');
    expect(n.state.currentTerm).toBe(2);
    expect(n.state.role).toBe('pre-candidate');
  });

  it('§9.6 stale or duplicate pre-votes are not counted, nor votes of a real election', () => {
    const n = makeNode('n1', N5, { preVote: true });
    n.state.currentTerm = 3;
    fireTimer(n, 'election'); // asks for term 4
    deliver(n, 'n2', { type: 'PreVoteReply', term: 3, voteGranted: true }); // from an older round
    deliver(n, 'n3', { type: 'PreVoteReply', term: 4, voteGranted: true });
    deliver(n, 'n3', { type: 'PreVoteReply', term: 4, voteGranted: true });
    deliver(n, 'n4', { type: 'RequestVoteReply', term: 3, voteGranted: true }); // a late vote of term 3
    expect(n.state.votesGranted).toEqual(['n1', 'n3']);
    expect(n.state.role).toBe('pre-candidate');
  });

  it('§9.6 a refusal with a higher term makes the pre-candidate a follower of that term (etcd)', () => {
    const n = makeNode('n1', N3, { preVote: true });
    n.state.currentTerm = 3;
    fireTimer(n, 'election');
    deliver(n, 'n2', { type: 'PreVoteReply', term: 7, voteGranted: false });
    expect(n.state.role).toBe('follower');
    expect(n.state.currentTerm).toBe(7);
  });

  it('§9.6 a pre-candidate that hears from a leader of its term becomes its follower', () => {
    const n = makeNode('n1', N3, { preVote: true });
    n.state.currentTerm = 2;
    fireTimer(n, 'election');
    deliver(n, 'n2', appendEntries(2, 0, 0, [], 0, 'n2'));
    expect(n.state.role).toBe('follower');
    expect(n.state.leaderId).toBe('n2');
  });
});

describe('§9.6 pre-vote: the voter (TestRecvMsgPreVote, TestPreVoteFromAnyState)', () => {
  it.each(['follower', 'candidate', 'leader'] as const)('§9.6 a %s grants a pre-vote for a future term and changes neither term, vote nor role', (role) => {
    const n = makeNode('n1', N3);
    n.state.currentTerm = 1;
    if (role === 'candidate') stepNode(n, { kind: 'timeout' });
    if (role === 'leader') elect(n);
    const before = { term: n.state.currentTerm, votedFor: n.state.votedFor, role: n.state.role };
    const fx = deliver(n, 'n3', preVote(before.term + 1, 'n3', 9, 9));
    expect(fx.sends).toEqual([{ to: 'n3', msg: { type: 'PreVoteReply', term: before.term + 1, voteGranted: true } }]);
    expect({ term: n.state.currentTerm, votedFor: n.state.votedFor, role: n.state.role }).toEqual(before);
    expect(fx.timersSet).toEqual([]); // a pre-vote does not hold off the voter's own election
  });

  it('§9.6 a pre-vote from a candidate whose log is behind is refused with the voter\'s term (§5.4.1)', () => {
    const n = makeNode('n1', N3);
    n.state.currentTerm = 2;
    n.state.log = logOf(1, 2);
    const fx = deliver(n, 'n3', preVote(3, 'n3', 5, 1));
    expect(fx.sends).toEqual([{ to: 'n3', msg: { type: 'PreVoteReply', term: 2, voteGranted: false } }]);
    expect(n.state.currentTerm).toBe(2);
  });

  it('§9.6 a pre-vote of a lower term is refused explicitly (etcd)', () => {
    const n = makeNode('n1', N3);
    n.state.currentTerm = 5;
    const fx = deliver(n, 'n3', preVote(4, 'n3', 9, 9));
    expect(fx.sends).toEqual([{ to: 'n3', msg: { type: 'PreVoteReply', term: 5, voteGranted: false } }]);
  });

  it('§9.6 a pre-vote of the current term is granted only to the node voted for, or when there is no vote and no leader (etcd canVote)', () => {
    const voted = makeNode('n1', N3);
    voted.state.currentTerm = 2;
    voted.state.votedFor = 'n2';
    expect(sendsOf(deliver(voted, 'n3', preVote(2, 'n3')), 'PreVoteReply')[0]!.msg.voteGranted).toBe(false);
    expect(sendsOf(deliver(voted, 'n2', preVote(2, 'n2')), 'PreVoteReply')[0]!.msg.voteGranted).toBe(true);
    const led = makeNode('n1', N3);
    led.state.currentTerm = 2;
    led.state.leaderId = 'n2';
    expect(sendsOf(deliver(led, 'n3', preVote(2, 'n3')), 'PreVoteReply')[0]!.msg.voteGranted).toBe(false);
    const free = makeNode('n1', N3);
    free.state.currentTerm = 2;
    expect(sendsOf(deliver(free, 'n3', preVote(2, 'n3')), 'PreVoteReply')[0]!.msg.voteGranted).toBe(true);
  });
});

/**
 * TestDisruptiveFollower / …PreVote: n3 is cut off and times out while n1 leads term 2. On its
 * return, without pre-vote its higher term deposes n1 (terms 3/2/3 after n1's next heartbeat);
 * with pre-vote its term never rose, and the leader is kept (2/2/2).
 */
describe('§9.6 the disruptive follower (etcd TestDisruptiveFollower)', () => {
  function cluster(preVoteOn: boolean): TestNode[] {
    const nodes = N3.map((id) => makeNode(id, N3));
    const [n1] = nodes as [TestNode, TestNode, TestNode];
    n1.state.currentTerm = 1;
    pump(nodes, 'n1', elect(n1).sends); // n1 leads term 2, everyone has its no-op
    for (const n of nodes) n.state.config.preVote = preVoteOn;
    return nodes;
  }

  it.each([
    [false, [3, 2, 3], 'follower'],
    [true, [2, 2, 2], 'leader'],
  ] as const)('§9.6 preVote %s: after n3 times out alone and rejoins, the terms are %j and n1 is %s', (on, want, n1Role) => {
    const nodes = cluster(on);
    const [n1, , n3] = nodes as [TestNode, TestNode, TestNode];
    expect(n1.state.role).toBe('leader');
    fireTimer(n3, 'election'); // its messages are lost: n3 is cut off
    // n3 rejoins: n1's next heartbeat reaches it, and its answer reaches n1.
    const hb = deliver(n3, 'n1', appendEntries(2, 1, 2, [], 1, 'n1'));
    pump(nodes, 'n3', hb.sends);
    expect(nodes.map((n) => n.state.currentTerm)).toEqual(want);
    expect(n1.state.role).toBe(n1Role);
  });
});
