/**
 * The protocol registry: every protocol the playground can run, by the name scenarios use. A
 * protocol is one folder with an `entry.ts` (its {@link ProtocolEntry}, plugin.ts) and one line
 * here; the simulator, bus, checks, CLI and share links need no change, and the UI registers its
 * look with one line in src/ui/protocols/registry.ts.
 */
import { bullyEntry } from './bully/entry';
import { delegationEntry } from './delegation/entry';
import { gossipEntry } from './gossip/entry';
import { pbftEntry } from './pbft/entry';
import type { ProtocolEntry } from './plugin';
import { quorumEntry } from './quorum/entry';
import { raftEntry } from './raft/entry';
import { twoPcEntry } from './2pc/entry';
import { leaseLockEntry } from './lease-lock/entry';
import { swimEntry } from './swim/entry';
import { crdtEntry } from './crdt/entry';
import { paxosEntry } from './paxos/entry';

export type { ClientOps, ConsistencyInput, ConsistencyResult, ConsistencySpec, ConsistencyVerdict, ExampleSet, ProtocolEntry, RecoverySpec } from './plugin';

/** PROTOCOLS lists the registered protocols by name: one line each. */
export const PROTOCOLS: Record<string, ProtocolEntry> = {
  raft: raftEntry,
  pbft: pbftEntry,
  '2pc': twoPcEntry,
  gossip: gossipEntry,
  bully: bullyEntry,
  delegation: delegationEntry,
  quorum: quorumEntry,
  'lease-lock': leaseLockEntry,
  swim: swimEntry,
  crdt: crdtEntry,
  paxos: paxosEntry,
};

/** DEFAULT_PROTOCOL is the protocol a new scenario, the CLI and the playground start with. */
export const DEFAULT_PROTOCOL = 'raft';

/** protocolNames lists the names a scenario's `protocol` field may take. */
export const protocolNames = (): string[] => Object.keys(PROTOCOLS);

/** getProtocol gives the entry for `name`. Throws Error naming the known protocols if unknown. */
export function getProtocol(name: string): ProtocolEntry {
  const entry = PROTOCOLS[name];
  if (!entry) throw new Error(`unknown protocol "${name}" (known: ${protocolNames().join(', ')})`);
  return entry;
}
