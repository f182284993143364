import { describe, expect, it } from 'vitest';
import { membershipLine, raftLook } from './look';

describe("a Raft node's configuration line (thesis §4.1)", () => {
  it('writes runs of node numbers as ranges so that five voters and a learner fit a node', () => {
    expect(membershipLine({ voters: 'n1 n2 n3 n4 n5', learners: 'n6' })).toBe('1–5 +6');
    expect(membershipLine({ voters: 'n1 n2 n4', learners: '' })).toBe('1,2,4');
    expect(membershipLine({ voters: 'n1 n2 n3 n5 n6 n7', learners: 'n8 n9' })).toBe('1–3,5–7 +8,9');
  });
  it('shows a joint configuration as old → new voter counts', () => {
    expect(membershipLine({ voters: 'n1 n2 n3 n4 n5', votersOld: 'n1 n2 n3', learners: '' })).toBe('3→5');
  });
  it('keeps names that are not numbered as they are', () => {
    expect(membershipLine({ voters: 'a b', learners: '' })).toBe('a,b');
  });
});

describe("Raft's legend follows the scenario's switches", () => {
  const omits = (config: Record<string, unknown>) => raftLook.legendOmits!(config);
  it('leaves out pre-vote, snapshots and membership when they are off, so the legend stays whole at 1280×720', () => {
    expect(omits({})).toEqual({ roles: ['pre-candidate', 'learner', 'outside'], kinds: ['pv', 'pv-yes', 'pv-no', 'snap', 'snap-reply', 'member-add', 'member-remove'] });
  });
  it('shows each feature with its switch', () => {
    expect(omits({ preVote: true, snapshotThreshold: 5, members: ['n1', 'n2', 'n3'] })).toEqual({ roles: [], kinds: [] });
    expect(omits({ membershipChange: 'joint-consensus' }).roles).toEqual(['pre-candidate']);
  });
});
