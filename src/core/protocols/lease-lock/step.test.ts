/**
 * One lease-lock node at a time, stepped by hand (the shared step harness): a lock node promises
 * to one client at a time, confirms only a token above the highest it has confirmed, renews only
 * its holder and frees the lease at its timer, keeps those it refuses in line and hands a freed
 * lease to the first in line; storage fences and answers a duplicated Write once; a client takes
 * the lease on a quorum, writes its turn with its token, and asks at once when woken (Kleppmann
 * 2016; Chubby §2.3; ZooKeeper's lock recipe, Hunt et al. 2010 §2.4).
 */
import { describe, expect, it } from 'vitest';
import { Rng } from '../../prng';
import { stepWith, type HarnessNode } from '../../testing/step-harness';
import { leaseLockConfig, type LeaseLockConfig } from './config';
import type { LeaseMessage } from './messages';
import { initState, type LeaseState } from './state';
import { leaseLock } from '.';

const NODES = ['lock', 'alice', 'bob', 'storage'];
const node = (id: string, config: Partial<LeaseLockConfig> = {}, nodes = NODES): HarnessNode<LeaseState> => ({
  id, state: initState(id, nodes, leaseLockConfig(config)), rng: Rng.derive(1, id), now: 100, timers: new Map(),
});
const msg = (n: HarnessNode<LeaseState>, from: string, m: LeaseMessage) => stepWith<LeaseState, LeaseMessage>(leaseLock, n, { kind: 'message', from, msg: m });

describe('a lock node', () => {
  it('promises the lease to one client at a time and refuses the others while it holds', () => {
    const l = node('lock');
    expect(msg(l, 'alice', { type: 'Acquire', req: 1 }).sends).toEqual([{ to: 'alice', msg: { type: 'Promise', req: 1, maxToken: 0 } }]);
    expect(l.timers.get('expire')).toBe(500);
    expect(msg(l, 'bob', { type: 'Acquire', req: 1 }).sends[0]!.msg).toMatchObject({ type: 'Refuse', holder: 'alice', until: 600, reserved: false, place: 1 });
    // A duplicated Acquire gets the same promise and keeps the lease as it is.
    expect(msg(l, 'alice', { type: 'Acquire', req: 1 }).sends[0]!.msg).toEqual({ type: 'Promise', req: 1, maxToken: 0 });
  });

  it('confirms only a token above the highest it has confirmed, and records its vote', () => {
    const l = node('lock');
    l.state.maxToken = 7;
    msg(l, 'alice', { type: 'Acquire', req: 1 });
    expect(msg(l, 'alice', { type: 'Confirm', req: 1, token: 7 }).sends).toEqual([]);
    const fx = msg(l, 'alice', { type: 'Confirm', req: 1, token: 8 });
    expect(fx.records).toEqual([{ kind: 'vote', fields: { holder: 'alice', token: 8 } }]);
    expect(fx.sends[0]!.msg).toEqual({ type: 'Confirmed', req: 1, token: 8 });
    expect(l.state.maxToken).toBe(8);
  });

  it('renews only its holder\'s token, says Lost to anyone else, and frees the lease at its timer', () => {
    const l = node('lock');
    msg(l, 'alice', { type: 'Acquire', req: 1 });
    msg(l, 'alice', { type: 'Confirm', req: 1, token: 1 });
    l.now = 300;
    expect(msg(l, 'alice', { type: 'Renew', token: 1 }).records[0]).toEqual({ kind: 'renew', fields: { holder: 'alice', token: 1, until: 800 } });
    expect(msg(l, 'bob', { type: 'Renew', token: 1 }).sends[0]!.msg).toEqual({ type: 'Lost', token: 1, holder: 'alice' });
    const fx = stepWith<LeaseState, LeaseMessage>(leaseLock, l, { kind: 'timer', name: 'expire' });
    expect(fx.records).toEqual([{ kind: 'expiry', fields: { holder: 'alice', token: 1 } }]);
    expect(l.state.promisedTo).toBeNull();
    expect(l.state.leases).toEqual([{ holder: 'alice', token: 1, from: 100, until: 300, end: 'expired' }]);
  });
});

