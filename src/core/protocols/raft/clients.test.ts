import { describe, expect, it } from 'vitest';
import { raft } from './index';
import { ack, appendEntries, deliver, elect, entry, makeNode, request, sendsOf, stepNode, terms } from './testkit';

const N3 = ['n1', 'n2', 'n3'];
const put = (key: string, value: string) => ({ f: 'put' as const, key, value });

describe('§8 client interaction', () => {
  it('§8 a follower redirects a client to the leader it knows, or to null', () => {
    const n = makeNode('n1', N3);
    expect(request(n, 'c1', 1, put('k', 'v')).replies).toEqual([{ client: 'c1', requestId: 1, reply: { kind: 'redirect', leader: null } }]);
    n.state.currentTerm = 1;
    deliver(n, 'n3', appendEntries(1, 0, 0, [], 0, 'n3'));
    const fx = request(n, 'c1', 1, put('k', 'v'));
    expect(fx.replies).toEqual([{ client: 'c1', requestId: 1, reply: { kind: 'redirect', leader: 'n3' } }]);
    expect(n.state.log).toEqual([]);
  });

  it('§8 a candidate redirects to null', () => {
    const n = makeNode('n1', N3);
    stepNode(n, { kind: 'timeout' });
    expect(request(n, 'c1', 1, put('k', 'v')).replies[0]!.reply).toEqual({ kind: 'redirect', leader: null });
  });

  it('§8 a leader whose log is full answers "unavailable: log full" (not a failure) and appends nothing', () => {
    const n = makeNode('n1', N3, { maxLogEntries: 2 });
    elect(n);
    request(n, 'c1', 1, put('a', '1'));
    const fx = request(n, 'c1', 2, put('b', '2'));
    expect(fx.replies).toEqual([{ client: 'c1', requestId: 2, reply: { kind: 'unavailable', reason: 'log full' } }]);
    expect(n.state.log).toHaveLength(2);
    expect(fx.sends).toEqual([]);
  });

  it('§8 with a full log, a retry of a request already applied still gets its result', () => {
    const n = makeNode('n1', N3, { maxLogEntries: 2 });
    elect(n);
    request(n, 'c1', 1, put('a', '1'));
    ack(n, 'n2', 2);
    expect(n.state.lastApplied).toBe(2);
    const fx = request(n, 'c1', 1, put('a', '1'));
    expect(fx.replies).toEqual([{ client: 'c1', requestId: 1, reply: { kind: 'result', result: { ok: true } } }]);
  });

  it('§8 reads go through the log and are answered only once committed', () => {
    const n = makeNode('n1', N3);
    elect(n);
    request(n, 'c1', 1, put('k', 'v'));
    const read = request(n, 'c2', 1, { f: 'get', key: 'k' });
    expect(read.replies).toEqual([]);
    expect(n.state.log).toHaveLength(3);
    const fx = ack(n, 'n2', 3);
    expect(fx.replies.map((r) => r.reply)).toEqual([
      { kind: 'result', result: { ok: true } },
      { kind: 'result', result: { ok: true, value: 'v' } },
    ]);
  });

  it('§8 a retry of an applied request is answered from the session table without a new entry', () => {
    const n = makeNode('n1', N3);
    elect(n);
    request(n, 'c1', 7, { f: 'append', key: 'k', value: 'x' });
    ack(n, 'n2', 2);
    const fx = request(n, 'c1', 7, { f: 'append', key: 'k', value: 'x' });
    expect(fx.replies).toEqual([{ client: 'c1', requestId: 7, reply: { kind: 'result', result: { ok: true } } }]);
    expect(n.state.log).toHaveLength(2);
    expect(n.state.kv.get('k')).toBe('x');
  });

  it('§8 a request retried before it applied is logged twice but takes effect once', () => {
    const n = makeNode('n1', N3);
    elect(n);
    request(n, 'c1', 1, { f: 'append', key: 'k', value: 'x' });
    request(n, 'c1', 1, { f: 'append', key: 'k', value: 'x' });
    expect(n.state.log).toHaveLength(3);
    const fx = ack(n, 'n2', 3);
    expect(fx.applies.map((a) => a.index)).toEqual([1, 2, 3]);
    expect(n.state.kv.get('k')).toBe('x');
    expect(fx.replies).toHaveLength(2);
    for (const r of fx.replies) expect(r.reply).toEqual({ kind: 'result', result: { ok: true } });
  });

  it('§8 a follower applying duplicate entries also applies them once', () => {
    const n = makeNode('n1', N3);
    n.state.currentTerm = 1;
    const op = { kind: 'op' as const, client: 'c1', requestId: 1, op: { f: 'append' as const, key: 'k', value: 'x' } };
    deliver(n, 'n2', appendEntries(1, 0, 0, [{ term: 1, command: op }, { term: 1, command: op }], 2));
    expect(n.state.lastApplied).toBe(2);
    expect(n.state.kv.get('k')).toBe('x');
  });

  it('§8 a leader that steps down redirects its pending requests to the new leader', () => {
    const n = makeNode('n1', N3);
    elect(n);
    request(n, 'c1', 1, put('a', '1'));
    request(n, 'c2', 4, put('b', '2'));
    const fx = deliver(n, 'n3', appendEntries(2, 0, 0, [], 0, 'n3'));
    expect(n.state.role).toBe('follower');
    expect(fx.replies).toEqual([
      { client: 'c1', requestId: 1, reply: { kind: 'redirect', leader: 'n3' } },
      { client: 'c2', requestId: 4, reply: { kind: 'redirect', leader: 'n3' } },
    ]);
    expect(n.state.pending.size).toBe(0);
  });

  it('§8 a leader deposed by a higher-term RequestVote redirects its pending requests to null', () => {
    const n = makeNode('n1', N3);
    elect(n);
    request(n, 'c1', 1, put('a', '1'));
    const fx = deliver(n, 'n2', { type: 'RequestVote', term: 2, candidateId: 'n2', lastLogIndex: 0, lastLogTerm: 0 });
    expect(fx.replies).toEqual([{ client: 'c1', requestId: 1, reply: { kind: 'redirect', leader: null } }]);
    expect(sendsOf(fx, 'RequestVoteReply')[0]!.msg.voteGranted).toBe(false); // n2's log is behind
  });
});

