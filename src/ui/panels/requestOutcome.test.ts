import { describe, expect, it } from 'vitest';
import type { ClientOutcome, SentRequest } from '../store/types';
import { opText, requestOutcome } from './requestOutcome';

const get: SentRequest = { client: 'c9', node: 'n2', op: { f: 'get', key: 'x' }, at: 694 };
const cas: SentRequest = { client: 'c9', node: 'n2', op: { f: 'cas', key: 'x', expected: '1', value: '2' }, at: 694 };
const done = (o: Partial<ClientOutcome>): ClientOutcome => ({ op: get.op, invokedAt: 694, phase: 'ok', t: 722, ...o });

describe('requestOutcome', () => {
  it('names the operation as typed', () => {
    expect(opText(get.op)).toBe('get x');
    expect(opText(cas.op)).toBe('cas x 1→2');
    expect(opText({ f: 'append', key: 'log', value: 'a' })).toBe('append log a');
  });

  it('shows the value a get read and its latency in virtual ms', () => {
    expect(requestOutcome(get, done({ result: '1' }), 800)).toEqual({ state: 'ok', text: 'ok: read "1" · 28 ms' });
    expect(requestOutcome(get, done({ result: null }), 800).text).toBe('ok: read nothing (x is absent) · 28 ms');
  });

  it('tells failed (no effect) from unknown (timed out) and from still waiting', () => {
    expect(requestOutcome(cas, done({ op: cas.op, phase: 'fail', result: 'cas mismatch', t: 706 }), 800)).toEqual({ state: 'fail', text: 'failed: cas mismatch (certainly no effect) · 12 ms' });
    expect(requestOutcome(cas, done({ op: cas.op, phase: 'info', t: 1694 }), 2000).state).toBe('info');
    expect(requestOutcome(cas, done({ op: cas.op, phase: 'invoke', t: 694 }), 700)).toEqual({ state: 'pending', text: 'waiting for a reply… (sent at 694 ms)' });
    expect(requestOutcome(cas, undefined, 694).state).toBe('pending');
  });

  it('after travelling back before the request, says it is not sent yet', () => {
    expect(requestOutcome(get, undefined, 500).state).toBe('not-yet');
  });
});
