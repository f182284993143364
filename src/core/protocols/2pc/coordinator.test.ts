/**
 * The coordinator stepped by hand (Bernstein, Hadzilacos & Goodman §7.3; Gray 1978): prepare goes
 * to each key's owner with its share, the decision is forced before it is sent, any abort vote or
 * a missing vote aborts, and a restart re-sends a logged decision or aborts an undecided transaction
 * (presumed abort). pbft-2pc-tests.md §3b cases 1–5 and 7; the teaching bugs at step level.
 */
import { describe, expect, it } from 'vitest';
import { twoPc } from '.';
import { deliver, fire, flush, node, NODES, step } from './testkit';
import type { TwoPcConfig } from './config';

const ask = (n: ReturnType<typeof node>, writes: Record<string, string>, requestId = 1, client = 'c1') =>
  step(n, { kind: 'request', client, requestId, op: { f: 'txn', writes } });

const begun = (config: Partial<TwoPcConfig> = {}) => {
  const n1 = node('n1', config);
  ask(n1, { x: '1', z: '3' });
  return n1;
};

describe('coordinator: phase 1', () => {
  it('a participant redirects the client to the coordinator', () => {
    expect(ask(node('n3'), { x: '1' }).replies).toEqual([{ client: 'c1', requestId: 1, reply: { kind: 'redirect', leader: 'n1' } }]);
  });

  it('config.coordinator picks another node; one outside the cluster is refused in words', () => {
    expect(ask(node('n1', { coordinator: 'n2' }), { x: '1' }).replies[0]!.reply).toEqual({ kind: 'redirect', leader: 'n2' });
    expect(() => node('n1', { coordinator: 'n9' })).toThrow('config.coordinator names n9, which is not in the cluster (n1, n2, n3, n4)');
  });

  it('writes begin and sends prepare only to the owners of the keys, each with its share', () => {
    const n1 = node('n1');
    const fx = ask(n1, { x: '1', z: '3' });
    expect(fx.sends).toEqual([
      { to: 'n2', msg: { type: 'prepare', txn: 'c1#1', writes: { x: '1' }, participants: ['n2', 'n4'] } },
      { to: 'n4', msg: { type: 'prepare', txn: 'c1#1', writes: { z: '3' }, participants: ['n2', 'n4'] } },
    ]);
    expect(fx.records).toEqual([{ kind: 'begin', fields: { txn: 'c1#1', participants: ['n2', 'n4'], writes: { x: '1', z: '3' } } }]);
    expect(n1.state.log.map((r) => r.type)).toEqual(['begin']);
    expect(fx.timersSet).toEqual([{ name: 'votes', afterMs: 400 }]);
  });

  it('config.owners pins a key to a participant', () => {
    expect(ask(node('n1', { owners: { x: 'n3' } }), { x: '1' }).sends.map((s) => s.to)).toEqual(['n3']);
    expect(() => ask(node('n1', { owners: { x: 'n1' } }), { x: '1' })).toThrow('config.owners gives key "x" to n1, which is not a participant (n2, n3, n4)');
  });

  it('answers an operation that is not a transaction with an error in words', () => {
    const fx = step(node('n1'), { kind: 'request', client: 'c1', requestId: 1, op: { f: 'get', key: 'x' } });
    expect(fx.replies[0]!.reply).toEqual({ kind: 'result', result: { ok: false, error: 'two-phase commit runs transactions such as {"f": "txn", "writes": {"x": "1"}}, not get' } });
  });
});

