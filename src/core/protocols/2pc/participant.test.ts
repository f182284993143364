/**
 * A participant stepped by hand (Bernstein, Hadzilacos & Goodman §7.3–7.4): it forces "prepared"
 * before voting commit, votes abort on a lock conflict or a refusal, holds its locks until the
 * decision, logs the decision before acking, recovers from its log, and answers termination
 * requests. pbft-2pc-tests.md §3b cases 2, 6, 7 and 8.
 */
import { describe, expect, it } from 'vitest';
import { twoPc } from '.';
import { deliver, fire, flush, node, step } from './testkit';
import type { TwoPcMessage } from './messages';

const prepare = (txn: string, writes: Record<string, string>): TwoPcMessage => ({ type: 'prepare', txn, writes, participants: ['n2', 'n3', 'n4'] });

describe('participant: voting (phase 1)', () => {
  it('locks its keys and forces "prepared" before it votes commit', () => {
    const n2 = node('n2');
    const fx = deliver(n2, 'n1', prepare('c1#1', { x: '1' }));
    expect(fx.sends).toEqual([]);
    expect(n2.state.locks).toEqual({ x: 'c1#1' });
    expect(n2.state.log).toEqual([]);
    expect(fx.timersSet).toEqual([{ name: 'flush', afterMs: 10 }]);
    const after = flush(n2);
    expect(n2.state.log).toEqual([{ type: 'prepared', txn: 'c1#1', coordinator: 'n1', participants: ['n2', 'n3', 'n4'], writes: { x: '1' } }]);
    expect(after.sends).toEqual([{ to: 'n1', msg: { type: 'vote-commit', txn: 'c1#1' } }]);
    expect(after.records).toEqual([{ kind: 'vote', fields: { txn: 'c1#1', vote: 'commit' } }]);
    expect(twoPc.summary(n2.state)).toMatchObject({ role: 'prepared', fields: { txn: 'c1#1', phase: 'prepared', locks: 1, waitsFor: 'n1' } });
  });

  it('votes abort on a key locked by another prepared transaction, and aborts at once', () => {
    const n2 = node('n2');
    deliver(n2, 'n1', prepare('c1#1', { x: '1' }));
    flush(n2);
    const fx = deliver(n2, 'n1', prepare('c2#1', { x: '2' }));
    expect(fx.sends).toEqual([{ to: 'n1', msg: { type: 'vote-abort', txn: 'c2#1', reason: 'x locked by c1#1' } }]);
    expect(fx.records.map((r) => r.kind)).toEqual(['vote', 'decision']);
    expect(n2.state.locks).toEqual({ x: 'c1#1' });
    expect(n2.state.part['c2#1']!.phase).toBe('aborted');
  });

  it('votes abort when config.refuse names it; a repeated prepare gets the same vote', () => {
    const n3 = node('n3', { refuse: ['n3'] });
    const first = deliver(n3, 'n1', prepare('c1#1', { y: '1' }));
    expect(first.sends[0]!.msg).toEqual({ type: 'vote-abort', txn: 'c1#1', reason: 'n3 refuses every transaction' });
    const again = deliver(n3, 'n1', prepare('c1#1', { y: '1' }));
    expect(again.sends[0]!.msg).toEqual(first.sends[0]!.msg);
    expect(again.records).toEqual([]);
  });

  it('with abortRate 1 always votes abort, with 0 never (drawn from its own stream)', () => {
    const yes = node('n2', { abortRate: 0 });
    deliver(yes, 'n1', prepare('c1#1', { x: '1' }));
    expect(flush(yes).sends[0]!.msg.type).toBe('vote-commit');
    const no = node('n2', { abortRate: 1 });
    expect(deliver(no, 'n1', prepare('c1#1', { x: '1' })).sends[0]!.msg).toMatchObject({ type: 'vote-abort', reason: 'n2 aborts at random' });
  });
});

