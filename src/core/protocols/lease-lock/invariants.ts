/**
 * Lease-lock's safety properties, checked from the trace's records alone (so an external checker
 * can run the same code on what `npm run sim` prints: see {@link checkLeaseTrace}):
 * - Mutual exclusion in effect: storage never accepts writes from two lease holders interleaved:
 *   once it accepted a write with token T, it accepts none with a lower token (a holder whose lease
 *   was superseded), and every accepted write carries a token granted to its writer.
 * - Token monotonicity: each grant's token is higher than every earlier grant's.
 * - No grant by a minority: a grant's quorum is a majority of the lock nodes, each of which
 *   confirmed that token for that holder (a `vote`).
 * Kleppmann 2016; Chubby §2.3 (the lock generation number grows on every grant).
 */
import type { SafetyMonitor, SafetyProperty, SafetySpec, Violation } from '../../protocol';
import type { TraceRecord } from '../../trace';
import type { NodeId, VirtualMs } from '../../types';

/** LeaseProperty names one of the properties. */
export type LeaseProperty = 'Mutual exclusion in effect' | 'Token monotonicity' | 'No grant by a minority';

/** LEASE_PROPERTIES are the properties, for the lamps. */
export const LEASE_PROPERTIES: readonly (SafetyProperty & { name: LeaseProperty })[] = [
  {
    name: 'Mutual exclusion in effect',
    description: 'Storage never accepts writes from two lease holders interleaved: after a write with token T, none with a lower token; every accepted token was granted to its writer.',
    source: 'Kleppmann 2016 (fencing tokens); Chubby §2.4 (sequencers)',
  },
  {
    name: 'Token monotonicity',
    description: 'Every grant\'s fencing token is higher than every earlier grant\'s.',
    source: 'Chubby §2.3 (the lock generation number); Kleppmann 2016',
  },
  {
    name: 'No grant by a minority',
    description: 'A lease is granted only by a majority of the lock nodes, each of which confirmed its token.',
    source: 'Majority quorums: any two majorities share a lock node (Gifford 1979)',
  },
];

type Rec = Extract<TraceRecord, { type: 'record' }>;

/** LeaseSafetyMonitor checks the properties; feed it every trace record, in order. */
export class LeaseSafetyMonitor implements SafetyMonitor {
  readonly violations: Violation[] = [];
  private highestGrant = 0;
  private highestAccepted = 0;
  private lastAcceptedBy: NodeId | null = null;
  /** token → its holder, for every grant so far. */
  private readonly grants = new Map<number, NodeId>();
  /** `holder#token` → lock nodes that confirmed it. */
  private readonly votes = new Map<string, Set<NodeId>>();
  private readonly broken = new Set<LeaseProperty>();

  check(_t: VirtualMs): void {}

  observe(r: TraceRecord): void {
    if (r.type !== 'record') return;
    if (r.kind === 'vote') {
      const key = `${String(r.holder)}#${Number(r.token)}`;
      if (!this.votes.has(key)) this.votes.set(key, new Set());
      this.votes.get(key)!.add(r.node);
    } else if (r.kind === 'grant') this.onGrant(r);
    else if (r.kind === 'write-accepted') this.onAccepted(r);
  }

  private flag(property: LeaseProperty, t: VirtualMs, nodes: NodeId[], text: string): void {
    // One violation per property: the first is the lesson, and the lamp stays red.
    if (this.broken.has(property)) return;
    this.broken.add(property);
    this.violations.push({ property, t, nodes, indexes: [], text });
  }

  private onGrant(r: Rec): void {
    const holder = String(r.holder);
    const token = Number(r.token);
    if (token <= this.highestGrant) this.flag('Token monotonicity', r.t, [holder], `${holder} was granted token ${token}, not above ${this.highestGrant}, granted before`);
    this.highestGrant = Math.max(this.highestGrant, token);
    this.grants.set(token, holder);
    const quorum = Array.isArray(r.quorum) ? (r.quorum as NodeId[]) : [];
    const of = Number(r.of);
    const voted = this.votes.get(`${holder}#${token}`) ?? new Set<NodeId>();
    const real = quorum.filter((n) => voted.has(n));
    if (real.length * 2 <= of) {
      this.flag('No grant by a minority', r.t, [holder, ...quorum], `${holder} took token ${token} with ${real.length} of ${of} lock nodes (${real.join(', ') || 'none'}): not a majority`);
    }
  }

  private onAccepted(r: Rec): void {
    const holder = String(r.holder);
    const token = Number(r.token);
    if (this.grants.get(token) !== holder) {
      this.flag('Mutual exclusion in effect', r.t, [r.node, holder], `${r.node} accepted ${holder}'s write with token ${token}, which was never granted to ${holder}`);
    } else if (token < this.highestAccepted) {
      this.flag(
        'Mutual exclusion in effect',
        r.t,
        [r.node, holder, ...(this.lastAcceptedBy ? [this.lastAcceptedBy] : [])],
        `${r.node} accepted ${holder}'s write with token ${token} after a write with token ${this.highestAccepted}${this.lastAcceptedBy ? ` from ${this.lastAcceptedBy}` : ''}: two holders' writes interleaved`,
      );
    }
    if (token >= this.highestAccepted) {
      this.highestAccepted = token;
      this.lastAcceptedBy = holder;
    }
  }
}

/** leaseSafety declares the properties and makes a monitor per run. */
export const leaseSafety: SafetySpec = {
  properties: LEASE_PROPERTIES,
  monitor: () => new LeaseSafetyMonitor(),
};

/**
 * checkLeaseTrace checks a whole trace (e.g. the JSON Lines `npm run sim` prints, parsed) for
 * the three properties, from its records alone. Returns the violations, empty when all hold.
 */
export function checkLeaseTrace(records: readonly TraceRecord[]): Violation[] {
  const m = new LeaseSafetyMonitor();
  for (const r of records) m.observe(r);
  return m.violations;
}