describe('a lock node\'s line of waiters (waiters.ts; ZooKeeper\'s lock recipe, Hunt et al. 2010 §2.4)', () => {
  const NODES5 = ['lock', 'alice', 'bob', 'carol', 'storage'];
  const acquire = (l: HarnessNode<LeaseState>, from: string, req = 1) => msg(l, from, { type: 'Acquire', req });
  const held = (from = 'alice') => {
    const l = node('lock', {}, NODES5);
    acquire(l, from);
    msg(l, from, { type: 'Confirm', req: 1, token: 1 });
    return l;
  };

  it('puts refused clients in line in the order they asked, each once, and tells each its place', () => {
    const l = held();
    expect(acquire(l, 'carol').sends[0]!.msg).toEqual({ type: 'Refuse', req: 1, holder: 'alice', until: 600, reserved: false, place: 1 });
    expect(acquire(l, 'bob').sends[0]!.msg).toMatchObject({ type: 'Refuse', place: 2 });
    // carol asks again: she keeps her place.
    expect(acquire(l, 'carol', 2).sends[0]!.msg).toMatchObject({ type: 'Refuse', place: 1 });
    expect(l.state.waiters).toEqual(['carol', 'bob']);
  });

  it('on a release keeps the lease for the first in line, wakes her, and refuses anyone else meanwhile', () => {
    const l = held();
    acquire(l, 'carol');
    acquire(l, 'bob');
    l.now = 200;
    const rel = msg(l, 'alice', { type: 'Release', req: 1, token: 1 });
    expect(rel.sends).toEqual([{ to: 'carol', msg: { type: 'Wake', until: 300 } }]);
    expect(l.timers.get('keep')).toBe(100); // retryMs
    expect(acquire(l, 'bob', 2).sends[0]!.msg).toEqual({ type: 'Refuse', req: 2, holder: 'carol', until: 300, reserved: true, place: 2 });
    expect(acquire(l, 'carol', 2).sends[0]!.msg).toEqual({ type: 'Promise', req: 2, maxToken: 1 });
    expect(l.state.keptFor).toBeNull();
    expect(l.timers.has('keep')).toBe(false);
    expect(l.state.waiters).toEqual(['bob']);
  });

  it('wakes the first in line when a lease expires, too', () => {
    const l = held();
    acquire(l, 'bob');
    const fx = stepWith<LeaseState, LeaseMessage>(leaseLock, l, { kind: 'timer', name: 'expire' });
    expect(fx.sends).toEqual([{ to: 'bob', msg: { type: 'Wake', until: 200 } }]);
  });

  it('sends a holder that asks again while others wait to the back of the line', () => {
    const l = held();
    acquire(l, 'bob');
    const again = acquire(l, 'alice', 2);
    expect(again.records).toEqual([{ kind: 'release', fields: { holder: 'alice', token: 1, reason: 'the holder asks again' } }]);
    expect(again.sends).toEqual([
      { to: 'bob', msg: { type: 'Wake', until: 200 } },
      { to: 'alice', msg: { type: 'Refuse', req: 2, holder: 'bob', until: 200, reserved: true, place: 2 } },
    ]);
    expect(l.state.promisedTo).toBeNull();
    expect(l.state.waiters).toEqual(['bob', 'alice']);
    // With no one waiting, a holder that asks again is promised again at once.
    const alone = held();
    expect(acquire(alone, 'alice', 2).sends).toEqual([{ to: 'alice', msg: { type: 'Promise', req: 2, maxToken: 1 } }]);
  });

  it('does not let a waiter that never comes (it crashed) block the others: its keep runs out and the next is woken', () => {
    const l = held();
    acquire(l, 'carol');
    acquire(l, 'bob');
    msg(l, 'alice', { type: 'Release', req: 1, token: 1 });
    expect(l.state.keptFor).toBe('carol');
    l.now = 200;
    const late = stepWith<LeaseState, LeaseMessage>(leaseLock, l, { kind: 'timer', name: 'keep' });
    expect(late.sends).toEqual([{ to: 'bob', msg: { type: 'Wake', until: 300 } }]);
    expect(l.state.waiters).toEqual(['bob']);
    expect(acquire(l, 'bob', 2).sends[0]!.msg).toMatchObject({ type: 'Promise' });
    // The last keep runs out with no one left: the lease is anyone's again.
    const l2 = held();
    acquire(l2, 'carol');
    msg(l2, 'alice', { type: 'Release', req: 1, token: 1 });
    expect(stepWith<LeaseState, LeaseMessage>(leaseLock, l2, { kind: 'timer', name: 'keep' }).sends).toEqual([]);
    expect(l2.state.keptFor).toBeNull();
    expect(acquire(l2, 'bob').sends[0]!.msg).toMatchObject({ type: 'Promise' });
  });

  it('forgets its line in a crash (the line is fairness, not safety), but keeps the lease it promised', () => {
    const l = held();
    acquire(l, 'bob');
    const saved = leaseLock.persistent(l.state);
    const back = leaseLock.recover(saved, 'lock', NODES5, l.state.config);
    expect(back.waiters).toEqual([]);
    expect(back.promisedTo).toBe('alice');
  });
});

