/**
 * Log compaction (Raft §7, Figures 12–13; thesis §5.1), after etcd raft's TestRestore,
 * TestRestoreIgnoreSnapshot, TestProvideSnap and TestSlowNodeRestore (raft_test.go).
 */
import { describe, expect, it } from 'vitest';
import { createSessions } from '../../kv';
import type { InstallSnapshot, RaftMessage } from './messages';
import { raft } from './index';
import { encodeStateMachine } from './snapshot-data';
import { entriesBetween, entryAt, lastLogIndex, lastLogTerm, termAt, truncateAfter } from './state';
import { ack, appendEntries, deliver, elect, entry, fireTimer, makeNode, pump, request, sendsOf, type TestNode } from './testkit';

const N3 = ['n1', 'n2', 'n3'];
const image = (kv: Record<string, string>) => encodeStateMachine(new Map(Object.entries(kv)), createSessions());

/** install builds one InstallSnapshot chunk of term `term` from n2. */
function install(term: number, lastIncludedIndex: number, lastIncludedTerm: number, data: string, offset = 0, done = true): InstallSnapshot {
  return { type: 'InstallSnapshot', term, leaderId: 'n2', lastIncludedIndex, lastIncludedTerm, offset, data, done };
}

/** follower gives n1 as a follower of `term` holding `terms` (one no-op per term) with commitIndex `commit`. */
function follower(term: number, terms: number[], commit = 0, config = {}): TestNode {
  const n = makeNode('n1', N3, config);
  n.state.currentTerm = term;
  n.state.log = terms.map((t) => entry(t));
  n.state.commitIndex = commit;
  n.state.lastApplied = commit;
  return n;
}

/** leaderWithSnapshot makes n1 leader of term 2 that applied 10 puts and compacted them (threshold 10). */
function leaderWithSnapshot(): TestNode {
  const n = makeNode('n1', N3, { snapshotThreshold: 10 });
  n.state.currentTerm = 1;
  elect(n); // term 2, no-op at 1
  for (const peer of n.state.peers) ack(n, peer, 1);
  for (let i = 1; i <= 9; i++) {
    request(n, 'c1', i, { f: 'put', key: `k${i}`, value: String(i) });
    ack(n, 'n2', lastLogIndex(n.state));
  }
  return n;
}

describe('§7 the log accessors with a snapshot', () => {
  it('§7 indexes continue from lastIncludedIndex; lastIncludedTerm stands at lastIncludedIndex', () => {
    const s = { currentTerm: 3, votedFor: null, log: [entry(3), entry(3)], snapshot: { lastIncludedIndex: 10, lastIncludedTerm: 2, data: image({}) } };
    expect(lastLogIndex(s)).toBe(12);
    expect(lastLogTerm(s)).toBe(3);
    expect([termAt(s, 9), termAt(s, 10), termAt(s, 11), termAt(s, 13)]).toEqual([0, 2, 3, 0]);
    expect(entryAt(s, 11)).toBe(s.log[0]);
    expect(() => entryAt(s, 10)).toThrow(/no log entry at index 10 \(the log holds 11–12\)/);
    expect(entriesBetween(s, 10, 12)).toEqual(s.log);
    expect(() => entriesBetween(s, 9, 12)).toThrow(/compacted/);
    truncateAfter(s, 5); // never below the snapshot: it holds committed entries only
    expect(lastLogIndex(s)).toBe(10);
  });
});

describe('§7 taking a snapshot', () => {
  it('§7 once snapshotThreshold applied entries follow the last snapshot, the node snapshots at lastApplied and keeps the rest', () => {
    const n = leaderWithSnapshot();
    expect(n.state.snapshot).toMatchObject({ lastIncludedIndex: 10, lastIncludedTerm: 2 });
    expect(n.state.log).toEqual([]);
    expect(lastLogIndex(n.state)).toBe(10);
    expect(JSON.parse(n.state.snapshot!.data).kv).toContainEqual(['k9', '9']);
    // The session table goes into the snapshot too (§8's deduplication survives compaction).
    expect(JSON.parse(n.state.snapshot!.data).sessions).toEqual([['c1', { lastRequestId: 9, result: { ok: true } }]]);
    const fx = request(n, 'c1', 10, { f: 'put', key: 'x', value: 'y' });
    expect(sendsOf(fx, 'AppendEntries').map((s) => [s.msg.prevLogIndex, s.msg.prevLogTerm])).toEqual([[10, 2], [10, 2]]);
  });

  it('§7 records snapshot-taken with the boundary and the image', () => {
    const n = makeNode('n1', ['n1'], { snapshotThreshold: 2 });
    elect(n);
    const fx = request(n, 'c1', 1, { f: 'put', key: 'a', value: '1' });
    expect(fx.records).toEqual([{ kind: 'snapshot-taken', fields: { lastIncludedIndex: 2, lastIncludedTerm: 1, bytes: expect.any(Number), data: n.state.snapshot!.data } }]);
  });

  it('without snapshotThreshold (the default) the log is never compacted', () => {
    const n = makeNode('n1', ['n1']);
    elect(n);
    for (let i = 1; i <= 30; i++) request(n, 'c1', i, { f: 'put', key: 'a', value: String(i) });
    expect(n.state.snapshot).toBeUndefined();
    expect(n.state.log).toHaveLength(31);
  });
});

