/**
 * Named delegation example scenarios (issue 14 §4), each telling one story; examples.test.ts checks
 * that each story happens under its seed. Raw scenarios (protocol `delegation`), validated by the
 * scenario schema; the examples menu lists them under "Delegation". Times are virtual ms; n1 ranks
 * highest and coordinates first.
 */

/** submit is a timeline request: `client` submits task `id` needing `capability` for `durationMs`. */
const submit = (at: number, id: string, client: string, durationMs = 400, capability = 'cpu') => ({ at, action: 'request', client, op: { f: 'submit', id, capability, durationMs } });

/** stream submits `count` tasks t1… from clients c1…c`clients` in turn, one every `gapMs` from `fromMs`. */
const stream = (count: number, fromMs: number, gapMs: number, clients = 3, durationMs = 500) =>
  Array.from({ length: count }, (_, i) => submit(fromMs + i * gapMs, `t${i + 1}`, `c${(i % clients) + 1}`, durationMs));

const base = { version: 1, protocol: 'delegation' };

/** DELEGATION_EXAMPLES maps an example id to a raw scenario, in menu order. */
export const DELEGATION_EXAMPLES: Record<string, Record<string, unknown>> = {
  'delegation-five-subtasks': {
    ...base,
    name: 'Delegation: five followers, five subtasks',
    description: 'n1 coordinates five followers that all offer cpu. Five clients submit one subtask each at once; least-loaded assignment gives every follower one, and the Tasks complete check confirms the loads differ by at most one task.',
    seed: 1, nodes: 6, until: 3000,
    config: { policy: 'least-loaded' },
    timeline: Array.from({ length: 5 }, (_, i) => submit(300, `s${i + 1}`, `c${i + 1}`, 800)),
  },
  'delegation-leader-fails': {
    ...base,
    name: 'Delegation: the coordinator fails mid-run',
    description: 'Twelve tasks stream in; at 1.2 s the coordinator n1 crashes with tasks running. The followers stop hearing heartbeats, suspect it, and hold a bully election: n2, the highest rank left, announces epoch 2, rebuilds the task table from the followers’ reports, and every accepted task still completes, once.',
    seed: 2, nodes: 6, until: 8000,
    config: { policy: 'round-robin' },
    timeline: [...stream(12, 300, 150), { at: 1200, action: 'crash', node: 'n1' }],
  },
  'delegation-minority-partition': {
    ...base,
    name: 'Delegation: a minority partition',
    description: 'At 1 s followers n5 and n6 are cut off with tasks running. The coordinator suspects them and reassigns their tasks as new attempts; on their side they hold an election, but with 2 of 6 nodes their candidate never gets a majority, so it commits nothing. At 3.5 s the partition heals. The minority’s candidate has meanwhile climbed to a higher epoch, so its next Announce now wins a majority and it takes over (the bully’s churn on rejoin); it rebuilds the table from everyone’s reports, the stale attempts are aborted by the fencing check, and every task completes once.',
    seed: 3, nodes: 6, until: 9000,
    config: { policy: 'round-robin' },
    timeline: [...stream(10, 300, 100, 3, 1500), { at: 1000, action: 'partition', groups: [['n1', 'n2', 'n3', 'n4'], ['n5', 'n6']] }, { at: 3500, action: 'heal' }],
  },
  'delegation-cascading-failures': {
    ...base,
    name: 'Delegation: cascading failures, 2 of 5 then 3 of 5',
    description: 'Five nodes: n1 coordinates n2–n5. At 1 s n4 and n5 crash (2 of 5): their tasks are reassigned and work goes on, since 3 of 5 is still a majority to commit. At 2.5 s n3 crashes too (3 of 5): n2 still works, but no finished task can be committed without a majority, so the table waits. At 4.5 s the three restart, report, and every accepted task completes.',
    seed: 4, nodes: 5, until: 10000,
    config: { policy: 'least-loaded' },
    timeline: [
      ...stream(12, 300, 200, 3, 600),
      { at: 1000, action: 'crash', node: 'n4' },
      { at: 1000, action: 'crash', node: 'n5' },
      { at: 2500, action: 'crash', node: 'n3' },
      { at: 4500, action: 'restart' },
    ],
  },
  'delegation-flood': {
    ...base,
    name: 'Delegation: a flood shed by the rate limit',
    description: 'Client c-flood submits 40 tasks as fast as its replies come back, while c1 and c2 submit one every 300 ms. The token bucket (5 a second, burst 5) lets c-flood through only at its rate and sheds the rest with the reason in each reply; c1 and c2 are served throughout.',
    seed: 5, nodes: 6, until: 6000,
    config: { policy: 'least-loaded', ratePerSecond: 5, burst: 5 },
    timeline: [
      ...Array.from({ length: 40 }, (_, i) => submit(400 + i, `f${i + 1}`, 'c-flood', 200)),
      ...Array.from({ length: 12 }, (_, i) => submit(300 + i * 300, `t${i + 1}`, `c${(i % 2) + 1}`, 300)),
    ],
  },
  'delegation-capabilities': {
    ...base,
    name: 'Delegation: capability match with a breaker',
    description: 'Only n2 and n3 offer gpu; n4–n6 offer cpu. Capability match sends gpu tasks to the gpu followers and keeps the cpu tasks off them (the best fit), ties broken by load. At 1 s n3 crashes: its failures open its breaker, the gpu work goes to n2, and after the cool-down the breaker half-opens; n3 restarts at 3 s and a trial assignment closes it again.',
    seed: 6, nodes: 6, until: 8000,
    config: { policy: 'capability', capabilities: { n2: ['cpu', 'gpu'], n3: ['cpu', 'gpu'] }, breakerThreshold: 1, breakerCoolDownMs: 1500 },
    timeline: [
      ...Array.from({ length: 20 }, (_, i) => submit(300 + i * 250, `t${i + 1}`, `c${(i % 3) + 1}`, 500, i % 2 === 0 ? 'gpu' : 'cpu')),
      { at: 1000, action: 'crash', node: 'n3' },
      { at: 3000, action: 'restart', node: 'n3' },
    ],
  },
  'delegation-paused-coordinator': {
    ...base,
    name: 'Delegation: the coordinator pauses',
    description: 'At 1 s the coordinator n1 freezes for 1.5 s (a GC pause) with tasks running. The followers suspect it and n2 takes over in epoch 2, rebuilding the table from their reports. When n1 wakes it still believes it coordinates epoch 1 and handles what queued up. A commit it finishes was accepted by a majority before epoch 2 began, so n2 found that done-record in the reports and kept the same decision; anything else the followers refuse, since they follow epoch 2, and n1 steps down. Every accepted task completes once.',
    seed: 9, nodes: 6, until: 7000,
    config: { policy: 'least-loaded' },
    timeline: [...stream(10, 300, 150, 3, 600), { at: 1000, action: 'pause', node: 'n1', ms: 1500 }],
  },
  'delegation-bug-no-fencing': {
    ...base,
    name: 'Delegation bug: reassign without a fencing check',
    description: 'Teaching bug no-fencing. n2’s messages to n1 are cut at 300 ms while it works on t1: n1 suspects n2 and reassigns t1 to n3 as attempt 2, which completes. At 2 s the cut heals and n2’s Done for attempt 1 arrives; without the fencing check n1 commits it too, and t1’s effect is applied twice: the Effect once lamp turns red.',
    seed: 7, nodes: 4, until: 4000,
    config: { policy: 'round-robin', bugs: ['no-fencing'] },
    timeline: [submit(200, 't1', 'c1', 1000), { at: 300, action: 'link', from: 'n2', to: 'n1', cut: true }, { at: 2000, action: 'heal' }],
  },
  'delegation-bug-no-backoff': {
    ...base,
    name: 'Delegation bug: retry without backoff',
    description: 'Teaching bug no-backoff. The link from n1 to n3 is slow (1.2 s, within the 3 s failure detector’s patience), so n3’s acknowledgements come long after the 150 ms ack timeout. Without backoff n1 resends each Assign every ack timeout, with no limit: a retry storm (the run report’s metrics count the retries, several times as many as with backoff, which gives up after three and reassigns). The Backoff lamp turns red at the first retry that did not wait.',
    seed: 8, nodes: 4, until: 4000,
    config: { policy: 'round-robin', detectorTimeoutMs: 3000, bugs: ['no-backoff'] },
    timeline: [{ at: 100, action: 'link', from: 'n1', to: 'n3', latencyMs: [1200, 1200] }, ...stream(6, 300, 100, 3, 300)],
  },
};
