/**
 * The protocol registry: every protocol the playground can run, by the name scenarios use.
 * Adding a protocol means adding one entry here; the simulator, bus, trace and UI need no change.
 */
import type * as v from 'valibot';
import type { AnyProtocol } from '../protocol';
import { raft } from './raft';
import { raftConfigSchema } from './raft/config';
import { pbft } from './pbft';
import { pbftConfigSchema } from './pbft/config';

/**
 * ProtocolEntry pairs a protocol with the schema of its scenario `config`. The schema's messages
 * are for people: `{field}` stands for the field's name and `{got}` for the value found, and a
 * check left without a message is worded from its kind (src/core/scenario/issues.ts).
 */
export interface ProtocolEntry {
  protocol: AnyProtocol;
  title: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  configSchema: v.GenericSchema<any, any>;
}

/** PROTOCOLS lists the registered protocols by name. */
export const PROTOCOLS: Record<string, ProtocolEntry> = {
  raft: { protocol: raft, title: 'Raft', configSchema: raftConfigSchema },
  pbft: { protocol: pbft, title: 'PBFT', configSchema: pbftConfigSchema },
};

/** protocolNames lists the names a scenario's `protocol` field may take. */
export const protocolNames = (): string[] => Object.keys(PROTOCOLS);

/** getProtocol gives the entry for `name`. Throws Error naming the known protocols if unknown. */
export function getProtocol(name: string): ProtocolEntry {
  const entry = PROTOCOLS[name];
  if (!entry) throw new Error(`unknown protocol "${name}" (known: ${protocolNames().join(', ')})`);
  return entry;
}