describe('§5 restart: only currentTerm, votedFor and log survive', () => {
  it('§5 persistent gives an unaliased copy; recover rebuilds a follower with commit 0 and an empty state machine', () => {
    const n = makeNode('n1', N3);
    elect(n);
    request(n, 'c1', 1, put('k', 'v'));
    ack(n, 'n2', 2);
    expect(n.state.kv.get('k')).toBe('v');

    const saved = raft.persistent(n.state);
    expect(saved).toEqual({ currentTerm: 1, votedFor: 'n1', log: n.state.log });
    n.state.log.push(entry(1));
    (n.state.log[0]!.command as { kind: string }).kind = 'mutated';
    expect(saved.log).toHaveLength(2);
    expect(saved.log[0]!.command).toEqual({ kind: 'noop' });

    const r = raft.recover(saved, 'n1', N3, n.state.config);
    expect(raft.summary(r)).toEqual({ role: 'follower', term: 1, votedFor: 'n1', commitIndex: 0, lastLogIndex: 2, lastApplied: 0 });
    expect(r.kv.size).toBe(0);
    expect(r.sessions.size).toBe(0);
    expect(r.pending.size).toBe(0);
    expect(r.log).not.toBe(saved.log);

    // It re-applies committed entries once it learns commitIndex again.
    const node = makeNode('n1', N3);
    node.state = r;
    const fx = deliver(node, 'n2', appendEntries(2, 2, 1, [], 2, 'n2'));
    expect(fx.applies.map((a) => a.index)).toEqual([1, 2]);
    expect(r.kv.get('k')).toBe('v');
    expect(terms(node)).toEqual([1, 1]);
  });

  it('§5.2 a restarted node votes no again in a term it already voted in', () => {
    const n = makeNode('n1', N3);
    n.state.currentTerm = 3;
    deliver(n, 'n2', { type: 'RequestVote', term: 4, candidateId: 'n2', lastLogIndex: 0, lastLogTerm: 0 });
    const node = makeNode('n1', N3);
    node.state = raft.recover(raft.persistent(n.state), 'n1', N3, n.state.config);
    const fx = deliver(node, 'n3', { type: 'RequestVote', term: 4, candidateId: 'n3', lastLogIndex: 0, lastLogTerm: 0 });
    expect(sendsOf(fx, 'RequestVoteReply')[0]!.msg.voteGranted).toBe(false);
  });
});

describe('protocol surface', () => {
  it('summary, inspect and structured cloning of the state', () => {
    const n = makeNode('n1', N3);
    elect(n);
    request(n, 'c1', 1, put('k', 'v'));
    ack(n, 'n2', 2);
    const detail = raft.inspect(n.state);
    expect(detail.summary).toEqual({ role: 'leader', term: 1, votedFor: 'n1', commitIndex: 2, lastLogIndex: 2, lastApplied: 2 });
    expect(detail.progress).toEqual({ n2: { nextIndex: 3, matchIndex: 2 }, n3: { nextIndex: 3, matchIndex: 0 } });
    expect(detail.votesReceived).toEqual(['n1', 'n2']);
    expect(detail.kv).toEqual({ k: 'v' });
    expect(detail.log.map((e) => e.term)).toEqual([1, 1]);
    expect(detail.extra.leaderId).toBe('n1');
    expect(raft.inspect(makeNode('n2', N3).state).progress).toBeNull();

    const clone = structuredClone(n.state);
    expect(raft.summary(clone)).toEqual(raft.summary(n.state));
    expect(clone.kv.get('k')).toBe('v');
  });

  it('messageType, describeMessage and minTimerDelayMs', () => {
    expect(raft.messageType({ type: 'RequestVoteReply', term: 4, voteGranted: true })).toBe('RequestVoteReply');
    expect(raft.describeMessage({ type: 'RequestVote', term: 4, candidateId: 'n1', lastLogIndex: 7, lastLogTerm: 3 })).toBe('RequestVote t4 last 7/3');
    expect(raft.describeMessage(appendEntries(3, 4, 2, [entry(3)], 4))).toBe('AppendEntries t3 prev 4/2 +1 commit 4');
    expect(raft.describeMessage({ type: 'RequestVoteReply', term: 4, voteGranted: true })).toBe('RequestVoteReply t4 granted');
    expect(raft.describeMessage({ type: 'AppendEntriesReply', term: 3, success: true, matchIndex: 5 })).toBe('AppendEntriesReply t3 ok match 5');
    expect(raft.describeMessage({ type: 'AppendEntriesReply', term: 3, success: false, matchIndex: 0, conflictIndex: 4, conflictTerm: 2 })).toBe(
      'AppendEntriesReply t3 reject conflict 4/t2',
    );
    expect(raft.minTimerDelayMs({ electionTimeoutMs: [150, 300], heartbeatMs: 50, maxEntriesPerAppend: 1, maxLogEntries: 1 })).toBe(50);
    expect(raft.minTimerDelayMs({ electionTimeoutMs: [20, 300], heartbeatMs: 50, maxEntriesPerAppend: 1, maxLogEntries: 1 })).toBe(20);
  });
});
