/**
 * The teaching bugs: for each, the buggy branch beside the correct rule, on hand-built state, and
 * the config schema that switches them on.
 */
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { parseScenario, ScenarioError } from '../../scenario/schema';
import { RAFT_BUG_IDS, RAFT_BUGS, raftBug, type RaftBug } from './bugs';
import { RAFT_DEFAULTS, raftConfigSchema, type RaftConfig } from './config';
import { raft } from './index';
import { ack, appendEntries, deliver, elect, entry, fireTimer, logOf, makeNode, request, sendsOf, terms, type TestNode } from './testkit';

const N3 = ['n1', 'n2', 'n3'];
const PUT = { f: 'put', key: 'k', value: 'v' } as const;

/** node gives n1 of a 3-node cluster, with `bug` switched on or (null) correct. */
const node = (bug: RaftBug | null, id = 'n1'): TestNode => makeNode(id, N3, bug ? { bugs: [bug] } : {});

describe('commit-old-terms (Raft §5.4.2, Figure 8)', () => {
  /** A leader of term 2 holding an entry of term 1 at index 2, which n2 then acknowledges. */
  function leaderAckedOldEntry(bug: RaftBug | null) {
    const n = node(bug);
    n.state.log = logOf(1, 1);
    n.state.currentTerm = 1;
    elect(n); // term 2, no-op at index 3
    const fx = ack(n, 'n2', 2); // a majority (n1, n2) now stores index 2, of term 1
    return { n, fx };
  }

  it('correct: an entry of an older term on a majority is not committed by counting replicas', () => {
    const { n, fx } = leaderAckedOldEntry(null);
    expect(n.state.commitIndex).toBe(0);
    expect(fx.applies).toEqual([]);
  });

  it('bug: the leader commits and applies it, and says so in a note', () => {
    const { n, fx } = leaderAckedOldEntry('commit-old-terms');
    expect(n.state.commitIndex).toBe(2);
    expect(fx.applies.map((a) => [a.index, a.term])).toEqual([[1, 1], [2, 1]]);
    expect(fx.notes.join('\n')).toMatch(/commits up to entry 2 of term 1 .*bug commit-old-terms/);
  });

  it('bug: an entry of currentTerm on a majority still commits as usual', () => {
    const { n } = leaderAckedOldEntry('commit-old-terms');
    ack(n, 'n2', 3);
    expect(n.state.commitIndex).toBe(3);
  });
});

describe('forget-voted-for (Raft Figure 2 "Persistent state", §5.2)', () => {
  /** n1 voted for n2 in term 1, crashes and restarts; then n3 asks for its vote in term 1. */
  function restartThenAsk(bug: RaftBug | null) {
    const n = node(bug);
    deliver(n, 'n2', { type: 'RequestVote', term: 1, candidateId: 'n2', lastLogIndex: 0, lastLogTerm: 0 });
    expect(n.state.votedFor).toBe('n2');
    const config = { ...RAFT_DEFAULTS, ...(bug ? { bugs: [bug] } : {}) };
    n.state = raft.recover(raft.persistent(n.state), 'n1', N3, config);
    const votedForAfterRestart = n.state.votedFor;
    const fx = deliver(n, 'n3', { type: 'RequestVote', term: 1, candidateId: 'n3', lastLogIndex: 0, lastLogTerm: 0 });
    return { votedForAfterRestart, reply: sendsOf(fx, 'RequestVoteReply')[0]!.msg };
  }

  it('correct: votedFor survives the restart, so a second candidate of the same term is refused', () => {
    const { votedForAfterRestart, reply } = restartThenAsk(null);
    expect(votedForAfterRestart).toBe('n2');
    expect(reply).toEqual({ type: 'RequestVoteReply', term: 1, voteGranted: false });
  });

  it('bug: votedFor comes back null, so the node votes twice in term 1', () => {
    const { votedForAfterRestart, reply } = restartThenAsk('forget-voted-for');
    expect(votedForAfterRestart).toBeNull();
    expect(reply).toEqual({ type: 'RequestVoteReply', term: 1, voteGranted: true });
  });

  it('bug: currentTerm and the log are still kept', () => {
    const n = node('forget-voted-for');
    n.state.currentTerm = 4;
    n.state.votedFor = 'n3';
    n.state.log = logOf(1, 4);
    const back = raft.recover(raft.persistent(n.state), 'n1', N3, n.state.config);
    expect([back.currentTerm, back.votedFor, back.log.map((e) => e.term)]).toEqual([4, null, [1, 4]]);
  });
});

