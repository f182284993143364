/**
 * Teaching bugs: switches that plant a known bug in Raft, to show what the safety checks catch.
 * A scenario turns them on with `config: { bugs: [...] }` (see config.ts), so a buggy run is as
 * deterministic and shareable as any other. Each bug is one small branch, marked `BUG (<id>)`, right
 * beside the correct rule it replaces; with no bug on, Raft runs exactly as without this file.
 * The example scenario of each bug is in ./bug-examples.ts.
 */

/** RAFT_BUG_IDS lists every teaching bug's id (kebab-case), in catalogue order. */
export const RAFT_BUG_IDS = [
  'commit-old-terms',
  'forget-voted-for',
  'vote-without-log-check',
  'apply-before-quorum',
  'skip-consistency-check',
  'ack-before-sync',
  'concurrent-changes',
  'skip-own-term-commit',
] as const;

/** RaftBug names one teaching bug. */
export type RaftBug = (typeof RAFT_BUG_IDS)[number];

/** RaftBugInfo describes one teaching bug for the UI and the CLI. */
export interface RaftBugInfo {
  id: RaftBug;
  /** A short title, e.g. "Commit entries of older terms by counting replicas". */
  title: string;
  /** What the buggy node does, in a sentence or two. */
  description: string;
  /** The rule of the extended Raft paper (Ongaro & Ousterhout 2014) it breaks, with its section. */
  rule: string;
  /** Which Figure 3 property (or linearizability of client operations) it is expected to break. */
  expected: string;
}

/**
 * RAFT_BUGS is the catalogue of teaching bugs, one entry per {@link RAFT_BUG_IDS} id, in the same
 * order. Where each bug lives in the code:
 * - `commit-old-terms`: replication.ts, advanceCommitIndex;
 * - `forget-voted-for`: state.ts, recoverState;
 * - `vote-without-log-check`: election.ts, handleRequestVote;
 * - `apply-before-quorum`: replication.ts, appendAsLeader;
 * - `ack-before-sync`: storage.ts, holdUntilSynced;
 * - `skip-consistency-check`: replication.ts, handleAppendEntries;
 * - `concurrent-changes`, `skip-own-term-commit`: membership.ts, changeRefusal.
 */
