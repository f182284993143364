/**
 * Reads outside the log (thesis §6.4), after etcd raft's read-only tests: TestReadOnlyOptionSafe,
 * TestReadOnlyOptionLease, TestReadOnlyForNewLeader and TestReadOnlyDuplicateRequest.
 */
import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { raftConfigSchema } from './config';
import { ack, appendEntries, deliver, elect, entry, fireTimer, makeNode, request, sendsOf, type TestNode } from './testkit';
import type { RaftMessage } from './messages';
import { leaseMs } from './reads';
import { parseScenario } from '../../scenario/schema';
import { MonitoredRun } from './monitored-run';

const N3 = ['n1', 'n2', 'n3'];
const get = (node: TestNode, client: string, id: number, key = 'x') => request(node, client, id, { f: 'get', key });
/** echo is a follower's successful reply echoing the read round of the leader's last AppendEntries. */
const echo = (l: TestNode, from: string, round: number, matchIndex = l.state.commitIndex) =>
  deliver(l, from, { type: 'AppendEntriesReply', term: l.state.currentTerm, success: true, matchIndex, readRound: round });

/** leaderWithX makes n1 leader of term 1 with x = 1 committed and applied at index 2. */
function leaderWithX(reads: 'read-index' | 'lease'): TestNode {
  const l = makeNode('n1', N3, { reads });
  elect(l);
  ack(l, 'n2', 1);
  request(l, 'c0', 1, { f: 'put', key: 'x', value: '1' });
  ack(l, 'n2', 2);
  expect(l.state.lastApplied).toBe(2);
  return l;
}

describe('ReadIndex (thesis §6.4; etcd ReadOnlySafe)', () => {
  it('answers only after a heartbeat round a quorum acknowledges, with no log entry', () => {
    const l = leaderWithX('read-index');
    const fx = get(l, 'c1', 1);
    expect(fx.replies).toEqual([]);
    const rounds = sendsOf(fx, 'AppendEntries').map((s) => s.msg.readRound);
    expect(rounds).toEqual([1, 1]);
    expect(l.state.log).toHaveLength(2);
    const answered = echo(l, 'n3', 1);
    expect(answered.replies).toEqual([{ client: 'c1', requestId: 1, reply: { kind: 'result', result: { ok: true, value: '1' } } }]);
  });

  it('an acknowledgement of an older round does not confirm a newer read', () => {
    const l = leaderWithX('read-index');
    get(l, 'c1', 1);
    echo(l, 'n3', 1);
    get(l, 'c2', 1);
    expect(echo(l, 'n3', 1).replies).toEqual([]);
    expect(echo(l, 'n2', 2).replies.map((r) => r.client)).toEqual(['c2']);
  });

  it('a new leader defers reads until an entry of its own term commits (etcd TestReadOnlyForNewLeader)', () => {
    const l = makeNode('n1', N3, { reads: 'read-index' });
    elect(l);
    const fx = get(l, 'c1', 1);
    expect(sendsOf(fx, 'AppendEntries').every((s) => s.msg.readRound === undefined)).toBe(true);
    const committed = ack(l, 'n2', 1); // the no-op of term 1 commits: now the read gets readIndex 1 and its round
    expect(sendsOf(committed, 'AppendEntries').map((s) => s.msg.readRound)).toEqual([1, 1]);
    expect(echo(l, 'n2', 1).replies.map((r) => r.client)).toEqual(['c1']);
  });

  it('the readIndex is never below the commitIndex when the read arrives (etcd TestReadOnlyDuplicateRequest)', () => {
    const l = leaderWithX('read-index');
    get(l, 'c1', 1);
    get(l, 'c1', 1); // a retry is not queued twice
    expect(l.state.reads!.pending.map((p) => p.readIndex)).toEqual([2]);
  });

  it('a leader that steps down redirects its pending reads', () => {
    const l = leaderWithX('read-index');
    get(l, 'c1', 1);
    const fx = deliver(l, 'n3', appendEntries(5, 0, 0, [], 0, 'n3'));
    expect(l.state.role).toBe('follower');
    expect(fx.replies).toEqual([{ client: 'c1', requestId: 1, reply: { kind: 'redirect', leader: 'n3' } }]);
  });

  it('a follower echoes the read round it was sent', () => {
    const f = makeNode('n2', N3, { reads: 'read-index' });
    const msg: RaftMessage = { ...appendEntries(1, 0, 0, [], 0, 'n1'), readRound: 7 } as RaftMessage;
    expect(sendsOf(deliver(f, 'n1', msg), 'AppendEntriesReply').map((s) => s.msg.readRound)).toEqual([7]);
  });
});

