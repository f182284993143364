import { renderToStaticMarkup } from 'react-dom/server';
import { afterAll, describe, expect, it } from 'vitest';
import type { AnyProtocol } from '../../core/protocol';
import { PROTOCOLS } from '../../core/protocols/registry';
import { lookOf, lookOfProtocol, UI_PROTOCOLS } from './registry';
import { typeColors } from './generic';
import { OpRequestForm, parseFields } from './OpRequestForm';
import { resolveLook } from './resolve';
import { behaviourTitle, roleLabel, toneOf } from './words';

/** fakeProtocol is a leader-free protocol with no UI registration, no epoch and two message types. */
const fakeProtocol = {
  name: 'fake-echo',
  roles: ['sender', 'receiver'],
  leaderRole: null,
  messageTypes: ['Ping', 'Pong'],
  messageType: (m: { type: string }) => m.type,
  safety: { properties: [], monitor: () => ({ violations: [], observe() {}, check() {} }) },
  teachingBugs: [],
} as unknown as AnyProtocol;

const summary = { role: 'sender', term: 0, votedFor: null, commitIndex: 0, lastLogIndex: 0, lastApplied: 0 };

describe('the UI registry', () => {
  it('has a look for every core protocol it names, and resolves each without error', () => {
    for (const name of Object.keys(UI_PROTOCOLS)) {
      expect(PROTOCOLS[name], `UI look "${name}" has no core protocol`).toBeDefined();
      expect(lookOf(name).generic).toBe(false);
    }
  });

  it('gives the same object for the same name and for the same protocol', () => {
    expect(lookOf('pbft')).toBe(lookOf('pbft'));
    expect(lookOfProtocol(PROTOCOLS.raft!.protocol)).toBe(lookOf('raft'));
    expect(lookOfProtocol(fakeProtocol)).toBe(lookOfProtocol(fakeProtocol));
  });

  it('draws every kind of every registered look as SVG, and classifies every declared message type', () => {
    for (const name of Object.keys(UI_PROTOCOLS)) {
      const look = lookOf(name);
      for (const k of look.messageKinds) expect(renderToStaticMarkup(k.glyph())).toMatch(/^<(g|path|circle|rect)\b/);
      for (const type of look.core.messageTypes ?? []) expect(look.kindOf({ type }), `${name} ${type}`).not.toBe('other');
    }
  });
});

describe('Raft’s look', () => {
  const raft = lookOf('raft');
  it('has its roles, terms, votedFor, election timer and forced election timeout', () => {
    expect(raft.leaderRole).toBe('leader');
    expect(raft.roles.map((r) => r.role)).toEqual(['follower', 'candidate', 'leader', 'pre-candidate', 'learner', 'outside', 'crashed']);
    expect(raft.defaultRole).toBe('follower');
    expect([raft.epoch, raft.epochShort, raft.showVotedFor, raft.showVotes]).toEqual(['term', 't', true, true]);
    expect(raft.timeout?.label).toBe('Force election timeout');
    expect(raft.timers.map((t) => t.name)).toEqual(['election']);
    expect(raft.persists).toBe('term, vote, log');
    expect(raft.tolerance(5)).toBe('5 nodes tolerate 2 crashes (a majority must stay up)');
    expect(raft.behaviours).toEqual([]);
    expect(raft.requestForm).not.toBeNull();
    expect(raft.legend.map((e) => e.text)).toEqual(['RequestVote', 'vote granted', 'vote denied', 'heartbeat', 'AppendEntries + entries', 'append ok', 'append rejected', 'PreVote + replies', 'leader transfer', 'snapshot + reply', 'AddServer / RemoveServer']);
  });

  it('classifies messages by type and outcome, and marks heartbeats and acks routine', () => {
    expect(raft.kindOf({ type: 'RequestVote', term: 1 })).toBe('rv');
    expect(raft.kindOf({ type: 'RequestVoteReply', voteGranted: true })).toBe('rv-yes');
    expect(raft.kindOf({ type: 'RequestVoteReply', voteGranted: false })).toBe('rv-no');
    expect(raft.kindOf({ type: 'AppendEntries', entries: [] })).toBe('ae-hb');
    expect(raft.kindOf({ type: 'AppendEntries', entries: [{}] })).toBe('ae-data');
    expect(raft.kindOf({ type: 'AppendEntriesReply', success: false })).toBe('aer-no');
    expect(raft.kindOf({ type: 'Gossip' })).toBe('other');
    expect(raft.kindOf(undefined)).toBe('other');
    expect(raft.messageKinds.filter((k) => k.routine).map((k) => k.kind)).toEqual(['ae-hb', 'aer-ok']);
  });

  it('shows term and commit under a node', () => {
    expect(raft.nodeLine({ ...summary, term: 3, commitIndex: 7 })).toEqual([
      { label: 'term', value: 3 },
      { label: 'commit', value: 7 },
    ]);
  });
});

