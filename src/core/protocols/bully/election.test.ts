/**
 * The bully election's rules, one node at a time with hand-built messages (more-protocols.md §4,
 * rules 1–5; Garcia-Molina 1982).
 */
import { describe, expect, it } from 'vitest';
import { ELECTION_TIMERS, type ElectionOptions, type ElectionOut, isCoordinator, newElection, onCoordinator, onElectionMessage, onElectionTimer, outranks, startElection } from './election';
import type { ElectionMessage } from './messages';

const NODES = ['n1', 'n2', 'n3', 'n4', 'n5'];
const zero = Object.fromEntries(NODES.map((n) => [n, 0]));

/** recorder is an ElectionOut that keeps what the election did. */
function recorder() {
  const sent: [string, ElectionMessage][] = [];
  const timers = new Map<string, number>();
  const records: [string, Record<string, unknown>][] = [];
  const out: ElectionOut = {
    send: (to, msg) => sent.push([to, msg]),
    setTimer: (name, ms) => timers.set(name, ms),
    clearTimer: (name) => timers.delete(name),
    record: (kind, fields) => records.push([kind, fields]),
  };
  return { out, sent, timers, records };
}

const opts = (over: Partial<ElectionOptions> = {}): ElectionOptions => ({ answerTimeoutMs: 300, coordinatorTimeoutMs: 600, bugs: [], suspected: () => false, ...over });

describe('rule 1: on starting an election', () => {
  it('the highest node announces itself coordinator to everyone at once', () => {
    const s = newElection('n5', NODES, zero);
    const r = recorder();
    startElection(s, r.out, opts(), 'starts');
    expect(isCoordinator(s)).toBe(true);
    expect(r.sent.map(([to, m]) => [to, m.type])).toEqual(['n1', 'n2', 'n3', 'n4'].map((n) => [n, 'Coordinator']));
    expect(r.records.map(([k]) => k)).toEqual(['election', 'coordinator']);
  });

  it('any other node sends ELECTION to every higher node only, and waits T for an ANSWER', () => {
    const s = newElection('n3', NODES, zero);
    const r = recorder();
    startElection(s, r.out, opts(), 'suspects coordinator n5');
    expect(r.sent.map(([to, m]) => [to, m.type])).toEqual([
      ['n4', 'Election'],
      ['n5', 'Election'],
    ]);
    expect(r.timers.get(ELECTION_TIMERS.answer)).toBe(300);
    expect(s).toMatchObject({ phase: 'electing', coordinator: null, round: 1 });
    expect(r.records[0]).toEqual(['election', { round: 1, reason: 'suspects coordinator n5', to: ['n4', 'n5'] }]);
  });
});

describe('rule 2: no ANSWER within T', () => {
  it('the candidate takes over and announces itself', () => {
    const s = newElection('n3', NODES, zero);
    const r = recorder();
    startElection(s, r.out, opts(), 'x');
    r.sent.length = 0;
    expect(onElectionTimer(s, ELECTION_TIMERS.answer, r.out, opts())).toBe(true);
    expect(isCoordinator(s)).toBe(true);
    expect(r.sent.filter(([, m]) => m.type === 'Coordinator').map(([to]) => to)).toEqual(['n1', 'n2', 'n4', 'n5']);
  });
});

describe('rule 3: an ANSWER, then wait T′ for COORDINATOR', () => {
  it('stops waiting for answers and waits T′; with no COORDINATOR by then it starts again', () => {
    const s = newElection('n3', NODES, zero);
    const r = recorder();
    startElection(s, r.out, opts(), 'x');
    onElectionMessage(s, 'n4', { type: 'Answer', score: 0 }, r.out, opts());
    expect(s.phase).toBe('waiting');
    expect(r.timers.has(ELECTION_TIMERS.answer)).toBe(false);
    expect(r.timers.get(ELECTION_TIMERS.coordinator)).toBe(600);
    onElectionTimer(s, ELECTION_TIMERS.coordinator, r.out, opts());
    expect(s).toMatchObject({ phase: 'electing', round: 2 });
  });

  it('with the teaching bug no-coordinator-timeout it waits for ever', () => {
    const s = newElection('n3', NODES, zero);
    const r = recorder();
    startElection(s, r.out, opts({ bugs: ['no-coordinator-timeout'] }), 'x');
    onElectionMessage(s, 'n4', { type: 'Answer', score: 0 }, r.out, opts({ bugs: ['no-coordinator-timeout'] }));
    expect(r.timers.size).toBe(0);
    expect(s.phase).toBe('waiting');
  });
});

