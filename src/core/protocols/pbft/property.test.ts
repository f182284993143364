/**
 * Property test: over 200 seeds, clusters of 4 or 7 replicas with up to f Byzantine ones of random
 * behaviours, under the nemesis's faults (crashes and restarts, partitions that heal, lossy,
 * duplicating and slow links, skewed clocks, forced view changes) and client traffic. Once faults
 * stop: Agreement and Validity never broke (the monitor watched every event), and a request made
 * afterwards completes within a bound (liveness, Castro & Liskov 1999 §4.5.2).
 */
import { describe, expect, it } from 'vitest';
import { NEMESIS_DEFAULTS, nemesisTimeline } from '../../chaos/nemesis';
import { WORKLOAD_DEFAULTS, workloadTimeline } from '../../chaos/workload';
import { Rng } from '../../prng';
import { parseScenario } from '../../scenario/schema';
import type { Scenario } from '../../scenario/types';
import { BEHAVIOURS } from './config';
import { runCluster } from './testkit';

const SEEDS = 200;
/** Faults begin at 300 and stop at FAULTS_END (virtual ms); a final restart follows, for a crash the nemesis placed at the very end. */
const FAULTS_END = 5000;
/** The probe request is made at PROBE_AT, once everything is repaired. */
const PROBE_AT = FAULTS_END + 1000;
/**
 * The probe must complete within this (virtual ms): a client retry or two (1000 ms each), plus up
 * to f view changes past Byzantine primaries with NewView waits that may have doubled up to 8×.
 */
const LIVENESS_BOUND_MS = 5_000;

/** pbftFaultScenario gives the scenario of `seed` and its Byzantine replicas. */
export function pbftFaultScenario(seed: number): Scenario {
  const rng = Rng.derive(seed, 'pbft-property');
  const n = rng.pick([4, 4, 7]);
  const nodes = Array.from({ length: n }, (_, i) => `n${i + 1}`);
  const f = Math.floor((n - 1) / 3);
  const byzantine: Record<string, string> = {};
  for (let k = rng.int(0, f); Object.keys(byzantine).length < k; ) byzantine[rng.pick(nodes)] = rng.pick(BEHAVIOURS);
  const network = { latencyMs: [10, 30] as [number, number], loss: 0, duplicate: 0 };
  const timeline = [
    ...nemesisTimeline(seed, nodes, network, { ...NEMESIS_DEFAULTS, ratePerSecond: 1.5, startMs: 300, endMs: FAULTS_END }),
    ...workloadTimeline(seed, { ...WORKLOAD_DEFAULTS, ratePerSecond: 5, startMs: 100, endMs: FAULTS_END }),
    { at: FAULTS_END + 100, action: 'restart' },
    { at: PROBE_AT, action: 'request', client: 'probe', op: { f: 'put', key: 'probe', value: String(seed) } },
  ];
  return parseScenario({ version: 1, protocol: 'pbft', seed, nodes, until: PROBE_AT + LIVENESS_BOUND_MS, network, config: { byzantine }, timeline });
}

describe('PBFT under random faults and ≤ f Byzantine replicas (property, 200 seeds)', () => {
  it('keeps Agreement and Validity at every event and completes a request made after the faults stop', () => {
    const failures: string[] = [];
    let faults = 0;
    let byzantineRuns = 0;
    for (let seed = 1; seed <= SEEDS; seed++) {
      const sc = pbftFaultScenario(seed);
      const r = runCluster(sc);
      faults += r.trace.filter((t) => t.type === 'fault').length;
      if (Object.keys(sc.config.byzantine as object).length > 0) byzantineRuns++;
      const why = r.run.found.map((v) => `${v.property}: ${v.text}`);
      const probe = r.clients('ok').find((c) => c.client === 'probe');
      if (!probe) why.push(`the probe request made at ${PROBE_AT} did not complete within ${LIVENESS_BOUND_MS} ms`);
      if (why.length) failures.push(`seed ${seed} (${sc.nodes.length} replicas, byzantine ${JSON.stringify(sc.config.byzantine)}): ${why.join('; ')}`);
    }
    expect(faults).toBeGreaterThan(SEEDS * 5); // the runs really injected faults
    expect(byzantineRuns).toBeGreaterThan(SEEDS / 3);
    expect(failures).toEqual([]);
  });
});
