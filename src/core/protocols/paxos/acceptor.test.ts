/**
 * The acceptor's and proposer's rules, one step at a time (Paxos Made Simple §2.2; more-protocols.md
 * §11): promise only above every answered prepare, report the highest accepted proposal, refuse an
 * accept below the promise (P1a), and adopt the highest-ballot reported value (2a).
 */
import { describe, expect, it } from 'vitest';
import { quorumsOf, quorumWarning, paxosConfig } from './config';
import { compareBallots, type PaxosMessage } from './messages';
import { deliver, node, step } from './testkit';
import { paxos } from '.';

const b = (round: number, n: string) => ({ round, node: n });
const X = { id: 'c1#1', client: 'c1', requestId: 1, op: { f: 'put' as const, key: 'x', value: 'X' } };
const Y = { id: 'c2#1', client: 'c2', requestId: 1, op: { f: 'put' as const, key: 'x', value: 'Y' } };
const sentTypes = (e: { sends: { to: string; msg: PaxosMessage }[] }) => e.sends.map((s) => `${s.to}:${s.msg.type}`);

describe('acceptor', () => {
  it('promises a higher prepare, reporting its accepted proposal; refuses a lower one with a Nack naming the promise', () => {
    const a = node('n3', 3);
    deliver(a, 'n1', { type: 'Accept', ballot: b(1, 'n1'), slot: 1, value: X });
    const e = deliver(a, 'n2', { type: 'Prepare', ballot: b(2, 'n2'), fromSlot: 1 });
    expect(e.sends).toContainEqual({ to: 'n2', msg: { type: 'Promise', ballot: b(2, 'n2'), accepted: [[1, { ballot: b(1, 'n1'), value: X }]] } });
    const low = deliver(a, 'n1', { type: 'Prepare', ballot: b(1, 'n1'), fromSlot: 1 });
    expect(low.sends).toEqual([{ to: 'n1', msg: { type: 'Nack', ballot: b(1, 'n1'), promised: b(2, 'n2') } }]);
    expect(a.state.promised).toEqual(b(2, 'n2'));
  });

  it('refuses accept(1, X) after promising 2 (P1a); with accept-below-promise it accepts and tells every learner', () => {
    const good = node('n3', 3);
    deliver(good, 'n2', { type: 'Prepare', ballot: b(2, 'n2'), fromSlot: 1 });
    const e = deliver(good, 'n1', { type: 'Accept', ballot: b(1, 'n1'), slot: 1, value: X });
    expect(sentTypes(e)).toEqual(['n1:Nack']);
    expect(good.state.accepted).toEqual({});
    const bad = node('n3', 3, { bugs: ['accept-below-promise'] });
    deliver(bad, 'n2', { type: 'Prepare', ballot: b(2, 'n2'), fromSlot: 1 });
    const e2 = deliver(bad, 'n1', { type: 'Accept', ballot: b(1, 'n1'), slot: 1, value: X });
    expect(sentTypes(e2).sort()).toEqual(['n1:Accepted', 'n2:Accepted']);
    expect(bad.state.accepted[1]).toEqual({ ballot: b(1, 'n1'), value: X });
    expect(bad.state.promised).toEqual(b(2, 'n2'));
  });

  it('persists its promise and votes across a restart', () => {
    const a = node('n3', 3);
    deliver(a, 'n1', { type: 'Accept', ballot: b(4, 'n1'), slot: 2, value: X });
    const back = paxos.recover(paxos.persistent(a.state), 'n3', ['n1', 'n2', 'n3'], paxosConfig());
    expect(back.promised).toEqual(b(4, 'n1'));
    expect(back.accepted[2]).toEqual({ ballot: b(4, 'n1'), value: X });
  });
});

describe('proposer', () => {
  it('with |Q1| promises proposes the highest-ballot reported value, not its own; ignore-promise-values proposes its own', () => {
    for (const [bugs, want] of [[[], X], [['ignore-promise-values'], Y]] as const) {
      const p = node('n1', 3, { mode: 'single', acceptors: ['n2', 'n3'], q1: 2, q2: 2, bugs: [...bugs] });
      step(p, { kind: 'request', client: 'c2', requestId: 1, op: Y.op });
      const ballot = p.state.ballot!;
      deliver(p, 'n2', { type: 'Promise', ballot, accepted: [[1, { ballot: b(0, 'n9'), value: Y }]] });
      const e = deliver(p, 'n3', { type: 'Promise', ballot, accepted: [[1, { ballot: b(1, 'n3'), value: X }]] });
      const accepts = e.sends.filter((s) => s.msg.type === 'Accept');
      expect(accepts.map((s) => s.to)).toEqual(['n2', 'n3']);
      expect(accepts.every((s) => s.msg.type === 'Accept' && s.msg.value.id === want.id)).toBe(true);
    }
  });

  it('picks a ballot above every round it has seen, unique per proposer', () => {
    const p = node('n2', 3, { mode: 'single' });
    deliver(p, 'n3', { type: 'Prepare', ballot: b(7, 'n3'), fromSlot: 1 });
    step(p, { kind: 'request', client: 'c1', requestId: 1, op: X.op });
    expect(compareBallots(p.state.ballot!, b(7, 'n3'))).toBeGreaterThan(0);
    expect(p.state.ballot).toEqual(b(8, 'n2'));
    expect(compareBallots(b(1, 'n2'), b(1, 'n1'))).toBeGreaterThan(0);
  });

  it('a Multi-Paxos leader re-proposes reported slots, fills gaps below them with no-ops, then takes new slots without phase 1', () => {
    const p = node('n1', 3);
    step(p, { kind: 'timeout' });
    const ballot = p.state.ballot!;
    deliver(p, 'n2', { type: 'Promise', ballot, accepted: [[3, { ballot: b(1, 'n3'), value: X }]] });
    expect(p.state.leading).toBe(true);
    expect(Object.fromEntries(Object.entries(p.state.proposals).map(([s, v]) => [s, v.value.id]))).toEqual({ 1: 'no-op', 2: 'no-op', 3: 'c1#1' });
    const e = step(p, { kind: 'request', client: 'c2', requestId: 1, op: Y.op });
    expect(sentTypes(e).filter((t) => t.endsWith('Prepare'))).toEqual([]);
    expect(p.state.proposals[4]?.value.id).toBe('c2#1');
  });
});

describe('quorums (Flexible Paxos)', () => {
  it('default to majorities of the acceptors and warn only when |Q1| + |Q2| ≤ N', () => {
    const nodes = ['n1', 'n2', 'n3', 'n4', 'n5'];
    expect(quorumsOf(paxosConfig(), nodes)).toMatchObject({ q1: 3, q2: 3, unsafe: false });
    expect(quorumWarning(quorumsOf(paxosConfig({ q1: 4, q2: 2 }), nodes))).toBeNull();
    expect(quorumWarning(quorumsOf(paxosConfig({ q1: 2, q2: 3 }), nodes))).toMatch(/^\|Q1\| \+ \|Q2\| = 2 \+ 3 ≤ 5 acceptors/);
  });

  it('reject a quorum larger than the acceptors and an acceptor outside the cluster, in words', () => {
    expect(() => quorumsOf(paxosConfig({ q2: 4 }), ['n1', 'n2', 'n3'])).toThrow('config.q2 is 4, but there are only 3 acceptors');
    expect(() => quorumsOf(paxosConfig({ acceptors: ['n7'] }), ['n1', 'n2'])).toThrow('config.acceptors names n7, which is not in the cluster (n1, n2)');
  });
});
