/**
 * Named bully example scenarios, each telling one story of more-protocols.md §4 (failover, the
 * pause, a partition, churn) or §3 (φ against a fixed timeout); examples.test.ts checks that each
 * story happens under its seed. Raw scenarios (protocol `bully`), validated by the scenario schema;
 * the examples menu lists them under "Bully election". Times are virtual ms.
 */

const base = { version: 1, protocol: 'bully', nodes: 5 };

/** jitter is the φ-against-fixed pair: the same jittery network and crash, with detector `detector`. */
const jitter = (detector: 'fixed' | 'phi', words: string) => ({
  ...base,
  name: `Bully: jitter with ${detector === 'fixed' ? 'a fixed timeout' : 'φ accrual'}`,
  description: `Heartbeats every 200 ms over a jittery network (one-way latency 5–450 ms); n5 coordinates and crashes at 8 s. ${words} Open the detector plot to compare detection time and false suspicions against the threshold, replayed from this run's heartbeats.`,
  seed: 4,
  until: 14_000,
  network: { latencyMs: [5, 450], loss: 0, duplicate: 0 },
  config: detector === 'fixed' ? { detector, detectorTimeoutMs: 500 } : { detector, phiThreshold: 8, phiAcceptablePauseMs: 200, phiMinStdDeviationMs: 100 },
  timeline: [{ at: 8000, action: 'crash', node: 'n5' }],
});

/** BULLY_EXAMPLES maps an example id to a raw scenario, in menu order. */
export const BULLY_EXAMPLES: Record<string, Record<string, unknown>> = {
  'bully-failover-crash': {
    ...base,
    name: 'Bully: failover when the coordinator crashes',
    description: 'n5, the highest id, coordinates. It crashes at 2 s; the others stop hearing its heartbeats, suspect it after the 1 s timeout, and the highest live node, n4, takes over and announces itself. At 6 s n5 restarts, finds itself the highest, and bullies n4 aside.',
    seed: 1,
    until: 9000,
    timeline: [
      { at: 2000, action: 'crash', node: 'n5' },
      { at: 6000, action: 'restart', node: 'n5' },
    ],
  },
  'bully-pause': {
    ...base,
    name: 'Bully: a paused coordinator wakes up still coordinating (two coordinators)',
    description: 'n5 coordinates and is paused at 2 s for 4 s (a GC pause or a stopped VM), longer than the 1 s detector timeout. The others suspect it and elect n4, while n5, frozen, still believes it coordinates: two coordinators, and the No split brain lamp turns red. At 6 s n5 resumes, handles what queued up, hears n4 claim to coordinate and bullies it aside. Nothing told the world n4’s reign had ended: with epochs and fencing tokens, a resource could refuse the stale coordinator (more-protocols.md §5).',
    seed: 8,
    until: 9000,
    timeline: [{ at: 2000, action: 'pause', node: 'n5', ms: 4000 }],
  },
  'bully-partition': {
    ...base,
    name: 'Bully: a partition elects a coordinator on each side',
    description: 'At 2 s the cluster splits n1 n2 n3 | n4 n5. Each side suspects the other, and n3, the highest on its side, takes over there while n5 still coordinates its own: two coordinators, each followed by its side (No split brain turns red). At 6 s the partition heals; n5 hears n3 claim to coordinate and bullies it.',
    seed: 2,
    until: 9000,
    timeline: [
      { at: 2000, action: 'partition', groups: [['n1', 'n2', 'n3'], ['n4', 'n5']] },
      { at: 6000, action: 'heal' },
    ],
  },
  'bully-flapping': {
    ...base,
    name: 'Bully: a flapping high id (churn)',
    description: 'n5 crashes every 2.5 s and restarts 1.5 s later. Each time it dies the others need a timeout and an election to replace it with n4; each time it comes back it is the highest and bullies n4 aside at once. Two handovers per cycle: count the elections in the run summary.',
    seed: 3,
    until: 12_000,
    timeline: [1500, 4000, 6500, 9000].flatMap((at) => [
      { at, action: 'crash', node: 'n5' },
      { at: at + 1500, action: 'restart', node: 'n5' },
    ]),
  },
  'bully-jitter-fixed': jitter('fixed', 'A fixed 500 ms timeout is shorter than the worst gaps jitter makes, so live nodes are falsely suspected again and again, and each false suspicion of the coordinator is an election.'),
  'bully-jitter-phi': jitter('phi', 'φ accrual learns the spread of the gaps (their standard deviation) and waits longer when they vary: far fewer false suspicions, at the cost of a slower detection of the real crash.'),
  'bully-score': {
    ...base,
    name: 'Bully by score: priority + health − load',
    description: 'Rank mode score: n1 has priority 50, the others 0, so n1 (score 150) coordinates though its id is the lowest. At 2 s n1 is loaded (load 100, score 50): n5, the highest of the nodes at score 100, takes over. At 4 s n5 falls sick (health 20, score 20) and n4 takes over. At 6 s n1’s load drops to 0 and it wins its place back.',
    seed: 5,
    until: 8000,
    config: { rank: 'score', priorities: { n1: 50 } },
    timeline: [
      { at: 2000, action: 'input', node: 'n1', name: 'set-load', args: { value: 100 } },
      { at: 4000, action: 'input', node: 'n5', name: 'set-health', args: { value: 20 } },
      { at: 6000, action: 'input', node: 'n1', name: 'set-load', args: { value: 0 } },
    ],
  },
  'bully-bug-ignore-higher-coordinator': {
    ...base,
    name: 'Bully bug: ignore a higher COORDINATOR',
    description: 'Teaching bug ignore-higher-coordinator: n5 crashes at 2 s and n4 takes over. When n5 restarts at 5 s it announces itself, but n4 ignores the announcement and keeps coordinating: two coordinators with an accurate detector, and the One coordinator lamp turns red.',
    seed: 6,
    until: 9000,
    config: { bugs: ['ignore-higher-coordinator'] },
    timeline: [
      { at: 2000, action: 'crash', node: 'n5' },
      { at: 5000, action: 'restart', node: 'n5' },
    ],
  },
  'bully-bug-no-coordinator-timeout': {
    ...base,
    name: 'Bully bug: wait for ever after an ANSWER',
    description: 'Teaching bug no-coordinator-timeout: n5 crashes at 2 s. The others suspect it about 1 s later and elect; n4 answers the lower candidates, then crashes at 2.95 s before it can announce itself. With the bug the lower nodes wait for a COORDINATOR that never comes, and the One coordinator lamp turns red; without it they would try again after T′.',
    seed: 7,
    until: 9000,
    config: { bugs: ['no-coordinator-timeout'] },
    timeline: [
      { at: 2000, action: 'crash', node: 'n5' },
      { at: 2950, action: 'crash', node: 'n4' },
    ],
  },
};
