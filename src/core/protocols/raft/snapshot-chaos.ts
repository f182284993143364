/**
 * Log compaction in chaos runs: the fuzzer's knobs and the property test's random scenarios switch
 * snapshots on for most seeds, with small thresholds and chunks, so compaction, InstallSnapshot and
 * restarts from a snapshot happen often (Raft §7).
 */
import { Rng } from '../../prng';
import { isProductionSeed } from './production-chaos';

/**
 * compactionKnobs gives seed `seed`'s compaction config from its own stream (`chaos-snapshot`), so
 * the other draws of a seed stay unchanged: on 3 in 4 of the production seeds (isProductionSeed), a
 * snapshotThreshold of 2–12 entries and a snapshotChunkBytes of 16–256 bytes; otherwise nothing (no
 * compaction).
 */
export function compactionKnobs(seed: number): { snapshotThreshold?: number; snapshotChunkBytes?: number } {
  if (!isProductionSeed(seed)) return {};
  const rng = Rng.derive(seed, 'chaos-snapshot');
  if (!rng.chance(0.75)) return {};
  return { snapshotThreshold: rng.pick([2, 3, 5, 8, 12]), snapshotChunkBytes: rng.pick([16, 40, 100, 256]) };
}
