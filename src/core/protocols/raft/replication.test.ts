import { describe, expect, it } from 'vitest';
import type { Entry } from './messages';
import { ack, appendEntries, deliver, elect, entry, fireTimer, logOf, makeNode, pump, request, sendsOf, stepNode, terms, type TestNode } from './testkit';

const N3 = ['n1', 'n2', 'n3'];

/** caughtUpLeader makes n1 leader of term `term + 1` over `nodes`, holding `log` beforehand, with every peer caught up to it. */
function caughtUpLeader(nodes: string[], log: Entry[] = [], term = 0): TestNode {
  const n = makeNode('n1', nodes);
  n.state.log = log;
  n.state.currentTerm = term;
  elect(n);
  for (const peer of n.state.peers) ack(n, peer, n.state.log.length);
  return n;
}

describe('§5.3 log replication: the leader', () => {
  it('§5.3 a proposal is appended at li+1 and sent to every follower with prevLogIndex li', () => {
    const n = caughtUpLeader(N3);
    const li = n.state.commitIndex;
    expect(li).toBe(1); // the no-op
    const fx = request(n, 'c1', 1, { f: 'put', key: 'k', value: 'v' });
    expect(n.state.log.length).toBe(li + 1);
    expect(n.state.commitIndex).toBe(li);
    const aes = sendsOf(fx, 'AppendEntries');
    expect(aes.map((s) => s.to)).toEqual(['n2', 'n3']);
    for (const { msg } of aes) {
      expect(msg).toMatchObject({ term: 1, prevLogIndex: li, prevLogTerm: 1, leaderCommit: li });
      expect(msg.entries).toEqual([{ term: 1, command: { kind: 'op', client: 'c1', requestId: 1, op: { f: 'put', key: 'k', value: 'v' } } }]);
    }
    expect(fx.replies).toEqual([]);
  });

  it('§5.3 once a majority acks, the leader commits, applies, answers the client, and the next heartbeat carries the commit', () => {
    const n = caughtUpLeader(N3);
    request(n, 'c1', 1, { f: 'put', key: 'k', value: 'v' });
    const fx = ack(n, 'n2', 2);
    expect(n.state.commitIndex).toBe(2);
    expect(fx.applies).toEqual([{ index: 2, term: 1, command: { kind: 'op', client: 'c1', requestId: 1, op: { f: 'put', key: 'k', value: 'v' } } }]);
    expect(fx.replies).toEqual([{ client: 'c1', requestId: 1, reply: { kind: 'result', result: { ok: true } } }]);
    expect(n.state.kv.get('k')).toBe('v');
    const beat = fireTimer(n, 'heartbeat');
    expect(sendsOf(beat, 'AppendEntries').map((s) => s.msg.leaderCommit)).toEqual([2, 2]);
  });

  // etcd TestLeaderAcknowledgeCommit: is the new entry committed, given which followers acked it?
  it.each([
    { size: 1, acks: [], commit: true },
    { size: 3, acks: [], commit: false },
    { size: 3, acks: ['n2'], commit: true },
    { size: 3, acks: ['n2', 'n3'], commit: true },
    { size: 5, acks: [], commit: false },
    { size: 5, acks: ['n2'], commit: false },
    { size: 5, acks: ['n2', 'n3'], commit: true },
    { size: 5, acks: ['n2', 'n3', 'n4'], commit: true },
    { size: 5, acks: ['n2', 'n3', 'n4', 'n5'], commit: true },
  ])('§5.3 in a cluster of $size, acks from $acks commit the entry: $commit', ({ size, acks, commit }) => {
    const nodes = Array.from({ length: size }, (_, i) => `n${i + 1}`);
    const n = caughtUpLeader(nodes);
    request(n, 'c1', 1, { f: 'put', key: 'k', value: 'v' });
    for (const peer of acks) ack(n, peer, 2);
    expect(n.state.commitIndex).toBe(commit ? 2 : 1);
  });

  // etcd TestLeaderCommitPrecedingEntries: old-term entries commit with the new leader's entries.
  it.each([[[]], [[2]], [[1, 2]], [[1]]] as number[][][])('§5.3 a new leader with old log %j commits all of it with its no-op and a proposal', (old) => {
    const n = makeNode('n1', N3);
    n.state.log = logOf(...old);
    n.state.currentTerm = 2;
    elect(n);
    request(n, 'c1', 1, { f: 'put', key: 'k', value: 'v' });
    const last = old.length + 2;
    const applies = [...ack(n, 'n2', last).applies, ...ack(n, 'n3', last).applies];
    expect(n.state.commitIndex).toBe(last);
    expect(applies.map((a) => a.index)).toEqual(Array.from({ length: last }, (_, i) => i + 1));
    expect(applies.map((a) => a.term)).toEqual([...old, 3, 3]);
  });

  it('§5.3 a leader sends at most maxEntriesPerAppend entries and pipelines the rest on each success', () => {
    const n = makeNode('n1', N3, { maxEntriesPerAppend: 2 });
    n.state.log = logOf(1, 1, 1, 1, 1);
    n.state.currentTerm = 1;
    const f = makeNode('n2', N3, { maxEntriesPerAppend: 2 });
    const fx = elect(n);
    const steps = pump([n, f], 'n1', fx.sends);
    const aes = [fx, ...steps].flatMap((s) => sendsOf(s, 'AppendEntries')).filter((s) => s.to === 'n2');
    expect(Math.max(...aes.map((a) => a.msg.entries.length))).toBe(2);
    expect(terms(f)).toEqual([1, 1, 1, 1, 1, 2]);
    expect(n.state.matchIndex.n2).toBe(6);
    expect(n.state.nextIndex.n2).toBe(7);
    // The probe (rejected), then 3 batches of ≤ 2, each sent as soon as the previous one is acked.
    expect(aes).toHaveLength(4);
  });

  it('§5.3 a rejection backs nextIndex up by the hint: past the leader’s last entry of conflictTerm, else to conflictIndex', () => {
    const n = makeNode('n1', N3);
    n.state.log = logOf(1, 1, 1, 4, 4, 5, 5, 6, 6, 6);
    n.state.currentTerm = 8;
    elect(n); // term 9, no-op at 11, nextIndex optimistically 12
    let fx = deliver(n, 'n2', { type: 'AppendEntriesReply', term: 9, success: false, matchIndex: 0, conflictIndex: 4, conflictTerm: 4 });
    expect(n.state.nextIndex.n2).toBe(12); // resent from 6, optimistically advanced again
    expect(sendsOf(fx, 'AppendEntries')[0]!.msg).toMatchObject({ prevLogIndex: 5, prevLogTerm: 4 });

    fx = deliver(n, 'n3', { type: 'AppendEntriesReply', term: 9, success: false, matchIndex: 0, conflictIndex: 4, conflictTerm: 2 });
    expect(sendsOf(fx, 'AppendEntries')[0]!.msg).toMatchObject({ prevLogIndex: 3, prevLogTerm: 1 });

    fx = deliver(n, 'n3', { type: 'AppendEntriesReply', term: 9, success: false, matchIndex: 0, conflictIndex: 8 });
    expect(sendsOf(fx, 'AppendEntries')[0]!.msg).toMatchObject({ prevLogIndex: 7, prevLogTerm: 5 });
  });

  it('§5.3 nextIndex never goes below 1 nor below matchIndex + 1; a rejection that would not lower it is stale', () => {
    const n = makeNode('n1', N3);
    elect(n);
    let fx = deliver(n, 'n2', { type: 'AppendEntriesReply', term: 1, success: false, matchIndex: 0, conflictIndex: 0 });
    expect(sendsOf(fx, 'AppendEntries')[0]!.msg).toMatchObject({ prevLogIndex: 0, prevLogTerm: 0 });

    ack(n, 'n3', 1);
    fx = deliver(n, 'n3', { type: 'AppendEntriesReply', term: 1, success: false, matchIndex: 0, conflictIndex: 1 });
    expect(fx.sends).toEqual([]);
    expect(n.state.nextIndex.n3).toBe(2);
  });

  it('§5.3 a duplicated, older success does not lower matchIndex', () => {
    const n = caughtUpLeader(N3, logOf(1, 1), 1);
    ack(n, 'n2', 1);
    expect(n.state.matchIndex.n2).toBe(3);
  });
});

