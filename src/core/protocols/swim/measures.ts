/**
 * SWIM's measures of a run against the paper's analysis (Das et al. 2002, §3.1, §5), for
 * `npm run sim -- --report` and the panel: per crash, the time to the first suspicion and to its
 * confirmation (dead) at every live member; and the false-positive rate, suspicions of members
 * that were up per probe, beside the paper's expectations.
 */
import { downtimesFromFaults, downAt } from '../../detectors/downtime';
import type { ConsistencyInput } from '../plugin';
import type { NodeId, VirtualMs } from '../../types';
import { swimConfig, type SwimConfig } from './config';

/** CrashDetection is one crash and how long SWIM took to see it (virtual ms after the crash; null: not yet). */
export interface CrashDetection {
  node: NodeId;
  atMs: VirtualMs;
  firstSuspicionMs: number | null;
  allDeadMs: number | null;
}

/** SwimRecord is the part of a trace `record` read here. */
export interface SwimRecord {
  t: VirtualMs;
  kind: string;
  node: NodeId;
  [field: string]: unknown;
}

/**
 * expectedFirstDetectionMs is the paper's expected time to the first probe of a crashed member by
 * some member: T′ / (1 − e^(−q_f)), q_f the fraction of members up, → e/(e−1)·T′ ≈ 1.58 T′ (§3.1).
 */
export const expectedFirstDetectionMs = (config: SwimConfig, upFraction: number): number => config.periodMs / (1 - Math.exp(-upFraction));

/**
 * expectedFalsePositive is the chance one probe of a live member fails on message loss `loss`
 * (each message lost independently): the ping or its ack is lost, and so is each of the k
 * indirect round trips of four messages (§3.1, the network-loss part of the paper's formula).
 */
export const expectedFalsePositive = (k: number, loss: number): number => (1 - (1 - loss) ** 2) * (1 - (1 - loss) ** 4) ** k;

/**
 * swimMeasures computes the measures from a run's scenario and records. `live` lists the nodes up
 * at the end (a crash counts as confirmed once every one of them but the crashed node marked it dead).
 */
export function swimMeasures(input: Pick<ConsistencyInput, 'scenario' | 'records' | 'faults' | 'live'>) {
  const config = swimConfig(input.scenario.config as Partial<SwimConfig>);
  const nodes = input.scenario.nodes;
  const downtimes = downtimesFromFaults(input.faults);
  const records = input.records as unknown as readonly SwimRecord[];
  const crashes: CrashDetection[] = downtimes
    .filter((d) => d.cause === 'crash')
    .map((d) => {
      const end = d.toMs ?? Infinity;
      let first: number | null = null;
      const deadBy = new Map<NodeId, VirtualMs>();
      for (const r of records) {
        if (r.t < d.fromMs || r.t >= end || r.kind !== 'membership' || r.member !== d.node) continue;
        if (first === null && (r.state === 'suspect' || r.state === 'dead')) first = r.t - d.fromMs;
        if (r.state === 'dead' && !deadBy.has(r.node)) deadBy.set(r.node, r.t);
      }
      const others = input.live.filter((n) => n !== d.node);
      const all = others.length > 0 && others.every((n) => deadBy.has(n));
      return { node: d.node, atMs: d.fromMs, firstSuspicionMs: first, allDeadMs: all ? Math.max(...others.map((n) => deadBy.get(n)!)) - d.fromMs : null };
    });
  let probes = 0;
  let falseSuspicions = 0;
  for (const r of records) {
    const target = String(r.member);
    if (r.kind === 'probe' && !downAt(downtimes, target, r.t)) probes++;
    if (r.kind === 'suspicion' && !downAt(downtimes, target, r.t)) falseSuspicions++;
  }
  const crashedFraction = downtimes.filter((d) => d.cause === 'crash').length / Math.max(1, nodes.length);
  const expectedFirst = expectedFirstDetectionMs(config, 1 - Math.min(1, crashedFraction));
  const mean = (xs: (number | null)[]): number | null => {
    const ys = xs.filter((x): x is number => x !== null);
    return ys.length ? Math.round(ys.reduce((a, b) => a + b, 0) / ys.length) : null;
  };
  const loss = input.scenario.network.loss;
  return {
    crashes,
    detection: {
      meanFirstSuspicionMs: mean(crashes.map((c) => c.firstSuspicionMs)),
      expectedFirstProbeMs: Math.round(expectedFirst),
      meanAllDeadMs: mean(crashes.map((c) => c.allDeadMs)),
      expectedAllDeadMs: Math.round(expectedFirst + config.suspicionTimeoutMs),
    },
    falsePositives: {
      probes,
      suspicions: falseSuspicions,
      rate: probes ? falseSuspicions / probes : 0,
      expectedRate: expectedFalsePositive(config.k, loss),
      expectedRateWithoutPingReq: expectedFalsePositive(0, loss),
    },
  };
}

/** SwimMeasures is what {@link swimMeasures} gives. */
export type SwimMeasures = ReturnType<typeof swimMeasures>;
