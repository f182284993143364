/**
 * The quorum protocol's safety properties, checked from the trace alone (`vote`, `decide`, `quorum`
 * records and the clients' `propose` calls) with the weights, r, w, threshold and quorum of the
 * configuration: never from what a node claims or counted. Decisions of Byzantine nodes are not
 * judged (a liar's own tally says nothing about the honest ones).
 */
import type { ClusterView, SafetyMonitor, SafetyProperty, SafetySpec, Violation } from '../../protocol';
import type { TraceRecord } from '../../trace';
import type { NodeId, VirtualMs } from '../../types';
import { rulesOf, type Rules, type Stance } from './config';
import type { QuorumState } from './state';

/** QuorumProperty names one of the quorum protocol's safety properties. */
export type QuorumProperty = 'Quorum rule' | 'Agreement' | 'Validity';

/** QUORUM_PROPERTIES are the properties, for the lamps. */
export const QUORUM_PROPERTIES: readonly (SafetyProperty & { name: QuorumProperty })[] = [
  {
    name: 'Quorum rule',
    description: 'Every read gathers r votes, every write w votes, and a proposal is decided only when its approvals reach the threshold and its votes cast reach the quorum, each voter counted once at its configured weight.',
    source: 'Gifford 1979 (weighted voting); the original design’s agent voting',
  },
  {
    name: 'Agreement',
    description: 'No two honest tallies decide one proposal differently.',
    source: 'the original design’s quorum decisions (no two conflicting decisions)',
  },
  {
    name: 'Validity',
    description: 'An approved value is the value a client proposed.',
    source: 'the original design’s agent voting (a voter may not invent a value)',
  },
];

/** FirstVote is a voter's first vote at one tally, from the `vote` records. */
interface FirstVote {
  choice: Stance;
  value: string;
}

/** QuorumSafetyMonitor checks the quorum rule, agreement and validity; feed it every trace record, in order. */
export class QuorumSafetyMonitor implements SafetyMonitor {
  readonly violations: Violation[] = [];
  private rules: Rules | null = null;
  /** `node proposal` → voter → its first vote there. */
  private readonly votes = new Map<string, Map<NodeId, FirstVote>>();
  /** proposal → the values clients proposed. */
  private readonly proposed = new Map<string, Set<string>>();
  /** proposal → the first honest decision, and who made it. */
  private readonly decided = new Map<string, { node: NodeId; outcome: string; value: string | null }>();
  private readonly reported = new Set<string>();

  /** @param nodes the cluster; @param honest tells whether a node is honest now; @param rulesNow gives the configuration's rules. */
  constructor(
    private readonly nodes: readonly NodeId[],
    private readonly honest: (id: NodeId) => boolean,
    private readonly rulesNow: () => Rules,
  ) {}

  /** check has nothing costlier to do: every property is checked as records arrive. */
  check(_t: VirtualMs): void {}

  observe(r: TraceRecord): void {
    if (r.type === 'client' && r.phase === 'invoke' && r.op.f === 'propose') {
      const id = String(r.op.id);
      let set = this.proposed.get(id);
      if (!set) this.proposed.set(id, (set = new Set()));
      set.add(String(r.op.value));
      return;
    }
    if (r.type !== 'record') return;
    this.rules ??= this.rulesNow();
    if (r.kind === 'vote') this.onVote(r.node, String(r.proposal), String(r.voter), r.choice as Stance, String(r.value));
    else if (r.kind === 'decide') this.onDecide(r.t, r.node, String(r.proposal), String(r.outcome), (r.value as string | null) ?? null);
    else if (r.kind === 'quorum') this.onQuorum(r.t, r.node, String(r.op), String(r.phase), r.members as NodeId[]);
  }

  private violate(key: string, v: Violation): void {
    if (this.reported.has(key)) return;
    this.reported.add(key);
    this.violations.push(v);
  }

