import { describe, expect, it } from 'vitest';
import type { AnyProtocol } from '../../core/protocol';
import { pbft } from '../../core/protocols/pbft';
import { raft } from '../../core/protocols/raft';
import { ALL_MSG_KINDS, kindOf } from './messageKinds';

/** A protocol whose messages are `{ type }`, named `name`. */
const stub = (name: string): AnyProtocol => ({ ...pbft, name } as AnyProtocol);

describe('kindOf', () => {
  it('classifies every PBFT message type, Fetch and State as state transfer', () => {
    const kinds = pbft.messageTypes!.map((type) => kindOf(pbft as AnyProtocol, { type }));
    expect(kinds).toEqual(['request', 'pre-prepare', 'prepare', 'commit', 'reply', 'checkpoint', 'view-change', 'new-view', 'transfer', 'transfer']);
    for (const k of kinds) expect(ALL_MSG_KINDS).toContain(k);
  });

  it('classifies Raft messages by outcome, as before', () => {
    const r = raft as AnyProtocol;
    expect(kindOf(r, { type: 'RequestVote', term: 1 })).toBe('rv');
    expect(kindOf(r, { type: 'AppendEntries', entries: [] })).toBe('ae-hb');
    expect(kindOf(r, { type: 'AppendEntries', entries: [{}] })).toBe('ae-data');
  });

  it('leaves another protocol’s PBFT-like names and missing messages as other', () => {
    expect(kindOf(stub('two-phase'), { type: 'Commit' })).toBe('other');
    expect(kindOf(pbft as AnyProtocol, undefined)).toBe('other');
  });
});
