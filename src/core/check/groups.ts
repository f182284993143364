/**
 * Reachability for convergence checks: which live nodes can still reach each other at the end of a
 * run, so a check judges each connected group on its own (gossip: every node of a group holds the
 * group's values; bully: every group follows its own highest rank).
 */
import type { ConsistencyInput } from '../protocols/plugin';
import type { NodeId } from '../types';

/**
 * connectedGroups splits the live nodes (`input.live`) into groups whose members reach each other
 * both ways, directly or through other live members (`input.connected`, the bus's links now).
 * Groups keep the order of `input.live`, and so does each group's list of members.
 */
export function connectedGroups(input: Pick<ConsistencyInput, 'live' | 'connected'>): NodeId[][] {
  const live = [...input.live];
  const parent = new Map(live.map((id) => [id, id]));
  const root = (x: NodeId): NodeId => {
    while (parent.get(x) !== x) x = parent.get(x)!;
    return x;
  };
  for (let i = 0; i < live.length; i++) {
    for (let j = i + 1; j < live.length; j++) {
      const [a, b] = [live[i]!, live[j]!];
      if (input.connected(a, b) && input.connected(b, a)) parent.set(root(a), root(b));
    }
  }
  const groups = new Map<NodeId, NodeId[]>();
  for (const id of live) groups.set(root(id), [...(groups.get(root(id)) ?? []), id]);
  return [...groups.values()];
}
