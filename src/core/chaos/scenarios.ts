/**
 * Chaos scenarios: the fuzzer's seeded runs (nemesis + workload, then a quiet period) for any
 * registered protocol, with the protocol's own knobs, fault kinds and client operations.
 */
import { Rng } from '../prng';
import { parseScenario } from '../scenario/schema';
import type { Scenario, TimelineAction } from '../scenario/types';
import type { VirtualMs } from '../types';
import { NEMESIS_DEFAULTS, nemesisTimeline, type NemesisKind } from './nemesis';
import { WORKLOAD_DEFAULTS } from './workload';
import { leaderRoleOf } from '../protocol';
import { DEFAULT_PROTOCOL, getProtocol } from '../protocols/registry';

/** ChaosOptions shape a fuzz run. Times are virtual ms. */
export interface ChaosOptions {
  protocol?: string;
  /** Cluster size; by default drawn from {3, 5, 7} by the seed. */
  nodes?: number;
  /** The whole run (default 30,000): faults for the first two thirds, then a repair and quiet. */
  durationMs?: VirtualMs;
  /** Teaching bugs to switch on (`config.bugs`). */
  bugs?: readonly string[];
  /** Fault kinds (default: the protocol's chaos.nemesis, else all). */
  kinds?: readonly NemesisKind[];
  /** Faults per virtual second (default 1). */
  faultRate?: number;
  /** Client requests per virtual second (default 10). */
  requestRate?: number;
}

/** pauseRange is 1–3× a protocol's detection time (virtual ms), the nemesis's pause lengths. */
const pauseRange = (ms: number): [number, number] => [Math.max(1, Math.round(ms)), Math.max(1, Math.round(3 * ms))];

/**
 * chaosScenario is the scenario of fuzz seed `seed`: a nemesis schedule over the first two thirds
 * of the run, everything repaired then, and client traffic until shortly before the end, so the
 * history's last operations show whether the cluster recovered.
 * @throws ScenarioError if the options make an invalid scenario (e.g. an unknown bug).
 */
export function chaosScenario(seed: number, opts: ChaosOptions = {}): Scenario {
  const duration = opts.durationMs ?? 30_000;
  const protocol = opts.protocol ?? DEFAULT_PROTOCOL;
  const { chaos, ops, protocol: protocolOf } = getProtocol(protocol);
  const n = opts.nodes ?? Rng.derive(seed, 'chaos-size').pick(chaos.sizes);
  const nodes = Array.from({ length: n }, (_, i) => `n${i + 1}`);
  const network = { latencyMs: [10, 30] as [number, number], loss: 0, duplicate: 0 };
  const faultsEnd = Math.round((duration * 2) / 3);
  const config = { ...chaos.knobs(seed, nodes), ...(opts.bugs?.length ? { bugs: [...opts.bugs] } : {}) };
  const timeline: TimelineAction[] = [
    ...nemesisTimeline(seed, nodes, network, {
      ...NEMESIS_DEFAULTS,
      startMs: 500,
      endMs: faultsEnd,
      ...(opts.faultRate !== undefined ? { ratePerSecond: opts.faultRate } : {}),
      ...(opts.kinds ? { kinds: opts.kinds } : chaos.nemesis ? { kinds: chaos.nemesis } : {}),
      target: leaderRoleOf(protocolOf) === null ? null : 'leader',
      ...(chaos.detectionMs ? { pauseMs: pauseRange(chaos.detectionMs(config)) } : {}),
    }),
    ...(chaos.moves?.(seed, nodes, { startMs: 500, endMs: faultsEnd }) ?? []),
    ...ops.workload(seed, { ...WORKLOAD_DEFAULTS, ...(chaos.ratePerSecond !== undefined ? { ratePerSecond: chaos.ratePerSecond } : {}), startMs: 200, endMs: duration - 1500, ...(opts.requestRate !== undefined ? { ratePerSecond: opts.requestRate } : {}) }),
  ];
  return parseScenario({
    version: 1,
    protocol,
    seed,
    nodes,
    until: duration,
    network,
    config,
    timeline,
    name: `Chaos seed ${seed}`,
    description: `Seeded chaos: faults for ${faultsEnd / 1000} virtual s, then everything repaired; clients keep writing.`,
  });
}
