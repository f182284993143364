import { describe, expect, it } from 'vitest';
import { appendEntries, deliver, elect, fireTimer, logOf, makeNode, sendsOf, stepNode, terms } from './testkit';

const N3 = ['n1', 'n2', 'n3'];

describe('§5.1 terms', () => {
  it.each(['follower', 'candidate', 'leader'] as const)('§5.1 a %s at term 1 seeing AppendEntries of term 2 becomes a follower of term 2', (role) => {
    const n = makeNode('n1', N3);
    if (role === 'follower') n.state.currentTerm = 1;
    else stepNode(n, { kind: 'timeout' }); // term 1, candidate
    if (role === 'leader') deliver(n, 'n2', { type: 'RequestVoteReply', term: 1, voteGranted: true });
    expect(n.state.role).toBe(role);
    expect(n.state.currentTerm).toBe(1);

    const fx = deliver(n, 'n2', appendEntries(2, 0, 0, [], 0, 'n2'));
    expect(n.state.role).toBe('follower');
    expect(n.state.currentTerm).toBe(2);
    expect(n.state.votedFor).toBeNull();
    expect(n.state.leaderId).toBe('n2');
    if (role === 'leader') expect(fx.timersCleared).toContain('heartbeat');
    if (role !== 'follower') expect(n.timers.has('election')).toBe(true);
  });

  it('§5.1 a RequestVote of a higher term resets votedFor before voting', () => {
    const n = makeNode('n1', N3);
    n.state.currentTerm = 3;
    n.state.votedFor = 'n2';
    const fx = deliver(n, 'n3', { type: 'RequestVote', term: 4, candidateId: 'n3', lastLogIndex: 0, lastLogTerm: 0 });
    expect(n.state.currentTerm).toBe(4);
    expect(n.state.votedFor).toBe('n3');
    expect(sendsOf(fx, 'RequestVoteReply')[0]!.msg).toEqual({ type: 'RequestVoteReply', term: 4, voteGranted: true });
  });

  it('§5.1 a stale-term AppendEntries is refused with the current term and changes nothing', () => {
    const n = makeNode('n1', N3);
    n.state.currentTerm = 2;
    n.state.log = logOf(1);
    const fx = deliver(n, 'n2', appendEntries(1, 1, 1, logOf(1), 1, 'n2'));
    expect(fx.sends).toEqual([{ to: 'n2', msg: { type: 'AppendEntriesReply', term: 2, success: false, matchIndex: 0 } }]);
    expect(terms(n)).toEqual([1]);
    expect(n.state.commitIndex).toBe(0);
    expect(n.state.leaderId).toBeNull();
    expect(fx.timersSet).toEqual([]); // a stale leader does not hold off elections
  });

  it('§5.1 a stale-term RequestVote is refused with the current term', () => {
    const n = makeNode('n1', N3);
    n.state.currentTerm = 2;
    const fx = deliver(n, 'n3', { type: 'RequestVote', term: 1, candidateId: 'n3', lastLogIndex: 5, lastLogTerm: 1 });
    expect(fx.sends).toEqual([{ to: 'n3', msg: { type: 'RequestVoteReply', term: 2, voteGranted: false } }]);
    expect(n.state.votedFor).toBeNull();
  });

  it('§5.1 stale replies are ignored', () => {
    const n = makeNode('n1', N3);
    n.state.currentTerm = 1;
    elect(n); // leader of term 2
    const fx = deliver(n, 'n2', { type: 'AppendEntriesReply', term: 1, success: true, matchIndex: 1 });
    expect(fx.sends).toEqual([]);
    expect(n.state.matchIndex.n2).toBe(0);

    const c = makeNode('n1', N3);
    c.state.currentTerm = 1;
    stepNode(c, { kind: 'timeout' }); // candidate of term 2
    deliver(c, 'n2', { type: 'RequestVoteReply', term: 1, voteGranted: true });
    expect(c.state.role).toBe('candidate');
    expect(c.state.votesGranted).toEqual(['n1']);
  });
});