  private onVote(node: NodeId, proposal: string, voter: NodeId, choice: Stance, value: string): void {
    const k = `${node} ${proposal}`;
    let m = this.votes.get(k);
    if (!m) this.votes.set(k, (m = new Map()));
    if (!m.has(voter)) m.set(voter, { choice, value });
  }

  private onQuorum(t: VirtualMs, node: NodeId, op: string, phase: string, members: readonly NodeId[]): void {
    const rules = this.rules!;
    const needed = phase === 'read' ? rules.r : rules.w;
    const votes = new Set(members).size === members.length ? members.reduce((n, m) => n + (rules.weights[m] ?? 0), 0) : -1;
    if (votes >= needed || !this.honest(node)) return;
    this.violate(`q ${op} ${phase}`, {
      property: 'Quorum rule',
      t,
      nodes: [node, ...members],
      indexes: [],
      text: `${node} completed the ${phase} phase of ${op} with ${members.join(', ')}: ${Math.max(votes, 0)} votes, but ${phase === 'read' ? 'r' : 'w'} = ${needed}`,
    });
  }

  private onDecide(t: VirtualMs, node: NodeId, proposal: string, outcome: string, value: string | null): void {
    if (!this.honest(node)) return;
    const rules = this.rules!;
    const votes = this.votes.get(`${node} ${proposal}`) ?? new Map<NodeId, FirstVote>();
    let participation = 0;
    const approvals = new Map<string, number>();
    for (const [voter, v] of votes) {
      const w = rules.weights[voter] ?? 0;
      participation += w;
      if (v.choice === 'approve') approvals.set(v.value, (approvals.get(v.value) ?? 0) + w);
    }
    const unheard = this.nodes.reduce((n, id) => n + (votes.has(id) ? 0 : rules.weights[id] ?? 0), 0);
    const best = Math.max(0, ...approvals.values());
    const approve = value === null ? 0 : approvals.get(value) ?? 0;
    const justified =
      participation >= rules.quorum && (outcome === 'approved' ? approve >= rules.threshold : best + unheard < rules.threshold);
    if (!justified) {
      this.violate(`d ${node} ${proposal}`, {
        property: 'Quorum rule',
        t,
        nodes: [node],
        indexes: [],
        text:
          outcome === 'approved'
            ? `${node} approved ${value} for ${proposal} with ${approve} approving votes of ${rules.threshold} needed and ${participation} cast of ${rules.quorum}, counting each voter once at its configured weight`
            : `${node} rejected ${proposal} with ${participation} votes cast of ${rules.quorum} needed while approval was still within reach (${best} + ${unheard} unheard ≥ ${rules.threshold})`,
      });
    }
    if (outcome === 'approved' && !this.proposed.get(proposal)?.has(value!)) {
      this.violate(`v ${proposal} ${value}`, { property: 'Validity', t, nodes: [node], indexes: [], text: `${node} approved ${value} for ${proposal}, but no client proposed ${value}` });
    }
    const first = this.decided.get(proposal);
    if (!first) this.decided.set(proposal, { node, outcome, value });
    else if (first.outcome !== outcome || first.value !== value) {
      const say = (o: string, v: string | null) => (o === 'approved' ? `approved ${v}` : 'rejected it');
      this.violate(`a ${proposal}`, { property: 'Agreement', t, nodes: [first.node, node], indexes: [], text: `${first.node} ${say(first.outcome, first.value)} for ${proposal}, but ${node} ${say(outcome, value)}` });
    }
  }
}

/** quorumSafety declares the properties and makes a monitor per run, reading the rules and who is honest from the nodes' state. */
export const quorumSafety: SafetySpec = {
  properties: QUORUM_PROPERTIES,
  monitor: (nodes: readonly NodeId[], view: ClusterView) =>
    new QuorumSafetyMonitor(
      nodes,
      (id) => (view.state(id) as QuorumState | undefined)?.behaviour == null,
      () => {
        const s = view.state(nodes[0]!) as QuorumState;
        return rulesOf(s.config, nodes);
      },
    ),
};
