import { describe, expect, it } from 'vitest';
import type { AnyProtocol } from '../../core/protocol';
import type { Controller } from '../controller/controller';
import { lookOf, lookOfProtocol } from '../protocols/registry';
import { nodeActionsOf } from './nodeActions';

/** twoPhaseLike has its own node action and no forced timeout. */
const twoPhaseLike = {
  name: 'two-phase-like',
  roles: ['coordinator', 'participant'],
  leaderRole: 'coordinator',
  messageTypes: ['Prepare'],
  nodeActions: [{ id: 'propose', title: 'Propose a transaction', description: 'Start a transaction at this node (Gray 1978)' }],
  timeoutAction: null,
  messageType: (m: { type: string }) => m.type,
  safety: { properties: [], monitor: () => ({ violations: [], observe() {}, check() {} }) },
  teachingBugs: [],
} as unknown as AnyProtocol;

describe('nodeActionsOf', () => {
  it('gives Raft crash, power loss, restart, its forced election timeout, worded for Raft, "make this node leader" and its membership actions', () => {
    const raft = lookOf('raft');
    const actions = nodeActionsOf(raft);
    expect(actions.map((a) => a.name)).toEqual(['crash', 'power-loss', 'restart', 'timeout', 'action-make-leader', 'action-add-server', 'action-remove-server']);
    expect(actions[4]!.label(raft)).toBe('Make this node leader');
    expect(actions[3]!.label(raft)).toBe('Force election timeout');
    expect(actions[0]!.title(raft)).toContain('term, vote, log');
  });

  it('power loss, offered to a protocol that may sync explicitly, records a crash that loses unsynced writes', async () => {
    const raft = lookOf('raft');
    const power = nodeActionsOf(raft).find((a) => a.name === 'power-loss')!;
    expect(power.label(raft)).toBe('Power loss');
    const acted: unknown[] = [];
    power.perform({ act: (a: unknown) => (acted.push(a), Promise.resolve(null)) } as unknown as Controller, 'n3');
    await Promise.resolve();
    expect(acted).toEqual([{ action: 'crash', node: 'n3', loseUnsynced: true }]);
    expect(nodeActionsOf(lookOf('pbft')).some((a) => a.name === 'power-loss')).toBe(false);
  });

  it('drops the forced timeout where the core says there is none, and adds the protocol’s own actions as input actions', async () => {
    const look = lookOfProtocol(twoPhaseLike);
    const actions = nodeActionsOf(look);
    expect(actions.map((a) => a.name)).toEqual(['crash', 'restart', 'action-propose']);
    const propose = actions[2]!;
    expect([propose.label(look), propose.title(look)]).toEqual(['Propose a transaction', 'Start a transaction at this node (Gray 1978)']);
    expect(propose.enabled({ role: 'crashed', term: 0, votedFor: null, commitIndex: 0, lastLogIndex: 0, lastApplied: 0 })).toBe(false);
    const acted: unknown[] = [];
    const controller = { act: (a: unknown) => (acted.push(a), Promise.resolve(null)) } as unknown as Controller;
    propose.perform(controller, 'n2');
    await Promise.resolve();
    expect(acted).toEqual([{ action: 'input', node: 'n2', name: 'propose' }]);
    expect(actions[0]!.title(look)).toBe('Stop the node; it keeps only its persistent state');
    expect(nodeActionsOf(look)).toBe(actions);
  });
});
