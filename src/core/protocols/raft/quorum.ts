/** Pure quorum arithmetic for Raft's commit rule (Raft §5.3, §5.4.2), kept apart so it can be tested as a table. */

/**
 * committedIndex gives the largest index N such that at least `quorum` of `matchIndexes` are ≥ N
 * (0 if none). `matchIndexes` holds one entry per node, the leader's own last log index included.
 * Allocation-free, O(n²) for n nodes (n is small). Throws RangeError if quorum is not in 1…n.
 */
export function committedIndex(matchIndexes: readonly number[], quorum: number = Math.floor(matchIndexes.length / 2) + 1): number {
  const n = matchIndexes.length;
  if (quorum < 1 || quorum > n) throw new RangeError(`committedIndex: quorum ${quorum} of ${n} nodes`);
  let best = 0;
  for (let i = 0; i < n; i++) {
    const candidate = matchIndexes[i]!;
    if (candidate <= best) continue;
    let count = 0;
    for (let j = 0; j < n; j++) if (matchIndexes[j]! >= candidate) count++;
    if (count >= quorum) best = candidate;
  }
  return best;
}

/**
 * nextCommitIndex applies the leader's commit rule (Raft §5.4.2, Figure 2): the largest N >
 * `commitIndex` held by a quorum whose entry has term `currentTerm`; else `commitIndex` unchanged.
 * Entries of earlier terms are never committed by counting replicas (Figure 8), only along with a
 * later entry of the current term. `termAt(i)` gives the term of the leader's entry at index i.
 */
export function nextCommitIndex(
  matchIndexes: readonly number[],
  termAt: (index: number) => number,
  currentTerm: number,
  commitIndex: number,
  quorum?: number,
): number {
  const n = committedIndex(matchIndexes, quorum);
  // Terms never decrease along a log, so if the entry at n is not of currentTerm, none below it is.
  return n > commitIndex && termAt(n) === currentTerm ? n : commitIndex;
}
