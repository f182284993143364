/** Breakpoint conditions and the event describer, on real Raft traces. */
import { describe, expect, it } from 'vitest';
import { raft } from '../protocols/raft';
import { parseScenario } from '../scenario/schema';
import { runScenario } from '../sim/run';
import type { TraceRecord } from '../trace';
import { ConditionMatcher, conditionText, notFoundText, type Condition } from './conditions';
import { describeEvent } from './describe-event';

function trace(timeline: unknown[] = [], nodes = 5) {
  const records: TraceRecord[] = [];
  const scenario = parseScenario({ version: 1, protocol: 'raft', seed: 4, nodes, until: 3000, timeline });
  runScenario(scenario, { trace: (r) => records.push(r) });
  return records;
}

const start = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`n${i + 1}`, { role: 'follower', term: 0, commitIndex: 0 }]));

function firstMatch(records: TraceRecord[], c: Condition, n = 5): number {
  const m = new ConditionMatcher([c], raft, start(n), []);
  return records.findIndex((r) => m.feed(r).length > 0);
}

describe('ConditionMatcher', () => {
  const records = trace([{ at: 1200, action: 'crash', node: 'leader' }, { at: 1500, action: 'request', op: { f: 'put', key: 'x', value: '1' } }]);

  it('stops at the first leader, term change, commit and role change', () => {
    const leader = firstMatch(records, { kind: 'leader' });
    expect(records[leader]).toMatchObject({ type: 'state', role: 'leader' });
    expect(records.slice(0, leader).some((r) => r.type === 'state' && r.role === 'leader')).toBe(false);
    const term = firstMatch(records, { kind: 'term' });
    expect(records[term]).toMatchObject({ type: 'state', term: 1 });
    const commit = firstMatch(records, { kind: 'commit' });
    expect(records[commit]).toMatchObject({ type: 'state' });
    expect((records[commit] as { commitIndex: number }).commitIndex).toBeGreaterThan(0);
    const first = records[leader] as { node: string };
    const role = firstMatch(records, { kind: 'role', node: first.node });
    expect(records[role]).toMatchObject({ type: 'state', node: first.node, role: 'candidate' });
  });

  it('matches deliveries by node and message type, and timers', () => {
    const leader = (records.find((r) => r.type === 'state' && r.role === 'leader') as { node: string }).node;
    const node = leader === 'n3' ? 'n4' : 'n3';
    const i = firstMatch(records, { kind: 'deliver', node, type: 'AppendEntries' });
    const d = records[i] as Extract<TraceRecord, { type: 'deliver' }>;
    expect(d).toMatchObject({ type: 'deliver', to: node });
    const send = records.find((r) => r.type === 'send' && r.id === d.id) as Extract<TraceRecord, { type: 'send' }>;
    expect(raft.messageType(send.msg as never)).toBe('AppendEntries');
    const earlier = records.slice(0, i).filter((r) => r.type === 'deliver' && r.to === node);
    expect(earlier.length).toBeGreaterThan(0);
    for (const e of earlier) {
      const s = records.find((r) => r.type === 'send' && r.id === (e as { id: number }).id) as unknown as { msg: never };
      expect(raft.messageType(s.msg)).not.toBe('AppendEntries');
    }
    expect(records[firstMatch(records, { kind: 'timer' })]).toMatchObject({ type: 'timer' });
  });

  it('sees two candidates at once only when elections overlap', () => {
    const split = trace([{ at: 10, action: 'timeout', node: 'n1' }, { at: 10, action: 'timeout', node: 'n2' }]);
    const i = firstMatch(split, { kind: 'candidates' });
    expect(i).toBeGreaterThan(-1);
    const roles = new Map<string, string>();
    for (const r of split.slice(0, i + 1)) if (r.type === 'state') roles.set(r.node, r.role);
    expect([...roles.values()].filter((x) => x === 'candidate')).toHaveLength(2);
    expect(split.slice(0, i).some((r) => r.type === 'state' && r.role === 'candidate')).toBe(true);
    expect(conditionText({ kind: 'deliver', node: 'n3', type: 'RequestVote' })).toBe('RequestVote delivered to n3');
  });

  it('says a search found nothing in words that read (no "No a new leader")', () => {
    expect(notFoundText({ kind: 'leader' }, 200_000)).toBe('Not found in the next 200,000 events: a new leader.');
    expect(notFoundText({ kind: 'leader' }, 10, { leader: 'primary', epoch: 'view' })).toBe('Not found in the next 10 events: a new primary.');
    expect(notFoundText({ kind: 'role', node: 'n2' }, 5)).toBe('Not found in the next 5 events: n2 changes role.');
  });
});

