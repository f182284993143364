import { describe, expect, it } from 'vitest';
import { PROTOCOLS } from '../../core/protocols/registry';
import { behaviourTitle, lookOf, roleLabel, toneOf } from './protocolLook';

describe('lookOf', () => {
  it('gives Raft its terms, votedFor and election timeout, with no behaviours', () => {
    const raft = lookOf('raft');
    expect(raft.protocol).toBe('raft');
    expect(raft.leaderRole).toBe('leader');
    expect(raft.roles.map((r) => r.role)).toEqual(['follower', 'candidate', 'leader', 'crashed']);
    expect(raft.defaultRole).toBe('follower');
    expect([raft.epoch, raft.epochShort, raft.showVotedFor]).toEqual(['term', 't', true]);
    expect(raft.timeout.label).toBe('Force election timeout');
    expect(raft.behaviours).toEqual([]);
    expect(raft.legend.map((e) => e.text)).toEqual(['RequestVote', 'vote granted', 'vote denied', 'heartbeat', 'AppendEntries + entries', 'append ok', 'append rejected']);
  });

  it('gives PBFT views, the primary as leader (from the registry), a view-change timeout and the declared behaviours', () => {
    const pbft = lookOf('pbft');
    expect(pbft.leaderRole).toBe(PROTOCOLS.pbft!.protocol.leaderRole);
    expect(pbft.leaderRole).toBe('primary');
    expect(pbft.defaultRole).toBe('backup');
    expect([pbft.epoch, pbft.epochShort, pbft.showVotedFor]).toEqual(['view', 'v', false]);
    expect(pbft.timeout.label).toBe('Force view change');
    expect(pbft.behaviours.map((b) => b.id)).toEqual(PROTOCOLS.pbft!.protocol.behaviours!.map((b) => b.id));
    expect(pbft.roles.find((r) => r.role === 'primary')?.tone).toBe('leader');
    expect(pbft.roles.find((r) => r.role === 'view-change')?.tone).toBe('candidate');
    expect(pbft.roles.find((r) => r.role === 'backup')?.tone).toBe('follower');
    expect(pbft.roles.at(-1)?.role).toBe('crashed');
  });

  it('lists every PBFT message kind in the legend exactly once', () => {
    const kinds = lookOf('pbft').legend.flatMap((e) => e.kinds);
    expect(new Set(kinds).size).toBe(kinds.length);
    expect([...kinds].sort()).toEqual(['checkpoint', 'commit', 'new-view', 'pre-prepare', 'prepare', 'reply', 'request', 'transfer', 'view-change']);
  });

  it('falls back to the generic look for an unknown protocol, and returns the same object each time', () => {
    const g = lookOf('gossip');
    expect(g.protocol).toBe('generic');
    expect(g.leaderRole).toBe('leader');
    expect(g.behaviours).toEqual([]);
    expect(lookOf('gossip')).toBe(g);
    expect(lookOf('pbft')).toBe(lookOf('pbft'));
  });
});

describe('roleLabel, toneOf, behaviourTitle', () => {
  it('stars the leader role of the look only', () => {
    expect(roleLabel(lookOf('raft'), 'leader')).toBe('★ leader');
    expect(roleLabel(lookOf('pbft'), 'primary')).toBe('★ primary');
    expect(roleLabel(lookOf('pbft'), 'view-change')).toBe('view change');
    expect(roleLabel(lookOf('raft'), 'primary')).toBe('primary');
    expect(roleLabel(lookOf('raft'), 'odd')).toBe('odd');
  });

  it('finds a role’s tone in any protocol', () => {
    expect(toneOf('leader')).toBe('leader');
    expect(toneOf('primary')).toBe('leader');
    expect(toneOf('backup')).toBe('follower');
    expect(toneOf('view-change')).toBe('candidate');
    expect(toneOf('crashed')).toBe('crashed');
    expect(toneOf('odd')).toBeNull();
  });

  it('titles a behaviour, or echoes an unknown id', () => {
    expect(behaviourTitle(lookOf('pbft'), 'slow')).toBe('Slow primary');
    expect(behaviourTitle(lookOf('pbft'), 'nope')).toBe('nope');
  });
});