describe('§5.3 log replication: the follower', () => {
  // etcd TestFollowerCheckMsgApp: follower log [t1, t2], commit 1, term 2.
  it.each([
    { prev: [0, 0], success: true, matchIndex: 0 },
    { prev: [1, 1], success: true, matchIndex: 1 },
    { prev: [2, 2], success: true, matchIndex: 2 },
    { prev: [2, 1], success: false, conflictIndex: 2, conflictTerm: 2 },
    { prev: [3, 3], success: false, conflictIndex: 3, conflictTerm: undefined },
  ])('§5.3 consistency check with prevLogIndex/prevLogTerm $prev: success=$success', ({ prev, success, matchIndex, conflictIndex, conflictTerm }) => {
    const n = makeNode('n1', N3);
    n.state.log = logOf(1, 2);
    n.state.currentTerm = 2;
    n.state.commitIndex = n.state.lastApplied = 1;
    const fx = deliver(n, 'n2', appendEntries(2, prev[0]!, prev[1]!, [], 1));
    const reply = sendsOf(fx, 'AppendEntriesReply')[0]!.msg;
    expect(reply.success).toBe(success);
    if (success) expect(reply.matchIndex).toBe(matchIndex);
    else {
      expect(reply.conflictIndex).toBe(conflictIndex);
      expect(reply.conflictTerm).toBe(conflictTerm);
      expect(reply.matchIndex).toBe(0);
    }
    expect(terms(n)).toEqual([1, 2]);
  });

  it('§5.3 the rejection hint points at the first entry of the conflicting term', () => {
    const n = makeNode('n1', N3);
    n.state.log = logOf(1, 2, 2, 2);
    n.state.currentTerm = 3;
    const reply = sendsOf(deliver(n, 'n2', appendEntries(3, 4, 3, [], 0)), 'AppendEntriesReply')[0]!.msg;
    expect(reply).toMatchObject({ success: false, conflictIndex: 2, conflictTerm: 2 });
  });

  // etcd TestFollowerAppendEntries: follower log [t1, t2].
  it.each([
    { prev: [2, 2], entries: [3], want: [1, 2, 3] },
    { prev: [1, 1], entries: [3, 4], want: [1, 3, 4] },
    { prev: [0, 0], entries: [1], want: [1, 2] },
    { prev: [0, 0], entries: [3], want: [3] },
  ])('§5.3 prev $prev + entries $entries leaves log $want (conflicts cut, matches kept)', ({ prev, entries, want }) => {
    const n = makeNode('n1', N3);
    n.state.log = logOf(1, 2);
    n.state.currentTerm = 2;
    const fx = deliver(n, 'n2', appendEntries(2, prev[0]!, prev[1]!, logOf(...entries), 0));
    expect(terms(n)).toEqual(want);
    expect(sendsOf(fx, 'AppendEntriesReply')[0]!.msg).toMatchObject({ success: true, matchIndex: prev[0]! + entries.length });
  });

  it('§5.3 entries already present are not replaced (a reordered, shorter AppendEntries keeps later entries)', () => {
    const n = makeNode('n1', N3);
    const log = [entry(1, 'a'), entry(1, 'b'), entry(1, 'c')];
    n.state.log = [...log];
    n.state.currentTerm = 1;
    deliver(n, 'n2', appendEntries(1, 0, 0, [entry(1, 'a')], 0));
    expect(n.state.log).toEqual(log);
  });

  // etcd TestFollowerCommitEntry: exactly the first leaderCommit entries become committed.
  it.each([
    { entries: [entry(1, 'some data')], commit: 1 },
    { entries: [entry(1, 'some data'), entry(1, 'some data2')], commit: 2 },
    { entries: [entry(1, 'some data2'), entry(1, 'some data')], commit: 2 },
    { entries: [entry(1, 'some data'), entry(1, 'some data2')], commit: 1 },
  ])('§5.3 a follower commits and applies exactly the first leaderCommit=$commit entries', ({ entries, commit }) => {
    const n = makeNode('n1', N3);
    n.state.currentTerm = 1;
    const fx = deliver(n, 'n2', appendEntries(1, 0, 0, entries, commit));
    expect(n.state.commitIndex).toBe(commit);
    expect(n.state.lastApplied).toBe(commit);
    expect(fx.applies.map((a) => a.command)).toEqual(entries.slice(0, commit).map((e) => e.command));
  });

  it('§5.3 commitIndex = min(leaderCommit, index of last new entry), and never goes down', () => {
    const n = makeNode('n1', N3);
    n.state.log = logOf(1, 1, 1);
    n.state.currentTerm = 1;
    deliver(n, 'n2', appendEntries(1, 1, 1, [], 3));
    expect(n.state.commitIndex).toBe(1); // only index 1 is known to match the leader
    deliver(n, 'n2', appendEntries(1, 3, 1, [], 3));
    expect(n.state.commitIndex).toBe(3);
    deliver(n, 'n2', appendEntries(1, 1, 1, [], 2));
    expect(n.state.commitIndex).toBe(3);
  });

  // etcd TestLeaderSyncFollowerLog, paper Figure 7: after one proposal, the follower's log equals the leader's.
  const figure7 = [1, 1, 1, 4, 4, 5, 5, 6, 6, 6];
  it.each([
    { name: 'a', log: [1, 1, 1, 4, 4, 5, 5, 6, 6], rejections: 1 },
    { name: 'b', log: [1, 1, 1, 4, 4], rejections: 1 },
    { name: 'c', log: [1, 1, 1, 4, 4, 5, 5, 6, 6, 6, 6], rejections: 0 },
    { name: 'd', log: [1, 1, 1, 4, 4, 5, 5, 6, 6, 6, 7, 7], rejections: 0 },
    { name: 'e', log: [1, 1, 1, 4, 4, 4, 4], rejections: 2 },
    { name: 'f', log: [1, 1, 1, 2, 2, 2, 3, 3, 3, 3, 3], rejections: 2 },
  ])('§5.3 Figure 7 ($name): the leader brings the follower’s log to its own, with $rejections rejections', ({ log, rejections }) => {
    const leader = makeNode('n1', N3);
    leader.state.log = logOf(...figure7);
    leader.state.currentTerm = 8;
    const follower = makeNode('n2', N3);
    follower.state.log = logOf(...log);
    follower.state.currentTerm = Math.max(...log);
    const won = elect(leader); // term 9, with n2's vote (n2 need not be reachable: the pump delivers only to n1 and n2)
    const steps = pump([leader, follower], 'n1', won.sends);
    const proposal = request(leader, 'c1', 1, { f: 'put', key: 'k', value: 'v' });
    steps.push(...pump([leader, follower], 'n1', proposal.sends));
    expect(terms(follower)).toEqual([...figure7, 9, 9]);
    expect(follower.state.log).toEqual(leader.state.log);
    expect(steps.flatMap((s) => sendsOf(s, 'AppendEntriesReply')).filter((r) => !r.msg.success)).toHaveLength(rejections);
    expect(leader.state.commitIndex).toBe(12);
  });
});