describe('ConditionMatcher over roles, any-node deliveries and protocol records', () => {
  const records = trace([{ at: 1200, action: 'crash', node: 'leader' }]);

  it('stops when any node enters a role, and not while it stays in it', () => {
    const i = firstMatch(records, { kind: 'enter-role', role: 'candidate' });
    expect(records[i]).toMatchObject({ type: 'state', role: 'candidate' });
    expect(records.slice(0, i).some((r) => r.type === 'state' && r.role === 'candidate')).toBe(false);
    const crash = firstMatch(records, { kind: 'enter-role', role: 'crashed' });
    expect(records[crash]).toMatchObject({ type: 'state', role: 'crashed' });
    const m = new ConditionMatcher([{ kind: 'enter-role', role: 'leader' }], raft, start(5), []);
    const hits = records.filter((r) => m.feed(r).length > 0);
    const leaderStates = records.filter((r) => r.type === 'state' && r.role === 'leader');
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.length).toBeLessThan(leaderStates.length);
  });

  it('matches a message type delivered to any node', () => {
    const i = firstMatch(records, { kind: 'deliver', type: 'RequestVoteReply' });
    const d = records[i] as Extract<TraceRecord, { type: 'deliver' }>;
    const send = records.find((r) => r.type === 'send' && r.id === d.id) as Extract<TraceRecord, { type: 'send' }>;
    expect(raft.messageType(send.msg as never)).toBe('RequestVoteReply');
    expect(records[firstMatch(records, { kind: 'deliver' })]).toMatchObject({ type: 'deliver' });
    expect(conditionText({ kind: 'deliver', type: 'Prepare' })).toBe('Prepare delivered to any node');
  });

  it('matches protocol records by kind, in the protocol’s words', () => {
    const recs: TraceRecord[] = [
      { t: 1, type: 'record', kind: 'receipt', node: 'n1', value: 1 },
      { t: 2, type: 'record', kind: 'vote', node: 'n2', txn: 'c1#1', vote: 'commit' },
    ];
    const m = new ConditionMatcher([{ kind: 'record', record: 'vote' }], raft, start(2), []);
    expect(recs.map((r) => m.feed(r).length)).toEqual([0, 1]);
    expect(conditionText({ kind: 'record', record: 'vote' })).toBe('a vote record');
    expect(conditionText({ kind: 'record', record: 'vote' }, { leader: 'leader', epoch: 'term', records: { vote: 'a participant votes' } })).toBe('a participant votes');
    expect(conditionText({ kind: 'enter-role', role: 'blocked' })).toBe('a node becomes blocked');
  });

  it('never finds a new leader in a leader-free protocol', () => {
    const leaderFree = { ...raft, leaderRole: null } as typeof raft;
    const m = new ConditionMatcher([{ kind: 'leader' }], leaderFree, start(5), []);
    expect(records.some((r) => m.feed(r).length > 0)).toBe(false);
  });
});

describe('describeEvent', () => {
  it('says who receives what, and why the protocol did what it did', () => {
    const records = trace();
    const msgs = new Map<number, unknown>();
    for (const r of records) if (r.type === 'send') msgs.set(r.id, r.msg);
    const i = records.findIndex((r, k) => r.type === 'deliver' && records[k + 1]?.type === 'note' && /grants its vote/.test((records[k + 1] as { text: string }).text));
    expect(i).toBeGreaterThan(-1);
    let j = i + 1;
    while (j < records.length && records[j]!.type !== 'deliver' && records[j]!.type !== 'timer') j++;
    const text = describeEvent(records.slice(i, j), raft, (id) => msgs.get(id));
    expect(text).toMatch(/^n\d receives RequestVote t1 last 0\/0 from n\d\. n\d grants its vote to n\d in term 1: n\d's log is at least as up to date\./);
    expect(text).toMatch(/sends RequestVoteReply to n\d\./);
    expect(describeEvent([], raft, () => undefined)).toBe('');
  });
});