describe('PBFT’s look', () => {
  const pbft = lookOf('pbft');
  it('has views, the primary as leader, a view-change timer and timeout, its panel and the declared behaviours', () => {
    expect(pbft.leaderRole).toBe('primary');
    expect(pbft.defaultRole).toBe('backup');
    expect([pbft.epoch, pbft.epochShort, pbft.showVotedFor, pbft.showVotes]).toEqual(['view', 'v', false, false]);
    expect(pbft.timeout?.label).toBe('Force view change');
    expect(pbft.timers.map((t) => t.name)).toEqual(['view-change']);
    expect(pbft.panel).not.toBeNull();
    expect(pbft.routineWords).toBeNull();
    expect(pbft.behaviours.map((b) => b.id)).toEqual(PROTOCOLS.pbft!.protocol.behaviours!.map((b) => b.id));
    expect(pbft.roles.map((r) => [r.role, r.tone])).toEqual([
      ['backup', 'follower'],
      ['view-change', 'candidate'],
      ['primary', 'leader'],
      ['crashed', 'crashed'],
    ]);
  });

  it('lists every PBFT message kind in the legend exactly once', () => {
    const kinds = pbft.legend.flatMap((e) => e.kinds);
    expect(new Set(kinds).size).toBe(kinds.length);
    expect([...kinds].sort()).toEqual(['checkpoint', 'commit', 'new-view', 'pre-prepare', 'prepare', 'reply', 'request', 'transfer', 'view-change']);
  });
});

