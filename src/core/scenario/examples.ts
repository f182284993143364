/**
 * Named example scenarios for the menu, the docs and the tests. Each tells one story of the Raft
 * or the PBFT paper; the tests check that each story really happens under its seed. They come in
 * four groups: the Raft basics, chaos (chaos/scenarios.ts), the teaching bugs (bug-examples.ts)
 * and PBFT's Byzantine faults (protocols/pbft/examples.ts).
 */
import { cascadingFailures, randomChaos, rollingRestart, splitBrain } from '../chaos/scenarios';
import { workloadTimeline } from '../chaos/workload';
import { getProtocol } from '../protocols/registry';
import { PBFT_EXAMPLES } from '../protocols/pbft/examples';
import { RAFT_BUGS } from '../protocols/raft/bugs';
import { BUG_EXAMPLES } from './bug-examples';
import { parseScenario } from './schema';
import type { Scenario } from './types';

const put = (at: number, key: string, value: string, extra: Record<string, unknown> = {}) => ({
  at, action: 'request', op: { f: 'put', key, value }, ...extra,
});
const get = (at: number, key: string, extra: Record<string, unknown> = {}) => ({ at, action: 'request', op: { f: 'get', key }, ...extra });

/** EXAMPLES maps an id to a raw scenario (validated by {@link example}). */
const EXAMPLES: Record<string, Record<string, unknown>> = {
  election: {
    name: 'Leader election',
    description: 'Five nodes start as followers; the first to time out asks for votes and becomes leader. Then a client writes x = 1 and it commits everywhere.',
    version: 1, protocol: 'raft', seed: 7, nodes: 5, until: 6000,
    config: { electionTimeoutMs: [150, 300], heartbeatMs: 50 },
    network: { latencyMs: [10, 30], loss: 0, duplicate: 0 },
    timeline: [put(1000, 'x', '1', { client: 'c1' }), get(1500, 'x', { client: 'c1' })],
  },
  'split-vote': {
    name: 'Split vote',
    description: 'n1 and n3 time out together. The links n1→n2 and n3→n4 are slow, so n2 hears n3 first and n4 hears n1 first: the votes split 2–2, nobody wins term 1, and randomized election timeouts break the tie in a later term (Raft §5.2).',
    version: 1, protocol: 'raft', seed: 3, nodes: 4, until: 4000,
    config: { electionTimeoutMs: [150, 300], heartbeatMs: 50 },
    network: { latencyMs: [20, 20], loss: 0, duplicate: 0 },
    timeline: [
      { at: 50, action: 'link', from: 'n1', to: 'n2', latencyMs: [40, 40] },
      { at: 50, action: 'link', from: 'n3', to: 'n4', latencyMs: [40, 40] },
      { at: 100, action: 'timeout', node: 'n1' },
      { at: 100, action: 'timeout', node: 'n3' },
    ],
  },
  'leader-isolated': {
    name: 'Leader isolated',
    description: 'The leader is cut off from everyone. The majority elects a new leader in a higher term and keeps committing; the old leader accepts a write it can never commit. On healing it steps down and its uncommitted entry is overwritten.',
    version: 1, protocol: 'raft', seed: 11, nodes: 5, until: 8000,
    timeline: [
      put(800, 'x', '1', { client: 'c1' }),
      { at: 2000, action: 'isolate', node: 'leader' },
      put(2100, 'x', '2', { client: 'c2', node: 'leader' }),
      put(3500, 'x', '3', { client: 'c3' }),
      { at: 5000, action: 'heal' },
      get(6000, 'x', { client: 'c4' }),
    ],
  },
  'minority-partition': {
    name: 'Minority partition cannot commit',
    description: 'Two nodes are split from three. Whichever side the leader is on, only the side of three can commit: a write sent to the minority waits until the partition heals.',
    version: 1, protocol: 'raft', seed: 5, nodes: 5, until: 8000,
    timeline: [
      put(800, 'x', '1', { client: 'c1' }),
      { at: 1500, action: 'partition', groups: [['n1', 'n2'], ['n3', 'n4', 'n5']] },
      put(2000, 'y', 'minority', { client: 'c2', node: 'n1' }),
      put(2000, 'z', 'majority', { client: 'c3', node: 'n4' }),
      { at: 5000, action: 'heal' },
    ],
  },
  'crash-restart': {
    name: 'Leader crash and restart',
    description: 'The leader crashes; the others elect a new one. The old leader restarts with only its persistent state (currentTerm, votedFor, log) and catches up as a follower.',
    version: 1, protocol: 'raft', seed: 21, nodes: 5, until: 8000,
    timeline: [
      put(800, 'x', '1', { client: 'c1' }),
      { at: 1500, action: 'crash', node: 'leader' },
      put(2500, 'x', '2', { client: 'c1' }),
      { at: 4000, action: 'restart' },
      put(5000, 'x', '3', { client: 'c1' }),
    ],
  },
  'lossy-network': {
    name: 'Lossy, duplicating network',
    description: 'A fifth of messages are lost and a tenth duplicated. Raft retries AppendEntries, clients retry with the same request id, and every write takes effect exactly once.',
    version: 1, protocol: 'raft', seed: 9, nodes: 5, until: 10000,
    network: { latencyMs: [10, 40], loss: 0.2, duplicate: 0.1 },
    timeline: [
      put(1000, 'x', '1', { client: 'c1' }),
      { at: 1200, action: 'request', client: 'c2', op: { f: 'append', key: 'log', value: 'a' } },
      { at: 1400, action: 'request', client: 'c2', op: { f: 'append', key: 'log', value: 'b' } },
      { at: 2000, action: 'request', client: 'c1', op: { f: 'cas', key: 'x', expected: '1', value: '2' } },
      get(3000, 'x', { client: 'c3' }),
      get(3000, 'log', { client: 'c4' }),
    ],
  },
};

