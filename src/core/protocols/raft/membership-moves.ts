/**
 * What the fuzzer and the property test draw for membership change (membership.ts): the knobs
 * (initial members, single-server or joint consensus, catch-up rounds) and the operator's moves
 * (add-server and remove-server actions, sometimes in a burst, sometimes right after a forced
 * election, when a new leader has not yet committed an entry of its term). Everything comes from the
 * seed's own derived streams, so the other draws of a seed are unchanged.
 */
import { Rng } from '../../prng';
import type { TimelineAction } from '../../scenario/types';
import type { NodeId, VirtualMs } from '../../types';
import { ADD_SERVER, REMOVE_SERVER } from './membership';
import { isProductionSeed } from './production-chaos';

/**
 * membershipActive says whether seed `seed` exercises membership change at all: 6 in 10 of the
 * production seeds (isProductionSeed, one seed in three). The others get no membership knobs and no
 * moves, so they run exactly as before membership change existed and keep finding what they found.
 */
export function membershipActive(seed: number): boolean {
  return isProductionSeed(seed) && Rng.derive(seed, 'chaos-membership-on').chance(0.6);
}

/**
 * membershipKnobs gives seed `seed`'s membership config for cluster `nodes` ({} unless
 * {@link membershipActive}): half the seeds start
 * with one or two nodes outside the configuration (`members`), a third use joint consensus, and
 * learners need 1 to 3 catch-up rounds.
 */
export function membershipKnobs(seed: number, nodes: readonly NodeId[]): Record<string, unknown> {
  if (!membershipActive(seed)) return {};
  const rng = Rng.derive(seed, 'chaos-membership');
  const out: Record<string, unknown> = {};
  if (nodes.length >= 3 && rng.chance(0.5)) out.members = nodes.slice(0, nodes.length - rng.int(1, Math.min(2, nodes.length - 2)));
  if (rng.chance(0.34)) out.membershipChange = 'joint-consensus';
  out.catchUpRounds = rng.int(1, 3);
  return out;
}

/**
 * membershipMoves gives seed `seed`'s membership actions (none unless {@link membershipActive}) in [startMs, endMs) virtual ms: every 0.4 to
 * 2 virtual s, one to three changes 1 ms apart (a second one finds the first uncommitted), each an
 * add or a remove of a random server, told to the leader or to the server itself; a quarter of the
 * moves first force an election and send the change 20 to 80 ms later (a new leader's no-op is then
 * often uncommitted: the 2015 correction decides).
 */
export function membershipMoves(seed: number, nodes: readonly NodeId[], window: { startMs: VirtualMs; endMs: VirtualMs }): TimelineAction[] {
  if (!membershipActive(seed)) return [];
  const rng = Rng.derive(seed, 'chaos-membership-moves');
  const out: TimelineAction[] = [];
  for (let at = window.startMs + rng.int(0, 1000); at < window.endMs; at += rng.int(400, 2000)) {
    let t = at;
    if (rng.chance(0.25)) {
      out.push({ at: t, action: 'timeout', node: rng.pick(nodes) });
      t += rng.int(20, 80);
    }
    const burst = rng.int(1, 3);
    for (let i = 0; i < burst && t < window.endMs; i++, t++) {
      const name = rng.chance(0.5) ? ADD_SERVER : REMOVE_SERVER;
      const server = rng.pick(nodes);
      if (rng.chance(0.6)) out.push({ at: t, action: 'input', node: 'leader', name, args: { servers: [server] } });
      else out.push({ at: t, action: 'input', node: server, name });
    }
  }
  return out;
}
