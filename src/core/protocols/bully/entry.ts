/**
 * Bully's registry entry: what the playground needs of the bully election beyond its step function
 * (config schema, default cluster and workload, client ops, coordinator agreement, recovery, the
 * detector metrics, examples, chaos). Registered in ../registry.ts.
 */
import { silenceForPhi } from '../../detectors/phi';
import { detectorConfigOf } from '../../detectors/schema';
import { Rng } from '../../prng';
import type { ProtocolEntry, RecoverySpec } from '../plugin';
import { COORDINATOR_AGREEMENT } from './consistency';
import { BULLY_EXAMPLES } from './examples';
import { bullyMetrics } from './measures';
import { BULLY_OPS } from './ops';
import { bully } from '.';
import { bullyConfig, bullyConfigSchema, type BullyConfig } from './config';

/**
 * bullyKnobs varies the configuration by seed: the detector (fixed or φ) and its threshold, the
 * heartbeat, and the rank mode. Thresholds stay well above the chaos network's gaps, so a correct
 * run's detector is accurate once faults stop.
 */
function bullyKnobs(seed: number): Record<string, unknown> {
  const knobs = Rng.derive(seed, 'chaos-config');
  const heartbeatMs = knobs.pick([100, 200]);
  const detector = knobs.pick(['fixed', 'phi'] as const);
  return {
    rank: knobs.pick(['id', 'id', 'score'] as const),
    heartbeatMs,
    detector,
    ...(detector === 'fixed' ? { detectorTimeoutMs: heartbeatMs * knobs.pick([5, 8]) } : { phiThreshold: knobs.pick([8, 12]), phiAcceptablePauseMs: heartbeatMs * 3 }),
  };
}

/**
 * detectionMsOf gives how long (virtual ms) a silent node goes unsuspected under `c`: the fixed
 * timeout, or for φ the silence at which a peer heard every heartbeatMs reaches Φ.
 */
export function detectionMsOf(c: BullyConfig): number {
  const d = detectorConfigOf(c, c.heartbeatMs);
  if (d.kind === 'fixed') return d.timeoutMs;
  return silenceForPhi(d.threshold, c.heartbeatMs + d.acceptablePauseMs, d.minStdDeviationMs);
}

/**
 * BULLY_RECOVERY: recovered means one coordinator that every live node follows; the state names it,
 * so a new coordinator restarts the stable clock.
 */
export const BULLY_RECOVERY: RecoverySpec = {
  meaning: 'one coordinator that every live node follows',
  state(c) {
    const live = c.nodes.filter((id) => !c.isDown(id));
    const coords = live.filter((id) => c.summaries.get(id)?.role === 'coordinator');
    if (coords.length !== 1) return null;
    const boss = coords[0]!;
    return live.every((id) => c.summaries.get(id)?.fields?.coordinator === boss) ? boss : null;
  },
};

/** bullyEntry is bully's registry entry: five nodes ranked by id, with no client traffic by default. */
export const bullyEntry: ProtocolEntry = {
  protocol: bully,
  title: 'Bully election',
  description: 'The highest-ranked live node takes over as coordinator, watched by heartbeats and a failure detector (Garcia-Molina 1982).',
  configSchema: bullyConfigSchema,
  defaultNodes: 5,
  nodeRange: [2, 12],
  ops: BULLY_OPS,
  consistency: COORDINATOR_AGREEMENT,
  recovery: BULLY_RECOVERY,
  metrics: bullyMetrics,
  examples: () => [{ title: 'Bully election', examples: BULLY_EXAMPLES }],
  chaos: {
    sizes: [3, 5, 5, 7],
    knobs: bullyKnobs,
    // No pause, partition, latency spike or heavy loss: each can make two coordinators by design,
    // as a lost COORDINATOR leaves the old one ruling (No split brain is the lesson);
    // `npm run fuzz -- --protocol bully --kinds crash,pause` finds it and shrinks it to a pause.
    nemesis: ['crash', 'bounce', 'duplicate', 'reorder'],
    detectionMs: (knobs) => detectionMsOf(bullyConfig(knobs as Partial<BullyConfig>)),
    ratePerSecond: 2,
  },
};
