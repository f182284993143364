import { describe, expect, it } from 'vitest';
import { membershipLine } from './look';

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
