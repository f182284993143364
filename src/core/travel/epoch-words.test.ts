/**
 * Each protocol's own epoch word (Protocol.epochName) in every generated sentence: PBFT's event
 * current-event line says "view 0", never Raft's "term 0"; Raft keeps "term". (The event log
 * and the space-time diagram: src/ui/controller/format.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { epochNameOf } from '../protocol';
import { getProtocol } from '../protocols/registry';
import type { TraceRecord } from '../trace';
import { describeEvent } from './describe-event';

const raft = getProtocol('raft').protocol;
const pbft = getProtocol('pbft').protocol;
const state = (role: string, term: number): TraceRecord => ({ t: 5, type: 'state', node: 'n4', role, term, votedFor: null, commitIndex: 2, lastLogIndex: 2 });

describe('the epoch word', () => {
  it('is declared by the protocol: term by default, view for PBFT', () => {
    expect(epochNameOf(raft)).toBe('term');
    expect(epochNameOf(pbft)).toBe('view');
    expect(epochNameOf({})).toBe('term');
  });

  it('the current-event line says view for PBFT and term for Raft', () => {
    expect(describeEvent([state('backup', 0)], pbft, () => undefined)).toBe('n4 is backup in view 0, commitIndex 2.');
    expect(describeEvent([state('follower', 3)], raft, () => undefined)).toBe('n4 is follower in term 3, commitIndex 2.');
  });
});
