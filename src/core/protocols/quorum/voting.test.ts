/**
 * One tally stepped by hand: weights from the configuration, never a claim; each voter counted once;
 * abstentions count toward participation, not approval; a decision needs both thresholds; liars
 * are flagged (issue 15 §2).
 */
import { describe, expect, it } from 'vitest';
import type { Stance } from './config';
import type { Vote } from './messages';
import { deliver, node, step } from './testkit';

const vote = (choice: Stance, value = 'x', claimed = 1, n = 1): Vote => ({ type: 'Vote', id: 'p1', choice, value, claimed, n });
const propose = { kind: 'request' as const, client: 'c1', requestId: 1, op: { f: 'propose', id: 'p1', value: 'x' } };
const decisionOf = (n: ReturnType<typeof node>) => n.state.tallies.get('p1')!.decision;

describe('quorum proposals', () => {
  it('a proposal goes to every voter; the tally counts its own vote and decides at the threshold', () => {
    const n1 = node('n1', 5);
    const fx = step(n1, propose);
    expect(fx.sends.filter((s) => s.msg.type === 'Propose').map((s) => s.to)).toEqual(['n2', 'n3', 'n4', 'n5']);
    expect(fx.sends.filter((s) => s.msg.type === 'Vote').map((s) => s.msg)).toEqual(Array(4).fill({ type: 'Vote', id: 'p1', choice: 'approve', value: 'x', claimed: 1, n: 1 }));
    expect(fx.records.map((r) => r.kind)).toEqual(['propose', 'vote']);
    deliver(n1, 'n2', vote('approve'));
    const done = deliver(n1, 'n3', vote('approve'));
    expect(done.records.at(-1)).toEqual({ kind: 'decide', fields: { proposal: 'p1', outcome: 'approved', value: 'x', approve: 3, participation: 3, threshold: 3, quorum: 3, total: 5, voters: ['n1', 'n2', 'n3'] } });
    expect(done.replies).toEqual([{ client: 'c1', requestId: 1, reply: { kind: 'result', result: { ok: true, value: 'x' } } }]);
    expect(done.sends.filter((s) => s.msg.type === 'Tally')).toHaveLength(4);
  });

  it('an abstention counts toward participation but not approval', () => {
    const n1 = node('n1', 5, { threshold: 3, quorum: 4 });
    step(n1, propose);
    deliver(n1, 'n2', vote('approve'));
    deliver(n1, 'n3', vote('abstain'));
    deliver(n1, 'n4', vote('abstain'));
    expect(decisionOf(n1)).toBeNull(); // 4 cast, 2 approving, n5 could still make 3
    deliver(n1, 'n5', vote('abstain'));
    expect(decisionOf(n1)).toMatchObject({ outcome: 'rejected', approve: 2, participation: 5 });
  });

  it('enough approvals without the participation quorum decide nothing', () => {
    const n1 = node('n1', 5, { threshold: 2, quorum: 4 });
    step(n1, propose);
    deliver(n1, 'n2', vote('approve'));
    deliver(n1, 'n3', vote('approve'));
    expect(decisionOf(n1)).toBeNull();
    deliver(n1, 'n4', vote('reject'));
    expect(decisionOf(n1)).toMatchObject({ outcome: 'approved', value: 'x', approve: 3, participation: 4 });
  });

  it('weights come from the configuration: heavy voters decide, a claimed weight is ignored and flagged', () => {
    const n3 = node('n3', 5, { weights: { n1: 3, n2: 3 }, stances: { n3: 'reject' } }); // V = 9, threshold 5
    step(n3, { kind: 'message', from: 'n1', msg: { type: 'Propose', id: 'p1', value: 'x' } });
    const lie = deliver(n3, 'n5', vote('approve', 'forged-p1', 10));
    expect(lie.records.filter((r) => r.kind === 'flag').map((r) => r.fields.reason)).toEqual(['claims 10 votes on p1 but holds 1']);
    expect(decisionOf(n3)).toBeNull(); // 1 (n3 rejects) + 1 (n5) cast; the claim of 10 counts 1
    deliver(n3, 'n1', vote('approve', 'x', 3));
    expect(decisionOf(n3)).toBeNull();
    deliver(n3, 'n2', vote('approve', 'x', 3));
    expect(decisionOf(n3)).toMatchObject({ outcome: 'approved', value: 'x', approve: 6 });
    expect([...n3.state.flagged.keys()]).toEqual(['n5']);
  });

  it('a voter counts once: a duplicated message is ignored quietly, a second vote is flagged and not counted', () => {
    const n1 = node('n1', 5);
    step(n1, propose);
    deliver(n1, 'n2', vote('approve'));
    expect(deliver(n1, 'n2', vote('approve')).records).toEqual([]); // the network duplicated it
    const twice = deliver(n1, 'n2', vote('approve', 'x', 1, 2));
    expect(twice.records.map((r) => [r.kind, r.fields.counted ?? r.fields.reason])).toEqual([['vote', false], ['flag', 'voted twice on p1']]);
    expect(decisionOf(n1)).toBeNull();
  });

  it('teaching bugs: count-duplicates counts the second vote, count-claimed-weight believes the claim', () => {
    const dup = node('n1', 5, { bugs: ['count-duplicates'] });
    step(dup, propose);
    deliver(dup, 'n2', vote('approve'));
    deliver(dup, 'n2', vote('approve', 'x', 1, 2));
    expect(decisionOf(dup)).toMatchObject({ outcome: 'approved', approve: 3, participation: 3 });
    const claim = node('n1', 5, { bugs: ['count-claimed-weight'] });
    step(claim, propose);
    deliver(claim, 'n2', vote('approve', 'forged-p1', 10));
    expect(decisionOf(claim)).toMatchObject({ outcome: 'approved', value: 'forged-p1', approve: 10 });
  });

  it('a value nobody proposed is flagged, and an equivocator is caught by comparing Tally messages', () => {
    const n1 = node('n1', 5);
    step(n1, propose);
    expect(deliver(n1, 'n4', vote('approve', 'y')).records.find((r) => r.kind === 'flag')!.fields.reason).toBe('approves y on p1, which nobody proposed (the proposal is x)');
    deliver(n1, 'n5', vote('approve'));
    const fx = deliver(n1, 'n3', { type: 'Tally', id: 'p1', votes: [['n5', 'reject', 'x']] });
    expect(fx.records).toEqual([{ kind: 'flag', fields: { proposal: 'p1', voter: 'n5', reason: 'told n1 approve x on p1 but told n3 reject' } }]);
  });

  it('a Byzantine voter lies by its behaviour; the stance action changes an honest vote', () => {
    const liar = node('n6', 7, { byzantine: { n6: 'claim-weight' } });
    const fx = step(liar, { kind: 'message', from: 'n1', msg: { type: 'Propose', id: 'p1', value: 'x' } });
    expect(fx.sends.find((s) => s.to === 'n1')!.msg).toEqual({ type: 'Vote', id: 'p1', choice: 'approve', value: 'forged-p1', claimed: 10, n: 1 });
    const eq = node('n2', 4, { byzantine: { n2: 'equivocate' } });
    const sent = step(eq, { kind: 'message', from: 'n1', msg: { type: 'Propose', id: 'p1', value: 'x' } }).sends.map((s) => [s.to, (s.msg as Vote).choice]);
    expect(sent).toEqual([['n1', 'approve'], ['n3', 'approve'], ['n4', 'reject']]);
    const n2 = node('n2', 3);
    step(n2, { kind: 'action', name: 'vote-abstain' });
    expect(step(n2, { kind: 'message', from: 'n1', msg: { type: 'Propose', id: 'p1', value: 'x' } }).sends[0]!.msg).toMatchObject({ choice: 'abstain' });
  });

  it('an undecided tally asks the silent voters again; a voter asked again resends the same vote', () => {
    const n1 = node('n1', 3, { retryMs: 100 });
    step(n1, propose);
    const again = step(n1, { kind: 'timer', name: 'tally:p1' });
    expect(again.sends.map((s) => [s.to, s.msg.type])).toEqual([['n2', 'Propose'], ['n3', 'Propose']]);
    const n2 = node('n2', 3);
    const first = step(n2, { kind: 'message', from: 'n1', msg: { type: 'Propose', id: 'p1', value: 'x' } });
    const resent = step(n2, { kind: 'message', from: 'n1', msg: { type: 'Propose', id: 'p1', value: 'x' } });
    expect(resent.sends).toEqual([first.sends.find((s) => s.to === 'n1')]);
  });
});
