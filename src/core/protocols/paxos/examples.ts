/**
 * Paxos's example scenarios (ids `paxos-…`), each telling one story of Paxos Made Simple, Flexible
 * Paxos or more-protocols.md §11 (bug stories A and B), checked by examples.test.ts under their
 * seeds. Links are 10 ms unless a story changes one; times (`at`, `until`) are virtual ms.
 *
 * The bug stories run five nodes: proposers P1 = n1 and P2 = n2, acceptors A1–A3 = n3, n4, n5.
 */
import type { PaxosBug } from './config';

/** RawScenario is an unparsed scenario, as in a scenario file. */
export type RawScenario = Record<string, unknown>;

const put = (at: number, client: string, node: string, key: string, value: string) => ({ at, action: 'request', client, node, op: { f: 'put', key, value } });
const get = (at: number, client: string, node: string | undefined, key: string) => ({ at, action: 'request', client, ...(node ? { node } : {}), op: { f: 'get', key } });
const cut = (at: number, from: string, to: string, isCut = true) => ({ at, action: 'link', from, to, cut: isCut });
const NET = { latencyMs: [10, 10], loss: 0, duplicate: 0 };
const COMMON = { version: 1, protocol: 'paxos', seed: 1, network: NET } as const;
const SINGLE_STORY = { mode: 'single', acceptors: ['n3', 'n4', 'n5'], retryMs: 1000, backoff: false } as const;

/** BUG_STORIES are bug stories A and B, by bug (the same timelines without the bug keep Agreement). */
export const BUG_STORIES: Record<PaxosBug, { id: string; raw: RawScenario }> = {
  'accept-below-promise': {
    id: 'paxos-bug-accept-below-promise',
    raw: {
      ...COMMON, nodes: 5, until: 2000,
      name: 'Paxos bug A: an acceptor accepts below its promise',
      description: 'P1 (n1) gets promises for ballot 1.n1 from A1 (n3) and A2 (n4) and sends accept(1.n1, X); A1 accepts, but the copy to A2 takes 400 ms. P2 (n2) gets promises for 1.n2 from A2 and A3 (n5), with nothing reported, and sends accept(1.n2, Y): A2 and A3 accept, and Y is chosen. Then the stale accept(1.n1, X) reaches A2, which promised 1.n2. A correct acceptor refuses it; this buggy one accepts, so A1 and A2 hold (1.n1, X): X is chosen too, and the Agreement lamp goes red.',
      config: { ...SINGLE_STORY, bugs: ['accept-below-promise'] },
      timeline: [cut(0, 'n1', 'n5'), cut(0, 'n2', 'n3'), { at: 125, action: 'link', from: 'n1', to: 'n4', latencyMs: [400, 400] }, put(100, 'c1', 'n1', 'x', 'X'), put(200, 'c2', 'n2', 'x', 'Y')],
    },
  },
  'ignore-promise-values': {
    id: 'paxos-bug-ignore-promise-values',
    raw: {
      ...COMMON, nodes: 5, until: 2000,
      name: 'Paxos bug B: a proposer ignores the values in promises',
      description: 'P1 (n1) gets (1.n1, X) accepted by A1 (n3) and A2 (n4): X is chosen (P2, n2, does not hear of it). P2 prepares 1.n2 at A2 and A3 (n5); A2 reports (1.n1, X). A correct P2 must propose X; this buggy one proposes its own Y, A2 and A3 accept (1.n2, Y), and Y is chosen too: the Agreement lamp goes red.',
      config: { ...SINGLE_STORY, bugs: ['ignore-promise-values'] },
      timeline: [cut(0, 'n1', 'n5'), cut(0, 'n2', 'n3'), cut(0, 'n3', 'n2'), cut(0, 'n4', 'n2'), put(100, 'c1', 'n1', 'x', 'X'), cut(150, 'n4', 'n2', false), put(200, 'c2', 'n2', 'x', 'Y')],
    },
  },
};

/** withoutBugs gives `raw` with no teaching bug switched on. */
export function withoutBugs(raw: RawScenario): RawScenario {
  return { ...raw, config: { ...(raw.config as Record<string, unknown>), bugs: [] } };
}

const dueling = (config: Record<string, unknown>) => ({
  ...COMMON, nodes: 5, until: 1500,
  config: { mode: 'single', retryMs: 30, backoff: false, ...config },
  timeline: [put(100, 'c1', 'n1', 'x', 'X'), put(115, 'c2', 'n5', 'x', 'Y')],
});

const flexible = (q1: number) => ({
  ...COMMON, nodes: 3, until: 2000,
  config: { mode: 'single', q1, q2: 2, retryMs: 200 },
  timeline: [cut(0, 'n1', 'n3'), cut(0, 'n2', 'n3'), put(100, 'c1', 'n1', 'x', 'X'), put(300, 'c2', 'n3', 'x', 'Y'), { at: 1000, action: 'heal' }, cut(1000, 'n1', 'n3', false), cut(1000, 'n2', 'n3', false)],
});

