/**
 * Named SWIM example scenarios, each telling one story of Das et al. 2002; examples.test.ts checks
 * that each story happens under its seed. Raw scenarios (protocol `swim`), validated by the
 * scenario schema; the examples menu lists them under "SWIM". Times are virtual ms.
 */

const base = { version: 1, protocol: 'swim' };

/** lossy is the pair of runs under 10% packet loss, with and without ping-req (k). */
const lossy = (k: number, words: string) => ({
  ...base,
  name: `SWIM: 10% packet loss, ${k === 0 ? 'no ping-req' : `ping-req through k = ${k}`}`,
  description: `20 members, every message lost with probability 0.1, nobody crashes. ${words} The SWIM panel prints the false-positive rate measured beside the paper’s (§3.1).`,
  seed: 4, nodes: 20, until: 12000,
  network: { latencyMs: [10, 30], loss: 0.1, duplicate: 0 },
  config: { k },
});

/** SWIM_EXAMPLES maps an example id to a raw scenario, in menu order. */
export const SWIM_EXAMPLES: Record<string, Record<string, unknown>> = {
  'swim-crash-20': {
    ...base,
    name: 'SWIM: a crash detected on 20 nodes',
    description: 'n7 crashes at 2 s. Within a period or two some member’s ping goes unanswered, ping-req through k = 3 members fails too, and n7 is suspected; the suspicion spreads piggybacked on pings and acks, and after the suspicion timeout (1.5 s) every member marks n7 dead. The panel plots how far each change has spread, and the detection time against e/(e−1)·T′ (§3.1, §5).',
    seed: 1, nodes: 20, until: 8000,
    timeline: [{ at: 2000, action: 'crash', node: 'n7' }],
  },
  'swim-loss-ping-req': lossy(3, 'A lost ping or ack is covered by ping-req through 3 other members, so live members are almost never suspected.'),
  'swim-loss-no-ping-req': lossy(0, 'With k = 0 every lost ping or ack makes a suspicion (about 19% of probes): suspected members refute with a higher incarnation, but the group churns.'),
  'swim-pause-refuted': {
    ...base,
    name: 'SWIM: a paused member refutes its suspicion',
    description: 'n4 pauses for 1 s at 2 s (a long GC). Its silence gets it suspected; when it wakes it hears the suspicion piggybacked on a ping and refutes it by raising its incarnation to 1 (§4.2). Alive@1 overrides suspect@0 everywhere before the 1.5 s suspicion timeout.',
    seed: 2, nodes: 12, until: 7000,
    timeline: [{ at: 2000, action: 'pause', node: 'n4', ms: 1000 }],
  },
  'swim-join-seed': {
    ...base,
    name: 'SWIM: joining through a seed',
    description: 'Every node but n1 starts knowing only the seed n1 and asks it to join; n1 lets each in, answers with its list, and gossips the newcomer alive. Within a few periods every member knows every other (discovery, §5).',
    seed: 3, nodes: 12, until: 6000,
    config: { seed: 'n1' },
  },
  'swim-100-nodes': {
    ...base,
    name: 'SWIM: 100 nodes, one crash',
    description: 'A hundred members, each probing one other per 300 ms period: the load per member does not grow with the group (§3.1). n42 crashes at 2 s; the suspicion, then the death, reach all hundred in a few periods, spread piggybacked λ·log n times by each member.',
    seed: 5, nodes: 100, until: 8000,
    timeline: [{ at: 2000, action: 'crash', node: 'n42' }],
  },
  'swim-bug-never-confirm': {
    ...base,
    name: 'SWIM bug: a suspicion is never confirmed',
    description: 'Teaching bug never-confirm: a suspicion timeout never declares the member dead. n5 crashes at 1 s, is suspected by everyone, and stays suspect forever: the Completeness check fails at the end of the run.',
    seed: 6, nodes: 8, until: 9000,
    config: { bugs: ['never-confirm'] },
    timeline: [{ at: 1000, action: 'crash', node: 'n5' }],
  },
  'swim-bug-ignore-incarnation': {
    ...base,
    name: 'SWIM bug: a refuted suspicion sticks',
    description: 'Teaching bug ignore-incarnation: a member keeps a suspect suspect even after hearing it alive at a higher incarnation. n4 pauses for 1 s, is suspected and refutes at incarnation 1, but its suspicion sticks and ends in a false "dead": the Refutation wins lamp goes red.',
    seed: 2, nodes: 12, until: 7000,
    config: { bugs: ['ignore-incarnation'] },
    timeline: [{ at: 2000, action: 'pause', node: 'n4', ms: 1000 }],
  },
};
