/**
 * Paxos's registry entry: config schema, default cluster (5) and workload, key-value clients
 * checked for linearizability exactly as Raft's and PBFT's, examples and chaos knobs.
 * Registered in ../registry.ts.
 */
import { WORKLOAD_DEFAULTS } from '../../chaos/workload';
import { LINEARIZABLE_KV } from '../../check/linearizability/spec';
import { KV_OPS } from '../../kv-ops';
import { Rng } from '../../prng';
import type { ProtocolEntry } from '../plugin';
import { paxosConfigSchema } from './config';
import { PAXOS_EXAMPLES } from './examples';
import { paxos } from '.';

/** paxosKnobs varies Multi-Paxos by seed: the heartbeat, the leader timeout and backoff. Quorums stay safe (majorities). */
function paxosKnobs(seed: number): Record<string, unknown> {
  const k = Rng.derive(seed, 'chaos-config');
  const lo = k.pick([150, 300]);
  return { mode: 'multi', heartbeatMs: k.pick([30, 50]), leaderTimeoutMs: [lo, 2 * lo], backoff: k.pick([true, false]) };
}

/** paxosEntry is Paxos's registry entry: Multi-Paxos over 5 nodes by default, with a light client workload from 200 ms. */
export const paxosEntry: ProtocolEntry = {
  protocol: paxos,
  title: 'Paxos',
  description: 'Single-decree Paxos and Multi-Paxos (Lamport, Paxos Made Simple 2001), with Flexible Paxos quorums (Howard, Malkhi & Spiegelman 2016).',
  configSchema: paxosConfigSchema,
  defaultNodes: 5,
  nodeRange: [1, 9],
  defaultWorkload: { ...WORKLOAD_DEFAULTS, ratePerSecond: 2, startMs: 200, writeFirst: true },
  ops: KV_OPS,
  consistency: LINEARIZABLE_KV,
  examples: () => [{ title: 'Paxos', examples: PAXOS_EXAMPLES }],
  chaos: { sizes: [3, 5, 5, 7], knobs: paxosKnobs, detectionMs: (knobs) => (knobs.leaderTimeoutMs as number[] | undefined)?.[1] ?? 300 },
};
