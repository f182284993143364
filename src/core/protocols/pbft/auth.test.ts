import { describe, expect, it } from 'vitest';
import { canonical, digestOf, issueKey, NULL_DIGEST, requestDigest, sign, signAsClient, tagOf, verifyReplica, verifyRequest, verifyTag } from './auth';
import { deliver, makeNode, prepare, put, sendsOf } from './testkit';

describe('§2 simulated cryptography: digests and authenticators', () => {
  it('canonical JSON sorts keys at every depth, so equal values digest equally', () => {
    expect(canonical({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: null } })).toBe('{"a":{"c":null,"d":[1,{"x":1,"y":2}]},"b":1}');
    expect(digestOf({ a: 1, b: 2 })).toBe(digestOf({ b: 2, a: 1 }));
    expect(digestOf({ a: 1 })).not.toBe(digestOf({ a: 2 }));
    expect(canonical({ a: undefined, b: 1 })).toBe('{"b":1}');
  });

  it('a request digest covers client, request id and op, not the client tag; the null request has its own digest', () => {
    const r = signAsClient({ client: 'c1', requestId: 1, op: put('x', '1') });
    expect(requestDigest(r)).toBe(requestDigest({ client: 'c1', requestId: 1, op: put('x', '1') }));
    expect(requestDigest(r)).not.toBe(requestDigest({ ...r, requestId: 2 }));
    expect(requestDigest(null)).toBe(NULL_DIGEST);
    expect(requestDigest(r)).toMatch(/^[0-9a-f]{8}$/);
  });

  it('a tag made with the signer’s own key verifies; the same content under another key does not', () => {
    const body = { type: 'Prepare' as const, view: 0, seq: 1, digest: 'abcd0123', replica: 'n2' };
    const genuine = sign(issueKey('n2'), body);
    expect(verifyReplica(genuine)).toBe(true);
    expect(verifyTag('n2', genuine)).toBe(true);
    expect(verifyTag('n3', genuine)).toBe(false);
    // n4 claims to be n2, but holds only its own key.
    const forged = sign(issueKey('n4'), body);
    expect(verifyReplica(forged)).toBe(false);
  });

  it('changing any field after signing breaks the tag', () => {
    const genuine = sign(issueKey('n2'), { type: 'Commit' as const, view: 0, seq: 1, digest: 'abcd0123', replica: 'n2' });
    const changed = [{ ...genuine, seq: 2 }, { ...genuine, digest: 'ffff0000' }, { ...genuine, replica: 'n3' }];
    for (const m of changed) expect(verifyReplica(m)).toBe(false);
    expect(tagOf(issueKey('n2'), { a: 1 })).toMatch(/^[0-9a-f]{16}$/);
  });

  it('a client request carries its client’s signature; a changed op fails it', () => {
    const r = signAsClient({ client: 'c1', requestId: 3, op: put('x', '1') });
    expect(verifyRequest(r)).toBe(true);
    expect(verifyRequest({ ...r, op: put('x', 'evil') })).toBe(false);
    expect(verifyRequest({ ...r, client: 'c2' })).toBe(false);
  });

  it('a replica drops a message whose tag fails and suspects its sender', () => {
    const n1 = makeNode('n1');
    const forged = { ...prepare('n2', 0, 1, NULL_DIGEST), auth: '0000000000000000' };
    const fx = deliver(n1, 'n2', forged);
    expect(fx.sends).toEqual([]);
    expect(n1.state.log.size).toBe(0);
    expect(n1.state.suspects.n2).toMatch(/invalid authenticator/);
    expect(fx.notes).toEqual([expect.stringMatching(/^n1 suspects n2: its Prepare has an invalid authenticator$/)]);
  });

  it('a replica drops an authentic message re-sent by another replica as a replay', () => {
    const n1 = makeNode('n1');
    const fx = deliver(n1, 'n3', prepare('n2', 0, 1, NULL_DIGEST));
    expect(sendsOf(fx, 'Commit')).toEqual([]);
    expect(n1.state.log.size).toBe(0);
    expect(n1.state.suspects.n3).toMatch(/re-sent n2's Prepare \(replay\)/);
  });
});
