/**
 * The quorum panel's model, built from the nodes' details (pure, tested in model.test.ts): the
 * setting (V, r, w, the thresholds and the rules they keep or break), each replica's votes, stance
 * and versions, the newest quorums gathered across the cluster with their members, one tally's
 * proposals with approval and participation against their thresholds, and the liars flagged.
 */
import type { NodeDetail } from '../../../core/protocol';
import type { QuorumDetail, QuorumFormed, Rules } from '../../../core/protocols/quorum';
import type { NodeId } from '../../../core/types';

/** RuleLine is one rule of the setting, stated with its numbers, e.g. `r + w > V: 3 + 3 > 5`. */
export interface RuleLine {
  text: string;
  ok: boolean;
}

/** ReplicaRow is one replica in the table. */
export interface ReplicaRow {
  id: NodeId;
  votes: number;
  stance: string;
  behaviour: string | null;
  crashed: boolean;
  /** `x v3 = c1.2`, one per key. */
  copies: string[];
}

/** QuorumRow is one quorum gathered, newest first. */
export interface QuorumRow extends QuorumFormed {
  coordinator: NodeId;
}

/** Bar is one approval or participation bar: its length and the threshold's mark, as % of V. */
export interface Bar {
  label: string;
  votes: number;
  pct: number;
  reached: boolean;
}

/** ProposalRow is one proposal as one tally counts it. */
export interface ProposalRow {
  id: string;
  value: string | null;
  outcome: string;
  /** Approvals per value, most first (one bar each), then participation. */
  approvals: Bar[];
  participation: Bar;
  thresholdPct: number;
  quorumPct: number;
  voters: string;
  /** The tally whose count is shown: the panel's tally if it knows the proposal, else the first honest node that does. */
  at: NodeId;
  /** Every honest tally's decision, e.g. `approved right at n3 n4 n5 · undecided at n1 n2`. */
  across: string;
}

/** QuorumModel is everything the panel draws. */
export interface QuorumModel {
  rules: Rules | null;
  ruleLines: RuleLine[];
  warnings: string[];
  replicas: ReplicaRow[];
  quorums: QuorumRow[];
  /** The tally whose proposals are shown. */
  tally: NodeId | null;
  proposals: ProposalRow[];
  /** Liar → who flagged it and the first evidence. */
  liars: { voter: NodeId; by: NodeId[]; reason: string }[];
}

/** QUORUMS_SHOWN bounds the quorum rows. */
export const QUORUMS_SHOWN = 6;

const detailOf = (d: NodeDetail | undefined): QuorumDetail | null => (d?.protocolDetail as QuorumDetail | undefined) ?? null;
const pct = (n: number, total: number): number => (total > 0 ? Math.min(100, (100 * n) / total) : 0);

/** ruleLinesOf states Gifford's rules and the decision thresholds with this setting's numbers. */
export function ruleLinesOf(r: Rules): RuleLine[] {
  return [
    { text: `r + w > V: ${r.r} + ${r.w} ${r.r + r.w > r.total ? '>' : '≤'} ${r.total} (a read meets the last write)`, ok: r.r + r.w > r.total },
    { text: `2w > V: 2 × ${r.w} ${2 * r.w > r.total ? '>' : '≤'} ${r.total} (two writes meet)`, ok: 2 * r.w > r.total },
    { text: `approve: ${r.threshold} approving votes of ${r.total}; abstentions do not approve`, ok: 2 * r.threshold > r.total && r.threshold <= r.total },
    { text: `quorum: ${r.quorum} votes cast (approve, reject or abstain) of ${r.total}`, ok: r.quorum <= r.total },
  ];
}

/**
 * buildQuorumModel builds the panel's model. The tally shown is `selected` when it is an honest
 * node with details, else the first honest node that tallied anything, else the first node.
 */
