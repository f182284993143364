/**
 * What the fuzzer and the property test draw of explicit storage and reads (storage.ts, reads.ts),
 * each from its own derived stream so that every other draw of a seed stays as it was.
 */
import { Rng } from '../../prng';
import type { TimelineAction } from '../../scenario/types';
import type { NodeId, VirtualMs } from '../../types';
import { isProductionSeed } from './production-chaos';

/**
 * The clock drift bound the fuzzer gives lease reads: the nemesis skews a clock to between ×0.25
 * and ×4, so a leader's clock may run 16 times slower than a voter's. With this bound the lease
 * holds under any skew the nemesis draws, and lease reads stay linearizable in clean runs.
 */
export const CHAOS_DRIFT_BOUND = 16;

/**
 * storageKnobs draws, on the production seeds only (isProductionSeed), a disk sync latency (off
 * one time in five; virtual ms, fixed or a range drawn per sync, with election timeouts at least
 * five times the longest sync, see electionsAbove) and a read mode for seed `seed` (stream
 * `chaos-storage`). Fields left at their default are left out.
 */
export function storageKnobs(seed: number): Record<string, unknown> {
  if (!isProductionSeed(seed)) return {};
  const rng = Rng.derive(seed, 'chaos-storage');
  const sync = rng.pick<number | [number, number]>([0, 10, [5, 40], [1, 60], [1, 60]]);
  const reads = rng.pick(['log', 'log', 'read-index', 'lease'] as const);
  return {
    ...(sync !== 0 ? { syncLatencyMs: sync, ...electionsAbove(typeof sync === 'number' ? sync : sync[1]) } : {}),
    ...(reads !== 'log' ? { reads } : {}),
    ...(reads === 'lease' ? { clockDriftBound: CHAOS_DRIFT_BOUND } : {}),
  };
}

/**
 * electionsAbove gives election timeouts long enough for disks that take up to `syncMs` virtual ms
 * to sync, or nothing when the fuzzer's shortest draw (100 ms) is long enough. Raft needs
 * broadcastTime ≪ electionTimeout (§5.6), and a vote round holds two syncs (the candidate's
 * currentTerm and votedFor, then the voter's) besides the round trip: with 60 ms syncs and 100–200 ms
 * timeouts, two voters left by a membership change split their votes term after term. So a sync
 * stays within a fifth of the shortest election timeout, and a vote round (two syncs and a round
 * trip of at most 2 × 30 ms) within two thirds of it. (Not a tenth: timeouts of 600–1,200 ms for
 * 60 ms syncs make a re-election after a membership change outlast the liveness bound, 5 virtual s.)
 */
function electionsAbove(syncMs: number): Record<string, unknown> {
  return syncMs * 5 <= 100 ? {} : { electionTimeoutMs: [syncMs * 5, syncMs * 10] };
}

/**
 * powerLosses draws, for the property test's random scenarios (stream `random-storage`), up to
 * two power losses in [startMs, endMs): each crashes every node of `nodes` or one of them, losing
 * unsynced writes, and restarts them 100–600 virtual ms later.
 */
export function powerLosses(seed: number, nodes: readonly NodeId[], startMs: VirtualMs, endMs: VirtualMs): Record<string, unknown>[] {
  const rng = Rng.derive(seed, 'random-storage');
  const out: Record<string, unknown>[] = [];
  for (let i = rng.int(0, 2); i > 0; i--) {
    const at = rng.int(startMs, Math.max(startMs, endMs - 700));
    const hit = rng.chance(0.5) ? [...nodes] : [rng.pick(nodes)];
    const back = at + rng.int(100, 600);
    for (const node of hit) out.push({ at, action: 'crash', node, loseUnsynced: true }, { at: back, action: 'restart', node });
  }
  return out;
}

/**
 * powerLossMoves gives the chaos runs' power losses (the fuzzer's `chaos.moves`): on production seeds
 * whose disk has a sync latency, the power losses {@link powerLosses} draws in [startMs, endMs). A
 * power loss loses what is not synced, so it means something only there; the other seeds keep their
 * timelines as they were.
 */
export function powerLossMoves(seed: number, nodes: readonly NodeId[], window: { startMs: VirtualMs; endMs: VirtualMs }): TimelineAction[] {
  if (storageKnobs(seed).syncLatencyMs === undefined) return [];
  return powerLosses(seed, nodes, window.startMs, window.endMs) as unknown as TimelineAction[];
}
