/**
 * Example comparisons (issue 20 §2): the same cluster, workload and faults against two (protocol,
 * config) pairs. Protocols are named here only as data; compare.ts treats every registered
 * protocol alike. Each is a raw comparison, validated by parseCompare. Times are virtual ms.
 */
import { parseCompare, type CompareScenario } from './compare';

/** RawCompare is an unparsed comparison, as in a scenario file. */
export type RawCompare = Record<string, unknown>;

/** kvWorkload is one write every `everyMs` from `fromMs` until `toMs`, each by a client of its own, so a stalled one does not hold back the rest. */
const kvWorkload = (fromMs: number, toMs: number, everyMs: number) =>
  Array.from({ length: Math.floor((toMs - fromMs) / everyMs) }, (_, i) => ({
    at: fromMs + i * everyMs,
    action: 'request',
    client: `c${i + 1}`,
    op: { f: 'put', key: i % 2 ? 'y' : 'x', value: String(i + 1) },
  }));

/** txn is a 2PC transaction asked of coordinator n1 by `client` at `at`. */
const txn = (at: number, client: string, writes: Record<string, string>) => ({ at, action: 'request', client, node: 'n1', op: { f: 'txn', writes } });

/** COMPARE_EXAMPLES maps each example comparison's id to its raw form, in menu order. */
export const COMPARE_EXAMPLES: Record<string, RawCompare> = {
  'compare-leader-isolated': {
    version: 1,
    name: 'A leader isolated: Raft against PBFT',
    description:
      'Four nodes, one write every 400 ms. At 2 s the leader (Raft) or primary (PBFT) is cut off from the rest. Raft\'s followers time out and elect a leader in a new term; PBFT\'s backups suspect the primary once a request waits past their view-change timer and move to the next view. Compare how long each is unavailable and how many messages each operation costs. The partition heals at 6 s.',
    compare: [
      { protocol: 'raft', label: 'Raft' },
      { protocol: 'pbft', label: 'PBFT' },
    ],
    seed: 11,
    nodes: 4,
    until: 9000,
    timeline: [...kvWorkload(500, 8500, 400), { at: 2000, action: 'isolate', node: 'leader' }, { at: 6000, action: 'heal' }],
  },
  'compare-raft-multi-paxos': {
    version: 1,
    name: 'A leader isolated: Raft against Multi-Paxos',
    description:
      'Five nodes, one write every 400 ms. At 2 s the leader is cut off from the rest. Raft\'s followers time out and elect a leader of a new term, whose log already holds every committed entry (§5.4); Multi-Paxos\'s next leader runs phase 1 for every slot it does not know, re-proposes what the acceptors report and fills the gaps with no-ops before it serves new writes. Compare the time without progress and the messages each write costs. The partition heals at 6 s.',
    compare: [
      { protocol: 'raft', label: 'Raft' },
      { protocol: 'paxos', label: 'Multi-Paxos', config: { mode: 'multi' } },
    ],
    seed: 11,
    nodes: 5,
    until: 9000,
    timeline: [...kvWorkload(500, 8500, 400), { at: 2000, action: 'isolate', node: 'leader' }, { at: 6000, action: 'heal' }],
  },
  'compare-2pc-3pc-partition': {
    version: 1,
    name: '2PC against 3PC under a partition',
    description:
      'One protocol, two configs: the same transactions and the same partition ({n1, n2} | {n3, n4} at 160 ms, while the decision is in flight) under two-phase and three-phase commit. 2PC\'s cut-off participants block, prepared and holding their locks, until the heal at 2.5 s; 3PC\'s elect a backup coordinator and decide without n1, which keeps them available but lets the two sides decide differently (Skeen 1981): see the consistency row.',
    compare: [
      { protocol: '2pc', label: '2PC', config: { variant: '2pc' } },
      { protocol: '2pc', label: '3PC', config: { variant: '3pc' } },
    ],
    seed: 1,
    nodes: 4,
    until: 5000,
    network: { latencyMs: [10, 10] },
    timeline: [
      txn(100, 'c1', { x: '1', y: '2', z: '3' }),
      { at: 135, action: 'link', from: 'n1', to: 'n3', latencyMs: [200, 200] },
      { at: 135, action: 'link', from: 'n1', to: 'n4', latencyMs: [200, 200] },
      { at: 160, action: 'partition', groups: [['n1', 'n2'], ['n3', 'n4']] },
      { at: 2500, action: 'heal' },
      txn(2700, 'c2', { x: '4', y: '5', z: '6' }),
    ],
  },
  'compare-crash-vs-byzantine': {
    version: 1,
    name: 'Crash faults against Byzantine faults: Raft against PBFT',
    description:
      'Four nodes, one write every 400 ms; at 2 s the leader fails. In Raft it crashes (the only fault Raft tolerates: a majority of 3 carries on); in PBFT the primary stays up and equivocates, telling two halves of the backups different stories (PBFT tolerates f = 1 such replica of 3f + 1 = 4). Both stay safe; compare what each pays in messages per operation and in time without progress.',
    compare: [
      { protocol: 'raft', label: 'Raft (crash)', timeline: [{ at: 2000, action: 'crash', node: 'leader' }] },
      { protocol: 'pbft', label: 'PBFT (Byzantine)', timeline: [{ at: 2000, action: 'byzantine', node: 'leader', behaviour: 'equivocate' }] },
    ],
    seed: 5,
    nodes: 4,
    until: 9000,
    timeline: kvWorkload(500, 8500, 400),
  },
};

/** compareExampleIds lists the example comparisons, in menu order. */
export const compareExampleIds = (): string[] => Object.keys(COMPARE_EXAMPLES);

/** compareExample gives the normalised example comparison `id`. @throws Error if there is no such example. */
export function compareExample(id: string): CompareScenario {
  const raw = COMPARE_EXAMPLES[id];
  if (!raw) throw new Error(`unknown example comparison "${id}" (known: ${compareExampleIds().join(', ')})`);
  return parseCompare(raw);
}