describe('vote-without-log-check (Raft §5.4.1)', () => {
  /** A voter whose log ends at 2/1 is asked by a candidate of term 2 whose log ends at 1/1. */
  function askWithStaleLog(bug: RaftBug | null) {
    const n = node(bug);
    n.state.currentTerm = 1;
    n.state.log = logOf(1, 1);
    const fx = deliver(n, 'n3', { type: 'RequestVote', term: 2, candidateId: 'n3', lastLogIndex: 1, lastLogTerm: 1 });
    return { n, fx, reply: sendsOf(fx, 'RequestVoteReply')[0]!.msg };
  }

  it('correct: a candidate with a stale log is refused', () => {
    const { n, reply } = askWithStaleLog(null);
    expect(reply.voteGranted).toBe(false);
    expect(n.state.votedFor).toBeNull();
  });

  it('bug: the vote is granted and recorded, and the election timer re-armed', () => {
    const { n, fx, reply } = askWithStaleLog('vote-without-log-check');
    expect(reply).toEqual({ type: 'RequestVoteReply', term: 2, voteGranted: true });
    expect(n.state.votedFor).toBe('n3');
    expect(fx.timersSet.map((t) => t.name)).toContain('election');
    expect(fx.notes.join('\n')).toMatch(/although n3's log .* is behind its own .*bug vote-without-log-check/);
  });

  it('bug: a node that already voted in the term still refuses another candidate', () => {
    const { n } = askWithStaleLog('vote-without-log-check');
    const fx = deliver(n, 'n2', { type: 'RequestVote', term: 2, candidateId: 'n2', lastLogIndex: 1, lastLogTerm: 1 });
    expect(sendsOf(fx, 'RequestVoteReply')[0]!.msg.voteGranted).toBe(false);
  });
});

describe('apply-before-quorum (Raft §5.3, §5.4)', () => {
  /** n1 becomes leader of term 1 and takes a put before any follower answers. */
  function leaderTakesPut(bug: RaftBug | null) {
    const n = node(bug);
    const won = elect(n);
    const fx = request(n, 'c1', 1, PUT);
    return { n, won, fx };
  }

  it('correct: the put waits for a quorum before it is applied and answered', () => {
    const { n, won, fx } = leaderTakesPut(null);
    expect(won.applies).toEqual([]);
    expect(n.state.commitIndex).toBe(0);
    expect(fx.applies).toEqual([]);
    expect(fx.replies).toEqual([]);
  });

  it('bug: the leader applies and answers at once, and the next heartbeat announces the commit', () => {
    const { n, won, fx } = leaderTakesPut('apply-before-quorum');
    expect(won.applies.map((a) => a.index)).toEqual([1]); // its own no-op, before anyone has it
    expect(n.state.commitIndex).toBe(2);
    expect(fx.applies.map((a) => a.index)).toEqual([2]);
    expect(fx.replies).toEqual([{ client: 'c1', requestId: 1, reply: { kind: 'result', result: { ok: true } } }]);
    expect(n.state.kv.get('k')).toBe('v');
    const beat = fireTimer(n, 'heartbeat');
    expect(sendsOf(beat, 'AppendEntries').map((s) => s.msg.leaderCommit)).toEqual([2, 2]);
  });
});

describe('skip-consistency-check (Raft §5.3)', () => {
  /** A follower of term 2 holding [1, 1] gets entries after prevLogIndex 2 / prevLogTerm 2: a mismatch. */
  function mismatch(bug: RaftBug | null) {
    const n = node(bug);
    n.state.currentTerm = 2;
    n.state.log = logOf(1, 1);
    const fx = deliver(n, 'n2', appendEntries(2, 2, 2, [entry(2, 'y')], 3));
    return { n, fx, reply: sendsOf(fx, 'AppendEntriesReply')[0]!.msg };
  }

  it('correct: a follower whose entry at prevLogIndex has another term rejects', () => {
    const { n, reply } = mismatch(null);
    expect(reply).toEqual({ type: 'AppendEntriesReply', term: 2, success: false, matchIndex: 0, conflictIndex: 1, conflictTerm: 1 });
    expect(terms(n)).toEqual([1, 1]);
    expect(n.state.commitIndex).toBe(0);
  });

  it('bug: it keeps its mismatched entry, appends after it, claims a match and applies', () => {
    const { n, fx, reply } = mismatch('skip-consistency-check');
    expect(reply).toEqual({ type: 'AppendEntriesReply', term: 2, success: true, matchIndex: 3 });
    expect(terms(n)).toEqual([1, 1, 2]);
    expect(n.state.commitIndex).toBe(3);
    expect(fx.applies.map((a) => [a.index, a.term])).toEqual([[1, 1], [2, 1], [3, 2]]);
    expect(fx.notes.join('\n')).toMatch(/accepts AppendEntries from n2 although entry 2 has term 1, not prevLogTerm 2 .*bug skip-consistency-check/);
  });

  /** A follower holding [1] gets entries after prevLogIndex 3: its log has a gap before them. */
  function gap(bug: RaftBug | null) {
    const n = node(bug);
    n.state.currentTerm = 2;
    n.state.log = logOf(1);
    const fx = deliver(n, 'n2', appendEntries(2, 3, 2, [entry(2, 'y')], 4));
    return { n, reply: sendsOf(fx, 'AppendEntriesReply')[0]!.msg };
  }

  it('correct: a follower whose log ends before prevLogIndex rejects', () => {
    const { n, reply } = gap(null);
    expect(reply).toEqual({ type: 'AppendEntriesReply', term: 2, success: false, matchIndex: 0, conflictIndex: 2 });
    expect(terms(n)).toEqual([1]);
  });

  it('bug: the entries are appended at the end of the shorter log, at lower indexes than the leader\'s', () => {
    const { n, reply } = gap('skip-consistency-check');
    expect(reply).toEqual({ type: 'AppendEntriesReply', term: 2, success: true, matchIndex: 2 });
    expect(terms(n)).toEqual([1, 2]);
    expect(n.state.commitIndex).toBe(2);
    expect(n.state.kv.get('y')).toBe('y');
  });
});

describe('the bugs config field and the catalogue', () => {
  const parse = (config: Record<string, unknown>) => v.safeParse(raftConfigSchema, config);
  const scenario = (config: Record<string, unknown>) => ({ version: 1, protocol: 'raft', nodes: 3, config });
  const scenarioError = (config: Record<string, unknown>): string => {
    try {
      parseScenario(scenario(config));
    } catch (e) {
      expect(e).toBeInstanceOf(ScenarioError);
      return (e as ScenarioError).message;
    }
    throw new Error('expected a ScenarioError');
  };

  it('defaults to no bug, for the schema, RAFT_DEFAULTS and a parsed scenario', () => {
    const parsed = parse({});
    expect(parsed.success && parsed.output.bugs).toEqual([]);
    expect(RAFT_DEFAULTS.bugs).toEqual([]);
    expect(parseScenario(scenario({})).config.bugs).toEqual([]);
    expect(makeNode('n1', N3).state.bugs.size).toBe(0);
  });

  it('keeps the bugs given, in order, and hands them to each node', () => {
    const s = parseScenario(scenario({ bugs: ['skip-consistency-check', 'commit-old-terms'] }));
    expect(s.config.bugs).toEqual(['skip-consistency-check', 'commit-old-terms']);
    const state = raft.init('n1', s.nodes, s.config as unknown as RaftConfig);
    expect([...state.bugs]).toEqual(['skip-consistency-check', 'commit-old-terms']);
  });

  it('names an unknown bug and lists the known ones', () => {
    const msg = scenarioError({ bugs: ['commit-old-terms', 'no-such-bug'] });
    expect(msg).toContain('config.bugs[1] names an unknown bug "no-such-bug" (known: ');
    for (const id of RAFT_BUG_IDS) expect(msg).toContain(id);
  });

  it('refuses a bug named twice, and anything but a list', () => {
    expect(scenarioError({ bugs: ['forget-voted-for', 'forget-voted-for'] })).toContain('config.bugs must not name a bug twice (got ["forget-voted-for","forget-voted-for"])');
    expect(scenarioError({ bugs: 'forget-voted-for' })).toContain('config.bugs must be a list of bug names (got "forget-voted-for")');
  });

  it('the catalogue describes every bug once, in RAFT_BUG_IDS order, citing a section of the paper', () => {
    expect(RAFT_BUGS.map((b) => b.id)).toEqual([...RAFT_BUG_IDS]);
    for (const b of RAFT_BUGS) {
      expect(b.rule, b.id).toMatch(/§\d/);
      for (const field of [b.title, b.description, b.expected]) expect(field.length, b.id).toBeGreaterThan(20);
    }
    expect(raftBug('forget-voted-for').expected).toMatch(/Election Safety/);
    expect(() => raftBug('nope')).toThrow(/unknown Raft bug "nope" \(known: commit-old-terms, /);
  });
});