/** PAXOS_EXAMPLES maps an id to a raw scenario, in menu order. */
export const PAXOS_EXAMPLES: Record<string, RawScenario> = {
  'paxos-single': {
    ...COMMON, nodes: 5, until: 3000, config: { mode: 'single' },
    name: 'Paxos: one value is chosen',
    description: 'Client c1 asks n1 to propose x=1. n1 sends Prepare(1.n1) (phase 1a); the five acceptors promise (1b), reporting nothing; n1 sends Accept(1.n1, c1#1) (2a); the acceptors accept and tell every learner (2b). With a majority of Accepted, c1#1 is chosen. c2 then asks n2 to propose x=2, but n2 has learned the decree: single-decree Paxos chooses one value, so c2 is told "not chosen"; so is c3 at n5, later.',
    timeline: [put(100, 'c1', 'n1', 'x', '1'), put(300, 'c2', 'n2', 'x', '2'), put(2000, 'c3', 'n5', 'x', '3')],
  },
  [BUG_STORIES['accept-below-promise'].id]: BUG_STORIES['accept-below-promise'].raw,
  [BUG_STORIES['ignore-promise-values'].id]: BUG_STORIES['ignore-promise-values'].raw,
  'paxos-dueling': {
    ...dueling({}),
    name: 'Paxos: dueling proposers livelock',
    description: 'n1 and n5 propose at nearly the same time and each retries exactly 30 ms after it began a round (no backoff). Each new Prepare arrives after the other\'s promises and before its Accept, so every Accept is refused (Nack): the rounds climb forever and nothing is chosen (Paxos Made Simple §2.4). Clients that wait too long retry at another node, which joins the duel.',
  },
  'paxos-dueling-backoff': {
    ...dueling({ backoff: true }),
    name: 'Paxos: randomized backoff ends the duel',
    description: 'The same duel, but each proposer waits a random 30–120 ms (seeded) before its next round. Here n1 waits longer than n5, so n5\'s round 2.n5 runs undisturbed through both phases. A promise from n1 reported its accepted (1.n1, X), so n5 proposes X, not its own Y: X is chosen, and c2 is told its value was not chosen.',
  },
  'paxos-distinguished': {
    ...dueling({ distinguished: 'n1' }),
    name: 'Paxos: a distinguished proposer ends the duel',
    description: 'The same duel, but n1 is the distinguished proposer (Paxos Made Simple §2.4): n5 redirects its client to n1 instead of competing, so n1\'s first round succeeds, and c2 is told its value was not chosen.',
  },
  'paxos-multi-gap': {
    ...COMMON, nodes: 5, until: 4000, config: { mode: 'multi' },
    name: 'Multi-Paxos: a new leader fills a gap with a no-op',
    description: 'n1 leads (ballot 1.n1) and skips phase 1 for each slot: x=1 goes in slot 1. n1\'s links are cut for 20 ms, so y=2 in slot 2 is accepted by n1 alone; z=3 in slot 3 is chosen. n1 crashes. The next leader runs phase 1 for every slot from 2: slot 3 is known chosen (a constrained slot would be re-proposed) and nobody reports slot 2, a gap below it, which the new leader fills with a no-op (Paxos Made Simple §3). c2\'s retry lands in a later slot.',
    timeline: [
      { at: 50, action: 'timeout', node: 'n1' },
      put(300, 'c1', 'n1', 'x', '1'),
      ...['n2', 'n3', 'n4', 'n5'].map((n) => cut(500, 'n1', n)),
      put(505, 'c2', 'n1', 'y', '2'),
      ...['n2', 'n3', 'n4', 'n5'].map((n) => cut(520, 'n1', n, false)),
      put(530, 'c3', 'n1', 'z', '3'),
      { at: 570, action: 'crash', node: 'n1' },
      { at: 2000, action: 'restart', node: 'n1' },
      get(3000, 'c4', undefined, 'y'),
    ],
  },
  'paxos-flexible-valid': {
    ...flexible(2),
    name: 'Flexible Paxos: |Q1| + |Q2| > N keeps one value',
    description: 'Three acceptors with |Q1| = 2 and |Q2| = 2. n1 gets X accepted by n1 and n2: chosen. n3 hears nobody, so it cannot finish phase 1 with its own promise alone; once the links heal, its phase-1 quorum meets the phase-2 quorum at n2, which reports X, and n3 proposes X: one value.',
  },
  'paxos-flexible-unsafe': {
    ...flexible(1),
    name: 'Flexible Paxos: |Q1| + |Q2| ≤ N chooses two values',
    description: 'Three acceptors with |Q1| = 1 and |Q2| = 2, which breaks Flexible Paxos\'s rule |Q1| + |Q2| > N (a warning says so at start-up and in the panel). n1 gets X accepted by n1 and n2: chosen. n3 hears nobody, but its own promise is a phase-1 quorum, so it proposes Y, and a second pair of acceptors accepts it: Y is chosen too, and the Agreement lamp goes red.',
  },
  'paxos-leader-isolated': {
    ...COMMON, seed: 11, nodes: 5, until: 8000, network: { latencyMs: [10, 30], loss: 0, duplicate: 0 }, config: { mode: 'multi' },
    name: 'Multi-Paxos: leader isolated',
    description: 'The leader is cut off from everyone. The others time out, one runs phase 1 with a higher ballot, learns the chosen slots and keeps choosing; the old leader takes a write it can never get accepted by a quorum. On healing its heartbeats are refused (Nack), it steps down, and the write is retried by its client through the new leader. The same fault timeline as Raft\'s "Leader isolated".',
    timeline: [
      { at: 800, action: 'request', client: 'c1', op: { f: 'put', key: 'x', value: '1' } },
      { at: 2000, action: 'isolate', node: 'leader' },
      { at: 2100, action: 'request', client: 'c2', node: 'leader', op: { f: 'put', key: 'x', value: '2' } },
      { at: 3500, action: 'request', client: 'c3', op: { f: 'put', key: 'x', value: '3' } },
      { at: 5000, action: 'heal' },
      get(6000, 'c4', undefined, 'x'),
    ],
  },
};