export function buildQuorumModel(input: { nodeIds: readonly NodeId[]; details: Readonly<Record<NodeId, NodeDetail>>; crashed: ReadonlySet<NodeId>; selected: NodeId | null }): QuorumModel {
  const { nodeIds, details, crashed, selected } = input;
  const any = nodeIds.map((id) => detailOf(details[id])).find((d) => d !== null) ?? null;
  const rules = any?.rules ?? null;
  const replicas: ReplicaRow[] = nodeIds.map((id) => {
    const d = detailOf(details[id]);
    return {
      id,
      votes: rules?.weights[id] ?? 0,
      stance: d?.stance ?? '—',
      behaviour: d?.behaviour ?? null,
      crashed: crashed.has(id),
      copies: (d?.copies ?? []).map((c) => `${c.key} v${c.tag.version} = ${c.value ?? 'nil'}`),
    };
  });
  const quorums: QuorumRow[] = nodeIds
    .flatMap((id) => (detailOf(details[id])?.quorums ?? []).map((q) => ({ ...q, coordinator: id })))
    .sort((a, b) => b.at - a.at || (a.op < b.op ? 1 : -1))
    .slice(0, QUORUMS_SHOWN);
  const honest = (id: NodeId): boolean => detailOf(details[id]) !== null && detailOf(details[id])!.behaviour === null;
  const tally =
    (selected && honest(selected) ? selected : null) ??
    nodeIds.find((id) => honest(id) && detailOf(details[id])!.proposals.length > 0) ??
    nodeIds.find(honest) ??
    null;
  const proposals: ProposalRow[] = [];
  if (tally && rules) {
    const honestIds = nodeIds.filter(honest);
    const ids: string[] = [];
    for (const id of [tally, ...honestIds]) for (const p of detailOf(details[id])!.proposals) if (!ids.includes(p.id)) ids.push(p.id);
    for (const pid of ids) {
      const at = [tally, ...honestIds].find((id) => detailOf(details[id])!.proposals.some((p) => p.id === pid))!;
      const p = detailOf(details[at])!.proposals.find((x) => x.id === pid)!;
      const outcomeAt = (id: NodeId): string => {
        const d = detailOf(details[id])!.proposals.find((x) => x.id === pid)?.decision;
        return d ? (d.outcome === 'approved' ? `approved ${d.value}` : 'rejected') : 'undecided';
      };
      const groups = new Map<string, NodeId[]>();
      for (const id of honestIds) groups.set(outcomeAt(id), [...(groups.get(outcomeAt(id)) ?? []), id]);
      proposals.push({
        id: p.id,
        value: p.value,
        outcome: outcomeAt(at),
        approvals: p.approvals.map(([value, votes]) => ({ label: value, votes, pct: pct(votes, rules.total), reached: votes >= rules.threshold })),
        participation: { label: 'cast', votes: p.participation, pct: pct(p.participation, rules.total), reached: p.participation >= rules.quorum },
        thresholdPct: pct(rules.threshold, rules.total),
        quorumPct: pct(rules.quorum, rules.total),
        voters: p.votes.map((v) => `${v.voter} ${v.choice}${v.choice === 'approve' && v.value !== p.value ? ` ${v.value}` : ''}${v.claimed !== v.weight ? ` (claims ${v.claimed})` : ''}`).join(', '),
        at,
        across: [...groups].map(([o, ns]) => `${o} at ${ns.join(' ')}`).join(' · '),
      });
    }
  }
  const liarMap = new Map<NodeId, { by: NodeId[]; reason: string }>();
  for (const id of nodeIds) {
    if (!honest(id)) continue;
    for (const [voter, reason] of detailOf(details[id])!.flagged) {
      const l = liarMap.get(voter);
      if (l) l.by.push(id);
      else liarMap.set(voter, { by: [id], reason });
    }
  }
  return {
    rules,
    ruleLines: rules ? ruleLinesOf(rules) : [],
    warnings: any?.warnings ?? [],
    replicas,
    quorums,
    tally,
    proposals,
    liars: [...liarMap].map(([voter, l]) => ({ voter, ...l })).sort((a, b) => (a.voter < b.voter ? -1 : 1)),
  };
}