describe('participant: the decision (phase 2)', () => {
  const prepared = () => {
    const n2 = node('n2');
    deliver(n2, 'n1', prepare('c1#1', { x: '1' }));
    flush(n2);
    return n2;
  };

  it('forces global-commit, then applies the writes, releases the locks and acks', () => {
    const n2 = prepared();
    const fx = deliver(n2, 'n1', { type: 'global-commit', txn: 'c1#1' });
    expect(fx.sends).toEqual([]);
    expect(n2.state.kv).toEqual({});
    const after = flush(n2);
    expect(n2.state.kv).toEqual({ x: '1' });
    expect(n2.state.locks).toEqual({});
    expect(after.sends).toEqual([{ to: 'n1', msg: { type: 'ack', txn: 'c1#1' } }]);
    expect(after.records).toEqual([{ kind: 'decision', fields: { txn: 'c1#1', decision: 'commit' } }]);
    expect(twoPc.summary(n2.state).role).toBe('participant');
  });

  it('a duplicate decision only gets another ack; a contrary one does not change its mind', () => {
    const n2 = prepared();
    deliver(n2, 'n1', { type: 'global-commit', txn: 'c1#1' });
    flush(n2);
    const dup = deliver(n2, 'n1', { type: 'global-commit', txn: 'c1#1' });
    expect(dup.sends).toEqual([{ to: 'n1', msg: { type: 'ack', txn: 'c1#1' } }]);
    expect(dup.records).toEqual([]);
    const contrary = deliver(n2, 'n1', { type: 'global-abort', txn: 'c1#1', reason: 'late' });
    expect(contrary.records).toEqual([]);
    expect(n2.state.kv).toEqual({ x: '1' });
  });

  it('global-abort while prepared releases the locks and writes nothing', () => {
    const n2 = prepared();
    deliver(n2, 'n1', { type: 'global-abort', txn: 'c1#1', reason: 'n3 voted abort' });
    const after = flush(n2);
    expect(n2.state.kv).toEqual({});
    expect(n2.state.locks).toEqual({});
    expect(after.records).toEqual([{ kind: 'decision', fields: { txn: 'c1#1', decision: 'abort', reason: 'n3 voted abort' } }]);
  });
});

describe('participant: crash and recovery from its log', () => {
  it('restarts prepared, with its locks, and asks the coordinator for the outcome', () => {
    const n2 = node('n2');
    deliver(n2, 'n1', prepare('c1#1', { x: '1' }));
    flush(n2);
    const saved = twoPc.persistent(n2.state);
    const back = { ...node('n2'), state: twoPc.recover(saved, 'n2', ['n1', 'n2', 'n3', 'n4'], n2.state.config) };
    expect(back.state.locks).toEqual({ x: 'c1#1' });
    const fx = step(back, { kind: 'start' });
    expect(fx.sends).toEqual([{ to: 'n1', msg: { type: 'decision-request', txn: 'c1#1' } }]);
    deliver(back, 'n1', { type: 'decision-reply', txn: 'c1#1', outcome: 'committed' });
    flush(back);
    expect(back.state.kv).toEqual({ x: '1' });
  });

  it('a forced write still on its way to disk is lost in a crash: no vote was sent, nothing is prepared', () => {
    const n2 = node('n2');
    deliver(n2, 'n1', prepare('c1#1', { x: '1' }));
    const back = twoPc.recover(twoPc.persistent(n2.state), 'n2', ['n1', 'n2', 'n3', 'n4'], n2.state.config);
    expect(back.part).toEqual({});
    expect(back.locks).toEqual({});
  });

  it('with forget-prepared, restarts with no record of the prepared transaction and no locks', () => {
    const n2 = node('n2', { bugs: ['forget-prepared'] });
    deliver(n2, 'n1', prepare('c1#1', { x: '1' }));
    flush(n2);
    const back = twoPc.recover(twoPc.persistent(n2.state), 'n2', ['n1', 'n2', 'n3', 'n4'], n2.state.config);
    expect(back.part).toEqual({});
    expect(back.locks).toEqual({});
  });

  it('replays committed decisions into its data', () => {
    const n2 = node('n2');
    deliver(n2, 'n1', prepare('c1#1', { x: '1' }));
    flush(n2);
    deliver(n2, 'n1', { type: 'global-commit', txn: 'c1#1' });
    flush(n2);
    const back = twoPc.recover(twoPc.persistent(n2.state), 'n2', ['n1', 'n2', 'n3', 'n4'], n2.state.config);
    expect(back.kv).toEqual({ x: '1' });
    expect(back.locks).toEqual({});
  });
});

describe('participant: cooperative termination (2PC)', () => {
  it('when the decision is late it asks the coordinator and its peers, and is blocked while none knows', () => {
    const n2 = node('n2');
    deliver(n2, 'n1', prepare('c1#1', { x: '1' }));
    flush(n2);
    const fx = fire(n2, 'decision');
    expect(fx.sends.map((s) => [s.to, s.msg.type])).toEqual([['n1', 'decision-request'], ['n3', 'decision-request'], ['n4', 'decision-request']]);
    deliver(n2, 'n3', { type: 'decision-reply', txn: 'c1#1', outcome: 'uncertain' });
    expect(twoPc.summary(n2.state)).toMatchObject({ role: 'blocked', fields: { locks: 1, waitsFor: 'n1' } });
    deliver(n2, 'n4', { type: 'decision-reply', txn: 'c1#1', outcome: 'committed' });
    flush(n2);
    expect(n2.state.kv).toEqual({ x: '1' });
    expect(twoPc.summary(n2.state).role).toBe('participant');
  });

  it('a peer that has not voted aborts on the spot and answers aborted once that is logged', () => {
    const n3 = node('n3');
    const fx = deliver(n3, 'n2', { type: 'decision-request', txn: 'c1#1' });
    expect(fx.sends).toEqual([]);
    const after = flush(n3);
    expect(after.sends).toContainEqual({ to: 'n2', msg: { type: 'decision-reply', txn: 'c1#1', outcome: 'aborted' } });
    expect(deliver(n3, 'n1', prepare('c1#1', { y: '1' })).sends[0]!.msg.type).toBe('vote-abort');
  });

  it('an uncertain peer answers uncertain', () => {
    const n3 = node('n3');
    deliver(n3, 'n1', prepare('c1#1', { y: '1' }));
    flush(n3);
    expect(deliver(n3, 'n2', { type: 'decision-request', txn: 'c1#1' }).sends).toEqual([{ to: 'n2', msg: { type: 'decision-reply', txn: 'c1#1', outcome: 'uncertain' } }]);
  });
});

