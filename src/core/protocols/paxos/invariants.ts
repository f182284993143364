/**
 * Paxos's safety properties (the lamps), checked from the trace's `request`, `propose`, `promise`,
 * `accept` and `chosen` records as a run goes on (tlaplus/Examples Paxos/Voting.tla, Paxos.tla;
 * more-protocols.md §11). A value counts as chosen as soon as |Q2| acceptors' `accept` records hold
 * it in one ballot, whether or not any learner heard of it.
 */
import type { ClusterView, SafetyMonitor, SafetyProperty, SafetySpec, Violation } from '../../protocol';
import type { TraceRecord } from '../../trace';
import type { NodeId, VirtualMs } from '../../types';
import { compareBallots, type Ballot } from './messages';
import type { PaxosState } from './state';

/** PaxosProperty names one property. */
export type PaxosProperty = 'Agreement' | 'Validity' | 'Promise kept' | 'One value per ballot';

/** PAXOS_PROPERTIES are the properties, for the lamps. */
export const PAXOS_PROPERTIES: readonly (SafetyProperty & { name: PaxosProperty })[] = [
  { name: 'Agreement', description: 'At most one value is chosen in each slot.', source: 'Paxos Made Simple §2.1; Voting.tla (chosen has at most one value)' },
  { name: 'Validity', description: 'Only a value some client proposed (or a no-op filling a gap) is chosen.', source: 'Paxos Made Simple §2.1, §3' },
  { name: 'Promise kept', description: 'An acceptor never accepts below its promise, and its promised ballot never goes down.', source: 'Paxos Made Simple §2.2 (P1a); Paxos.tla' },
  { name: 'One value per ballot', description: 'A ballot proposes one value per slot.', source: 'Voting.tla (OneValuePerBallot)' },
];

type Rec = Extract<TraceRecord, { type: 'record' }>;

/** parseBallot reads `3.n2` (ballotText) back; `0` is the zero ballot. */
export function parseBallot(text: unknown): Ballot {
  const s = String(text);
  const dot = s.indexOf('.');
  return dot < 0 ? { round: 0, node: '' } : { round: Number(s.slice(0, dot)), node: s.slice(dot + 1) };
}

/** PaxosSafetyMonitor checks the properties; each is reported once per slot (per node for Promise kept). */
export class PaxosSafetyMonitor implements SafetyMonitor {
  readonly violations: Violation[] = [];
  private readonly reported = new Set<string>();
  private readonly requested = new Set<string>(['no-op']);
  /** slot → ballot → {value, acceptors}. */
  private readonly votes = new Map<number, Map<string, { value: string; acceptors: Set<NodeId> }>>();
  /** slot → value → how it was chosen (first time). */
  private readonly chosen = new Map<number, Map<string, { nodes: NodeId[]; how: string }>>();
  private readonly promised = new Map<NodeId, Ballot>();
  /** slot|ballot → the value proposed. */
  private readonly proposed = new Map<string, string>();
  private q2: number | null = null;

  constructor(private readonly nodes: readonly NodeId[], private readonly view: ClusterView | null, q2: number | null = null) {
    this.q2 = q2;
  }

  private quorum(): number {
    if (this.q2 === null) this.q2 = this.view && this.nodes[0] !== undefined ? (this.view.state(this.nodes[0]) as PaxosState).quorums.q2 : Math.floor(this.nodes.length / 2) + 1;
    return this.q2;
  }

  private report(key: string, v: Omit<Violation, 't'>, t: VirtualMs): void {
    if (this.reported.has(key)) return;
    this.reported.add(key);
    this.violations.push({ ...v, t });
  }

  observe(r: TraceRecord): void {
    if (r.type !== 'record') return;
    if (r.kind === 'request') this.requested.add(String(r.value));
    else if (r.kind === 'promise') this.promise(r, parseBallot(r.ballot));
    else if (r.kind === 'propose') this.propose(r);
    else if (r.kind === 'accept') this.accept(r);
    else if (r.kind === 'chosen') this.choose(r, Number(r.slot), String(r.value), [r.node], `${r.node} learned it`);
  }