describe('§7 Figure 13 InstallSnapshot, the receiver', () => {
  it('TestRestore: installs the snapshot, takes commitIndex and the state machine from it; a repeat is refused', () => {
    const n = follower(3, [1, 1, 2], 2);
    const data = image({ x: '7' });
    const fx = deliver(n, 'n2', install(3, 11, 2, data));
    expect(n.state.snapshot).toMatchObject({ lastIncludedIndex: 11, lastIncludedTerm: 2, data });
    expect([lastLogIndex(n.state), lastLogTerm(n.state), n.state.commitIndex, n.state.lastApplied]).toEqual([11, 2, 11, 11]);
    expect(n.state.log).toEqual([]); // rule 5: no entry 11 of term 2 here, so the whole log goes
    expect([...n.state.kv]).toEqual([['x', '7']]);
    expect(fx.records.map((r) => r.kind)).toEqual(['snapshot-installed']);
    expect(sendsOf(fx, 'InstallSnapshotReply').map((s) => s.msg)).toEqual([{ type: 'InstallSnapshotReply', term: 3, lastIncludedIndex: 11, offset: data.length, done: true, matchIndex: 11 }]);
    const again = deliver(n, 'n2', install(3, 11, 2, data));
    expect(again.records).toEqual([]);
    expect(sendsOf(again, 'InstallSnapshotReply')[0]!.msg).toMatchObject({ done: true, matchIndex: 11 });
  });

  it('TestRestoreIgnoreSnapshot: a snapshot at or below commitIndex is ignored and the log kept', () => {
    const n = follower(1, [1, 1, 1], 3);
    const before = n.state.log;
    const fx = deliver(n, 'n2', install(1, 2, 1, image({ x: '1' })));
    expect(n.state.snapshot).toBeUndefined();
    expect(n.state.log).toBe(before);
    expect(fx.records).toEqual([]);
    expect(sendsOf(fx, 'InstallSnapshotReply')[0]!.msg).toMatchObject({ done: true, matchIndex: 3 });
  });

  it('Figure 13 rule 5: an entry at lastIncludedIndex of lastIncludedTerm keeps the entries after it', () => {
    const n = follower(2, [1, 1, 2, 2, 2], 1);
    const kept = n.state.log.slice(3);
    deliver(n, 'n2', install(2, 3, 2, image({})));
    expect(n.state.log).toEqual(kept);
    expect(lastLogIndex(n.state)).toBe(5);
    expect(n.state.commitIndex).toBe(3);
  });

  it('Figure 13 rules 2–3: chunks are gathered by offset; a chunk out of place is answered with the offset wanted', () => {
    const n = follower(1, [], 0);
    const data = image({ a: 'alpha', b: 'beta' });
    const [c1, c2] = [data.slice(0, 10), data.slice(10)];
    const wrong = deliver(n, 'n2', install(1, 4, 1, c2, 10, true));
    expect(sendsOf(wrong, 'InstallSnapshotReply')[0]!.msg).toMatchObject({ offset: 0, done: false });
    const first = deliver(n, 'n2', install(1, 4, 1, c1, 0, false));
    expect(sendsOf(first, 'InstallSnapshotReply')[0]!.msg).toMatchObject({ offset: 10, done: false });
    expect(n.state.snapshot).toBeUndefined(); // rule 3: not done, wait for more
    const resent = deliver(n, 'n2', install(1, 4, 1, c1, 0, false)); // a heartbeat resends the first chunk
    expect(sendsOf(resent, 'InstallSnapshotReply')[0]!.msg).toMatchObject({ offset: 10, done: false });
    const last = deliver(n, 'n2', install(1, 4, 1, c2, 10, true));
    expect(sendsOf(last, 'InstallSnapshotReply')[0]!.msg).toMatchObject({ offset: data.length, done: true, matchIndex: 4 });
    expect([...n.state.kv]).toEqual([['a', 'alpha'], ['b', 'beta']]);
  });

  it('§7 each chunk resets the election timer and names the leader; a stale term is refused with the current term (rule 1)', () => {
    const n = follower(2, [], 0);
    const fx = deliver(n, 'n2', install(2, 4, 1, 'x', 0, false));
    expect(fx.timersSet.map((t) => t.name)).toEqual(['election']);
    expect(n.state.leaderId).toBe('n2');
    const stale = deliver(n, 'n3', install(1, 4, 1, 'x', 0, false));
    expect(stale.timersSet).toEqual([]);
    expect(sendsOf(stale, 'InstallSnapshotReply')[0]!.msg).toMatchObject({ term: 2, done: false });
  });

  it('§7 an AppendEntries reaching into the snapshot is matched from lastIncludedIndex on', () => {
    const n = follower(2, [2], 0);
    deliver(n, 'n2', install(2, 5, 2, image({})));
    const fx = deliver(n, 'n2', appendEntries(2, 3, 1, [entry(1), entry(2), entry(2), entry(2)], 5));
    expect(sendsOf(fx, 'AppendEntriesReply')[0]!.msg).toMatchObject({ success: true, matchIndex: 7 });
    expect(lastLogIndex(n.state)).toBe(7);
    const old = deliver(n, 'n2', appendEntries(2, 1, 1, [entry(1)], 5));
    expect(sendsOf(old, 'AppendEntriesReply')[0]!.msg).toMatchObject({ success: true, matchIndex: 5 });
  });
});