describe('participant: 3PC', () => {
  it('forces pre-commit, then acks: it is committable', () => {
    const n2 = node('n2', { variant: '3pc' });
    deliver(n2, 'n1', prepare('c1#1', { x: '1' }));
    flush(n2);
    deliver(n2, 'n1', { type: 'pre-commit', txn: 'c1#1' });
    expect(flush(n2).sends).toEqual([{ to: 'n1', msg: { type: 'pre-commit-ack', txn: 'c1#1' } }]);
    expect(twoPc.summary(n2.state).role).toBe('committable');
  });

  it('the first-listed participant times out first, becomes backup, and with someone committable moves the uncertain to committable before it commits (Skeen 1981)', () => {
    const n2 = node('n2', { variant: '3pc' });
    const n3 = node('n3', { variant: '3pc' });
    for (const n of [n2, n3]) {
      deliver(n, 'n1', prepare('c1#1', { x: '1' }));
      flush(n);
    }
    expect(n2.timers.get('decision')).toBe(600);
    expect(n3.timers.get('decision')).toBe(1200);
    const poll = fire(n2, 'decision');
    expect(poll.sends.map((s) => s.to)).toEqual(['n3', 'n4']);
    deliver(n2, 'n3', { type: 'decision-reply', txn: 'c1#1', outcome: 'committable' });
    const round = deliver(n2, 'n4', { type: 'decision-reply', txn: 'c1#1', outcome: 'uncertain' });
    // Not yet: n4 and n2 itself are uncertain, and a commit now could leave them to a later backup that aborts.
    expect(round.sends.filter((s) => s.msg.type === 'pre-commit').map((s) => s.to)).toEqual(['n4']);
    expect(flush(n2).records).toEqual([]);
    expect(n2.state.part['c1#1']!.phase).toBe('committable');
    const after = deliver(n2, 'n4', { type: 'pre-commit-ack', txn: 'c1#1' });
    expect(after.sends.filter((s) => s.msg.type === 'global-commit')).toEqual([]);
    const done = flush(n2);
    expect(done.records).toEqual([{ kind: 'decision', fields: { txn: 'c1#1', decision: 'commit' } }]);
    expect(done.sends.filter((s) => s.msg.type === 'global-commit').map((s) => s.to)).toEqual(['n3', 'n4']);
  });

  it("a participant a backup pre-commits acks the backup, not the coordinator", () => {
    const n4 = node('n4', { variant: '3pc' });
    deliver(n4, 'n1', prepare('c1#1', { x: '1' }));
    flush(n4);
    deliver(n4, 'n2', { type: 'pre-commit', txn: 'c1#1' });
    expect(flush(n4).sends.filter((s) => s.msg.type === 'pre-commit-ack').map((s) => s.to)).toEqual(['n2']);
  });

  it('a backup whose pre-commit round gets no ack presumes the silent crashed and commits', () => {
    const n2 = node('n2', { variant: '3pc' });
    deliver(n2, 'n1', prepare('c1#1', { x: '1' }));
    flush(n2);
    fire(n2, 'decision');
    deliver(n2, 'n3', { type: 'decision-reply', txn: 'c1#1', outcome: 'committable' });
    deliver(n2, 'n4', { type: 'decision-reply', txn: 'c1#1', outcome: 'uncertain' });
    flush(n2);
    const late = fire(n2, 'decision');
    expect(late.notes.some((n) => n.includes('no pre-commit-ack on c1#1 from n4'))).toBe(true);
    expect(flush(n2).records[0]!.fields).toMatchObject({ decision: 'commit' });
  });

  it('a backup that finds everyone uncertain aborts', () => {
    const n2 = node('n2', { variant: '3pc' });
    deliver(n2, 'n1', prepare('c1#1', { x: '1' }));
    flush(n2);
    fire(n2, 'decision');
    deliver(n2, 'n3', { type: 'decision-reply', txn: 'c1#1', outcome: 'uncertain' });
    deliver(n2, 'n4', { type: 'decision-reply', txn: 'c1#1', outcome: 'uncertain' });
    expect(flush(n2).records[0]!.fields).toMatchObject({ decision: 'abort', reason: 'backup n2: every reachable participant was uncertain' });
  });
});
