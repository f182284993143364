/**
 * A node's cluster configuration: whose votes count for elections and commitment (Raft §5.2). Every
 * quorum decision goes through here. The configuration is the latest one in the node's log,
 * committed or not (thesis §4.1), found by {@link latestConfiguration}; a joint configuration
 * C_old,new needs separate majorities of its old and its new voters (paper §6, thesis §4.3).
 */
import type { NodeId } from '../../types';
import type { ConfigCommand, Entry } from './messages';
import { committedIndex } from './quorum';
import { entryAt, lastLogIndex, snapshotIndex, type RaftState } from './state';

/** Configuration is the membership a node acts under (thesis §4.1). */
export interface Configuration {
  /** The voters (C_new), the node itself included if it is one. */
  readonly voters: readonly NodeId[];
  /** Non-voting members: they receive the log but neither vote nor count (thesis §4.2.1). */
  readonly learners: readonly NodeId[];
  /** The old voters while the configuration is joint (C_old,new); absent otherwise. */
  readonly votersOld?: readonly NodeId[];
  /** The log index of its configuration entry; 0 for the base configuration the log starts from. */
  readonly index: number;
}

/** What {@link latestConfiguration} last found for a state: valid while the log up to `scanned` is unchanged. */
interface Found {
  /** The snapshot the scan stopped at (a new snapshot means a new base). */
  snapshot: unknown;
  scanned: number;
  scannedEntry: Entry | undefined;
  cfg: Configuration;
  cfgEntry: Entry | undefined;
}
const found = new WeakMap<RaftState, Found>();
const bases = new WeakMap<RaftState, Configuration>();

/**
 * baseConfiguration is the configuration the log starts from (thesis §4.1): `config.members`, or
 * every node of the scenario when absent. With log compaction, a snapshot's configuration takes
 * this place (thesis §5.1).
 */
export function baseConfiguration(s: RaftState): Configuration {
  const c = s.snapshot?.configuration;
  if (c) {
    // Compacted: the configuration as of lastIncludedIndex, which the snapshot carries (thesis §5.1).
    const index = snapshotIndex(s);
    return c.votersOld ? { voters: c.voters, learners: c.learners ?? [], votersOld: c.votersOld, index } : { voters: c.voters, learners: c.learners ?? [], index };
  }
  let b = bases.get(s);
  if (b === undefined) {
    const voters = s.config.members ? [...s.config.members] : [s.id, ...s.peers];
    b = { voters, learners: [], index: 0 };
    bases.set(s, b);
  }
  return b;
}

function fromEntry(c: ConfigCommand, index: number): Configuration {
  return c.votersOld ? { voters: c.voters, learners: c.learners, votersOld: c.votersOld, index } : { voters: c.voters, learners: c.learners, index };
}

/**
 * latestConfiguration is the configuration `s` uses: that of the last configuration entry in its
 * log, committed or not, else the base configuration (thesis §4.1). A truncated configuration
 * entry falls back to the one before it. Amortised O(1): it remembers what it found and, while the
 * log it scanned is still in place, scans only entries appended since.
 */
export function latestConfiguration(s: RaftState): Configuration {
  const last = lastLogIndex(s);
  const base = snapshotIndex(s);
  const f = found.get(s);
  let from = base;
  let cfg = baseConfiguration(s);
  let cfgEntry: Entry | undefined;
  if (
    f !== undefined &&
    f.snapshot === (s.snapshot ?? null) &&
    f.scanned <= last &&
    (f.scanned <= base || entryAt(s, f.scanned) === f.scannedEntry) &&
    (f.cfg.index <= base || entryAt(s, f.cfg.index) === f.cfgEntry)
  ) {
    if (f.scanned === last) return f.cfg;
    from = f.scanned;
    cfg = f.cfg;
    cfgEntry = f.cfgEntry;
  }
  for (let i = last; i > from; i--) {
    const e = entryAt(s, i);
    if (e.command.kind === 'config') {
      cfg = fromEntry(e.command, i);
      cfgEntry = e;
      break;
    }
  }
  found.set(s, { snapshot: s.snapshot ?? null, scanned: last, scannedEntry: last <= base ? undefined : entryAt(s, last), cfg, cfgEntry });
  return cfg;
}

