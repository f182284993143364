/**
 * Raft's scripted chaos stories, from the original design: random chaos, a split-brain partition,
 * a rolling restart and cascading failures. Listed by Raft's registry entry as the "Chaos" group.
 */
import { NEMESIS_DEFAULTS, nemesisTimeline } from '../../chaos/nemesis';
import { WORKLOAD_DEFAULTS, workloadTimeline } from '../../chaos/workload';
import { parseScenario } from '../../scenario/schema';
import type { Scenario } from '../../scenario/types';

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
