/**
 * Membership change (membership.ts, configuration.ts), after Ongaro's thesis §4 and the etcd raft
 * tests the reference lists (TestStepIgnoreConfig, TestNewLeaderPendingConfig, TestLearnerCampaign,
 * TestLearnerCanVote, TestCommitAfterRemoveNode, confchange remove-leader), one node stepped by hand.
 */
import { describe, expect, it } from 'vitest';
import { isQuorum, latestConfiguration, voters } from './configuration';
import type { ConfigCommand, Entry } from './messages';
import { ack, appendEntries, deliver, elect, entry, makeNode, request, sendsOf, stepNode, type TestNode } from './testkit';
import { ELECTION, HEARTBEAT } from './roles';
import type { RaftConfig } from './config';

const cfgEntry = (term: number, voters: string[], learners: string[] = [], votersOld?: string[]): Entry => {
  const command: ConfigCommand = votersOld ? { kind: 'config', voters, learners, votersOld } : { kind: 'config', voters, learners };
  return { term, command };
};
const act = (n: TestNode, name: string, servers?: string[]) => stepNode(n, { kind: 'action', name, ...(servers ? { args: { servers } } : {}) });

/** leaderOf gives `id` elected leader of term 1 in `nodes`, its no-op acknowledged by every other voter, so committed. */
function leaderOf(id: string, nodes: string[], config: Partial<RaftConfig> = {}): TestNode {
  const n = makeNode(id, nodes, config);
  elect(n);
  for (const v of voters(n.state)) if (v !== id) ack(n, v, 1);
  expect(n.state.commitIndex).toBe(1);
  return n;
}

describe('configurations are log entries, used on append (thesis §4.1)', () => {
  it('a follower uses the latest configuration in its log, committed or not, and falls back when it is truncated', () => {
    const f = makeNode('n2', ['n1', 'n2', 'n3', 'n4']);
    expect(latestConfiguration(f.state)).toMatchObject({ voters: ['n2', 'n1', 'n3', 'n4'], index: 0 });
    deliver(f, 'n1', appendEntries(1, 0, 0, [entry(1), cfgEntry(1, ['n1', 'n2', 'n3'])], 0, 'n1'));
    expect(f.state.commitIndex).toBe(0); // not committed, yet in force
    expect(latestConfiguration(f.state)).toMatchObject({ voters: ['n1', 'n2', 'n3'], index: 2 });
    // A leader of term 2 has another entry at index 2: the configuration entry is cut off.
    deliver(f, 'n3', appendEntries(2, 1, 1, [entry(2)], 0, 'n3'));
    expect(latestConfiguration(f.state)).toMatchObject({ voters: ['n2', 'n1', 'n3', 'n4'], index: 0 });
  });

  it('config.members leaves the other nodes outside: they neither campaign nor receive the log (thesis §4.1)', () => {
    const outside = makeNode('n4', ['n1', 'n2', 'n3', 'n4'], { members: ['n1', 'n2', 'n3'] });
    const fx = stepNode(outside, { kind: 'timer', name: ELECTION });
    expect(outside.state.role).toBe('follower');
    expect(sendsOf(fx, 'RequestVote')).toEqual([]);
    expect(fx.timersSet.map((t) => t.name)).toEqual([ELECTION]);
    const l = leaderOf('n1', ['n1', 'n2', 'n3', 'n4'], { members: ['n1', 'n2', 'n3'] });
    expect(sendsOf(stepNode(l, { kind: 'timer', name: HEARTBEAT }), 'AppendEntries').map((s) => s.to)).toEqual(['n2', 'n3']);
  });

  it('refuses config.members naming a node the scenario lacks, in words', () => {
    expect(() => makeNode('n1', ['n1', 'n2'], { members: ['n1', 'n9'] })).toThrow('config.members names n9, which is not a node of this scenario (nodes: n1, n2)');
  });
});

