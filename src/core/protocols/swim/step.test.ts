/**
 * SWIM's rules, one step at a time (Das et al. 2002 §3.1, §4.1, §4.2; memberlist `state.go`, as
 * summarised in more-protocols.md §7).
 */
import { describe, expect, it } from 'vitest';
import { decodeShare, encodeShare } from '../../scenario/share';
import { parseScenario } from '../../scenario/schema';
import { swimConfig } from './config';
import { SWIM_EXAMPLES } from './examples';
import { enqueue, piggyback } from './membership';
import type { Ping, SwimMessage } from './messages';
import { deliver, member, stepMember } from './testkit';

const ping = (seq: number, updates: Ping['updates'] = []): SwimMessage => ({ type: 'Ping', seq, updates });
const sends = (e: { sends: { to: string; msg: SwimMessage }[] }, type: string) => e.sends.filter((s) => s.msg.type === type);

describe('the protocol period (§3.1)', () => {
  it('pings one member, asks k others by ping-req when silent, and suspects the target at the period’s end', () => {
    const n = member('n1', 6, { k: 2 });
    const start = stepMember(n, { kind: 'start' });
    expect(start.timersSet.map((t) => t.name)).toEqual(['period']);
    const first = stepMember(n, { kind: 'timer', name: 'period' });
    const [p] = sends(first, 'Ping');
    expect(p).toBeDefined();
    const target = p!.to;
    const silent = stepMember(n, { kind: 'timer', name: 'ping-timeout' });
    const reqs = sends(silent, 'PingReq');
    expect(reqs).toHaveLength(2);
    for (const r of reqs) {
      expect(r.to).not.toBe(target);
      expect(r.msg).toMatchObject({ type: 'PingReq', target });
    }
    const end = stepMember(n, { kind: 'timer', name: 'period' });
    expect(end.records.find((r) => r.kind === 'suspicion')?.fields).toMatchObject({ member: target, incarnation: 0, indirect: true });
    expect(n.state.members.get(target)).toMatchObject({ state: 'suspect', inc: 0 });
    expect(end.timersSet.map((t) => t.name)).toContain(`suspect:${target}`);
  });

  it('an ack relayed through a ping-req helper saves the target', () => {
    const n = member('n1', 6, { k: 2 });
    stepMember(n, { kind: 'start' });
    const p = sends(stepMember(n, { kind: 'timer', name: 'period' }), 'Ping')[0]!;
    const seq = (p.msg as Ping).seq;
    stepMember(n, { kind: 'timer', name: 'ping-timeout' });
    deliver(n, 'n9', { type: 'Ack', seq, target: p.to, updates: [] });
    const end = stepMember(n, { kind: 'timer', name: 'period' });
    expect(end.records.some((r) => r.kind === 'suspicion')).toBe(false);
    expect(n.state.members.get(p.to)?.state).toBe('alive');
  });

  it('a helper pings the target for the requester and relays the ack under the requester’s seq', () => {
    const h = member('n2', 4);
    const out = deliver(h, 'n1', { type: 'PingReq', seq: 7, target: 'n3', updates: [] });
    const fwd = sends(out, 'Ping')[0]!;
    expect(fwd.to).toBe('n3');
    const relayed = deliver(h, 'n3', { type: 'Ack', seq: (fwd.msg as Ping).seq, updates: [] });
    expect(sends(relayed, 'Ack')[0]).toMatchObject({ to: 'n1', msg: { seq: 7, target: 'n3' } });
  });

  it('a suspect not refuted within the suspicion timeout is confirmed dead', () => {
    const n = member('n1', 4);
    deliver(n, 'n2', ping(1, [{ member: 'n3', state: 'suspect', inc: 0 }]));
    const fired = stepMember(n, { kind: 'timer', name: 'suspect:n3' });
    expect(n.state.members.get('n3')).toMatchObject({ state: 'dead', inc: 0 });
    expect(fired.records[0]).toMatchObject({ kind: 'membership', fields: { member: 'n3', state: 'dead', via: 'timeout' } });
  });
});