describe('§7 InstallSnapshot, the leader', () => {
  it('TestProvideSnap: a follower whose nextIndex is at or behind the compacted entries gets the snapshot, in chunks', () => {
    const n = leaderWithSnapshot();
    n.state.config = { ...n.state.config, snapshotChunkBytes: 30 };
    const fx = deliver(n, 'n3', { type: 'AppendEntriesReply', term: 2, success: false, matchIndex: 0, conflictIndex: 1 });
    const snaps = sendsOf(fx, 'InstallSnapshot');
    expect(snaps.map((s) => [s.to, s.msg.lastIncludedIndex, s.msg.lastIncludedTerm, s.msg.offset, s.msg.data.length, s.msg.done])).toEqual([['n3', 10, 2, 0, 30, false]]);
    const next = deliver(n, 'n3', { type: 'InstallSnapshotReply', term: 2, lastIncludedIndex: 10, offset: 30, done: false, matchIndex: 0 });
    expect(sendsOf(next, 'InstallSnapshot').map((s) => s.msg.offset)).toEqual([30]);
    const dup = deliver(n, 'n3', { type: 'InstallSnapshotReply', term: 2, lastIncludedIndex: 10, offset: 30, done: false, matchIndex: 0 });
    expect(dup.sends).toEqual([]);
    // The heartbeat resends the chunk due, so a lost chunk is not the end of the transfer.
    expect(sendsOf(fireTimer(n, 'heartbeat'), 'InstallSnapshot').map((s) => [s.to, s.msg.offset])).toEqual([['n3', 30]]);
  });

  it('§7 once the follower is done, matchIndex and nextIndex move to the snapshot and AppendEntries goes on from there', () => {
    const n = leaderWithSnapshot();
    request(n, 'c1', 10, { f: 'put', key: 'x', value: 'y' });
    deliver(n, 'n3', { type: 'AppendEntriesReply', term: 2, success: false, matchIndex: 0, conflictIndex: 1 });
    const fx = deliver(n, 'n3', { type: 'InstallSnapshotReply', term: 2, lastIncludedIndex: 10, offset: n.state.snapshot!.data.length, done: true, matchIndex: 10 });
    expect([n.state.matchIndex.n3, n.state.nextIndex.n3]).toEqual([10, 12]);
    expect(sendsOf(fx, 'AppendEntries').map((s) => [s.to, s.msg.prevLogIndex, s.msg.prevLogTerm, s.msg.entries.length])).toEqual([['n3', 10, 2, 1]]);
  });

  it('§7 a transfer left over from an earlier term starts over from offset 0 at once', () => {
    const n = leaderWithSnapshot();
    n.state.config = { ...n.state.config, snapshotChunkBytes: 30 };
    deliver(n, 'n3', { type: 'AppendEntriesReply', term: 2, success: false, matchIndex: 0, conflictIndex: 1 });
    deliver(n, 'n3', { type: 'InstallSnapshotReply', term: 2, lastIncludedIndex: 10, offset: 30, done: false, matchIndex: 0 });
    deliver(n, 'n2', appendEntries(3, 10, 2, [], 10)); // n2 leads term 3: n1 steps down
    elect(n); // and wins term 4
    const fx = deliver(n, 'n3', { type: 'AppendEntriesReply', term: 4, success: false, matchIndex: 0, conflictIndex: 1 });
    expect(sendsOf(fx, 'InstallSnapshot').map((s) => [s.msg.term, s.msg.offset])).toEqual([[4, 0]]);
  });

  it('TestSlowNodeRestore: a node cut off while the others compact catches up through the snapshot and commits with them', () => {
    const cfg = { snapshotThreshold: 5, snapshotChunkBytes: 25 };
    const [n1, n2, n3] = N3.map((id) => makeNode(id, N3, cfg));
    const live = [n1!, n2!];
    pump(live, 'n1', elect(n1!).sends);
    for (let i = 1; i <= 12; i++) pump(live, 'n1', request(n1!, 'c1', i, { f: 'put', key: `k${i % 3}`, value: String(i) }).sends);
    pump(live, 'n1', fireTimer(n1!, 'heartbeat').sends);
    expect(n1!.state.snapshot!.lastIncludedIndex).toBeGreaterThanOrEqual(10);
    const all = [n1!, n2!, n3!];
    const effects = pump(all, 'n1', fireTimer(n1!, 'heartbeat').sends);
    expect(effects.flatMap((e) => e.records).filter((r) => r.kind === 'snapshot-installed')).toHaveLength(1);
    pump(all, 'n1', request(n1!, 'c1', 13, { f: 'put', key: 'z', value: 'last' }).sends);
    pump(all, 'n1', fireTimer(n1!, 'heartbeat').sends);
    expect(n3!.state.commitIndex).toBe(n1!.state.commitIndex);
    expect(raft.inspect(n3!.state).kv).toEqual(raft.inspect(n1!.state).kv);
  });
});

