/**
 * CheckQuorum (Ongaro's thesis §6.2) and the disruptive-server rule (§4.2.3), after etcd raft's
 * tests (raft_test.go: TestLeaderStepdownWhenQuorumLost, TestLeaderSupersedingWithCheckQuorum,
 * TestFreeStuckCandidateWithCheckQuorum; testdata/prevote_checkquorum.txt).
 */
import { describe, expect, it } from 'vitest';
import type { RaftMessage } from './messages';
import { ack, appendEntries, deliver, elect, fireTimer, makeNode, sendsOf, stepNode } from './testkit';

const N3 = ['n1', 'n2', 'n3'];
const N5 = ['n1', 'n2', 'n3', 'n4', 'n5'];
const vote = (term: number, from: string, extra: Partial<Extract<RaftMessage, { type: 'RequestVote' }>> = {}): RaftMessage => ({
  type: 'RequestVote', term, candidateId: from, lastLogIndex: 9, lastLogTerm: 9, ...extra,
});

describe('§6.2 CheckQuorum: the leader', () => {
  it('§6.2 a new leader arms the quorum check every minimum election timeout', () => {
    const n = makeNode('n1', N3, { checkQuorum: true, electionTimeoutMs: [150, 300] });
    const fx = elect(n);
    expect(fx.timersSet).toContainEqual({ name: 'check-quorum', afterMs: 150 });
  });

  it('§6.2 a leader that heard from nobody in an election timeout steps down and records quorum-lost (TestLeaderStepdownWhenQuorumLost)', () => {
    const n = makeNode('n1', N3, { checkQuorum: true });
    elect(n);
    const term = n.state.currentTerm;
    const fx = fireTimer(n, 'check-quorum');
    expect(n.state.role).toBe('follower');
    expect(n.state.currentTerm).toBe(term);
    expect(n.state.leaderId).toBeNull();
    expect(fx.records).toEqual([{ kind: 'quorum-lost', fields: { term, heard: ['n1'] } }]);
    expect(fx.timersCleared).toContain('heartbeat');
    expect(n.timers.has('election')).toBe(true);
  });

  it('§6.2 a leader that heard from a quorum stays, and must hear again before the next check', () => {
    const n = makeNode('n1', N5, { checkQuorum: true });
    elect(n);
    ack(n, 'n2', 1);
    ack(n, 'n3', 1);
    const fx = fireTimer(n, 'check-quorum');
    expect(n.state.role).toBe('leader');
    expect(fx.records).toEqual([]);
    expect(fx.timersSet.map((t) => t.name)).toEqual(['check-quorum']);
    ack(n, 'n2', 1); // one peer only in the next round
    fireTimer(n, 'check-quorum');
    expect(n.state.role).toBe('follower');
  });

  it('§6.2 without checkQuorum a leader never arms the check, and a stray check timer does nothing', () => {
    const n = makeNode('n1', N3);
    const fx = elect(n);
    expect(fx.timersSet.map((t) => t.name)).not.toContain('check-quorum');
    fireTimer(n, 'check-quorum');
    expect(n.state.role).toBe('leader');
  });
});

describe('§4.2.3 disruptive servers: the lease CheckQuorum brings', () => {
  it('§4.2.3 a follower that heard from its leader within the minimum election timeout ignores a higher-term RequestVote (TestLeaderSupersedingWithCheckQuorum)', () => {
    const n = makeNode('n1', N3, { checkQuorum: true, electionTimeoutMs: [150, 300] });
    n.now = 1000;
    deliver(n, 'n2', appendEntries(1, 0, 0, [], 0, 'n2'));
    n.now = 1100;
    const fx = deliver(n, 'n3', vote(2, 'n3'));
    expect(fx.sends).toEqual([]);
    expect(n.state.currentTerm).toBe(1);
    expect(n.state.votedFor).toBeNull();
    n.now = 1150; // the lease is over
    const later = deliver(n, 'n3', vote(2, 'n3'));
    expect(n.state.currentTerm).toBe(2);
    expect(sendsOf(later, 'RequestVoteReply')[0]!.msg.voteGranted).toBe(true);
  });

  it('§4.2.3 in the lease a PreVote is ignored too (etcd prevote_checkquorum.txt)', () => {
    const n = makeNode('n1', N3, { checkQuorum: true, preVote: true });
    deliver(n, 'n2', appendEntries(1, 0, 0, [], 0, 'n2'));
    const fx = deliver(n, 'n3', { type: 'PreVote', term: 2, candidateId: 'n3', lastLogIndex: 9, lastLogTerm: 9 });
    expect(fx.sends).toEqual([]);
  });

  it('§4.2.3 a leader with checkQuorum ignores a higher-term RequestVote; a transfer\'s RequestVote still gets through', () => {
    const n = makeNode('n1', N3, { checkQuorum: true });
    elect(n);
    const term = n.state.currentTerm;
    expect(deliver(n, 'n3', vote(term + 1, 'n3')).sends).toEqual([]);
    expect(n.state.role).toBe('leader');
    deliver(n, 'n3', vote(term + 1, 'n3', { transfer: true }));
    expect(n.state.role).toBe('follower');
    expect(n.state.currentTerm).toBe(term + 1);
  });

  it('§4.2.3 without checkQuorum a higher-term RequestVote deposes the leader (the paper, §5.1)', () => {
    const n = makeNode('n1', N3);
    elect(n);
    deliver(n, 'n3', vote(n.state.currentTerm + 1, 'n3'));
    expect(n.state.role).toBe('follower');
  });

  it('§6.2 a stuck candidate of a higher term is freed: the leader\'s heartbeat is answered with that term and the leader steps down (TestFreeStuckCandidateWithCheckQuorum)', () => {
    const c = makeNode('n3', N3, { checkQuorum: true });
    c.state.currentTerm = 5;
    stepNode(c, { kind: 'timeout' }); // candidate of term 6, unheard
    const fx = deliver(c, 'n1', appendEntries(2, 0, 0, [], 0, 'n1'));
    expect(fx.sends).toEqual([{ to: 'n1', msg: { type: 'AppendEntriesReply', term: 6, success: false, matchIndex: 0 } }]);
    const leader = makeNode('n1', N3, { checkQuorum: true });
    leader.state.currentTerm = 1;
    elect(leader);
    deliver(leader, 'n3', fx.sends[0]!.msg);
    expect(leader.state.role).toBe('follower');
    expect(leader.state.currentTerm).toBe(6);
  });
});