/**
 * configurationAt is the configuration in force at log index `index` (≥ the snapshot's
 * lastIncludedIndex): that of the last configuration entry at or before it, else the base. A
 * snapshot taken up to `index` carries it (thesis §5.1).
 */
export function configurationAt(s: RaftState, index: number): Configuration {
  for (let i = Math.min(index, lastLogIndex(s)); i > snapshotIndex(s); i--) {
    const e = entryAt(s, i);
    if (e.command.kind === 'config') return fromEntry(e.command, i);
  }
  return baseConfiguration(s);
}

/** isVoter says whether `id` votes in `cfg`: in C_new, or in C_old while joint. */
export function isVoter(cfg: Configuration, id: NodeId): boolean {
  return cfg.voters.includes(id) || (cfg.votersOld?.includes(id) ?? false);
}

/** isLearner says whether `id` is a non-voting member of `cfg` (thesis §4.2.1). */
export function isLearner(cfg: Configuration, id: NodeId): boolean {
  return cfg.learners.includes(id) && !isVoter(cfg, id);
}

/** voters gives the nodes whose votes and acknowledgements count under `s`'s latest configuration (both sets while joint). */
export function voters(s: RaftState): readonly NodeId[] {
  const c = latestConfiguration(s);
  if (!c.votersOld) return c.voters;
  return [...c.votersOld, ...c.voters.filter((v) => !c.votersOld!.includes(v))];
}

/** majority says whether the distinct `ids` hold more than half of `set`. */
function majority(set: readonly NodeId[], ids: readonly NodeId[]): boolean {
  let count = 0;
  for (const id of ids) if (set.includes(id)) count++;
  return count >= Math.floor(set.length / 2) + 1;
}

/**
 * isQuorum says whether the distinct nodes `ids` are a quorum of `s`'s latest configuration: at
 * least ⌊n/2⌋ + 1 of its n voters (Raft §5.2), and while joint, of both C_old and C_new separately
 * (paper §6). Ids that are not voters do not count, the node itself included (thesis §4.2.2).
 */
export function isQuorum(s: RaftState, ids: readonly NodeId[]): boolean {
  const c = latestConfiguration(s);
  return majority(c.voters, ids) && (!c.votersOld || majority(c.votersOld, ids));
}

const scratch: number[] = [];

function storedByMajority(set: readonly NodeId[], matchOf: (id: NodeId) => number): number {
  if (set.length === 0) return 0;
  scratch.length = 0;
  for (const id of set) scratch.push(matchOf(id));
  return committedIndex(scratch);
}

/**
 * quorumIndex gives the largest log index a quorum of `s`'s latest configuration stores (Raft
 * §5.3), by `matchOf(id)`, the last index known stored on `id`. While joint, the smaller of the two
 * majorities' indexes (paper §6). The commit rule (§5.4.2) adds the term check.
 */
export function quorumIndex(s: RaftState, matchOf: (id: NodeId) => number): number {
  const c = latestConfiguration(s);
  const n = storedByMajority(c.voters, matchOf);
  return c.votersOld ? Math.min(n, storedByMajority(c.votersOld, matchOf)) : n;
}

/** replicas gives the other members a leader replicates to: voters and learners of its latest configuration, in `s.peers` order. */
export function replicas(s: RaftState): readonly NodeId[] {
  const c = latestConfiguration(s);
  if (c.index === 0 && !s.config.members) return s.peers;
  return s.peers.filter((p) => isVoter(c, p) || c.learners.includes(p));
}

/** otherVoters gives the voters of `s`'s latest configuration besides itself, in `s.peers` order: whom a candidate asks for votes. */
export function otherVoters(s: RaftState): readonly NodeId[] {
  const c = latestConfiguration(s);
  if (c.index === 0 && !s.config.members) return s.peers;
  return s.peers.filter((p) => isVoter(c, p));
}