describe('§5.2 leader election', () => {
  it('§5.2 a new node starts as a follower of term 0 and start arms its election timer', () => {
    const n = makeNode('n1', N3, { electionTimeoutMs: [150, 300] });
    expect(n.state.role).toBe('follower');
    expect(n.state.currentTerm).toBe(0);
    const fx = stepNode(n, { kind: 'start' });
    expect(fx.timersSet).toHaveLength(1);
    expect(fx.timersSet[0]!.name).toBe('election');
    expect(fx.timersSet[0]!.afterMs).toBeGreaterThanOrEqual(150);
    expect(fx.timersSet[0]!.afterMs).toBeLessThanOrEqual(300);
  });

  it.each([
    { log: [] as number[], term: 0, wantTerm: 1, lastIndex: 0, lastTerm: 0 },
    { log: [1], term: 1, wantTerm: 2, lastIndex: 1, lastTerm: 1 },
    { log: [1, 2], term: 2, wantTerm: 3, lastIndex: 2, lastTerm: 2 },
  ])('§5.2 §5.4.1 a follower whose election timer fires campaigns: term $wantTerm, own vote, RequestVote last $lastIndex/$lastTerm to each peer', ({ log, term, wantTerm, lastIndex, lastTerm }) => {
    const n = makeNode('n1', N3);
    n.state.log = logOf(...log);
    n.state.currentTerm = term;
    const fx = fireTimer(n, 'election');
    expect(n.state.role).toBe('candidate');
    expect(n.state.currentTerm).toBe(wantTerm);
    expect(n.state.votedFor).toBe('n1');
    expect(n.state.votesGranted).toEqual(['n1']);
    expect(fx.sends).toEqual(
      ['n2', 'n3'].map((to) => ({ to, msg: { type: 'RequestVote', term: wantTerm, candidateId: 'n1', lastLogIndex: lastIndex, lastLogTerm: lastTerm } })),
    );
    expect(fx.timersSet.map((t) => t.name)).toContain('election');
  });

  it('§5.2 a candidate whose election stalls starts a new one in the next term', () => {
    const n = makeNode('n1', N3);
    stepNode(n, { kind: 'timeout' });
    deliver(n, 'n2', { type: 'RequestVoteReply', term: 1, voteGranted: false });
    const fx = fireTimer(n, 'election');
    expect(n.state.role).toBe('candidate');
    expect(n.state.currentTerm).toBe(2);
    expect(n.state.votesGranted).toEqual(['n1']);
    expect(sendsOf(fx, 'RequestVote').map((s) => s.msg.term)).toEqual([2, 2]);
  });

  // etcd TestLeaderElectionInOneRoundRPC. Deviation: Figure 2 has no rule that a candidate rejected
  // by a majority steps down (etcd adds it), so such a candidate stays candidate until its timeout.
  it.each([
    { size: 1, votes: {}, want: 'leader' },
    { size: 3, votes: { n2: true, n3: true }, want: 'leader' },
    { size: 3, votes: { n2: true }, want: 'leader' },
    { size: 5, votes: { n2: true, n3: true, n4: true, n5: true }, want: 'leader' },
    { size: 5, votes: { n2: true, n3: true, n4: true }, want: 'leader' },
    { size: 5, votes: { n2: true, n3: true }, want: 'leader' },
    { size: 3, votes: { n2: false, n3: false }, want: 'candidate' },
    { size: 5, votes: { n2: false, n3: false, n4: false, n5: false }, want: 'candidate' },
    { size: 5, votes: { n2: true, n3: false, n4: false, n5: false }, want: 'candidate' },
    { size: 3, votes: {}, want: 'candidate' },
    { size: 5, votes: { n2: true }, want: 'candidate' },
    { size: 5, votes: { n2: false, n3: false }, want: 'candidate' },
    { size: 5, votes: {}, want: 'candidate' },
  ] as { size: number; votes: Record<string, boolean>; want: string }[])(
    '§5.2 a candidate in a cluster of $size with votes $votes ends up $want, still in term 1',
    ({ size, votes, want }) => {
      const nodes = Array.from({ length: size }, (_, i) => `n${i + 1}`);
      const n = makeNode('n1', nodes);
      stepNode(n, { kind: 'timeout' });
      for (const [from, voteGranted] of Object.entries(votes)) deliver(n, from, { type: 'RequestVoteReply', term: 1, voteGranted });
      expect(n.state.role).toBe(want);
      expect(n.state.currentTerm).toBe(1);
    },
  );

  it('§5.2 a duplicated vote is counted once', () => {
    const n = makeNode('n1', ['n1', 'n2', 'n3', 'n4', 'n5']);
    stepNode(n, { kind: 'timeout' });
    deliver(n, 'n2', { type: 'RequestVoteReply', term: 1, voteGranted: true });
    deliver(n, 'n2', { type: 'RequestVoteReply', term: 1, voteGranted: true });
    expect(n.state.role).toBe('candidate');
    expect(n.state.votesGranted).toEqual(['n1', 'n2']);
  });

  it.each([
    { votedFor: null, candidate: 'n2', grant: true },
    { votedFor: null, candidate: 'n3', grant: true },
    { votedFor: 'n2', candidate: 'n2', grant: true },
    { votedFor: 'n3', candidate: 'n3', grant: true },
    { votedFor: 'n2', candidate: 'n3', grant: false },
    { votedFor: 'n3', candidate: 'n2', grant: false },
  ])('§5.2 a follower that voted for $votedFor answers $candidate: granted=$grant (one vote per term)', ({ votedFor, candidate, grant }) => {
    const n = makeNode('n1', N3);
    n.state.currentTerm = 1;
    n.state.votedFor = votedFor;
    const fx = deliver(n, candidate, { type: 'RequestVote', term: 1, candidateId: candidate, lastLogIndex: 0, lastLogTerm: 0 });
    expect(fx.sends).toEqual([{ to: candidate, msg: { type: 'RequestVoteReply', term: 1, voteGranted: grant } }]);
    expect(n.state.votedFor).toBe(grant ? candidate : votedFor);
    // Granting a vote re-arms the election timer (Figure 2); refusing does not.
    expect(fx.timersSet.some((t) => t.name === 'election')).toBe(grant);
  });

  it.each([1, 2])('§5.2 a candidate of term 1 receiving AppendEntries of term %i falls back to follower of that term', (term) => {
    const n = makeNode('n1', N3);
    stepNode(n, { kind: 'timeout' });
    deliver(n, 'n2', appendEntries(term, 0, 0, [], 0, 'n2'));
    expect(n.state.role).toBe('follower');
    expect(n.state.currentTerm).toBe(term);
    expect(n.state.leaderId).toBe('n2');
    expect(n.state.votesGranted).toEqual([]);
  });

  it('§5.2 election timeouts are drawn uniformly and cover the whole range', () => {
    const n = makeNode('n1', N3, { electionTimeoutMs: [10, 19], heartbeatMs: 5 }, 42);
    const seen = new Set<number>();
    for (let round = 0; round < 500; round++) {
      for (const t of fireTimer(n, 'election').timersSet) if (t.name === 'election') seen.add(t.afterMs);
    }
    expect([...seen].sort((a, b) => a - b)).toEqual([10, 11, 12, 13, 14, 15, 16, 17, 18, 19]);
  });

  it('§5.2 a single-node cluster becomes leader at once and commits its no-op', () => {
    const n = makeNode('n1', ['n1']);
    const fx = stepNode(n, { kind: 'timeout' });
    expect(n.state.role).toBe('leader');
    expect(n.state.commitIndex).toBe(1);
    expect(fx.applies).toEqual([{ index: 1, term: 1, command: { kind: 'noop' } }]);
    expect(fx.sends).toEqual([]);
  });

  it('§5.2 §5.3 a new leader sets nextIndex/matchIndex, appends a no-op of its term and sends it at once', () => {
    const n = makeNode('n1', N3);
    n.state.log = logOf(1, 1);
    n.state.currentTerm = 1;
    const fx = elect(n);
    expect(n.state.role).toBe('leader');
    expect(n.state.leaderId).toBe('n1');
    expect(terms(n)).toEqual([1, 1, 2]);
    expect(n.state.matchIndex).toEqual({ n2: 0, n3: 0 });
    expect(fx.timersCleared).toContain('election');
    expect(fx.timersSet).toContainEqual({ name: 'heartbeat', afterMs: 50 });
    const aes = sendsOf(fx, 'AppendEntries');
    expect(aes.map((s) => s.to)).toEqual(['n2', 'n3']);
    for (const { msg } of aes) {
      expect(msg).toMatchObject({ term: 2, leaderId: 'n1', prevLogIndex: 2, prevLogTerm: 1, leaderCommit: 0 });
      expect(msg.entries).toEqual([{ term: 2, command: { kind: 'noop' } }]);
    }
    expect(fx.notes.some((t) => t.includes('n1 becomes leader of term 2 with votes from n1, n2'))).toBe(true);
  });

  it('§5.2 the leader sends a heartbeat to every peer on each heartbeat timer', () => {
    const n = makeNode('n1', N3);
    n.state.log = logOf(1, 1, 1, 1, 1, 1, 1, 1, 1, 1);
    n.state.currentTerm = 1;
    elect(n);
    const fx = fireTimer(n, 'heartbeat');
    const aes = sendsOf(fx, 'AppendEntries');
    expect(aes.map((s) => s.to)).toEqual(['n2', 'n3']);
    for (const { msg } of aes) expect(msg).toMatchObject({ term: 2, prevLogIndex: 11, prevLogTerm: 2, entries: [], leaderCommit: 0 });
    expect(fx.timersSet).toEqual([{ name: 'heartbeat', afterMs: 50 }]);
    expect(fx.notes).toEqual([]);
  });

  it('§5.2 a leader ignores a forced timeout, and a follower ignores a stray heartbeat timer', () => {
    const n = makeNode('n1', N3);
    elect(n);
    const fx = stepNode(n, { kind: 'timeout' });
    expect(n.state.role).toBe('leader');
    expect(n.state.currentTerm).toBe(1);
    expect(fx.sends).toEqual([]);
    expect(fx.notes).toHaveLength(1);

    const f = makeNode('n2', N3);
    expect(fireTimer(f, 'heartbeat').sends).toEqual([]);
  });

  it('§5.2 a valid AppendEntries re-arms the follower election timer and records the leader', () => {
    const n = makeNode('n1', N3);
    n.state.currentTerm = 3;
    const fx = deliver(n, 'n3', appendEntries(3, 0, 0, [], 0, 'n3'));
    expect(fx.timersSet.map((t) => t.name)).toEqual(['election']);
    expect(n.state.leaderId).toBe('n3');
  });
});

