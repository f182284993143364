import { describe, expect, it } from 'vitest';
import { committedIndex, nextCommitIndex } from './quorum';

describe('§5.3 quorum: committedIndex', () => {
  it.each([
    { matches: [0], want: 0 },
    { matches: [5], want: 5 },
    { matches: [3, 1, 2], want: 2 },
    { matches: [1, 1, 5], want: 1 },
    { matches: [4, 4, 0, 0], want: 0 },
    { matches: [4, 4, 4, 0], want: 4 },
    { matches: [9, 7, 8, 1, 2], want: 7 },
  ])('§5.3 the index a majority of $matches holds is $want', ({ matches, want }) => {
    expect(committedIndex(matches)).toBe(want);
  });

  it('§5.3 committedIndex refuses an impossible quorum', () => {
    expect(() => committedIndex([])).toThrow(RangeError);
    expect(() => committedIndex([1, 2], 3)).toThrow(RangeError);
  });
});

describe('§5.4.2 quorum: nextCommitIndex (etcd TestCommit)', () => {
  // matches: every node's matchIndex (the leader's own last index included); logTerms: the leader's log terms; term: currentTerm.
  it.each([
    // single
    { matches: [1], logTerms: [1], term: 1, want: 1 },
    { matches: [1], logTerms: [1], term: 2, want: 0 },
    { matches: [2], logTerms: [1, 2], term: 2, want: 2 },
    { matches: [1], logTerms: [2], term: 2, want: 1 },
    // odd
    { matches: [2, 1, 1], logTerms: [1, 2], term: 1, want: 1 },
    { matches: [2, 1, 1], logTerms: [1, 1], term: 2, want: 0 },
    { matches: [2, 1, 2], logTerms: [1, 2], term: 2, want: 2 },
    { matches: [2, 1, 2], logTerms: [1, 1], term: 2, want: 0 },
    // even
    { matches: [2, 1, 1, 1], logTerms: [1, 2], term: 1, want: 1 },
    { matches: [2, 1, 1, 1], logTerms: [1, 1], term: 2, want: 0 },
    { matches: [2, 1, 1, 2], logTerms: [1, 2], term: 1, want: 1 },
    { matches: [2, 1, 1, 2], logTerms: [1, 1], term: 2, want: 0 },
    { matches: [2, 1, 2, 2], logTerms: [1, 2], term: 2, want: 2 },
    { matches: [2, 1, 2, 2], logTerms: [1, 1], term: 2, want: 0 },
  ])('§5.4.2 matches $matches, log terms $logTerms, term $term commit $want', ({ matches, logTerms, term, want }) => {
    expect(nextCommitIndex(matches, (i) => logTerms[i - 1] ?? 0, term, 0)).toBe(want);
  });

  it('§5.4.2 nextCommitIndex never lowers commitIndex', () => {
    expect(nextCommitIndex([1, 1, 1], () => 3, 3, 2)).toBe(2);
  });
});
