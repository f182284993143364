/**
 * What a quorum node shows: its summary (role, votes, highest version) for the canvas and the trace,
 * and its detail for the quorum panel (copies with versions, the quorums it gathered, its tallies
 * with the thresholds, the liars it flagged, the setting's warnings).
 */
import type { NodeDetail } from '../../protocol';
import type { NodeId, NodeSummary } from '../../types';
import { settingWarnings, type Behaviour, type Rules, type Stance } from './config';
import type { Tag } from './messages';
import { highestVersion, weightOf, type Decision, type QuorumFormed, type QuorumState } from './state';
import { countVotes } from './voting';

/**
 * QuorumRole is a node's role: `byzantine` while the adversary holds it, `coordinator` while it
 * runs a client op or tallies an undecided proposal, else `replica`.
 */
export type QuorumRole = 'replica' | 'coordinator' | 'byzantine';

/** QUORUM_ROLES lists every role, for menus. */
export const QUORUM_ROLES: readonly QuorumRole[] = ['replica', 'coordinator', 'byzantine'];

const undecided = (s: QuorumState): number => {
  let n = 0;
  for (const t of s.tallies.values()) if (!t.decision && t.value !== null) n++;
  return n;
};

/** roleOf gives a node's role (see {@link QuorumRole}). */
export const roleOf = (s: QuorumState): QuorumRole => (s.behaviour ? 'byzantine' : s.ops.size > 0 || undecided(s) > 0 ? 'coordinator' : 'replica');

/** summaryOf gives the trace's summary: no epoch, vote or log; fields `votes` held and highest `version`. */
export const summaryOf = (s: QuorumState): NodeSummary => ({
  role: roleOf(s),
  term: 0,
  votedFor: null,
  commitIndex: 0,
  lastLogIndex: 0,
  lastApplied: 0,
  fields: { votes: weightOf(s, s.id), version: highestVersion(s) },
});

/** CopyView is one key's copy at a replica. */
export interface CopyView {
  key: string;
  tag: Tag;
  value: string | null;
}

/** ProposalView is one proposal as a tally sees it. */
export interface ProposalView {
  id: string;
  /** The value proposed (null: only votes arrived so far). */
  value: string | null;
  /** Approving votes by value, as counted, most first. */
  approvals: [string, number][];
  /** Votes cast, as counted. */
  participation: number;
  /** Each vote counted: voter, choice, value, configured and claimed weight. */
  votes: { voter: NodeId; choice: Stance; value: string; weight: number; claimed: number }[];
  decision: Decision | null;
}

/** QuorumDetail is a node's structured view for the quorum panel (NodeDetail.protocolDetail). */
export interface QuorumDetail {
  rules: Rules;
  /** The setting's broken rules, in words (config.ts settingWarnings). */
  warnings: string[];
  stance: Stance;
  behaviour: Behaviour | null;
  copies: CopyView[];
  /** The newest quorums this node gathered as coordinator, newest last. */
  quorums: QuorumFormed[];
  proposals: ProposalView[];
  /** Voters this node flagged, with the first evidence. */
  flagged: [NodeId, string][];
  /** Ops under way at this coordinator. */
  inFlight: number;
}

/** proposalView gives tally `id` as the panel shows it. */
function proposalView(s: QuorumState, id: string): ProposalView {
  const t = s.tallies.get(id)!;
  const c = countVotes(s, t);
  return {
    id,
    value: t.value,
    approvals: [...c.approvals].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)),
    participation: c.participation,
    votes: [...t.votes].map(([voter, v]) => ({ voter, choice: v.choice, value: v.value, weight: weightOf(s, voter), claimed: v.claimed })),
    decision: t.decision,
  };
}

/** inspectNode gives the node panel's view: copies as the key-value rows, and the quorum detail. */
export function inspectNode(s: QuorumState): NodeDetail {
  const copies: CopyView[] = [...s.copies].sort(([a], [b]) => (a < b ? -1 : 1)).map(([key, c]) => ({ key, tag: c.tag, value: c.value }));
  const kv: Record<string, string> = {};
  for (const c of copies) kv[c.key] = `${c.value ?? 'nil'} (v${c.tag.version})`;
  const suspects: Record<NodeId, string> = {};
  for (const [n, why] of s.flagged) suspects[n] = why;
  const detail: QuorumDetail = {
    rules: s.rules,
    warnings: settingWarnings(s.rules),
    stance: s.stance,
    behaviour: s.behaviour,
    copies,
    quorums: [...s.quorums],
    proposals: [...s.tallies.keys()].map((id) => proposalView(s, id)),
    flagged: [...s.flagged],
    inFlight: s.ops.size,
  };
  return {
    summary: summaryOf(s),
    log: [],
    kv,
    extra: { votes: weightOf(s, s.id), stance: s.stance, 'V (total votes)': s.rules.total, r: s.rules.r, w: s.rules.w },
    behaviour: s.behaviour,
    suspects,
    protocolDetail: detail,
  };
}
