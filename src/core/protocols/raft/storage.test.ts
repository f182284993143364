/**
 * Explicit storage (storage.ts): with a disk sync latency, what a node promises waits for the sync
 * (Raft Figure 2: "updated on stable storage before responding to RPCs"; thesis §10.2.1: the
 * leader writes its own log in parallel and counts itself once durable; etcd's Ready handshake).
 */
import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { raftConfigSchema } from './config';
import { raft } from './index';
import { ack, appendEntries, deliver, elect, entry, fireTimer, makeNode, request, sendsOf } from './testkit';
import { SYNC } from './storage';
import { BUG_EXAMPLES, withoutBugs } from './bug-examples';
import { MonitoredRun } from './monitored-run';
import { raftEntry } from './entry';

const N3 = ['n1', 'n2', 'n3'];
const disk = { syncLatencyMs: 100 };

describe('a follower with a sync latency (Figure 2, §10.2.1)', () => {
  it('writes the entries at once but acknowledges them only when the sync completes', () => {
    const f = makeNode('n1', N3, disk);
    const fx = deliver(f, 'n2', appendEntries(1, 0, 0, [entry(1, 'x')], 0));
    expect(f.state.log).toHaveLength(1);
    expect(sendsOf(fx, 'AppendEntriesReply')).toEqual([]);
    expect(fx.timersSet).toContainEqual({ name: SYNC, afterMs: 100 });
    const done = fireTimer(f, SYNC);
    expect(sendsOf(done, 'AppendEntriesReply').map((s) => [s.to, s.msg.matchIndex])).toEqual([['n2', 1]]);
  });

  it('one sync in flight covers every write made before it completes (group commit)', () => {
    const f = makeNode('n1', N3, disk);
    deliver(f, 'n2', appendEntries(1, 0, 0, [entry(1, 'x')], 0));
    const second = deliver(f, 'n2', appendEntries(1, 1, 1, [entry(1, 'y')], 0));
    expect(second.timersSet.filter((t) => t.name === SYNC)).toEqual([]);
    const done = fireTimer(f, SYNC);
    expect(sendsOf(done, 'AppendEntriesReply').map((s) => s.msg.matchIndex)).toEqual([1, 2]);
    expect(raft.inspect(f.state).extra.syncedThrough).toBe(2);
  });

  it('a heartbeat that writes nothing is answered at once', () => {
    const f = makeNode('n1', N3, disk);
    deliver(f, 'n2', appendEntries(1, 0, 0, [entry(1, 'x')], 0));
    fireTimer(f, SYNC);
    const fx = deliver(f, 'n2', appendEntries(1, 1, 1, [], 0));
    expect(sendsOf(fx, 'AppendEntriesReply')).toHaveLength(1);
  });

  it('drops a held acknowledgement when its term has passed: a new leader may have cut those entries', () => {
    const f = makeNode('n1', N3, disk);
    deliver(f, 'n2', appendEntries(1, 0, 0, [entry(1, 'x')], 0));
    deliver(f, 'n3', appendEntries(2, 0, 0, [entry(2, 'y')], 0, 'n3'));
    const done = fireTimer(f, SYNC);
    expect(sendsOf(done, 'AppendEntriesReply').map((s) => [s.to, s.msg.term])).toEqual([['n3', 2]]);
  });

  it('with the teaching bug ack-before-sync, acknowledges before the sync', () => {
    const f = makeNode('n1', N3, { ...disk, bugs: ['ack-before-sync'] });
    const fx = deliver(f, 'n2', appendEntries(1, 0, 0, [entry(1, 'x')], 0));
    expect(sendsOf(fx, 'AppendEntriesReply').map((s) => s.msg.matchIndex)).toEqual([1]);
  });
});

describe('elections with a sync latency (§5.2: currentTerm and votedFor are persistent)', () => {
  it('a candidate asks for votes only once its new term and self-vote are synced', () => {
    const c = makeNode('n1', N3, disk);
    const fx = fireTimer(c, 'election');
    expect(c.state.role).toBe('candidate');
    expect(sendsOf(fx, 'RequestVote')).toEqual([]);
    expect(sendsOf(fireTimer(c, SYNC), 'RequestVote').map((s) => s.to)).toEqual(['n2', 'n3']);
  });

  it('a voter grants its vote only once votedFor is synced', () => {
    const voter = makeNode('n1', N3, disk);
    const fx = deliver(voter, 'n2', { type: 'RequestVote', term: 1, candidateId: 'n2', lastLogIndex: 0, lastLogTerm: 0 });
    expect(voter.state.votedFor).toBe('n2');
    expect(sendsOf(fx, 'RequestVoteReply')).toEqual([]);
    expect(sendsOf(fireTimer(voter, SYNC), 'RequestVoteReply').map((s) => s.msg.voteGranted)).toEqual([true]);
  });
});

