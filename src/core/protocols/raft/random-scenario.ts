/**
 * randomFaultScenario builds a seeded random scenario: a cluster under partitions, crashes, lossy
 * and duplicating links and client traffic until `faultsEndMs`, then every fault is undone so
 * liveness can be checked. All randomness comes from the seed (tests and fuzzing).
 */
import { Rng } from '../../prng';
import { parseScenario } from '../../scenario/schema';
import type { Scenario } from '../../scenario/types';
import { leadershipTransferMoves, productionKnobs } from './production-chaos';
import { compactionKnobs } from './snapshot-chaos';
import { powerLosses, storageKnobs } from './chaos-storage';
import { membershipKnobs, membershipMoves } from './membership-moves';

/** RandomScenarioOptions shape a random scenario; times are virtual ms. */
export interface RandomScenarioOptions {
  nodes?: number;
  faultsEndMs?: number;
  untilMs?: number;
  /** Mean gap between two faults (virtual ms). */
  faultGapMs?: number;
}

/** randomFaultScenario gives the scenario of `seed`. */
export function randomFaultScenario(seed: number, opts: RandomScenarioOptions = {}): Scenario {
  const rng = Rng.derive(seed, 'random-scenario');
  const n = opts.nodes ?? rng.int(3, 7);
  const ids = Array.from({ length: n }, (_, i) => `n${i + 1}`);
  const faultsEnd = opts.faultsEndMs ?? 6000;
  const until = opts.untilMs ?? faultsEnd + 8000;
  const gap = opts.faultGapMs ?? 400;
  const timeline: Record<string, unknown>[] = [];
  const lossy: [string, string][] = [];
  for (let at = rng.int(100, gap); at < faultsEnd; at += rng.int(gap / 2, gap * 2)) {
    const kind = rng.int(0, 9);
    const node = rng.pick([...ids, 'leader']);
    if (kind <= 1) timeline.push({ at, action: 'crash', node });
    else if (kind === 2) timeline.push({ at, action: 'restart' });
    else if (kind === 3) timeline.push({ at, action: 'isolate', node });
    else if (kind === 4) {
      const shuffled = [...ids].sort(() => rng.float() - 0.5);
      const cut = rng.int(1, n - 1);
      timeline.push({ at, action: 'partition', groups: [shuffled.slice(0, cut), shuffled.slice(cut)] });
    } else if (kind === 5) timeline.push({ at, action: 'heal' });
    else if (kind === 6) {
      const from = rng.pick(ids);
      const to = rng.pick(ids.filter((x) => x !== from));
      lossy.push([from, to]);
      timeline.push({ at, action: 'link', from, to, loss: Math.round(rng.float() * 60) / 100, duplicate: Math.round(rng.float() * 30) / 100, latencyMs: [rng.int(1, 20), rng.int(20, 120)] });
    } else if (kind === 7) timeline.push({ at, action: 'timeout', node: rng.pick(ids) });
    else timeline.push({ at, action: 'request', client: `c${rng.int(1, 4)}`, op: randomOp(rng) });
    if (rng.chance(0.5)) timeline.push({ at: at + 1, action: 'request', client: `c${rng.int(1, 4)}`, op: randomOp(rng) });
  }
  // Undo every fault: links back to the defaults, heal, restart everything.
  for (const [from, to] of lossy) timeline.push({ at: faultsEnd, action: 'link', from, to, loss: 0, duplicate: 0, latencyMs: [10, 30], cut: false });
  timeline.push({ at: faultsEnd, action: 'heal' }, { at: faultsEnd, action: 'restart' });
  timeline.push(...leadershipTransferMoves(seed, ids, { startMs: 100, endMs: faultsEnd }));
  for (let c = 1; c <= 4; c++) timeline.push({ at: faultsEnd + 100 * c, action: 'request', client: `c${c}`, op: randomOp(rng) });
  timeline.push(...powerLosses(seed, ids, 100, faultsEnd));
  timeline.push(...membershipMoves(seed, ids, { startMs: 500, endMs: faultsEnd }));
  return parseScenario({ version: 1, protocol: 'raft', seed, nodes: ids, until, timeline, config: { ...productionKnobs(seed), ...compactionKnobs(seed), ...storageKnobs(seed), ...membershipKnobs(seed, ids) } });
}

function randomOp(rng: Rng): Record<string, string> {
  const key = rng.pick(['x', 'y', 'z']);
  const value = String(rng.int(1, 99));
  switch (rng.int(0, 3)) {
    case 0: return { f: 'get', key };
    case 1: return { f: 'put', key, value };
    case 2: return { f: 'append', key, value };
    default: return { f: 'cas', key, expected: String(rng.int(1, 99)), value };
  }
}