export const RAFT_BUGS: readonly RaftBugInfo[] = [
  {
    id: 'commit-old-terms',
    title: 'Commit entries of older terms by counting replicas',
    description:
      'A leader advances commitIndex to any index N stored on a majority, whatever the term of log[N]. ' +
      'An entry of an older term can then be "committed" and still be overwritten by a later leader (the Figure 8 situation).',
    rule:
      'A leader only commits an entry of its current term by counting replicas; entries of earlier terms commit ' +
      'indirectly, along with it (Raft §5.4.2, Figure 8; Figure 2: "…and log[N].term == currentTerm").',
    expected: 'Leader Completeness and State Machine Safety: a later leader lacks an entry that was applied, and applies another at that index.',
  },
  {
    id: 'forget-voted-for',
    title: 'Forget votedFor on restart',
    description:
      'votedFor is not kept across a crash: a node that voted in a term, crashed and restarted may vote again in ' +
      'the same term, for another candidate.',
    rule:
      'currentTerm, votedFor and log are persistent state, written to stable storage before answering RPCs ' +
      '(Raft Figure 2, "Persistent state on all servers"); each server votes for at most one candidate per term (§5.2).',
    expected: 'Election Safety: two leaders are elected in the same term.',
  },
  {
    id: 'vote-without-log-check',
    title: 'Grant votes without the up-to-date check',
    description:
      'A voter grants its vote whatever the candidate\'s log looks like, so a candidate missing committed entries can win.',
    rule:
      'A voter denies its vote if its own log is more up-to-date than the candidate\'s: compare last terms, then ' +
      'last indexes (Raft §5.4.1, the election restriction).',
    expected: 'Leader Completeness (a leader without a committed entry), then State Machine Safety when it overwrites it.',
  },
  {
    id: 'apply-before-quorum',
    title: 'Apply and answer before a quorum has the entry',
    description:
      'A leader treats an entry as committed as soon as it is in its own log: it applies it, answers the client, ' +
      'and tells followers through leaderCommit. If it is then deposed, the entry is lost although the client was told it succeeded.',
    rule:
      'An entry is committed once the leader has replicated it on a majority; only committed entries are applied ' +
      'and answered (Raft §5.3, §5.4; Figure 2, "If there exists an N … a majority of matchIndex[i] ≥ N").',
    expected:
      'State Machine Safety (a deposed leader applied an entry the new leader replaces) and Leader Completeness; ' +
      'for clients, an acknowledged write is lost, so the history is not linearizable.',
  },
  {
    id: 'skip-consistency-check',
    title: 'Accept AppendEntries without the consistency check',
    description:
      'A follower stores the entries of an AppendEntries even when its log has no entry matching prevLogIndex and ' +
      'prevLogTerm: it keeps its own, different entries before them, and a shorter log simply gets them appended at its end.',
    rule:
      'A follower rejects AppendEntries if its log does not contain an entry at prevLogIndex whose term matches ' +
      'prevLogTerm (Raft §5.3, the AppendEntries consistency check; Figure 2, receiver implementation step 2).',
    expected: 'Log Matching (two logs agree on an index and term but differ before it), and State Machine Safety when the follower applies.',
  },
  {
    id: 'ack-before-sync',
    title: 'Acknowledge entries before syncing them to disk',
    description:
      'With a disk sync latency (config.syncLatencyMs), a follower answers AppendEntries as soon as it has written the entries, ' +
      'before they are durable. The leader commits on those acknowledgements; a power loss then takes the entries back, and a ' +
      'majority that has forgotten a committed entry elects a leader without it.',
    rule:
      'A server must persist what it acknowledges before it answers: "the follower... updates its persistent state on stable ' +
      'storage before responding to RPCs" (Raft Figure 2, "Persistent state"; thesis §10.2.1; etcd\'s Ready: save, then send).',
    expected: 'State Machine Safety (a committed entry is lost and another is applied at its index), and linearizability.',
  },
  {
    id: 'concurrent-changes',
    title: 'Start a membership change before the previous one commits',
    description:
      'A leader appends a new configuration entry while the previous one is still uncommitted, so two single-server changes ' +
      'are in flight at once: servers that hold different configurations can form majorities that do not overlap.',
    rule:
      'A leader starts a configuration change only once the previous one has committed: one server at a time keeps every ' +
      'old majority overlapping every new one (Ongaro thesis §4.1).',
    expected: 'Election Safety: two leaders in one term, elected by disjoint majorities of different configurations.',
  },
  {
    id: 'skip-own-term-commit',
    title: 'Change the configuration before committing an entry of the current term',
    description:
      'A new leader appends a configuration entry before its own no-op has committed. A configuration of an earlier, ' +
      'deposed leader can then win an election with a majority that never saw the new one, and overwrite it (the 2015 counterexample).',
    rule:
      'A leader may not append a configuration entry until an entry of its current term has committed (Ongaro, raft-dev 2015: ' +
      'the correction to thesis §4.1; etcd sets pendingConfIndex on becoming leader).',
    expected: 'Leader Completeness and State Machine Safety: a committed configuration entry is overwritten by a later leader.',
  },
];

/** raftBug gives the catalogue entry of `id`. @throws Error naming the known bugs if `id` is unknown. */
export function raftBug(id: string): RaftBugInfo {
  const info = RAFT_BUGS.find((b) => b.id === id);
  if (!info) throw new Error(`unknown Raft bug "${id}" (known: ${RAFT_BUG_IDS.join(', ')})`);
  return info;
}
