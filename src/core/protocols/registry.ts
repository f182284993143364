/**
 * The protocol registry: every protocol the playground can run, by the name scenarios use.
 * Adding a protocol means adding one entry here; the simulator, bus, trace and UI need no change.
 */
import type * as v from 'valibot';
import type { WorkloadOptions } from '../chaos/workload';
import type { AnyProtocol } from '../protocol';
import type { NodeId } from '../types';
import { pbftEntry } from './pbft/entry';
import { raftEntry } from './raft/entry';

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
  /** defaultNodes is the cluster size Reset and the protocol menu load (Raft 5, PBFT 3f + 1 = 4). */
  defaultNodes: number;
  /**
   * defaultWorkload is the client traffic of the default scenario, drawn from its seed, or absent
   * for none; its `endMs` is the default scenario's end (see defaultScenario).
   */
  defaultWorkload?: Omit<WorkloadOptions, 'endMs'>;
  /** chaos is what the fuzzer and chaos runs vary per seed for this protocol. */
  chaos: {
    /** sizes the seed picks the cluster size from (a size listed twice is drawn twice as often). */
    sizes: readonly number[];
    /** knobs gives the scenario `config` for seed `seed` and cluster `nodes`, deterministically. */
    knobs(seed: number, nodes: readonly NodeId[]): Record<string, unknown>;
  };
}

/** PROTOCOLS lists the registered protocols by name: one line each. */
export const PROTOCOLS: Record<string, ProtocolEntry> = {
  raft: raftEntry,
  pbft: pbftEntry,
};

/** protocolNames lists the names a scenario's `protocol` field may take. */
export const protocolNames = (): string[] => Object.keys(PROTOCOLS);

/** getProtocol gives the entry for `name`. Throws Error naming the known protocols if unknown. */
export function getProtocol(name: string): ProtocolEntry {
  const entry = PROTOCOLS[name];
  if (!entry) throw new Error(`unknown protocol "${name}" (known: ${protocolNames().join(', ')})`);
  return entry;
}
