/**
 * Region names: the canvas has one main region (`main`, the cluster) and any number of partition
 * regions, named `a`, `b`, … `z`, then `p27`, `p28`, … (one per partition group a user can make,
 * at most one per node). A partition action's `regions` hint (see core/scenario/types.ts) uses
 * these names, so share links made when there were only `main`, `a` and `b` draw as before.
 * Pure functions; no React.
 */
import { SCENARIO_LIMITS } from '../../core/scenario/schema';
import type { RegionId } from '../store/types';

/** MAIN is the main region: the cluster's rings of nodes. */
export const MAIN: RegionId = 'main';

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/** partitionRegion names the k-th partition region (k from 0): `a` … `z`, then `p27` …. */
export function partitionRegion(k: number): RegionId {
  if (!Number.isInteger(k) || k < 0) throw new RangeError(`a partition region's number must be a whole number from 0 (got ${k})`);
  return k < LETTERS.length ? LETTERS[k]! : `p${k + 1}`;
}

/**
 * partitionIndex gives the number of partition region `r` (`a` is 0), or -1 for `main` and for a
 * name that is no partition region (or one beyond the most partition groups a cluster can have).
 */
export function partitionIndex(r: RegionId): number {
  if (r.length === 1) return LETTERS.indexOf(r);
  const m = /^p([1-9][0-9]*)$/.exec(r);
  if (!m) return -1;
  const k = Number(m[1]) - 1;
  return k >= LETTERS.length && k < SCENARIO_LIMITS.maxNodes ? k : -1;
}

/** isRegionName says whether `r` names a region the canvas can draw: `main` or a partition region. */
export const isRegionName = (r: string): r is RegionId => r === MAIN || partitionIndex(r) >= 0;

/** regionTitle names region `r` as its label and the node menu say: `Cluster`, `Partition A`, … `Partition 27`. */
export function regionTitle(r: RegionId): string {
  if (r === MAIN) return 'Cluster';
  const k = partitionIndex(r);
  if (k < 0) return `Partition ${r}`;
  return k < LETTERS.length ? `Partition ${r.toUpperCase()}` : `Partition ${k + 1}`;
}

/** byRegionOrder sorts region names as they are drawn and listed: `main` first, then the partitions by number. */
export const byRegionOrder = (p: RegionId, q: RegionId): number => partitionIndex(p) - partitionIndex(q);