describe('incarnations (§4.2, memberlist state.go)', () => {
  it('a node hearing itself suspected refutes: incarnation above the accusation, gossiped alive', () => {
    const n = member('n3', 4);
    const out = deliver(n, 'n1', ping(1, [{ member: 'n3', state: 'suspect', inc: 0 }]));
    expect(n.state.inc).toBe(1);
    expect(out.records.find((r) => r.kind === 'refutation')?.fields).toMatchObject({ incarnation: 1, accused: 'suspect', accusedIncarnation: 0 });
    expect((sends(out, 'Ack')[0]!.msg as { updates: unknown[] }).updates).toContainEqual({ member: 'n3', state: 'alive', inc: 1 });
  });

  it('alive at a higher incarnation overrides suspect and clears its timer; at the same incarnation it does not', () => {
    const n = member('n1', 4);
    deliver(n, 'n2', ping(1, [{ member: 'n3', state: 'suspect', inc: 0 }]));
    deliver(n, 'n2', ping(2, [{ member: 'n3', state: 'alive', inc: 0 }]));
    expect(n.state.members.get('n3')?.state).toBe('suspect');
    const out = deliver(n, 'n2', ping(3, [{ member: 'n3', state: 'alive', inc: 1 }]));
    expect(n.state.members.get('n3')).toMatchObject({ state: 'alive', inc: 1 });
    expect(out.timersCleared).toContain('suspect:n3');
  });

  it('a dead member is not resurrected by an alive at the same incarnation (DeadNode_AliveReplay), only by a higher one', () => {
    const n = member('n1', 4);
    deliver(n, 'n2', ping(1, [{ member: 'n3', state: 'dead', inc: 2 }]));
    deliver(n, 'n2', ping(2, [{ member: 'n3', state: 'alive', inc: 2 }]));
    expect(n.state.members.get('n3')?.state).toBe('dead');
    deliver(n, 'n2', ping(3, [{ member: 'n3', state: 'alive', inc: 3 }]));
    expect(n.state.members.get('n3')).toMatchObject({ state: 'alive', inc: 3 });
  });

  it('an old suspicion (lower incarnation) is ignored (SuspectNode_OldSuspect)', () => {
    const n = member('n1', 4);
    deliver(n, 'n2', ping(1, [{ member: 'n3', state: 'alive', inc: 2 }]));
    deliver(n, 'n2', ping(2, [{ member: 'n3', state: 'suspect', inc: 1 }]));
    expect(n.state.members.get('n3')).toMatchObject({ state: 'alive', inc: 2 });
  });

  it('teaching bug ignore-incarnation keeps a suspect suspect after a higher alive', () => {
    const n = member('n1', 4, { bugs: ['ignore-incarnation'] });
    deliver(n, 'n2', ping(1, [{ member: 'n3', state: 'suspect', inc: 0 }]));
    deliver(n, 'n2', ping(2, [{ member: 'n3', state: 'alive', inc: 1 }]));
    expect(n.state.members.get('n3')?.state).toBe('suspect');
    expect(n.state.heardAlive.get('n3')).toBe(1);
  });
});

describe('dissemination (§4.1)', () => {
  it('piggybacks at most `piggyback` updates a message, each λ·⌈log₁₀(n+1)⌉ times', () => {
    const n = member('n1', 9, { piggyback: 2, retransmitMult: 2 });
    for (const m of ['n2', 'n3', 'n4']) enqueue(n.state, { member: m, state: 'suspect', inc: 0 });
    let total = 0;
    for (let i = 0; i < 20; i++) {
      const u = piggyback(n.state);
      expect(u.length).toBeLessThanOrEqual(2);
      total += u.length;
    }
    expect(total).toBe(3 * 2 * 1);
    expect(n.state.buffer).toEqual([]);
  });
});

describe('join through a seed (§5) and leave', () => {
  it('with a seed, a node knows only the seed, asks it to join, and takes its list', () => {
    const j = member('n3', 4, { seed: 'n1' });
    expect([...j.state.members.keys()]).toEqual([]);
    const ask = stepMember(j, { kind: 'start' });
    expect(sends(ask, 'Join')[0]?.to).toBe('n1');
    const seed = member('n1', 4, { seed: 'n1' });
    const ans = deliver(seed, 'n3', { type: 'Join', inc: 0 });
    expect(seed.state.members.get('n3')?.state).toBe('alive');
    const ack = sends(ans, 'JoinAck')[0]!.msg;
    deliver(j, 'n1', ack);
    expect(j.state.role).toBe('member');
    expect(j.state.members.get('n1')?.state).toBe('alive');
  });

  it('leave gossips the node dead at its incarnation, and it does not refute that', () => {
    const n = member('n2', 4);
    stepMember(n, { kind: 'action', name: 'leave' });
    expect(n.state.role).toBe('left');
    expect(piggyback(n.state)).toContainEqual({ member: 'n2', state: 'dead', inc: 0 });
    deliver(n, 'n1', ping(1, [{ member: 'n2', state: 'dead', inc: 0 }]));
    expect(n.state.inc).toBe(0);
  });
});

describe('config and share links', () => {
  it('rejects a ping timeout not shorter than the period, in the user’s words', () => {
    expect(() => swimConfig({ periodMs: 100, pingTimeoutMs: 100 })).toThrow(/pingTimeoutMs must be shorter than config.periodMs/);
    expect(() => swimConfig({ k: -1 })).toThrow(/k must be a whole number/);
  });

  it('an example survives a share-link round trip', () => {
    const s = parseScenario(SWIM_EXAMPLES['swim-pause-refuted']);
    const back = decodeShare(`https://example.org/playground/#${encodeShare(s, { events: 40, t: 2500 })}`);
    expect(back.scenario).toEqual(s);
    expect(back.moment).toEqual({ events: 40, t: 2500 });
  });
});
