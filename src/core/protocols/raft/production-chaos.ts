/**
 * What the fuzzer and the property test draw of pre-vote, CheckQuorum and leadership transfer
 * (thesis §9.6, §6.2, §3.10): the two switches, and "make this node leader" moves. Each draws from
 * its own derived stream, so every other draw of a seed stays as it was.
 */
import { Rng } from '../../prng';
import type { TimelineAction } from '../../scenario/types';
import type { NodeId, VirtualMs } from '../../types';
import { MAKE_LEADER } from './transfer';

/** ProductionDraw is what one seed runs of the production features. */
interface ProductionDraw {
  preVote: boolean;
  checkQuorum: boolean;
  /** Whether "make this node leader" moves are drawn. */
  transfers: boolean;
}

/**
 * PRODUCTION_SHARE is the share of seeds that run the production features at all. The rest run the
 * paper's Raft exactly as before, so the fuzzer keeps most of its budget for the paper's bugs (the
 * teaching bugs of Figure 8 and friends, which pre-vote and CheckQuorum make rarer by calming elections).
 */
const PRODUCTION_SHARE = 1 / 3;

/**
 * isProductionSeed says whether seed `seed` runs the production features at all (about one seed in
 * three, PRODUCTION_SHARE). Every feature's chaos draw (pre-vote, CheckQuorum, transfers, compaction,
 * storage, reads, membership) asks it first, so the other seeds run the paper's Raft unchanged and
 * keep catching the paper's teaching bugs where they always did.
 */
export function isProductionSeed(seed: number): boolean {
  return Rng.derive(seed, 'chaos-prevote').chance(PRODUCTION_SHARE);
}

/** productionDraw draws, from the seed's own stream, whether and which production features run. */
function productionDraw(seed: number): ProductionDraw {
  const rng = Rng.derive(seed, 'chaos-prevote');
  if (!rng.chance(PRODUCTION_SHARE)) return { preVote: false, checkQuorum: false, transfers: false };
  return { preVote: rng.chance(0.6), checkQuorum: rng.chance(0.6), transfers: rng.chance(0.6) };
}

/**
 * productionKnobs draws config.preVote and config.checkQuorum for `seed`: each on about one seed in
 * five. A switch drawn off is left out, so those seeds' scenarios (and trace headers) are unchanged.
 */
export function productionKnobs(seed: number): { preVote?: true; checkQuorum?: true } {
  const { preVote, checkQuorum } = productionDraw(seed);
  return { ...(preVote ? { preVote: true as const } : {}), ...(checkQuorum ? { checkQuorum: true as const } : {}) };
}

/** TRANSFER_GAP_MS is the mean gap between two drawn leadership transfers (virtual ms). */
const TRANSFER_GAP_MS = 2500;

/**
 * leadershipTransferMoves draws "make this node leader" actions (timeline `input` make-leader) on
 * random nodes at times in [startMs, endMs) virtual ms, about one per TRANSFER_GAP_MS, on about one
 * seed in five (see productionDraw); deterministic in its arguments. Sorted by `at`.
 */
export function leadershipTransferMoves(seed: number, nodes: readonly NodeId[], window: { startMs: VirtualMs; endMs: VirtualMs }): TimelineAction[] {
  if (!productionDraw(seed).transfers) return [];
  const rng = Rng.derive(seed, 'chaos-transfer');
  const out: TimelineAction[] = [];
  for (let at = window.startMs + rng.int(0, TRANSFER_GAP_MS); at < window.endMs; at += rng.int(TRANSFER_GAP_MS / 2, TRANSFER_GAP_MS * 1.5)) {
    out.push({ at, action: 'input', node: rng.pick(nodes), name: MAKE_LEADER });
  }
  return out;
}
