/**
 * Example scenarios for the teaching bugs (src/core/protocols/raft/bugs.ts): one short, scripted
 * story per bug in which, with the bug switched on, the Raft safety monitor reports a violation of
 * Figure 3 within the scenario's `until`, and with the bug switched off the very same timeline runs
 * clean. Every story uses a fixed latency of 10 virtual ms and long election timeouts (1–2 virtual
 * seconds), so that only the scripted `timeout` actions start elections and each step lands at a
 * predictable time. The tests (bug-examples.test.ts) check each story under its seed.
 */
import type { RaftBug } from './bugs';
import type { RaftProperty } from './invariants';
import { parseScenario } from '../../scenario/schema';
import type { Scenario } from '../../scenario/types';
import { MEMBERSHIP_BUG_RAW } from './bug-examples-membership';

/** BugExample is the example scenario of one teaching bug. */
export interface BugExample {
  /** A short kebab-case id for menus and the CLI, e.g. `figure-8`. */
  id: string;
  /** The Figure 3 property the story shows the bug breaking (others may break too). */
  property: RaftProperty;
  /** The first violation the monitor reports with the bug on: its property and virtual time (virtual ms). */
  first: { property: RaftProperty; t: number };
  /** build gives the normalised scenario, with `config.bugs` = [the bug]. */
  build: () => Scenario;
}

const put = (at: number, client: string, node: string, key: string, value: string) => ({
  at, action: 'request', client, node, op: { f: 'put', key, value },
});
const get = (at: number, client: string, node: string, key: string) => ({ at, action: 'request', client, node, op: { f: 'get', key } });

/** Settings every bug example shares: fixed 10 ms links, and elections only when the timeline forces them. */
const COMMON = {
  version: 1,
  protocol: 'raft',
  seed: 1,
  network: { latencyMs: [10, 10], loss: 0, duplicate: 0 },
} as const;
const SLOW_ELECTIONS = { electionTimeoutMs: [1000, 2000], heartbeatMs: 50 };

/** The moment the power fails in the ack-before-sync story (virtual ms): after n1 commits x = 1, before n2 and n3 sync it. */
const POWER_LOSS_AT = 615;