  private promise(r: Rec, b: Ballot): void {
    const last = this.promised.get(r.node);
    if (last && compareBallots(b, last) < 0) this.report(`promise|${r.node}`, { property: 'Promise kept', nodes: [r.node], indexes: [], text: `${r.node} promised ${r.ballot} after promising ${last.round}.${last.node}` }, r.t);
    if (!last || compareBallots(b, last) > 0) this.promised.set(r.node, b);
  }

  private propose(r: Rec): void {
    const key = `${r.slot}|${r.ballot}`;
    const before = this.proposed.get(key);
    if (before !== undefined && before !== r.value) this.report(`ballot|${key}`, { property: 'One value per ballot', nodes: [r.node], indexes: [Number(r.slot)], text: `ballot ${r.ballot} proposed ${before} and ${r.value} in slot ${r.slot}` }, r.t);
    else this.proposed.set(key, String(r.value));
  }

  private accept(r: Rec): void {
    const slot = Number(r.slot);
    const b = parseBallot(r.ballot);
    const promisedBefore = parseBallot(r.promisedBefore);
    if (compareBallots(b, promisedBefore) < 0) this.report(`promise|${r.node}|${slot}|${r.ballot}`, { property: 'Promise kept', nodes: [r.node], indexes: [slot], text: `${r.node} accepted ${r.ballot} in slot ${slot} after promising ${r.promisedBefore}` }, r.t);
    this.promise(r, compareBallots(b, promisedBefore) > 0 ? b : promisedBefore);
    const bySlot = this.votes.get(slot) ?? new Map<string, { value: string; acceptors: Set<NodeId> }>();
    this.votes.set(slot, bySlot);
    const ballot = String(r.ballot);
    const entry = bySlot.get(ballot) ?? { value: String(r.value), acceptors: new Set<NodeId>() };
    bySlot.set(ballot, entry);
    if (entry.value !== r.value) {
      this.report(`ballot|${slot}|${ballot}`, { property: 'One value per ballot', nodes: [r.node], indexes: [slot], text: `ballot ${ballot} has ${entry.value} and ${String(r.value)} accepted in slot ${slot}` }, r.t);
      return;
    }
    entry.acceptors.add(r.node);
    if (entry.acceptors.size >= this.quorum()) this.choose(r, slot, entry.value, [...entry.acceptors].sort(), `${[...entry.acceptors].sort().join(', ')} accepted it in ballot ${ballot}`);
  }

  private choose(r: Rec, slot: number, value: string, nodes: NodeId[], how: string): void {
    if (!this.requested.has(value)) this.report(`validity|${slot}`, { property: 'Validity', nodes, indexes: [slot], text: `${value} was chosen in slot ${slot}, but no client proposed it` }, r.t);
    const values = this.chosen.get(slot) ?? new Map<string, { nodes: NodeId[]; how: string }>();
    this.chosen.set(slot, values);
    if (!values.has(value)) values.set(value, { nodes, how });
    if (values.size > 1) {
      const [first, second] = [...values] as [[string, { nodes: NodeId[]; how: string }], [string, { nodes: NodeId[]; how: string }]];
      const [v1, a] = first;
      const [v2, b] = second;
      this.report(`agreement|${slot}`, { property: 'Agreement', nodes: [...new Set([...a.nodes, ...b.nodes])], indexes: [slot], text: `two values chosen in slot ${slot}: ${v1} (${a.how}) and ${v2} (${b.how})` }, r.t);
    }
  }

  /** chosenValues gives slot → the values chosen there so far (more than one breaks Agreement). */
  chosenValues(): Map<number, string[]> {
    return new Map([...this.chosen].map(([slot, m]) => [slot, [...m.keys()]]));
  }

  /** check has nothing costlier to do: every property is checked as records arrive. */
  check(_t: VirtualMs): void {}
}

/** paxosSafety is the protocol's SafetySpec. */
export const paxosSafety: SafetySpec = {
  properties: PAXOS_PROPERTIES,
  monitor: (nodes, view) => new PaxosSafetyMonitor(nodes, view),
};