describe('§5.4.2 committing entries from previous terms', () => {
  // etcd TestLeaderOnlyCommitsLogFromCurrentTerm: a 2-node cluster, leader log [t1, t2], new term 3.
  it.each([
    { acked: 1, commit: 0 },
    { acked: 2, commit: 0 },
    { acked: 3, commit: 3 },
  ])('§5.4.2 a follower ack up to $acked makes commitIndex $commit (old-term entries do not commit by counting)', ({ acked, commit }) => {
    const n = makeNode('n1', ['n1', 'n2']);
    n.state.log = logOf(1, 2);
    n.state.currentTerm = 2;
    elect(n);
    request(n, 'c1', 1, { f: 'put', key: 'k', value: 'v' });
    expect(terms(n)).toEqual([1, 2, 3, 3]);
    ack(n, 'n2', acked);
    expect(n.state.commitIndex).toBe(commit);
  });

  it('§5.4.2 a leader that has not yet replicated an entry of its own term commits nothing (Figure 8)', () => {
    const n = makeNode('n1', N3);
    n.state.log = logOf(1, 2);
    n.state.currentTerm = 3;
    stepNode(n, { kind: 'timeout' });
    deliver(n, 'n2', { type: 'RequestVoteReply', term: 4, voteGranted: true });
    ack(n, 'n2', 2);
    ack(n, 'n3', 2);
    expect(n.state.commitIndex).toBe(0);
    ack(n, 'n3', 3);
    expect(n.state.commitIndex).toBe(3);
  });
});