describe('a client in line', () => {
  it('asks at once when woken, instead of waiting for its retry', () => {
    const c = node('bob');
    stepWith<LeaseState, LeaseMessage>(leaseLock, c, { kind: 'request', client: 'c2', requestId: 1, op: { f: 'write', value: 'B' } });
    msg(c, 'lock', { type: 'Refuse', req: 1, holder: 'alice', until: 600, reserved: false, place: 1 });
    expect(c.state.phase).toBe('idle');
    expect(c.timers.has('retry')).toBe(true);
    const woken = msg(c, 'lock', { type: 'Wake', until: 300 });
    expect(woken.sends).toEqual([{ to: 'lock', msg: { type: 'Acquire', req: 2 } }]);
    expect(c.state.phase).toBe('acquiring');
    // Woken with nothing to write (a restarted client), it lets the keep run out.
    const idle = node('alice');
    expect(msg(idle, 'lock', { type: 'Wake', until: 300 }).sends).toEqual([]);
  });

  it('writes only the writes queued at its grant under one lease, then releases and asks again for the rest', () => {
    const c = node('alice');
    const write = (id: number) => stepWith<LeaseState, LeaseMessage>(leaseLock, c, { kind: 'request', client: `c${id}`, requestId: 1, op: { f: 'write', value: `v${id}` } });
    write(1);
    write(2);
    msg(c, 'lock', { type: 'Promise', req: 1, maxToken: 0 });
    msg(c, 'lock', { type: 'Confirmed', req: 1, token: 1 });
    write(3); // comes during the turn
    stepWith<LeaseState, LeaseMessage>(leaseLock, c, { kind: 'timer', name: 'work' });
    expect(msg(c, 'storage', { type: 'WriteReply', op: 'c1#1', token: 1, ok: true, highest: 1 }).sends).toEqual([{ to: 'storage', msg: { type: 'Write', token: 1, value: 'v2', op: 'c2#1' } }]);
    const end = msg(c, 'storage', { type: 'WriteReply', op: 'c2#1', token: 1, ok: true, highest: 1 });
    expect(end.sends).toEqual([{ to: 'lock', msg: { type: 'Release', req: 1, token: 1 } }, { to: 'lock', msg: { type: 'Acquire', req: 2 } }]);
  });

  it('renews its lease while it writes, not only while it works', () => {
    const c = node('alice');
    stepWith<LeaseState, LeaseMessage>(leaseLock, c, { kind: 'request', client: 'c1', requestId: 1, op: { f: 'write', value: 'A' } });
    msg(c, 'lock', { type: 'Promise', req: 1, maxToken: 0 });
    msg(c, 'lock', { type: 'Confirmed', req: 1, token: 1 });
    stepWith<LeaseState, LeaseMessage>(leaseLock, c, { kind: 'timer', name: 'work' });
    expect(c.state.phase).toBe('writing');
    c.now = 250;
    expect(stepWith<LeaseState, LeaseMessage>(leaseLock, c, { kind: 'timer', name: 'renew' }).sends).toEqual([{ to: 'lock', msg: { type: 'Renew', token: 1 } }]);
    c.now = 300;
    msg(c, 'lock', { type: 'Renewed', token: 1 });
    // A lease from the renewal's send (250 ms), not the grant's (100 ms): until 750 ms, not 600.
    expect(c.state.heldUntil).toBe(750);
    expect(c.timers.get('lease')).toBe(450);
  });
});

describe('storage', () => {
  it('with fencing rejects a token below the highest it accepted; a duplicate Write is answered alike and stored once', () => {
    const s = node('storage');
    expect(msg(s, 'bob', { type: 'Write', token: 2, value: 'B', op: 'c2#1' }).records[0]).toEqual({ kind: 'write-accepted', fields: { holder: 'bob', token: 2, value: 'B' } });
    const stale = msg(s, 'alice', { type: 'Write', token: 1, value: 'A', op: 'c1#1' });
    expect(stale.records[0]).toEqual({ kind: 'write-rejected', fields: { holder: 'alice', token: 1, highest: 2, value: 'A' } });
    expect(stale.sends[0]!.msg).toEqual({ type: 'WriteReply', op: 'c1#1', token: 1, ok: false, highest: 2 });
    const again = msg(s, 'bob', { type: 'Write', token: 2, value: 'B', op: 'c2#1' });
    expect(again.records).toEqual([]);
    expect(again.sends[0]!.msg).toMatchObject({ ok: true });
    expect(s.state.writes.map((w) => [w.holder, w.ok])).toEqual([['bob', true], ['alice', false]]);
  });

  it('without fencing (config fencing: false) takes the stale write', () => {
    const s = node('storage', { fencing: false });
    msg(s, 'bob', { type: 'Write', token: 2, value: 'B', op: 'c2#1' });
    expect(msg(s, 'alice', { type: 'Write', token: 1, value: 'A', op: 'c1#1' }).records[0]!.kind).toBe('write-accepted');
  });
});