describe('rule 4: ELECTION from a lower node', () => {
  it('a follower answers OK and starts its own election', () => {
    const s = newElection('n4', NODES, zero);
    s.coordinator = 'n5';
    const r = recorder();
    onElectionMessage(s, 'n2', { type: 'Election', score: 0, round: 1 }, r.out, opts());
    expect(r.sent[0]).toEqual(['n2', { type: 'Answer', score: 0 }]);
    expect(r.sent.slice(1).map(([to, m]) => [to, m.type])).toEqual([['n5', 'Election']]);
    expect(s.phase).toBe('electing');
  });

  it('the coordinator answers and tells the candidate it coordinates', () => {
    const s = newElection('n5', NODES, zero);
    startElection(s, recorder().out, opts(), 'starts');
    const r = recorder();
    onElectionMessage(s, 'n2', { type: 'Election', score: 0, round: 3 }, r.out, opts());
    expect(r.sent.map(([to, m]) => [to, m.type])).toEqual([
      ['n2', 'Answer'],
      ['n2', 'Coordinator'],
    ]);
  });

  it('an ELECTION from a higher node is not answered', () => {
    const s = newElection('n2', NODES, zero);
    const r = recorder();
    onElectionMessage(s, 'n4', { type: 'Election', score: 0, round: 1 }, r.out, opts());
    expect(r.sent).toEqual([]);
  });
});

describe('rule 5: COORDINATOR', () => {
  it('a lower node adopts the sender and stops electing', () => {
    const s = newElection('n2', NODES, zero);
    const r = recorder();
    startElection(s, r.out, opts(), 'x');
    onElectionMessage(s, 'n4', { type: 'Coordinator', score: 0, round: 2 }, r.out, opts());
    expect(s).toMatchObject({ phase: 'idle', coordinator: 'n4' });
    expect(r.timers.size).toBe(0);
    expect(r.records.at(-1)).toEqual(['adopt', { coordinator: 'n4', round: 1 }]);
  });

  it('a node keeps a higher coordinator it does not suspect over a late, lower announcement; it takes the lower one once it suspects the higher', () => {
    const s = newElection('n2', NODES, zero);
    s.coordinator = 'n5';
    onCoordinator(s, 'n4', recorder().out, opts());
    expect(s.coordinator).toBe('n5');
    onCoordinator(s, 'n4', recorder().out, opts({ suspected: (p) => p === 'n5' }));
    expect(s.coordinator).toBe('n4');
  });

  it('a higher node bullies a lower one that claims to coordinate: it re-announces if it coordinates, else starts an election', () => {
    const boss = newElection('n5', NODES, zero);
    startElection(boss, recorder().out, opts(), 'starts');
    const r = recorder();
    onCoordinator(boss, 'n4', r.out, opts());
    expect(r.sent.filter(([, m]) => m.type === 'Coordinator')).toHaveLength(4);
    const member = newElection('n4', NODES, zero);
    member.coordinator = 'n3';
    onCoordinator(member, 'n3', recorder().out, opts());
    expect(member.phase).toBe('electing');
  });

  it('a coordinator steps down for a higher announcement, unless the teaching bug ignore-higher-coordinator is on', () => {
    for (const [bugs, coordinates] of [
      [[], false],
      [['ignore-higher-coordinator'], true],
    ] as const) {
      const s = newElection('n4', NODES, zero);
      startElection(s, recorder().out, opts(), 'x');
      onElectionTimer(s, ELECTION_TIMERS.answer, recorder().out, opts());
      onCoordinator(s, 'n5', recorder().out, opts({ bugs }));
      expect(isCoordinator(s)).toBe(coordinates);
    }
  });
});

describe('ranks', () => {
  it('rank by score first, then by id (later ids higher)', () => {
    const s = { nodes: NODES, scores: { n1: 150, n2: 100, n5: 100 } };
    expect(outranks(s, 'n1', 'n5')).toBe(true);
    expect(outranks(s, 'n5', 'n2')).toBe(true);
    expect(outranks(s, 'n2', 'n5')).toBe(false);
    expect(outranks({ nodes: NODES, scores: zero }, 'n3', 'n2')).toBe(true);
  });

  it('in score mode an ELECTION goes to the nodes with a higher score, whatever their id', () => {
    const s = newElection('n5', NODES, { n1: 150, n2: 0, n3: 0, n4: 0, n5: 100 });
    const r = recorder();
    startElection(s, r.out, opts(), 'x');
    expect(r.sent.map(([to]) => to)).toEqual(['n1']);
  });
});
