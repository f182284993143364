/**
 * The current-event line in the protocol's own words: PBFT says "view 0", never Raft's "term 0"
 * (Protocol.epochName; Raft keeps "term"), and a delivery names its sender once. (The event log
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

  it('a delivery is said with its sender once: no "from n4 from n4"', () => {
    const commit = { type: 'Commit', view: 0, seq: 16, digest: 'bb17bb17', replica: 'n4', auth: 'x' };
    const deliver: TraceRecord = { t: 2, type: 'deliver', id: 9, from: 'n4', to: 'n2' };
    expect(describeEvent([deliver], pbft, () => commit)).toBe('n2 receives Commit v0 #16 d:bb17 from n4.');
  });
});
