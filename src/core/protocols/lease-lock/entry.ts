/**
 * Lease-lock's registry entry: config schema, default cluster and workload, the write op, fenced
 * writes, examples, metrics and chaos. Registered in ../registry.ts.
 */
import { Rng } from '../../prng';
import type { ProtocolEntry } from '../plugin';
import type { NodeId } from '../../types';
import { leaseLockConfigSchema } from './config';
import { FENCED_WRITES } from './consistency';
import { LEASE_LOCK_EXAMPLES } from './examples';
import { LEASE_OPS } from './ops';
import { leaseLock } from '.';

/**
 * leaseKnobs varies the configuration by seed: a majority service (3 or 5 lock nodes) when the
 * cluster leaves two clients beside them, else a single lock node; the lease, the work and the
 * renewal period (a third of the lease).
 */
function leaseKnobs(seed: number, nodes: readonly NodeId[]): Record<string, unknown> {
  const knobs = Rng.derive(seed, 'chaos-config');
  const lockNodes = nodes.length >= 8 ? knobs.pick([1, 3, 5]) : nodes.length >= 6 ? knobs.pick([1, 3]) : 1;
  const leaseMs = knobs.pick([300, 500, 800]);
  return { service: lockNodes === 1 ? 'single' : 'majority', lockNodes, leaseMs, renewMs: Math.round(leaseMs / 3), workMs: knobs.pick([50, 100, 200]) };
}

/** leaseMetrics counts grants, expiries, renewals and storage's accepted and rejected writes. */
function leaseMetrics(input: { records: readonly { kind: string }[] }): Record<string, unknown> {
  const count = (kind: string) => input.records.filter((r) => r.kind === kind).length;
  return { grants: count('grant'), expiries: count('expiry'), renewals: count('renew'), releases: count('release'), writesAccepted: count('write-accepted'), writesRejected: count('write-rejected') };
}

/** leaseLockEntry is lease-lock's registry entry: one lock node, two clients and storage by default. */
export const leaseLockEntry: ProtocolEntry = {
  protocol: leaseLock,
  title: 'Lease lock',
  description: 'A lock service granting leases with fencing tokens, its clients and fenced storage (Kleppmann 2016; Chubby, Burrows 2006).',
  configSchema: leaseLockConfigSchema,
  defaultNodes: 4,
  nodeRange: [3, 12],
  defaultWorkload: { ratePerSecond: 2, startMs: 200, clients: ['c1'], keys: ['-'] },
  ops: LEASE_OPS,
  consistency: FENCED_WRITES,
  metrics: leaseMetrics,
  examples: () => [{ title: 'Leases and fencing tokens', examples: LEASE_LOCK_EXAMPLES }],
  chaos: {
    sizes: [4, 5, 6, 8],
    knobs: leaseKnobs,
    nemesis: ['crash', 'bounce', 'partition', 'bridge', 'one-way', 'loss', 'duplicate', 'reorder', 'latency-spike', 'pause'],
    detectionMs: (knobs) => Number(knobs.leaseMs ?? 500),
    ratePerSecond: 2,
  },
};