describe('§5.4.1 election restriction', () => {
  // etcd TestVoter: the voter's log, the candidate's (lastLogTerm, lastLogIndex), the vote.
  it.each([
    { log: [1], lastTerm: 1, lastIndex: 1, grant: true },
    { log: [1], lastTerm: 1, lastIndex: 2, grant: true },
    { log: [1, 1], lastTerm: 1, lastIndex: 1, grant: false },
    { log: [1], lastTerm: 2, lastIndex: 1, grant: true },
    { log: [1], lastTerm: 2, lastIndex: 2, grant: true },
    { log: [1, 1], lastTerm: 2, lastIndex: 1, grant: true },
    { log: [2], lastTerm: 1, lastIndex: 1, grant: false },
    { log: [2], lastTerm: 1, lastIndex: 2, grant: false },
    { log: [2, 2], lastTerm: 1, lastIndex: 1, grant: false },
    { log: [], lastTerm: 0, lastIndex: 0, grant: true },
  ])('§5.4.1 voter with log $log, candidate last $lastIndex/$lastTerm: granted=$grant', ({ log, lastTerm, lastIndex, grant }) => {
    const n = makeNode('n1', N3);
    n.state.log = logOf(...log);
    n.state.currentTerm = 2;
    const fx = deliver(n, 'n2', { type: 'RequestVote', term: 3, candidateId: 'n2', lastLogIndex: lastIndex, lastLogTerm: lastTerm });
    expect(fx.sends).toEqual([{ to: 'n2', msg: { type: 'RequestVoteReply', term: 3, voteGranted: grant } }]);
    expect(n.state.currentTerm).toBe(3);
    expect(n.state.votedFor).toBe(grant ? 'n2' : null);
  });

  it('§5.4.1 voter rejects a candidate whose last term is older even if its log is longer', () => {
    const n = makeNode('n1', N3);
    n.state.log = logOf(1, 3);
    n.state.currentTerm = 3;
    const fx = deliver(n, 'n2', { type: 'RequestVote', term: 4, candidateId: 'n2', lastLogIndex: 9, lastLogTerm: 2 });
    expect(sendsOf(fx, 'RequestVoteReply')[0]!.msg.voteGranted).toBe(false);
    expect(fx.notes[0]).toMatch(/behind/);
  });
});
