/**
 * A node's cluster configuration: whose votes count for elections and commitment (Raft §5.2). Every
 * quorum decision goes through here, so that membership changes (thesis §4) change it in one place.
 */
import type { NodeId } from '../../types';
import type { RaftState } from './state';

/** voters gives the nodes whose votes and acknowledgements count, the node itself included (§5.2). */
export function voters(s: RaftState): readonly NodeId[] {
  return [s.id, ...s.peers];
}

/**
 * isQuorum says whether the distinct nodes `ids` are a quorum of `s`'s voters: at least ⌊n/2⌋ + 1 of
 * n (Raft §5.2). Ids that are not voters do not count.
 */
export function isQuorum(s: RaftState, ids: readonly NodeId[]): boolean {
  const vs = voters(s);
  let count = 0;
  for (const id of ids) if (vs.includes(id)) count++;
  return count >= s.quorum;
}