describe('one change at a time, after an entry of the leader\'s term (thesis §4.1, the 2015 correction)', () => {
  const nodes = ['n1', 'n2', 'n3', 'n4', 'n5'];

  it('TestStepIgnoreConfig: a second change while the first is uncommitted is refused', () => {
    const l = leaderOf('n1', nodes, { members: ['n1', 'n2', 'n3'] });
    act(l, 'add-server', ['n4']);
    expect(latestConfiguration(l.state)).toMatchObject({ voters: ['n1', 'n2', 'n3'], learners: ['n4'], index: 2 });
    const fx = act(l, 'add-server', ['n5']);
    expect(fx.records).toEqual([{ kind: 'config-refused', fields: { change: 'add', servers: ['n5'], reason: 'the change at entry 2 has not committed yet (one change at a time, thesis §4.1)' } }]);
    expect(latestConfiguration(l.state).index).toBe(2);
    ack(l, 'n2', 2);
    expect(l.state.commitIndex).toBe(2);
    act(l, 'add-server', ['n5']);
    expect(latestConfiguration(l.state)).toMatchObject({ learners: ['n4', 'n5'], index: 3 });
  });

  it('TestNewLeaderPendingConfig: a new leader changes nothing until its no-op commits (the 2015 correction)', () => {
    const l = makeNode('n1', nodes);
    elect(l);
    const fx = act(l, 'remove-server', ['n5']);
    expect(fx.records[0]).toMatchObject({ kind: 'config-refused', fields: { reason: 'no entry of its term 1 has committed yet (the 2015 correction to thesis §4.1)' } });
    ack(l, 'n2', 1);
    ack(l, 'n3', 1);
    act(l, 'remove-server', ['n5']);
    expect(latestConfiguration(l.state).voters).toEqual(['n1', 'n2', 'n3', 'n4']);
  });

  it('single-server changes remove one voter at a time', () => {
    const l = leaderOf('n1', nodes);
    const fx = act(l, 'remove-server', ['n4', 'n5']);
    expect(fx.records[0]!.fields.reason).toBe('single-server changes remove one voter at a time (thesis §4.1): remove n4 first');
  });

  it('names an unknown server in the user\'s words, and changes nothing', () => {
    const l = leaderOf('n1', nodes);
    const fx = act(l, 'add-server', ['n9']);
    expect(fx.notes).toContain('n1 cannot add servers: args.servers names n9, not a node of this cluster (nodes: n1, n2, n3, n4, n5)');
    expect(latestConfiguration(l.state).index).toBe(0);
  });

  it('a follower told to add a server asks the leader it knows; a new server asks everyone (thesis Figure 4.1)', () => {
    const f = makeNode('n2', nodes);
    deliver(f, 'n1', appendEntries(1, 0, 0, [], 0, 'n1'));
    expect(sendsOf(act(f, 'add-server', ['n5']), 'AddServer')).toEqual([{ to: 'n1', msg: { type: 'AddServer', term: 1, servers: ['n5'] } }]);
    const fresh = makeNode('n5', nodes, { members: ['n1', 'n2', 'n3', 'n4'] });
    expect(sendsOf(act(fresh, 'add-server'), 'AddServer').map((s) => s.to)).toEqual(['n1', 'n2', 'n3', 'n4']);
  });
});

describe('learners (thesis §4.2.1)', () => {
  it('TestLearnerCampaign: a learner never campaigns, even when its timeout is forced', () => {
    const n = makeNode('n4', ['n1', 'n2', 'n3', 'n4'], { members: ['n1', 'n2', 'n3'] });
    deliver(n, 'n1', appendEntries(1, 0, 0, [entry(1), cfgEntry(1, ['n1', 'n2', 'n3'], ['n4'])], 0, 'n1'));
    const fx = stepNode(n, { kind: 'timeout' });
    expect(n.state.role).toBe('follower');
    expect(n.state.currentTerm).toBe(1);
    expect(sendsOf(fx, 'RequestVote')).toEqual([]);
    expect(fx.notes[0]).toMatch(/^n4 is a learner .*: it does not campaign$/);
  });

  it('TestLearnerCanVote: a learner asked to vote by a candidate whose configuration counts it does vote', () => {
    const n = makeNode('n4', ['n1', 'n2', 'n3', 'n4'], { members: ['n1', 'n2', 'n3'] });
    deliver(n, 'n1', appendEntries(1, 0, 0, [entry(1), cfgEntry(1, ['n1', 'n2', 'n3'], ['n4'])], 0, 'n1'));
    const fx = deliver(n, 'n2', { type: 'RequestVote', term: 2, candidateId: 'n2', lastLogIndex: 3, lastLogTerm: 1 });
    expect(sendsOf(fx, 'RequestVoteReply')[0]!.msg.voteGranted).toBe(true);
  });

  it('a learner\'s acknowledgement does not count for commitment', () => {
    const l = leaderOf('n1', ['n1', 'n2', 'n3', 'n4'], { members: ['n1', 'n2', 'n3'] });
    act(l, 'add-server', ['n4']);
    ack(l, 'n4', 2);
    expect(l.state.commitIndex).toBe(1);
    ack(l, 'n3', 2);
    expect(l.state.commitIndex).toBe(2);
  });

  it('is promoted to voter after config.catchUpRounds rounds, checked at heartbeats', () => {
    const l = leaderOf('n1', ['n1', 'n2', 'n3', 'n4'], { members: ['n1', 'n2', 'n3'], catchUpRounds: 2 });
    act(l, 'add-server', ['n4']);
    ack(l, 'n2', 2);
    ack(l, 'n4', 2);
    const rounds: unknown[] = [];
    for (let i = 1; i <= 3; i++) {
      l.now += 50;
      rounds.push(...stepNode(l, { kind: 'timer', name: HEARTBEAT }).records.filter((r) => r.kind === 'catch-up-round').map((r) => r.fields.round));
    }
    expect(rounds).toEqual([1, 2]);
    expect(latestConfiguration(l.state)).toMatchObject({ voters: ['n1', 'n2', 'n3', 'n4'], learners: [], index: 3 });
  });
});

