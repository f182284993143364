/**
 * Who is who in an atomic-commit cluster: the coordinator, the participants, and which participant
 * owns each key (each participant is one resource manager, holding a share of the keys).
 */
import type { NodeId } from '../../types';
import type { TwoPcConfig } from './config';

/**
 * coordinatorOf gives the coordinator: `config.coordinator`, else the cluster's first node.
 * @throws Error if config.coordinator is not in the cluster.
 */
export function coordinatorOf(nodes: readonly NodeId[], config: Pick<TwoPcConfig, 'coordinator'>): NodeId {
  const c = config.coordinator ?? nodes[0]!;
  if (!nodes.includes(c)) throw new Error(`config.coordinator names ${c}, which is not in the cluster (${nodes.join(', ')})`);
  return c;
}

/** participantsOf gives every node but the coordinator, in cluster order. */
export const participantsOf = (nodes: readonly NodeId[], coordinator: NodeId): NodeId[] => nodes.filter((n) => n !== coordinator);

/**
 * ownerOf gives the participant that owns `key`: the pinned owner in `config.owners`, else
 * participant number (sum of the key's UTF-16 code units) mod (number of participants), in cluster
 * order. With participants n2, n3, n4: x → n2, y → n3, z → n4.
 * @throws Error if the pinned owner is not a participant, or there is none.
 */
export function ownerOf(key: string, participants: readonly NodeId[], config: Pick<TwoPcConfig, 'owners'>): NodeId {
  const pinned = config.owners[key];
  if (pinned !== undefined) {
    if (!participants.includes(pinned)) throw new Error(`config.owners gives key "${key}" to ${pinned}, which is not a participant (${participants.join(', ')})`);
    return pinned;
  }
  if (participants.length === 0) throw new Error('two-phase commit needs at least one participant besides the coordinator');
  let sum = 0;
  for (let i = 0; i < key.length; i++) sum += key.charCodeAt(i);
  return participants[sum % participants.length]!;
}

/** splitWrites groups a transaction's writes by owning participant, participants in cluster order. */
export function splitWrites(writes: Readonly<Record<string, string>>, participants: readonly NodeId[], config: Pick<TwoPcConfig, 'owners'>): Map<NodeId, Record<string, string>> {
  const byOwner = new Map<NodeId, Record<string, string>>();
  for (const [key, value] of Object.entries(writes)) {
    const owner = ownerOf(key, participants, config);
    byOwner.set(owner, { ...(byOwner.get(owner) ?? {}), [key]: value });
  }
  return new Map(participants.filter((p) => byOwner.has(p)).map((p) => [p, byOwner.get(p)!]));
}
