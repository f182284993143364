/**
 * Chaos scenarios: the fuzzer's seeded runs (nemesis + workload, then a quiet period), and the
 * scripted chaos stories of the original design: random chaos, a split-brain partition, a rolling
 * restart and cascading failures.
 */
import { Rng } from '../prng';
import { parseScenario } from '../scenario/schema';
import type { Scenario, TimelineAction } from '../scenario/types';
import type { VirtualMs } from '../types';
import { NEMESIS_DEFAULTS, nemesisTimeline, type NemesisKind } from './nemesis';
import { WORKLOAD_DEFAULTS, workloadTimeline } from './workload';
import { getProtocol } from '../protocols/registry';

/** ChaosOptions shape a fuzz run. Times are virtual ms. */
export interface ChaosOptions {
  protocol?: string;
  /** Cluster size; by default drawn from {3, 5, 7} by the seed. */
  nodes?: number;
  /** The whole run (default 30,000): faults for the first two thirds, then a repair and quiet. */
  durationMs?: VirtualMs;
  /** Teaching bugs to switch on (`config.bugs`). */
  bugs?: readonly string[];
  /** Fault kinds (default: all). */
  kinds?: readonly NemesisKind[];
  /** Faults per virtual second (default 1). */
  faultRate?: number;
  /** Client requests per virtual second (default 10). */
  requestRate?: number;
}

/**
 * chaosScenario is the scenario of fuzz seed `seed`: a nemesis schedule over the first two thirds
 * of the run, everything repaired then, and client traffic until shortly before the end, so the
 * history's last operations show whether the cluster recovered.
 * @throws ScenarioError if the options make an invalid scenario (e.g. an unknown bug).
 */
export function chaosScenario(seed: number, opts: ChaosOptions = {}): Scenario {
  const duration = opts.durationMs ?? 30_000;
  const protocol = opts.protocol ?? 'raft';
  const { chaos } = getProtocol(protocol);
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
      ...(opts.kinds ? { kinds: opts.kinds } : {}),
    }),
    ...workloadTimeline(seed, { ...WORKLOAD_DEFAULTS, startMs: 200, endMs: duration - 1500, ...(opts.requestRate !== undefined ? { ratePerSecond: opts.requestRate } : {}) }),
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

const story = (raw: Record<string, unknown>): Scenario => parseScenario({ version: 1, protocol: 'raft', ...raw });

/** randomChaos: 100 virtual seconds of every kind of fault on 5 nodes, then 20 s of quiet. */
export function randomChaos(): Scenario {
  const nodes = ['n1', 'n2', 'n3', 'n4', 'n5'];
  const network = { latencyMs: [10, 30] as [number, number], loss: 0, duplicate: 0 };
  return story({
    seed: 2024,
    nodes,
    until: 120_000,
    network,
    timeline: [
      ...nemesisTimeline(2024, nodes, network, { ...NEMESIS_DEFAULTS, startMs: 1000, endMs: 100_000 }),
      ...workloadTimeline(2024, { ...WORKLOAD_DEFAULTS, ratePerSecond: 4, startMs: 300, endMs: 118_000 }),
    ],
    name: 'Random chaos (100 s)',
    description:
      'A seeded nemesis crashes nodes, splits the network, drops, duplicates and delays messages and skews clocks for 100 virtual seconds, while four clients keep writing. Watch the lamps stay green and the history stay linearizable.',
  });
}

/** splitBrain: the leader and one follower are cut off from the other three. */
export function splitBrain(): Scenario {
  const requests = (at: number, node: string, client: string, value: string) => ({ at, action: 'request', node, client, op: { f: 'put', key: 'x', value } });
  return story({
    seed: 3,
    nodes: 5,
    until: 9000,
    timeline: [
      { at: 400, action: 'request', client: 'c1', op: { f: 'put', key: 'x', value: 'before' } },
      { at: 1000, action: 'partition', groups: [['n1', 'n2'], ['n3', 'n4', 'n5']] },
      requests(1200, 'n1', 'c2', 'minority'),
      requests(1200, 'n3', 'c3', 'majority'),
      { at: 5000, action: 'heal' },
      { at: 7000, action: 'request', client: 'c4', op: { f: 'get', key: 'x' } },
    ],
    name: 'Split brain: 2 against 3',
    description:
      'The network splits the leader’s side (n1, n2) from n3–n5. The old leader keeps its title but cannot commit c2’s write; the three elect a new leader and commit c3’s. On healing the old leader steps down and its uncommitted entry is overwritten (§5.3, §5.4); c2 retries, so its write lands last.',
  });
}

/** rollingRestart: every node in turn is crashed and restarted, as in an upgrade. */
export function rollingRestart(): Scenario {
  const timeline: Record<string, unknown>[] = [];
  for (let i = 1; i <= 5; i++) {
    const at = 1500 * i;
    timeline.push({ at, action: 'crash', node: `n${i}` }, { at: at + 1000, action: 'restart', node: `n${i}` });
  }
  for (let at = 300; at < 10_000; at += 350) timeline.push({ at, action: 'request', client: `c${(at / 350) % 3 | 0}`, op: { f: 'append', key: 'log', value: ` ${at}` } });
  return story({
    seed: 11,
    nodes: 5,
    until: 12_000,
    timeline,
    name: 'Rolling restart',
    description:
      'n1 to n5 are restarted one after another, each down for a second, as in a rolling upgrade. Whenever the leader goes down the others elect a new one; appends keep landing, and the recovery times show each pause.',
  });
}

/** cascadingFailures: nodes fail one by one until quorum is gone, then all come back. */
export function cascadingFailures(): Scenario {
  const timeline: Record<string, unknown>[] = [];
  ['n5', 'n4', 'n3'].forEach((id, i) => timeline.push({ at: 1500 + 1500 * i, action: 'crash', node: id }));
  timeline.push({ at: 7500, action: 'restart' });
  for (let at = 300; at < 10_000; at += 400) timeline.push({ at, action: 'request', client: `c${(at / 400) % 2 | 0}`, op: { f: 'put', key: 'x', value: String(at) } });
  return story({
    seed: 5,
    nodes: 5,
    until: 11_000,
    timeline,
    name: 'Cascading failures',
    description:
      'Nodes fail one by one: with two down the cluster still commits, with three down there is no majority and every write waits. At 7.5 s they all restart and the waiting writes commit.',
  });
}