describe('lease reads (thesis §6.4.1; etcd ReadOnlyLeaseBased)', () => {
  it('after a quorum acknowledges a heartbeat round, serves reads at once, without a round', () => {
    const l = leaderWithX('lease');
    fireTimer(l, 'heartbeat'); // round 1 starts, its lease timer armed on the leader's own clock
    expect(l.timers.get('lease-1')).toBe(leaseMs(l.state.config));
    echo(l, 'n2', 1);
    const fx = get(l, 'c1', 1);
    expect(fx.replies.map((r) => r.reply)).toEqual([{ kind: 'result', result: { ok: true, value: '1' } }]);
    expect(sendsOf(fx, 'AppendEntries')).toEqual([]);
  });

  it('once the lease timer fires, a read needs a round again', () => {
    const l = leaderWithX('lease');
    fireTimer(l, 'heartbeat');
    echo(l, 'n2', 1);
    fireTimer(l, 'lease-1');
    const fx = get(l, 'c1', 1);
    expect(fx.replies).toEqual([]);
    expect(sendsOf(fx, 'AppendEntries').map((s) => s.msg.readRound)).toEqual([2, 2]);
  });

  it('the lease lasts electionTimeoutMs[0] / clockDriftBound', () => {
    expect(leaseMs({ ...makeNode('n1', N3).state.config, electionTimeoutMs: [150, 300], clockDriftBound: 2 })).toBe(75);
    expect(leaseMs({ ...makeNode('n1', N3).state.config, electionTimeoutMs: [150, 300] })).toBe(100);
  });

  it('a follower that hears from a leader ignores RequestVote of a higher term until its own timer fires (§4.2.3)', () => {
    const f = makeNode('n2', N3, { reads: 'lease' });
    deliver(f, 'n1', appendEntries(1, 0, 0, [], 0, 'n1'));
    const vote: RaftMessage = { type: 'RequestVote', term: 2, candidateId: 'n3', lastLogIndex: 0, lastLogTerm: 0 };
    expect(deliver(f, 'n3', vote).sends).toEqual([]);
    expect(f.state.currentTerm).toBe(1);
    fireTimer(f, 'election'); // it campaigns for term 2 itself; a candidate hears term 3
    expect(sendsOf(deliver(f, 'n3', { ...vote, term: 3 }), 'RequestVoteReply').map((s) => s.msg.voteGranted)).toEqual([true]);
  });

  it('refuses bad read settings in the user\'s words', () => {
    const bad = (c: Record<string, unknown>) => {
      const r = v.safeParse(raftConfigSchema, c);
      return r.success ? '' : r.issues.map((i) => i.message).join('; ');
    };
    expect(bad({ reads: 'quick' })).toMatch(/"log", "read-index" or "lease"/);
    expect(bad({ clockDriftBound: 0.5 })).toMatch(/from 1 to 100/);
    expect(bad({ reads: 'lease', clockDriftBound: 2 })).toBe('');
  });
});

describe('reads in a whole cluster', () => {
  for (const reads of ['read-index', 'lease'] as const) {
    it(`${reads}: reads see every acknowledged write, and a get leaves no log entry`, () => {
      const timeline = [
        { at: 600, action: 'request', client: 'w', op: { f: 'put', key: 'x', value: '1' } },
        ...[700, 720, 900].map((at, i) => ({ at, action: 'request', client: `r${i}`, op: { f: 'get', key: 'x' } })),
      ];
      const run = new MonitoredRun(parseScenario({ version: 1, protocol: 'raft', seed: 3, nodes: 3, until: 1500, config: { reads }, timeline })).runUntil(1500);
      const oks = run.records('client').filter((r) => r.phase === 'ok' && r.client.startsWith('r'));
      expect(oks.map((r) => r.result)).toEqual(['1', '1', '1']);
      const leader = run.leader()!;
      expect(run.hosts.inspect(leader).log.filter((e) => (e.command as { kind: string }).kind === 'op')).toHaveLength(1);
      expect(run.monitor.violations).toEqual([]);
    });
  }
});
