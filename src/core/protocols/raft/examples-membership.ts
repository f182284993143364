/**
 * Membership change examples (Ongaro's thesis §4, paper §6; membership.ts): a learner that catches
 * up and becomes a voter, the leader removing itself, joint consensus from 3 to 5 servers, and why
 * new servers join as learners. Raw scenarios, validated when loaded; the tests
 * (examples-membership.test.ts) check that each story happens under its seed.
 */
const put = (at: number, key: string, value: string, client = 'c1') => ({ at, action: 'request', client, op: { f: 'put', key, value } });
const writes = (from: number, count: number, every: number, key = 'x') =>
  Array.from({ length: count }, (_, i) => put(from + i * every, key, String(i + 1), `c${(i % 3) + 1}`));

/** MEMBERSHIP_EXAMPLES maps an id to a raw scenario (validated when loaded). */
export const MEMBERSHIP_EXAMPLES: Record<string, Record<string, unknown>> = {
  'learner-catch-up': {
    name: 'A new server catches up as a learner, then votes',
    description:
      'n1, n2 and n3 form the cluster; n4 is a new, empty server outside it (grey). After 24 writes, n4 asks to join (Add to the cluster). ' +
      'The leader adds it as a learner: n4 receives the log, two entries per AppendEntries, but neither votes nor counts for commitment ' +
      '(n4 itself shows "learner" only once the entry naming it arrives: each server believes the configuration in its own log). ' +
      'The leader replicates to it in rounds; once a round is quicker than an election timeout, it makes n4 a voter with a second ' +
      'configuration entry (thesis §4.2.1), and n4 campaigns like any voter from then on.',
    version: 1, protocol: 'raft', seed: 4, nodes: 4, until: 3500,
    config: { electionTimeoutMs: [150, 300], heartbeatMs: 50, members: ['n1', 'n2', 'n3'], maxEntriesPerAppend: 2 },
    network: { latencyMs: [10, 20], loss: 0, duplicate: 0 },
    timeline: [...writes(600, 24, 30), { at: 1600, action: 'input', node: 'n4', name: 'add-server' }, put(2800, 'y', 'after')],
  },
  'remove-leader': {
    name: 'The leader removes itself',
    description:
      'Five servers; the leader is told to remove itself. It appends the configuration without itself and keeps leading while that ' +
      'entry commits, counting the other four but not itself (thesis §4.2.2). Once it commits, the old leader steps down and waits outside ' +
      'the cluster (grey); the four remaining servers elect a new leader and keep taking writes.',
    version: 1, protocol: 'raft', seed: 9, nodes: 5, until: 4000,
    config: { electionTimeoutMs: [150, 300], heartbeatMs: 50 },
    network: { latencyMs: [10, 20], loss: 0, duplicate: 0 },
    timeline: [put(800, 'x', '1'), { at: 1500, action: 'input', node: 'leader', name: 'remove-server' }, put(1510, 'x', '2', 'c2'), put(2800, 'x', '3', 'c3')],
  },
  'joint-3-to-5': {
    name: 'Joint consensus: from 3 servers to 5',
    description:
      'With joint consensus switched on (config.membershipChange), the leader of {n1, n2, n3} is told to add n4 and n5. They join as ' +
      'learners and catch up; then the leader appends the joint configuration C_old,new: from then on every election and every commit ' +
      'needs a majority of the old three and, separately, a majority of the new five (paper §6). Once C_old,new commits, the leader ' +
      'appends C_new = {n1 … n5} alone.',
    version: 1, protocol: 'raft', seed: 5, nodes: 5, until: 3000,
    config: { electionTimeoutMs: [150, 300], heartbeatMs: 50, members: ['n1', 'n2', 'n3'], membershipChange: 'joint-consensus' },
    network: { latencyMs: [10, 20], loss: 0, duplicate: 0 },
    timeline: [put(700, 'x', '1'), { at: 1200, action: 'input', node: 'leader', name: 'add-server', args: { servers: ['n4', 'n5'] } }, put(2500, 'x', '2', 'c2')],
  },
  'empty-server-crash': {
    name: 'Why learners: an empty n4 is added, then n3 crashes',
    description:
      'n4 joins {n1, n2, n3} with an empty log over a slow link, and n3 crashes just after. Had n4 become a voter at once, the cluster ' +
      'would need 3 of 4 while n4 still lacks most of the log: no write could commit until it caught up (thesis §4.2.1). As a learner ' +
      'it does not count, so n1 and n2 (2 of 3) keep committing writes while n4 catches up; it becomes a voter only once it is current.',
    version: 1, protocol: 'raft', seed: 3, nodes: 4, until: 5000,
    config: { electionTimeoutMs: [150, 300], heartbeatMs: 50, members: ['n1', 'n2', 'n3'], maxEntriesPerAppend: 1 },
    network: { latencyMs: [10, 20], loss: 0, duplicate: 0 },
    timeline: [
      ...writes(500, 30, 20),
      // n1 leads from 402 ms under this seed; its link to n4 is slow.
      { at: 1200, action: 'link', from: 'n1', to: 'n4', latencyMs: [40, 40] },
      { at: 1200, action: 'input', node: 'n4', name: 'add-server' },
      { at: 1250, action: 'crash', node: 'n3' },
      ...writes(1300, 10, 100, 'y'),
    ],
  },
};