describe('the generic look of a protocol with no UI registration', () => {
  const look = lookOfProtocol(fakeProtocol);

  it('takes its roles from the core with neutral tones, and says no Raft words', () => {
    expect(look.generic).toBe(true);
    expect(look.leaderRole).toBeNull();
    expect(look.roles.map((r) => [r.role, r.tone])).toEqual([
      ['sender', 'neutral'],
      ['receiver', 'neutral'],
      ['crashed', 'crashed'],
    ]);
    expect(look.timeout).toBeNull();
    expect(look.showVotedFor).toBe(false);
    expect(look.showVotes).toBe(false);
    expect(look.persists).toBeNull();
    expect(look.timers).toEqual([]);
    expect(look.epoch).toBeNull();
    expect(look.requestForm).toBeNull();
    expect(look.panel).toBeNull();
    expect(look.tolerance(5)).toBeNull();
    const words = JSON.stringify([look.roles, look.legend, look.messageKinds, look.leaderWord, look.defaultRole]);
    expect(words).not.toMatch(/election|votedFor|term|leader|vote/i);
  });

  it('draws one kind per message type, each in a colour stable per type', () => {
    expect(look.kindOf({ type: 'Ping' })).toBe('Ping');
    expect(look.kindOf({ type: 'Pong' })).toBe('Pong');
    expect(look.kindOf({ type: 'Other' })).toBe('other');
    expect(look.legend.map((e) => e.text)).toEqual(['Ping', 'Pong']);
    const again = resolveLook({ ...fakeProtocol, name: 'fake-2' } as AnyProtocol, { roles: [], messageKinds: [], classify: () => undefined });
    expect(again.kind('Ping')).toBe(again.kind('other'));
    expect(look.kind('Ping').color).toMatch(/^#[0-9a-f]{6}$/);
    expect(lookOfProtocol({ ...fakeProtocol, name: 'fake-3' } as AnyProtocol).kind('Ping').color).toBe(look.kind('Ping').color);
    expect(look.kind('Ping').color).not.toBe(look.kind('Pong').color);
  });

  it('gives up to a dozen message types a dozen different colours, the same on every call', () => {
    const types = Array.from({ length: 12 }, (_, i) => `Type${i}`);
    const colours = typeColors(types);
    expect(new Set(colours.values()).size).toBe(12);
    expect([...typeColors(types)]).toEqual([...colours]);
    // A type's colour depends on its name and on the types before it, never on those after.
    expect(typeColors(['Vote', 'Append', 'Ack']).get('Vote')).toBe(typeColors(['Vote']).get('Vote'));
    expect(typeColors(['Vote', 'Append', 'Ack']).get('Append')).toBe(typeColors(['Vote', 'Append']).get('Append'));
  });

  it('shows its summary fields, and no epoch, under a node', () => {
    expect(look.nodeLine({ ...summary, fields: { heard: 3, busy: null } })).toEqual([
      { label: 'heard', value: '3' },
      { label: 'busy', value: '—' },
    ]);
  });

  it('gives the leading role the leader tone and an epoch when the core declares them', () => {
    const led = lookOfProtocol({ ...fakeProtocol, name: 'fake-led', leaderRole: 'sender', epochName: 'round' } as AnyProtocol);
    expect(led.leaderRole).toBe('sender');
    expect(toneOf(led, 'sender')).toBe('leader');
    expect(led.leaderWord).toBe('the sender');
    expect(led.epoch).toBe('round');
    expect(led.nodeLine({ ...summary, term: 2 })).toEqual([{ label: 'round', value: 2 }]);
  });

  it('draws an unknown protocol name with no roles but crashed', () => {
    const g = lookOf('no-such-protocol');
    expect(g.generic).toBe(true);
    expect(g.roles.map((r) => r.role)).toEqual(['crashed']);
    expect(g.kindOf({ type: 'X' })).toBe('other');
  });
});

describe('a core entry registered with no UI registration', () => {
  const entry = { ...PROTOCOLS.raft!, protocol: { ...fakeProtocol, name: 'fake-entry' } as AnyProtocol, ops: { ...PROTOCOLS.raft!.ops, names: ['ping'] } };
  PROTOCOLS['fake-entry'] = entry;
  afterAll(() => {
    delete PROTOCOLS['fake-entry'];
  });

  it('gets the generic look, with the JSON request form for its client operations', () => {
    const look = lookOf('fake-entry');
    expect(look.generic).toBe(true);
    expect(look.roles.map((r) => r.tone)).toEqual(['neutral', 'neutral', 'crashed']);
    expect(look.requestForm).toBe(OpRequestForm);
  });

  it('shows no request form when the protocol has no client operations', () => {
    PROTOCOLS['fake-silent'] = { ...entry, protocol: { ...fakeProtocol, name: 'fake-silent' } as AnyProtocol, ops: { ...entry.ops, names: [] } };
    try {
      expect(lookOf('fake-silent').requestForm).toBeNull();
    } finally {
      delete PROTOCOLS['fake-silent'];
    }
  });

  it('reads the form’s fields as a JSON object, and says what is wrong otherwise', () => {
    expect(parseFields(' {"key": "x", "n": 2} ')).toEqual({ key: 'x', n: 2 });
    expect(parseFields('')).toEqual({});
    expect(() => parseFields('key=x')).toThrow(/must be JSON/);
    expect(() => parseFields('[1]')).toThrow(/must be a JSON object/);
    expect(() => parseFields('{"f": "get"}')).toThrow(/pick the operation/);
  });
});

describe('resolveLook', () => {
  it('refuses a look whose legend names a kind it does not declare', () => {
    expect(() => resolveLook(fakeProtocol, { roles: [], messageKinds: [], classify: () => undefined, legend: [{ kinds: ['ghost'], text: 'ghost', title: '' }] })).toThrow(
      /legend names message kind "ghost"/,
    );
  });

  it('leaves out the forced timeout when the core says null, whatever the plugin says', () => {
    const look = resolveLook({ ...fakeProtocol, timeoutAction: null } as AnyProtocol, {
      roles: [],
      messageKinds: [],
      classify: () => undefined,
      timeout: { label: 'Force it', title: '' },
    });
    expect(look.timeout).toBeNull();
  });
});

describe('roleLabel, toneOf, behaviourTitle', () => {
  it('stars the leader role of the look only', () => {
    expect(roleLabel(lookOf('raft'), 'leader')).toBe('★ leader');
    expect(roleLabel(lookOf('pbft'), 'primary')).toBe('★ primary');
    expect(roleLabel(lookOf('pbft'), 'view-change')).toBe('view change');
    expect(roleLabel(lookOf('raft'), 'primary')).toBe('primary');
  });

  it('gives a role the look does not list the neutral tone', () => {
    expect(toneOf(lookOf('raft'), 'leader')).toBe('leader');
    expect(toneOf(lookOf('raft'), 'odd')).toBe('neutral');
  });

  it('titles a behaviour, or echoes an unknown id', () => {
    expect(behaviourTitle(lookOf('pbft'), 'slow')).toBe('Slow primary');
    expect(behaviourTitle(lookOf('pbft'), 'nope')).toBe('nope');
  });
});
