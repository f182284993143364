/**
 * What the fuzzer and the property test draw of pre-vote, CheckQuorum and leadership transfer
 * (thesis §9.6, §6.2, §3.10): the two switches, and "make this node leader" moves. Each draws from
 * its own derived stream, so every other draw of a seed stays as it was.
 */
import { Rng } from '../../prng';
import type { TimelineAction } from '../../scenario/types';
import type { NodeId, VirtualMs } from '../../types';
import { MAKE_LEADER } from './transfer';

/** productionKnobs draws config.preVote and config.checkQuorum for `seed`, each on half the seeds. */
export function productionKnobs(seed: number): { preVote: boolean; checkQuorum: boolean } {
  const rng = Rng.derive(seed, 'chaos-prevote');
  return { preVote: rng.chance(0.5), checkQuorum: rng.chance(0.5) };
}

/** TRANSFER_GAP_MS is the mean gap between two drawn leadership transfers (virtual ms). */
const TRANSFER_GAP_MS = 2500;

/**
 * leadershipTransferMoves draws "make this node leader" actions (timeline `input` make-leader) on
 * random nodes at times in [startMs, endMs) virtual ms, about one per TRANSFER_GAP_MS, on three seeds
 * in four; deterministic in its arguments. Sorted by `at`.
 */
export function leadershipTransferMoves(seed: number, nodes: readonly NodeId[], window: { startMs: VirtualMs; endMs: VirtualMs }): TimelineAction[] {
  const rng = Rng.derive(seed, 'chaos-transfer');
  if (!rng.chance(0.75)) return [];
  const out: TimelineAction[] = [];
  for (let at = window.startMs + rng.int(0, TRANSFER_GAP_MS); at < window.endMs; at += rng.int(TRANSFER_GAP_MS / 2, TRANSFER_GAP_MS * 1.5)) {
    out.push({ at, action: 'input', node: rng.pick(nodes), name: MAKE_LEADER });
  }
  return out;
}