describe('a client of a majority service', () => {
  const nodes = ['L1', 'L2', 'L3', 'alice', 'storage'];
  it('takes token max+1 on a majority of promises, is granted on a majority of Confirmed, works, then writes with its token', () => {
    const c = node('alice', { service: 'majority', lockNodes: 3 }, nodes);
    const req = stepWith<LeaseState, LeaseMessage>(leaseLock, c, { kind: 'request', client: 'c1', requestId: 1, op: { f: 'write', value: 'A' } });
    expect(req.sends.map((s) => [s.to, s.msg.type])).toEqual([['L1', 'Acquire'], ['L2', 'Acquire'], ['L3', 'Acquire']]);
    expect(msg(c, 'L1', { type: 'Promise', req: 1, maxToken: 4 }).sends).toEqual([]);
    const confirm = msg(c, 'L3', { type: 'Promise', req: 1, maxToken: 6 });
    expect(confirm.sends).toEqual([{ to: 'L1', msg: { type: 'Confirm', req: 1, token: 7 } }, { to: 'L3', msg: { type: 'Confirm', req: 1, token: 7 } }]);
    expect(msg(c, 'L1', { type: 'Confirmed', req: 1, token: 7 }).records).toEqual([]);
    const granted = msg(c, 'L3', { type: 'Confirmed', req: 1, token: 7 });
    expect(granted.records).toEqual([{ kind: 'grant', fields: { holder: 'alice', token: 7, quorum: ['L1', 'L3'], of: 3, until: 600 } }]);
    const work = stepWith<LeaseState, LeaseMessage>(leaseLock, c, { kind: 'timer', name: 'work' });
    expect(work.sends).toEqual([{ to: 'storage', msg: { type: 'Write', token: 7, value: 'A', op: 'c1#1' } }]);
  });

  it('woken by a lock node in the middle of an attempt, asks that lock node again within it', () => {
    const c = node('alice', { service: 'majority', lockNodes: 3 }, nodes);
    stepWith<LeaseState, LeaseMessage>(leaseLock, c, { kind: 'request', client: 'c1', requestId: 1, op: { f: 'write', value: 'A' } });
    msg(c, 'L1', { type: 'Promise', req: 1, maxToken: 0 });
    msg(c, 'L2', { type: 'Refuse', req: 1, holder: 'bob', until: 600, reserved: false, place: 1 });
    expect(msg(c, 'L2', { type: 'Wake', until: 300 }).sends).toEqual([{ to: 'L2', msg: { type: 'Acquire', req: 1 } }]);
    expect(c.state.refusals.has('L2')).toBe(false);
    // A Wake from a lock node that has promised already asks nothing.
    expect(msg(c, 'L1', { type: 'Wake', until: 300 }).sends).toEqual([]);
  });

  it('does not write once a lock node of its quorum says its lease is lost: it acquires again', () => {
    const c = node('alice', { service: 'majority', lockNodes: 3 }, nodes);
    stepWith<LeaseState, LeaseMessage>(leaseLock, c, { kind: 'request', client: 'c1', requestId: 1, op: { f: 'write', value: 'A' } });
    msg(c, 'L1', { type: 'Promise', req: 1, maxToken: 0 });
    msg(c, 'L2', { type: 'Promise', req: 1, maxToken: 0 });
    msg(c, 'L1', { type: 'Confirmed', req: 1, token: 1 });
    msg(c, 'L2', { type: 'Confirmed', req: 1, token: 1 });
    msg(c, 'L3', { type: 'Lost', token: 1, holder: null }); // not of its quorum: ignored
    expect(c.state.lost).toBe(false);
    msg(c, 'L2', { type: 'Lost', token: 1, holder: 'bob' });
    const work = stepWith<LeaseState, LeaseMessage>(leaseLock, c, { kind: 'timer', name: 'work' });
    expect(work.sends.every((s) => s.msg.type === 'Release')).toBe(true);
    expect(c.state.phase).toBe('idle');
    expect(c.timers.has('retry')).toBe(true);
  });
});