describe('coordinator: phase 2', () => {
  it('on every vote commit it forces commit, and only then sends global-commit and answers the client', () => {
    const n1 = begun();
    deliver(n1, 'n2', { type: 'vote-commit', txn: 'c1#1' });
    const last = deliver(n1, 'n4', { type: 'vote-commit', txn: 'c1#1' });
    expect(last.sends).toEqual([]);
    expect(last.replies).toEqual([]);
    const fx = flush(n1);
    expect(n1.state.log.map((r) => r.type)).toEqual(['begin', 'decision']);
    expect(fx.sends.map((s) => [s.to, s.msg.type])).toEqual([['n2', 'global-commit'], ['n4', 'global-commit']]);
    expect(fx.replies).toEqual([{ client: 'c1', requestId: 1, reply: { kind: 'result', result: { ok: true } } }]);
    expect(fx.records).toEqual([{ kind: 'decision', fields: { txn: 'c1#1', decision: 'commit' } }]);
  });

  it('one vote abort aborts, and the client learns why', () => {
    const n1 = begun();
    deliver(n1, 'n2', { type: 'vote-abort', txn: 'c1#1', reason: 'x locked by c2#1' });
    const fx = flush(n1);
    expect(fx.sends.map((s) => s.msg)).toContainEqual({ type: 'global-abort', txn: 'c1#1', reason: 'n2 voted abort (x locked by c2#1)' });
    expect(fx.replies[0]!.reply).toEqual({ kind: 'result', result: { ok: false, error: 'aborted: n2 voted abort (x locked by c2#1)' } });
  });

  it('a vote missing at the vote timeout aborts', () => {
    const n1 = begun();
    deliver(n1, 'n2', { type: 'vote-commit', txn: 'c1#1' });
    fire(n1, 'votes');
    expect(flush(n1).records[0]!.fields).toEqual({ txn: 'c1#1', decision: 'abort', reason: 'no vote from n4 within 400 ms' });
  });

  it('re-sends the decision to participants that have not acked, and stops once all have', () => {
    const n1 = begun();
    deliver(n1, 'n2', { type: 'vote-commit', txn: 'c1#1' });
    deliver(n1, 'n4', { type: 'vote-commit', txn: 'c1#1' });
    flush(n1);
    deliver(n1, 'n2', { type: 'ack', txn: 'c1#1' });
    expect(fire(n1, 'votes').sends).toEqual([{ to: 'n4', msg: { type: 'global-commit', txn: 'c1#1' } }]);
    const done = deliver(n1, 'n4', { type: 'ack', txn: 'c1#1' });
    expect(done.timersCleared).toContain('votes');
    expect(n1.state.log.map((r) => r.type)).toEqual(['begin', 'decision', 'end']);
  });

  it('a retried request is not begun twice; once decided it gets the same answer', () => {
    const n1 = begun();
    expect(ask(n1, { x: '1', z: '3' }).sends).toEqual([]);
    deliver(n1, 'n2', { type: 'vote-commit', txn: 'c1#1' });
    deliver(n1, 'n4', { type: 'vote-commit', txn: 'c1#1' });
    flush(n1);
    expect(ask(n1, { x: '1', z: '3' }).replies[0]!.reply).toEqual({ kind: 'result', result: { ok: true } });
    expect(n1.state.log.filter((r) => r.type === 'begin')).toHaveLength(1);
  });
});

describe('coordinator: crash and recovery', () => {
  const restart = (n1: ReturnType<typeof node>) => {
    const back = { ...node('n1', n1.state.config), state: twoPc.recover(twoPc.persistent(n1.state), 'n1', NODES, n1.state.config) };
    back.now = 1000;
    return back;
  };

  it('a transaction begun but not decided is aborted after a 2PC restart (presumed abort)', () => {
    const n1 = begun();
    deliver(n1, 'n2', { type: 'vote-commit', txn: 'c1#1' });
    const back = restart(n1);
    step(back, { kind: 'start' });
    const fx = flush(back);
    expect(fx.records[0]!.fields).toEqual({ txn: 'c1#1', decision: 'abort', reason: 'the coordinator restarted before deciding' });
    expect(fx.sends.map((s) => s.msg.type)).toEqual(['global-abort', 'global-abort']);
  });

  it('a logged decision is re-sent after a restart, without a second decision record', () => {
    const n1 = begun();
    deliver(n1, 'n2', { type: 'vote-commit', txn: 'c1#1' });
    deliver(n1, 'n4', { type: 'vote-commit', txn: 'c1#1' });
    flush(n1);
    const back = restart(n1);
    const fx = step(back, { kind: 'start' });
    expect(fx.sends.map((s) => [s.to, s.msg.type])).toEqual([['n2', 'global-commit'], ['n4', 'global-commit']]);
    expect(fx.records).toEqual([]);
  });

  it('a decision still being written when the coordinator crashes is lost, and nothing was sent', () => {
    const n1 = begun();
    deliver(n1, 'n2', { type: 'vote-commit', txn: 'c1#1' });
    deliver(n1, 'n4', { type: 'vote-commit', txn: 'c1#1' });
    expect(restart(n1).state.coord['c1#1']!.phase).toBe('voting');
  });

  it('after a 3PC restart it asks the participants instead of aborting', () => {
    const n1 = begun({ variant: '3pc' });
    const back = restart(n1);
    expect(step(back, { kind: 'start' }).sends.map((s) => s.msg.type)).toEqual(['decision-request', 'decision-request']);
    deliver(back, 'n2', { type: 'decision-reply', txn: 'c1#1', outcome: 'committed' });
    expect(flush(back).records[0]!.fields).toEqual({ txn: 'c1#1', decision: 'commit' });
  });
});