describe('a leader with a sync latency (§10.2.1)', () => {
  it('sends AppendEntries at once but counts its own entry only once synced', () => {
    const l = makeNode('n1', N3, disk);
    elect(l);
    fireTimer(l, SYNC); // the no-op of its term is durable
    ack(l, 'n2', 1);
    expect(l.state.commitIndex).toBe(1);
    const fx = request(l, 'c1', 1, { f: 'put', key: 'x', value: '1' });
    expect(sendsOf(fx, 'AppendEntries').length).toBeGreaterThan(0);
    ack(l, 'n2', 2);
    expect(l.state.commitIndex).toBe(1); // n2 alone is not a quorum of 3 while n1's copy is unsynced
    const done = fireTimer(l, SYNC);
    expect(l.state.commitIndex).toBe(2);
    expect(done.replies.map((r) => r.client)).toEqual(['c1']);
  });

  it('commits on two followers\' durable acknowledgements without its own sync (a majority of three)', () => {
    const l = makeNode('n1', N3, disk);
    elect(l);
    fireTimer(l, SYNC);
    ack(l, 'n2', 1);
    request(l, 'c1', 1, { f: 'put', key: 'x', value: '1' });
    ack(l, 'n2', 2);
    ack(l, 'n3', 2);
    expect(l.state.commitIndex).toBe(2);
  });
});

describe('without a sync latency', () => {
  it('keeps no disk state and arms no sync timer: Raft as before', () => {
    const f = makeNode('n1', N3, { syncLatencyMs: 0 });
    expect(f.state.disk).toBeNull();
    expect(raft.syncsExplicitly!({ ...f.state.config })).toBe(false);
    const fx = deliver(f, 'n2', appendEntries(1, 0, 0, [entry(1, 'x')], 0));
    expect(sendsOf(fx, 'AppendEntriesReply')).toHaveLength(1);
    expect(fx.timersSet.map((t) => t.name)).not.toContain(SYNC);
  });

  it('refuses a bad sync latency in the user\'s words', () => {
    const bad = (syncLatencyMs: unknown) => {
      const r = v.safeParse(raftConfigSchema, { syncLatencyMs });
      return r.success ? '' : r.issues.map((i) => i.message).join('; ');
    };
    expect(bad(-5)).toMatch(/0 or more virtual ms/);
    expect(bad([50, 10])).toMatch(/min ≤ max/);
    expect(bad('fast')).toMatch(/sync latency/);
    expect(bad(20)).toBe('');
    expect(bad([5, 50])).toBe('');
  });
});

describe('a power loss, end to end (the ack-before-sync story)', () => {
  it('correct Raft loses no committed entry: acknowledgements wait for the sync', () => {
    const run = new MonitoredRun(withoutBugs(BUG_EXAMPLES['ack-before-sync'].build())).runUntil(1600);
    expect(run.monitor.violations).toEqual([]);
    // x = 1 was never acknowledged to its client before the power loss.
    expect(run.records('client').some((r) => r.client === 'c1' && r.phase === 'ok' && r.t < 615)).toBe(false);
  });

  it('with the bug, n2 and n3 come back without an entry that was committed and acknowledged', () => {
    const run = new MonitoredRun(BUG_EXAMPLES['ack-before-sync'].build()).runUntil(1600);
    expect(run.records('client').some((r) => r.client === 'c1' && r.phase === 'ok' && r.t < 615)).toBe(true);
    expect(run.monitor.violations.map((x) => x.property)).toContain('State Machine Safety');
  });
});

describe('what the fuzzer draws of storage (chaos-storage.ts)', () => {
  it('keeps every sync within a fifth of the shortest election timeout (§5.6), long syncs included', () => {
    const nodes = ['n1', 'n2', 'n3', 'n4', 'n5'];
    let longest = 0;
    for (let seed = 1; seed <= 3000; seed++) {
      const c = raftEntry.chaos.knobs(seed, nodes) as { syncLatencyMs?: number | [number, number]; electionTimeoutMs: [number, number] };
      if (c.syncLatencyMs === undefined) continue;
      const sync = typeof c.syncLatencyMs === 'number' ? c.syncLatencyMs : c.syncLatencyMs[1];
      longest = Math.max(longest, sync);
      expect(sync * 5, `seed ${seed}`).toBeLessThanOrEqual(c.electionTimeoutMs[0]);
    }
    expect(longest).toBe(60);
  });
});