describe('removing servers (thesis §4.2.2, §4.2.3)', () => {
  it('TestCommitAfterRemoveNode: removing a silent voter lets the smaller quorum commit the pending entry', () => {
    const l = leaderOf('n1', ['n1', 'n2']);
    request(l, 'c1', 1, { f: 'put', key: 'x', value: '1' });
    expect(l.state.commitIndex).toBe(1); // n2 does not answer
    act(l, 'remove-server', ['n2']);
    expect(l.state.commitIndex).toBe(3); // {n1} alone is a quorum: entry 2 and the change commit
    expect(l.state.kv.get('x')).toBe('1');
  });

  it('a leader that removes itself commits C_new without counting itself, then steps down', () => {
    const l = leaderOf('n1', ['n1', 'n2', 'n3']);
    act(l, 'remove-server');
    expect(latestConfiguration(l.state).voters).toEqual(['n2', 'n3']);
    ack(l, 'n2', 2);
    expect(l.state.commitIndex).toBe(1); // n1 and n2 hold it, but n1 does not count
    expect(l.state.role).toBe('leader');
    const fx = ack(l, 'n3', 2);
    expect(l.state.commitIndex).toBe(2);
    expect(l.state.role).toBe('follower');
    expect(fx.records).toContainEqual({ kind: 'leader-removed', fields: { index: 2 } });
  });

  it('a leader ignores the RequestVote of a candidate its configuration leaves out, and keeps its term (§4.2.3)', () => {
    const l = leaderOf('n2', ['n1', 'n2', 'n3']);
    act(l, 'remove-server', ['n1']);
    const fx = deliver(l, 'n1', { type: 'RequestVote', term: 5, candidateId: 'n1', lastLogIndex: 9, lastLogTerm: 1 });
    expect(fx.sends).toEqual([]);
    expect(l.state.role).toBe('leader');
    expect(l.state.currentTerm).toBe(1);
  });

  it('a follower ignores a non-voter candidate only while it hears from a leader (§4.2.3)', () => {
    const f = makeNode('n2', ['n1', 'n2', 'n3']);
    f.now = 1000;
    deliver(f, 'n3', appendEntries(1, 0, 0, [entry(1), cfgEntry(1, ['n2', 'n3'])], 0, 'n3'));
    const vote = { type: 'RequestVote', term: 5, candidateId: 'n1', lastLogIndex: 9, lastLogTerm: 1 } as const;
    f.now = 1100; // heard from n3 100 ms ago, under the minimum election timeout (150)
    expect(deliver(f, 'n1', vote).notes).toEqual(["n2 ignores n1's RequestVote: it heard from its leader 100 ms ago, and its configuration leaves n1 out (thesis §4.2.3)"]);
    expect(f.state.currentTerm).toBe(1);
    f.now = 1200; // n3 silent for longer: n1 may be needed to elect the leader that commits the change
    expect(sendsOf(deliver(f, 'n1', vote), 'RequestVoteReply')[0]!.msg).toMatchObject({ term: 5, voteGranted: true });
  });
});

describe('joint consensus (paper §6, thesis §4.3)', () => {
  it('C_old,new needs separate majorities of the old and the new voters', () => {
    const n = makeNode('n1', ['n1', 'n2', 'n3', 'n4', 'n5']);
    deliver(n, 'n2', appendEntries(1, 0, 0, [entry(1), cfgEntry(1, ['n1', 'n2', 'n3', 'n4', 'n5'], [], ['n1', 'n2', 'n3'])], 0, 'n2'));
    expect(isQuorum(n.state, ['n1', 'n4', 'n5'])).toBe(false); // 3 of 5 new, but 1 of 3 old
    expect(isQuorum(n.state, ['n1', 'n2'])).toBe(false); // 2 of 3 old, but 2 of 5 new
    expect(isQuorum(n.state, ['n1', 'n2', 'n4'])).toBe(true);
  });

  it('a leader removes a voter through C_old,new, then appends C_new once it commits', () => {
    const l = leaderOf('n1', ['n1', 'n2', 'n3', 'n4'], { membershipChange: 'joint-consensus' });
    act(l, 'remove-server', ['n3', 'n4']);
    expect(latestConfiguration(l.state)).toMatchObject({ voters: ['n1', 'n2'], votersOld: ['n1', 'n2', 'n3', 'n4'], index: 2 });
    ack(l, 'n2', 2);
    expect(l.state.commitIndex).toBe(1); // 2 of 2 new, but 2 of 4 old
    ack(l, 'n3', 2);
    expect(l.state.commitIndex).toBe(2);
    expect(latestConfiguration(l.state)).toMatchObject({ voters: ['n1', 'n2'], index: 3 });
    expect(latestConfiguration(l.state).votersOld).toBeUndefined();
  });
});