/** CHAOS lists the scripted chaos scenarios of the original design. */
const CHAOS: Record<string, () => Scenario> = {
  chaos: randomChaos,
  'split-brain': splitBrain,
  'rolling-restart': rollingRestart,
  'cascading-failures': cascadingFailures,
};

/** BUGS lists each teaching bug's story, by its example id, with the bug switched on. */
const BUGS: Record<string, () => Scenario> = Object.fromEntries(RAFT_BUGS.map((b) => [BUG_EXAMPLES[b.id].id, BUG_EXAMPLES[b.id].build]));

/** ExampleGroup is a heading of the examples menu and its example ids, in order. */
export interface ExampleGroup {
  title: string;
  ids: string[];
}

/** exampleGroups gives the examples menu: Raft basics, chaos, teaching bugs, then PBFT's Byzantine faults. */
export const exampleGroups = (): ExampleGroup[] => [
  { title: 'Raft basics', ids: Object.keys(EXAMPLES) },
  { title: 'Chaos', ids: Object.keys(CHAOS) },
  { title: 'Teaching bugs (a bug is switched on)', ids: Object.keys(BUGS) },
  { title: 'PBFT (Byzantine faults)', ids: Object.keys(PBFT_EXAMPLES) },
];

/** exampleIds lists every example in menu order. */
export const exampleIds = (): string[] => exampleGroups().flatMap((g) => g.ids);

/** example gives the normalised example `id`. @throws Error if there is no such example. */
export function example(id: string): Scenario {
  const raw = EXAMPLES[id] ?? PBFT_EXAMPLES[id];
  if (raw) return parseScenario(raw);
  const build = CHAOS[id] ?? BUGS[id];
  if (!build) throw new Error(`unknown example "${id}" (known: ${exampleIds().join(', ')})`);
  return build();
}

/** DEFAULT_EXAMPLE is what the playground opens with. */
export const DEFAULT_EXAMPLE = 'election';

/** DEFAULT_UNTIL is how long a default scenario runs headless (virtual ms). */
const DEFAULT_UNTIL = 10_000;

/**
 * defaultScenario gives a default cluster of `nodes` nodes (default: the protocol's registry entry's
 * `defaultNodes`) of `protocol` with `seed` (runs DEFAULT_UNTIL = 10 000 virtual ms), for Reset, the
 * node-count control and switching protocols. Its timeline is the entry's `defaultWorkload`, drawn
 * from `seed`, or empty: Raft's leader election is the show; PBFT's three phases need clients.
 * @throws Error if `protocol` is unknown; ScenarioError if `nodes` is out of range.
 */
export function defaultScenario(nodes: number | undefined = undefined, seed = 7, protocol = 'raft'): Scenario {
  const entry = getProtocol(protocol);
  nodes ??= entry.defaultNodes;
  const timeline = entry.defaultWorkload ? workloadTimeline(seed, { ...entry.defaultWorkload, endMs: DEFAULT_UNTIL }) : [];
  return parseScenario({ version: 1, protocol, seed, nodes, until: DEFAULT_UNTIL, timeline });
}