/** RAW gives each bug's raw scenario, validated by parseScenario in {@link BUG_EXAMPLES}. */
const RAW: Record<RaftBug, Record<string, unknown>> = {
  'commit-old-terms': {
    name: 'Bug: committing an old term\'s entry (Figure 8)',
    description:
      'The extended Raft paper\'s Figure 8. n1, leader of term 1, stores x = 1 at index 2 on n1 and n2 only, and crashes. n5 wins term 2 ' +
      'with n3 and n4 and puts its own entry at index 2, but is cut off and crashes before sending it. n1 comes back, wins term 3, and ' +
      'copies its old entry to n3 and n4, one entry per message: with the bug it counts a majority and commits the term-1 entry, and ' +
      'is cut off 5 ms later, before its term-3 entry spreads. n5 returns and wins term 4 (its last term, 2, beats their 1), then ' +
      'overwrites index 2: Leader Completeness and State Machine Safety break (Raft §5.4.2).',
    ...COMMON,
    nodes: 5,
    until: 1000,
    config: { ...SLOW_ELECTIONS, maxEntriesPerAppend: 1, bugs: ['commit-old-terms'] },
    timeline: [
      // (a) n1 leads term 1; x = 1 reaches n2 only.
      { at: 100, action: 'timeout', node: 'n1' },
      { at: 300, action: 'partition', groups: [['n1', 'n2'], ['n3', 'n4', 'n5']] },
      put(310, 'c1', 'n1', 'x', '1'),
      // (b) n1 crashes; n5 wins term 2 (leader at 470), its no-op at index 2 never leaves it.
      { at: 400, action: 'crash', node: 'n1' },
      { at: 450, action: 'timeout', node: 'n5' },
      { at: 475, action: 'isolate', node: 'n5' },
      { at: 480, action: 'crash', node: 'n5' },
      // (c) n1 restarts; term 2 is taken (n3 and n4 voted for n5), it wins term 3 at 550, and at 590
      // n3 and n4 hold its term-1 entry: the buggy leader commits it. Its term-3 no-op is lost.
      { at: 500, action: 'heal' },
      { at: 500, action: 'restart', node: 'n1' },
      { at: 510, action: 'timeout', node: 'n1' },
      { at: 530, action: 'timeout', node: 'n1' },
      { at: 595, action: 'isolate', node: 'n1' },
      // (d) n5 restarts; term 3 is taken, it wins term 4 at 720 with n3 and n4, and overwrites index 2.
      { at: 650, action: 'restart', node: 'n5' },
      { at: 660, action: 'timeout', node: 'n5' },
      { at: 700, action: 'timeout', node: 'n5' },
    ],
  },
  'forget-voted-for': {
    name: 'Bug: votedFor forgotten on restart',
    description:
      'n1 and n3 stand for term 1 together; n3\'s request to n2 is slow. n2 votes for n1, which wins, then n2 crashes and restarts ' +
      'having forgotten its vote, so when n3\'s request arrives it votes again: n3 wins term 1 too (Election Safety, Raft §5.2). ' +
      'Both leaders take a write at index 2 of term 1, and the nodes apply different entries there.',
    ...COMMON,
    nodes: 3,
    until: 800,
    config: { ...SLOW_ELECTIONS, bugs: ['forget-voted-for'] },
    timeline: [
      { at: 0, action: 'link', from: 'n1', to: 'n3', cut: true },
      { at: 0, action: 'link', from: 'n3', to: 'n2', latencyMs: [100, 100] },
      { at: 100, action: 'timeout', node: 'n1' },
      { at: 100, action: 'timeout', node: 'n3' },
      { at: 130, action: 'crash', node: 'n2' },
      { at: 150, action: 'restart', node: 'n2' },
      put(300, 'c1', 'n1', 'x', '1'),
      put(300, 'c2', 'n3', 'x', '2'),
    ],
  },
  'vote-without-log-check': {
    name: 'Bug: votes without the up-to-date check',
    description:
      'n3 is down while x = 1 commits on n1 and n2. Then n1 crashes and n3 comes back and stands for term 2: n2 votes for it although ' +
      'n3\'s log lacks x = 1, so n3 becomes leader without a committed entry (Leader Completeness, Raft §5.4.1) and overwrites it on n2; ' +
      'a later read of x finds nothing.',
    ...COMMON,
    nodes: 3,
    until: 1000,
    config: { ...SLOW_ELECTIONS, bugs: ['vote-without-log-check'] },
    timeline: [
      { at: 100, action: 'timeout', node: 'n1' },
      { at: 300, action: 'crash', node: 'n3' },
      put(400, 'c1', 'n1', 'x', '1'),
      { at: 600, action: 'crash', node: 'n1' },
      { at: 610, action: 'restart', node: 'n3' },
      { at: 620, action: 'timeout', node: 'n3' },
      get(800, 'c2', 'n3', 'x'),
    ],
  },
  'apply-before-quorum': {
    name: 'Bug: applying before a quorum has the entry',
    description:
      'The leader n1 is cut off, then takes a write x = 1: with the bug it applies it and answers "ok" at once, though no follower has it. ' +
      'n2 and n3 elect n2, which applies its own entry at index 2 (State Machine Safety, Raft §5.3) and answers a later read of x with ' +
      'nothing: the acknowledged write is lost, so the history is not linearizable.',
    ...COMMON,
    nodes: 3,
    until: 1000,
    config: { ...SLOW_ELECTIONS, bugs: ['apply-before-quorum'] },
    timeline: [
      { at: 100, action: 'timeout', node: 'n1' },
      { at: 300, action: 'isolate', node: 'n1' },
      put(350, 'c1', 'n1', 'x', '1'),
      { at: 400, action: 'timeout', node: 'n2' },
      get(600, 'c2', 'n2', 'x'),
      { at: 800, action: 'heal' },
    ],
  },
  'skip-consistency-check': {
    name: 'Bug: AppendEntries without the consistency check',
    description:
      'The leader n1 is cut off and takes a write x = 1 at index 2 that never commits; n2 wins term 2 and commits its own entry at index 2. ' +
      'On healing, n1 accepts n2\'s heartbeat without checking that its entry 2 matches, so it applies its stale x = 1 there (State Machine ' +
      'Safety) and keeps it under the entries that follow (Log Matching, Raft §5.3).',
    ...COMMON,
    nodes: 3,
    until: 1200,
    config: { ...SLOW_ELECTIONS, bugs: ['skip-consistency-check'] },
    timeline: [
      { at: 100, action: 'timeout', node: 'n1' },
      { at: 300, action: 'isolate', node: 'n1' },
      put(350, 'c1', 'n1', 'x', '1'),
      { at: 400, action: 'timeout', node: 'n2' },
      { at: 800, action: 'heal' },
      put(900, 'c2', 'n2', 'x', '2'),
    ],
  },
  'ack-before-sync': {
    name: 'Bug: acknowledging before the disk sync (a power loss)',
    description:
      'Every disk takes 100 ms to sync (config.syncLatencyMs). n1 leads term 1 and takes x = 1 at index 2; n2 and n3 write it and, with ' +
      'the bug, acknowledge it at once, before it is durable. Two followers are a majority of three, so n1 commits x = 1 and answers ' +
      'the client at 540; n1 syncs its own copy at 610. At 615 the power fails everywhere: n2 and n3 had not synced x = 1 yet and come ' +
      'back without it. n2 wins term 2 with n3\'s vote (their logs agree) and puts its no-op at index 2: the committed entry is gone ' +
      '(Leader Completeness, State Machine Safety), and a read of x no longer sees the acknowledged write (linearizability). Correct ' +
      'Raft holds the acknowledgement until the sync (Figure 2; thesis §10.2.1), so x = 1 never commits before the power loss.',
    ...COMMON,
    nodes: 3,
    until: 1600,
    config: { ...SLOW_ELECTIONS, syncLatencyMs: 100, bugs: ['ack-before-sync'] },
    timeline: [
      { at: 100, action: 'timeout', node: 'n1' },
      put(500, 'c1', 'n1', 'x', '1'),
      ...['n1', 'n2', 'n3'].map((node) => ({ at: POWER_LOSS_AT, action: 'crash', node, loseUnsynced: true })),
      { at: 800, action: 'restart' },
      { at: 850, action: 'timeout', node: 'n2' },
      get(1300, 'c2', 'n2', 'x'),
    ],
  },
  ...MEMBERSHIP_BUG_RAW,
};

