/**
 * Raft's registry entry: what the playground needs of Raft beyond its step function (its config
 * schema, default cluster and chaos knobs). Registered in ../registry.ts.
 */
import { Rng } from '../../prng';
import { LINEARIZABLE_KV } from '../../check/linearizability/spec';
import { KV_OPS } from '../../kv-ops';
import type { ProtocolEntry } from '../plugin';
import { BUG_EXAMPLES } from './bug-examples';
import { RAFT_BUGS } from './bugs';
import { cascadingFailures, randomChaos, rollingRestart, splitBrain } from './chaos-stories';
import { RAFT_EXAMPLES } from './examples';
import { RAFT_PRODUCTION_EXAMPLES } from './examples-production';
import { SNAPSHOT_EXAMPLES } from './examples-snapshot';
import { compactionKnobs } from './snapshot-chaos';
import { raftConfigSchema } from './config';
import { leadershipTransferMoves, productionKnobs } from './production-chaos';
import { raft } from '.';
import { powerLossMoves, storageKnobs } from './chaos-storage';
import { READ_EXAMPLE_SET } from './examples-reads';
import type { NodeId } from '../../types';
import { membershipKnobs, membershipMoves } from './membership-moves';
import { MEMBERSHIP_EXAMPLES } from './examples-membership';

/**
 * raftKnobs varies Raft's configuration by seed: small AppendEntries batches open Figure 8's window
 * (Raft §5.4.2), and a short election timeout makes elections overlap (§5.2).
 */
function raftKnobs(seed: number, nodes: readonly NodeId[]): Record<string, unknown> {
  const knobs = Rng.derive(seed, 'chaos-config');
  return { maxEntriesPerAppend: knobs.pick([1, 2, 64, 64]), electionTimeoutMs: knobs.pick([[150, 300], [100, 200], [300, 600]]), ...productionKnobs(seed), ...compactionKnobs(seed), ...storageKnobs(seed), ...membershipKnobs(seed, nodes) };
}

/** raftEntry is Raft's registry entry: 5 nodes by default (2 crashes tolerated), no client traffic. */
export const raftEntry: ProtocolEntry = {
  protocol: raft,
  title: 'Raft',
  description: 'Crash-fault tolerant consensus with a strong leader (Ongaro & Ousterhout 2014).',
  configSchema: raftConfigSchema,
  defaultNodes: 5,
  ops: KV_OPS,
  consistency: LINEARIZABLE_KV,
  examples: () => [
    { title: 'Raft basics', examples: RAFT_EXAMPLES },
    { title: 'Chaos', examples: { chaos: () => randomChaos(), 'split-brain': () => splitBrain(), 'rolling-restart': () => rollingRestart(), 'cascading-failures': () => cascadingFailures() } },
    { title: 'Teaching bugs (a bug is switched on)', examples: Object.fromEntries(RAFT_BUGS.map((b) => [BUG_EXAMPLES[b.id].id, () => BUG_EXAMPLES[b.id].build()])) },
    RAFT_PRODUCTION_EXAMPLES,
    { title: 'Log compaction (snapshots)', examples: SNAPSHOT_EXAMPLES },
    READ_EXAMPLE_SET,
    { title: 'Membership change', examples: MEMBERSHIP_EXAMPLES },
  ],
  chaos: { sizes: [3, 5, 5, 7], knobs: raftKnobs, moves: (seed, nodes, window) => [...leadershipTransferMoves(seed, nodes, window), ...powerLossMoves(seed, nodes, window), ...membershipMoves(seed, nodes, window)] },
};
