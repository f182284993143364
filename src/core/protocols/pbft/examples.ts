/**
 * Named PBFT example scenarios, each telling one story of Castro & Liskov, OSDI 1999; the tests
 * (scenarios.test.ts, cluster.test.ts, invariants.test.ts) check that each story really happens
 * under its seed. Raw scenarios, validated by {@link pbftExample}; the app's examples menu lists
 * them as the group "PBFT (Byzantine faults)" (src/core/scenario/examples.ts).
 *
 * Circular-import caveat: this module needs the scenario schema, which needs the protocol
 * registry, which needs pbft/index.ts. So index.ts must not import or re-export this module;
 * src/core/scenario/examples.ts and tests may.
 *
 * Times (`at`, `until`) are virtual ms. Every scenario names the replica each request is sent to
 * (`node`), so the stories do not depend on which replica a fresh client picks.
 */
import { parseScenario } from '../../scenario/schema';
import type { Scenario } from '../../scenario/types';
import type { KvOp } from '../../types';

/** ask is a timeline request action: client `client` invokes `op` at `at` (virtual ms), sent to replica `node` if given. */
const ask = (at: number, client: string, op: KvOp, node?: string) => ({ at, action: 'request', client, op, ...(node ? { node } : {}) });
const put = (key: string, value: string): KvOp => ({ f: 'put', key, value });
const append = (key: string, value: string): KvOp => ({ f: 'append', key, value });
const get = (key: string): KvOp => ({ f: 'get', key });

/**
 * steady is a steady flow of puts: one every `everyMs` from `fromMs` until before `toMs` (virtual
 * ms), from clients c1…c`clients` in turn, each to the next of `via` in turn, writing keys k0…k4
 * with unique values v0, v1, … (so every write is told apart in the trace).
 */
const steady = (fromMs: number, toMs: number, everyMs: number, via: readonly string[], clients = 4) => {
  const out: ReturnType<typeof ask>[] = [];
  for (let i = 0, at = fromMs; at < toMs; i++, at += everyMs) out.push(ask(at, `c${(i % clients) + 1}`, put(`k${i % 5}`, `v${i}`), via[i % via.length]));
  return out;
};

/** replicas gives the ids n`from`…n`to`. */
const replicas = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `n${from + i}`);

/**
 * cutTen is the timeline of the ten-replica partition stories: a write, then at 500 ms a cut into
 * n1…n`big` | the rest, a write to each side (via n3 and n8), the heal at 3500 ms and a last write.
 */
const cutTen = (big: number) => [
  ask(100, 'c1', put('x', 'before'), 'n2'),
  { at: 500, action: 'partition', groups: [replicas(1, big), replicas(big + 1, 10)] },
  ask(700, 'c2', put('big', 'during'), 'n3'),
  ask(750, 'c3', put('small', 'during'), 'n8'),
  { at: 3500, action: 'heal' },
  ask(4500, 'c4', put('y', 'after'), 'n9'),
];

/**
 * PBFT_EXAMPLES maps an example id to a raw scenario (protocol `pbft`, with `name` and
 * `description` for the menu), in menu order. Validate with {@link pbftExample}.
 */