/**
 * BUG_EXAMPLES gives, for each teaching bug, its example scenario (a fresh normalised copy per
 * `build()` call), the Figure 3 property it breaks and when the first violation is reported.
 */
export const BUG_EXAMPLES: Record<RaftBug, BugExample> = {
  'commit-old-terms': {
    id: 'figure-8',
    property: 'Leader Completeness',
    first: { property: 'Leader Completeness', t: 720 },
    build: () => parseScenario(RAW['commit-old-terms']),
  },
  'forget-voted-for': {
    id: 'double-vote',
    property: 'Election Safety',
    first: { property: 'Election Safety', t: 210 },
    build: () => parseScenario(RAW['forget-voted-for']),
  },
  'vote-without-log-check': {
    id: 'stale-leader',
    property: 'Leader Completeness',
    first: { property: 'Leader Completeness', t: 640 },
    build: () => parseScenario(RAW['vote-without-log-check']),
  },
  'apply-before-quorum': {
    id: 'early-ack',
    property: 'State Machine Safety',
    first: { property: 'State Machine Safety', t: 420 },
    build: () => parseScenario(RAW['apply-before-quorum']),
  },
  'skip-consistency-check': {
    id: 'unchecked-append',
    property: 'Log Matching',
    // The follower applies its stale entry first; the logs' mismatch is seen at the next Log Matching check.
    first: { property: 'State Machine Safety', t: 830 },
    build: () => parseScenario(RAW['skip-consistency-check']),
  },
  'ack-before-sync': {
    id: 'power-loss',
    property: 'State Machine Safety',
    first: { property: 'Leader Completeness', t: 1070 },
    build: () => parseScenario(RAW['ack-before-sync']),
  },
  'concurrent-changes': {
    id: 'two-changes-at-once',
    property: 'Election Safety',
    // The membership lamp sees the second uncommitted change at once; the two leaders follow at 620.
    first: { property: 'One Change at a Time', t: 470 },
    build: () => parseScenario(RAW['concurrent-changes']),
  },
  'skip-own-term-commit': {
    id: 'reconfig-2015',
    property: 'Leader Completeness',
    // The membership lamp sees E appended before n2's no-op commits; n1 overwrites it at 650.
    first: { property: 'One Change at a Time', t: 521 },
    build: () => parseScenario(RAW['skip-own-term-commit']),
  },
};

/** withoutBugs gives `scenario` with every teaching bug switched off (config.bugs = []), all else unchanged. */
export function withoutBugs(scenario: Scenario): Scenario {
  return parseScenario({ ...scenario, config: { ...scenario.config, bugs: [] } });
}
