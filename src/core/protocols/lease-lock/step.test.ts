/**
 * One lease-lock node at a time, stepped by hand (the shared step harness): a lock node promises
 * to one client at a time, confirms only a token above the highest it has confirmed, renews only
 * its holder and frees the lease at its timer; storage fences and answers a duplicated Write once;
 * a client takes the lease on a quorum and writes with its token (Kleppmann 2016; Chubby §2.3).
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
    expect(msg(l, 'bob', { type: 'Acquire', req: 1 }).sends[0]!.msg).toMatchObject({ type: 'Refuse', holder: 'alice', until: 600 });
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
