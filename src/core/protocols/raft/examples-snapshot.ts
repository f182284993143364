/**
 * Log compaction's stories (Raft §7; thesis §5.1), as raw scenarios validated when loaded: a
 * follower that missed compacted entries receives the leader's snapshot in chunks, and a node
 * restarts from its snapshot plus the entries after it. Listed by Raft's registry entry (entry.ts).
 */
const put = (at: number, key: string, value: string, client = 'c1') => ({ at, action: 'request', client, op: { f: 'put', key, value } });

/** writes gives `n` puts, `every` virtual ms apart from `from`, cycling over a few keys. */
function writes(from: number, n: number, every: number): Record<string, unknown>[] {
  const keys = ['x', 'y', 'z', 'w'];
  return Array.from({ length: n }, (_, i) => put(from + i * every, keys[i % keys.length]!, String(i + 1), `c${(i % 2) + 1}`));
}

/** SNAPSHOT_EXAMPLES maps an id to a raw scenario (validated when loaded). */
export const SNAPSHOT_EXAMPLES: Record<string, Record<string, unknown>> = {
  'snapshot-install': {
    name: 'A follower needs a snapshot',
    description:
      'Every node snapshots its state machine once 5 applied entries follow its last snapshot, and drops those entries from its log (Raft §7). n3 is down while the others commit a dozen writes and compact. When n3 comes back, the entries it needs are gone from the leader\'s log, so the leader sends its snapshot instead: InstallSnapshot in chunks of 40 bytes, each resetting n3\'s election timer. n3 loads the state machine, then catches up on the rest with AppendEntries.',
    version: 1, protocol: 'raft', seed: 7, nodes: 3, until: 5000,
    config: { snapshotThreshold: 5, snapshotChunkBytes: 40 },
    network: { latencyMs: [10, 20], loss: 0, duplicate: 0 },
    timeline: [
      put(800, 'x', '0'),
      { at: 1000, action: 'crash', node: 'n3' },
      ...writes(1100, 12, 100),
      { at: 2800, action: 'restart', node: 'n3' },
      put(3600, 'x', 'after'),
    ],
  },
  'snapshot-restart': {
    name: 'Restart from snapshot + log',
    description:
      'With snapshots every 4 applied entries (Raft §7), the whole cluster crashes after eight writes. Each node restarts from what it persisted: its snapshot, which holds the key-value store and the client sessions, plus the entries after it. commitIndex and lastApplied start at the snapshot\'s lastIncludedIndex, so only the later entries are applied again once a new leader commits them. The log view shows each node\'s snapshot boundary (▣ ≤ lastIncludedIndex, lastIncludedTerm) and the entries after it.',
    version: 1, protocol: 'raft', seed: 5, nodes: 3, until: 5000,
    config: { snapshotThreshold: 4 },
    network: { latencyMs: [10, 20], loss: 0, duplicate: 0 },
    timeline: [
      ...writes(800, 9, 80),
      { at: 1700, action: 'crash', node: 'n1' },
      { at: 1700, action: 'crash', node: 'n2' },
      { at: 1700, action: 'crash', node: 'n3' },
      { at: 2200, action: 'restart', node: 'n1' },
      { at: 2200, action: 'restart', node: 'n2' },
      { at: 2200, action: 'restart', node: 'n3' },
      put(3200, 'x', 'after'),
    ],
  },
};