describe('§7 restart from snapshot + log', () => {
  it('§7 persistent state includes the snapshot: a restart loads the state machine and starts commitIndex and lastApplied at it', () => {
    const n = leaderWithSnapshot();
    request(n, 'c1', 10, { f: 'put', key: 'x', value: 'y' });
    const saved = raft.persistent(n.state);
    const back = raft.recover(saved, 'n1', N3, n.state.config);
    expect(back.snapshot).toBe(n.state.snapshot);
    expect([back.commitIndex, back.lastApplied, lastLogIndex(back)]).toEqual([10, 10, 11]);
    expect(back.kv.get('k9')).toBe('9');
    expect(back.sessions.get('c1')?.lastRequestId).toBe(9);
    expect(raft.inspect(back).snapshot).toEqual({ lastIncludedIndex: 10, lastIncludedTerm: 2 });
  });

  it('§7 cloneState keeps the snapshot and copies the leader’s transfer progress', () => {
    const n = leaderWithSnapshot();
    deliver(n, 'n3', { type: 'AppendEntriesReply', term: 2, success: false, matchIndex: 0, conflictIndex: 1 });
    const copy = raft.cloneState!(n.state);
    deliver(n, 'n3', { type: 'InstallSnapshotReply', term: 2, lastIncludedIndex: 10, offset: 5, done: false, matchIndex: 0 } satisfies RaftMessage);
    expect(copy.snapshotTransfers!.n3!.offset).toBe(0);
    expect(copy.snapshot).toBe(n.state.snapshot);
  });
});

describe('§7 compaction bounds the log', () => {
  it('§7 maxLogEntries counts the entries held after the snapshot, so compaction frees room for new requests', () => {
    const n = makeNode('n1', ['n1'], { snapshotThreshold: 3, maxLogEntries: 4 });
    elect(n);
    for (let i = 1; i <= 10; i++) request(n, 'c1', i, { f: 'put', key: 'k', value: String(i) });
    expect(lastLogIndex(n.state)).toBe(11);
    expect(n.state.log.length).toBeLessThan(4);
    expect(n.state.kv.get('k')).toBe('10');
  });
});