describe('coordinator: 3PC and the teaching bugs', () => {
  it('3PC: every vote commit sends pre-commit; commit after the acks', () => {
    const n1 = begun({ variant: '3pc' });
    deliver(n1, 'n2', { type: 'vote-commit', txn: 'c1#1' });
    expect(deliver(n1, 'n4', { type: 'vote-commit', txn: 'c1#1' }).sends.map((s) => s.msg.type)).toEqual(['pre-commit', 'pre-commit']);
    deliver(n1, 'n2', { type: 'pre-commit-ack', txn: 'c1#1' });
    deliver(n1, 'n4', { type: 'pre-commit-ack', txn: 'c1#1' });
    expect(flush(n1).sends.map((s) => s.msg.type)).toEqual(['global-commit', 'global-commit']);
  });

  it('3PC: a missing pre-commit-ack at the timeout still commits (the silent one is presumed crashed)', () => {
    const n1 = begun({ variant: '3pc' });
    deliver(n1, 'n2', { type: 'vote-commit', txn: 'c1#1' });
    deliver(n1, 'n4', { type: 'vote-commit', txn: 'c1#1' });
    deliver(n1, 'n2', { type: 'pre-commit-ack', txn: 'c1#1' });
    fire(n1, 'votes');
    expect(flush(n1).records[0]!.fields).toEqual({ txn: 'c1#1', decision: 'commit' });
  });

  it('decide-early: commits with the last vote still out', () => {
    const n1 = begun({ bugs: ['decide-early'] });
    deliver(n1, 'n2', { type: 'vote-commit', txn: 'c1#1' });
    expect(flush(n1).records[0]!.fields).toEqual({ txn: 'c1#1', decision: 'commit' });
  });

  it('send-before-log: sends global-commit before the decision is in its log', () => {
    const n1 = begun({ bugs: ['send-before-log'] });
    deliver(n1, 'n2', { type: 'vote-commit', txn: 'c1#1' });
    const fx = deliver(n1, 'n4', { type: 'vote-commit', txn: 'c1#1' });
    expect(fx.sends.map((s) => s.msg.type)).toEqual(['global-commit', 'global-commit']);
    expect(n1.state.log.map((r) => r.type)).toEqual(['begin']);
  });
});

describe('coordinator: acks before the decision', () => {
  it('an ack from a participant that aborted on a peer’s word does not end a transaction still voting', () => {
    const n1 = begun();
    deliver(n1, 'n2', { type: 'ack', txn: 'c1#1' });
    deliver(n1, 'n4', { type: 'ack', txn: 'c1#1' });
    expect(n1.state.log.map((r) => r.type)).toEqual(['begin']);
    fire(n1, 'votes');
    expect(flush(n1).records[0]!.fields).toMatchObject({ decision: 'abort', reason: 'no vote from n2, n4 within 400 ms' });
  });
});

