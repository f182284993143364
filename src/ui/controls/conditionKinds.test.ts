import { describe, expect, it } from 'vitest';
import type { AnyProtocol } from '../../core/protocol';
import { lookOf, lookOfProtocol } from '../protocols/registry';
import { conditionKindsOf } from './conditionKinds';

/** A leader-free protocol with records and no epoch, registered nowhere. */
const gossipLike = {
  name: 'gossip-like',
  roles: ['idle', 'informed'],
  leaderRole: null,
  messageTypes: ['Rumour'],
  recordKinds: [{ kind: 'receipt', title: 'a node first hears a value', fields: { value: 'the value' } }],
  messageType: (m: { type: string }) => m.type,
  safety: { properties: [], monitor: () => ({ violations: [], observe() {}, check() {} }) },
  teachingBugs: [],
} as unknown as AnyProtocol;

describe('conditionKindsOf', () => {
  it('offers Raft a new leader, a change of term, two candidates and its records (pre-vote, CheckQuorum, transfer, snapshots, membership)', () => {
    const kinds = conditionKindsOf(lookOf('raft'));
    expect(kinds.map((k) => k.kind)).toEqual(['leader', 'term', 'commit', 'candidates', 'enter-role', 'role', 'deliver', 'timer', 'record']);
    expect(kinds[0]!.label).toBe('a new leader');
  });

  it('words PBFT’s leader and epoch as a primary and a view, with no candidates', () => {
    const kinds = conditionKindsOf(lookOf('pbft'));
    expect(kinds.map((k) => k.label).slice(0, 2)).toEqual(['a new primary', 'a change of view']);
    expect(kinds.some((k) => k.kind === 'candidates')).toBe(false);
  });

  it('offers a leader-free protocol without an epoch no leader and no epoch, but its records and roles', () => {
    const kinds = conditionKindsOf(lookOfProtocol(gossipLike)).map((k) => k.kind);
    expect(kinds).toEqual(['commit', 'enter-role', 'role', 'deliver', 'timer', 'record']);
  });
});