export const PBFT_EXAMPLES: Record<string, Record<string, unknown>> = {
  'pbft-normal-case': {
    name: 'PBFT: the three phases',
    description: 'Four replicas tolerate one fault (n = 3f + 1). A client writes through n2, which relays the request; primary n1 pre-prepares it, the backups prepare, everyone commits and executes, and n2 answers once f + 1 = 2 replies match (§4.2). Watch the Pre-prepare, Prepare and Commit waves in the message diagram.',
    version: 1, protocol: 'pbft', seed: 1, nodes: 4, until: 3000,
    timeline: [ask(100, 'c1', put('x', '1'), 'n2'), ask(600, 'c2', append('x', '2'), 'n3'), ask(1200, 'c1', get('x'), 'n4')],
  },
  'pbft-silent-primary': {
    name: 'PBFT: a silent primary',
    description: 'Primary n1 is Byzantine and silent. The backups wait for the request to execute, time out, and change to view 1; its primary n2 re-issues what prepared and finishes the pending requests (§4.4). Watch the backups’ timers run out and the ViewChange and NewView messages.',
    version: 1, protocol: 'pbft', seed: 2, nodes: 4, until: 4000,
    config: { byzantine: { n1: 'silent' } },
    timeline: [ask(100, 'c1', put('x', '1'), 'n2'), ask(150, 'c2', put('y', '2'), 'n3'), ask(2000, 'c1', get('x'), 'n4')],
  },
  'pbft-primary-turns-silent': {
    name: 'PBFT: the primary goes silent mid-run',
    description: 'Four replicas serve a steady flow of writes. At 1010 ms the adversary takes over the primary, n1, and silences it, just as c4 and c5 send their writes. The backups hold requests that do not execute; after 500 ms their timers fire and they change to view 1, whose primary n2 finishes every pending write (§4.4). Watch the requests made around 1000 ms: they wait about 650 ms, then complete in view 1.',
    version: 1, protocol: 'pbft', seed: 8, nodes: 4, until: 5000,
    timeline: [
      ...steady(100, 2600, 200, ['n2', 'n3', 'n4'], 3),
      ask(990, 'c4', put('a', 'pending-1'), 'n2'),
      ask(1000, 'c5', put('b', 'pending-2'), 'n3'),
      { at: 1010, action: 'byzantine', node: 'leader', behaviour: 'silent' },
    ],
  },
  'pbft-equivocating-primary': {
    name: 'PBFT: an equivocating primary starves one backup',
    description: 'Primary n1 is Byzantine: for every sequence number it pre-prepares the request at n2 and n4 but a null request at n3. n3 sees f + 1 = 2 prepares for the other digest and suspects n1 (§4.2); its timer runs out and it asks for view 1 (§4.4). Yet n1, n2 and n4 are a quorum of 2f + 1 = 3: they execute every request and the clients get f + 1 matching replies, so no one else times out, and one replica asking is too few for the others to join (§4.5.2). The paper allows this: n3 waits in its view change and catches up by state transfer at each stable checkpoint (§4.3). Watch the PBFT panel: view 0 under n1, with a note on why n3 is starved.',
    version: 1, protocol: 'pbft', seed: 3, nodes: 4, until: 8000,
    config: { byzantine: { n1: 'equivocate' } },
    timeline: steady(100, 6000, 300, ['n2', 'n4', 'n3'], 3),
  },
  'pbft-primary-turns-equivocator': {
    name: 'PBFT: the primary starts to equivocate (7 replicas)',
    description: 'Seven replicas tolerate f = 2 faults. At 1010 ms the adversary turns primary n1 into an equivocator: for each new sequence number it pre-prepares the request at n2, n4 and n6 and a null request at n3, n5 and n7. Each story gathers only 3 prepares, short of the 2f = 4 a request needs to prepare (§4.2), so nothing new executes; the backups’ timers fire, they change to view 1, and its primary n2 finishes the pending writes (§4.4). Watch the split pre-prepares after 1010 ms, and every honest replica adding n1 to its suspects.',
    version: 1, protocol: 'pbft', seed: 8, nodes: 7, until: 5000,
    timeline: [
      ...steady(100, 2600, 200, replicas(2, 7), 3),
      ask(990, 'c4', put('a', 'pending-1'), 'n2'),
      ask(1000, 'c5', put('b', 'pending-2'), 'n3'),
      { at: 1010, action: 'byzantine', node: 'leader', behaviour: 'equivocate' },
    ],
  },
  'pbft-forger': {
    name: 'PBFT: a forger',
    description: 'Backup n3 forges pre-prepares, prepares and commits in the other replicas’ names. It can sign only with its own key, so every forgery fails verification, and every honest replica suspects it (§2). Watch the honest replicas’ suspects lists fill with n3.',
    version: 1, protocol: 'pbft', seed: 4, nodes: 4, until: 3000,
    config: { byzantine: { n3: 'forge' } },
    timeline: [ask(100, 'c1', put('x', '1'), 'n2'), ask(600, 'c2', put('y', '2'), 'n4')],
  },
  'pbft-two-liars-of-seven': {
    name: 'PBFT: two liars among seven',
    description: 'Seven replicas tolerate f = 2 Byzantine ones, and here there are two: primary n1 equivocates, and n2, the primary of the next view, sends wrong digests. A steady flow of writes goes through the honest replicas. n1’s split pre-prepares stall progress, so the backups change to view 1; there n2’s pre-prepares do not match their requests, so they change again, to view 2, whose primary n3 is honest and finishes everything (§4.2, §4.4). Watch the view number climb to 2, no lamp turn red, and every honest replica suspect both n1 and n2.',
    version: 1, protocol: 'pbft', seed: 6, nodes: 7, until: 6000,
    config: { byzantine: { n1: 'equivocate', n2: 'wrong-digest' } },
    timeline: steady(100, 3000, 150, replicas(3, 7)),
  },
  'pbft-partition-no-quorum': {
    name: 'PBFT: a 6 | 4 partition leaves no quorum',
    description: 'Ten replicas tolerate f = 3 faults, so a quorum is 2f + 1 = 7. At 500 ms they split 6 | 4: the primary’s side of six is a majority but not a quorum, and the side of four is a minority. A client writes to each side, and neither write executes: nothing at all executes until the partition heals at 3500 ms (§4.2). Both sides’ timers fire and all ten replicas ask for view 1, but neither side can gather the 2f + 1 = 7 ViewChanges a NewView needs (§4.4). After the heal n2 gathers them and becomes primary of view 1; both writes execute and all ten replicas agree. Watch both sides stall, and every replica sit in view change until the heal.',
    version: 1, protocol: 'pbft', seed: 10, nodes: 10, until: 8000,
    timeline: cutTen(6),
  },
  'pbft-partition-quorum': {
    name: 'PBFT: a 7 | 3 partition leaves a quorum',
    description: 'The same ten replicas (f = 3, quorum 7), with the cut moved by one replica: 7 | 3. (No cluster can lose 40% of its replicas and keep a quorum: a quorum is more than two thirds.) The side of seven holds a quorum, so it executes its write in view 0; the side of three executes nothing, and its write waits for the heal at 3500 ms. The three time out and ask for view 1, but three is only f, short of the f + 1 = 4 that make the others join, a rule that keeps f liars from forcing view changes (§4.5.2). So after the heal they stay in their view change and catch up by state transfer at the next stable checkpoint, the 4th request (§4.3). Watch n8–n10 stay in view change while their state catches up.',
    version: 1, protocol: 'pbft', seed: 10, nodes: 10, until: 8000,
    timeline: cutTen(7),
  },
  'pbft-f-plus-one-colluders': {
    name: 'PBFT: f + 1 colluders break Agreement',
    description: 'With n = 4, PBFT tolerates f = 1 fault. Here two replicas collude: primary n1 and backup n2 tell n4 one story (the request) and n3 another (a null request), with matching prepares and commits for each. n3 and n4, both honest, execute different requests at the same sequence number: Agreement breaks. Watch the Agreement lamp turn red.',
    version: 1, protocol: 'pbft', seed: 5, nodes: 4, until: 3000,
    config: { byzantine: { n1: 'equivocate', n2: 'equivocate' } },
    timeline: [ask(100, 'c1', put('x', '1'), 'n4')],
  },
};

/** pbftExample gives the validated PBFT example scenario `id`. @throws Error if unknown; ScenarioError if invalid. */
export function pbftExample(id: string): Scenario {
  const raw = PBFT_EXAMPLES[id];
  if (!raw) throw new Error(`unknown PBFT example "${id}" (known: ${Object.keys(PBFT_EXAMPLES).join(', ')})`);
  return parseScenario(raw);
}
