/**
 * SWIM's safety lamps, checked while a run goes on (Das et al. 2002 §4.2; memberlist `state.go`):
 * - No dead resurrection without a higher incarnation: once a node marks a member dead at
 *   incarnation i, it marks it alive again only at an incarnation above i.
 * - Refutation wins: a node that has heard a member alive at incarnation i never holds it suspect
 *   or dead at an incarnation below i.
 * - Only a member raises its own incarnation: every incarnation heard of X was announced by X
 *   (X's own `refutation` records raise it; it starts at 0).
 */
import type { ClusterView, SafetyMonitor, SafetyProperty, SafetySpec, Violation } from '../../protocol';
import type { TraceRecord } from '../../trace';
import type { NodeId, VirtualMs } from '../../types';
import type { SwimState } from './state';

/** SwimProperty names one of SWIM's safety properties. */
export type SwimProperty = 'No dead resurrection without a higher incarnation' | 'Refutation wins' | 'Only a member raises its incarnation';

/** SWIM_PROPERTIES are the properties, for the lamps. */
export const SWIM_PROPERTIES: readonly (SafetyProperty & { name: SwimProperty })[] = [
  {
    name: 'No dead resurrection without a higher incarnation',
    description: 'A node that marked a member dead marks it alive again only at a higher incarnation.',
    source: 'Das et al. 2002, §4.2; memberlist state.go (DeadNode_AliveReplay)',
  },
  {
    name: 'Refutation wins',
    description: 'A node that heard a member alive at a higher incarnation never keeps it suspect at a lower one.',
    source: 'Das et al. 2002, §4.2 (Alive overrides Suspect with a higher incarnation)',
  },
  {
    name: 'Only a member raises its incarnation',
    description: 'No incarnation of a member is heard before the member itself announced it.',
    source: 'Das et al. 2002, §4.2 (only the member increments its incarnation)',
  },
];

/** SwimSafetyMonitor checks the three lamps; feed it every trace record, in order. */
export class SwimSafetyMonitor implements SafetyMonitor {
  readonly violations: Violation[] = [];
  /** `node member` → the incarnation at which node marked member dead. */
  private readonly deadAt = new Map<string, number>();
  /** member → the highest incarnation it has announced itself. */
  private readonly announced = new Map<NodeId, number>();
  private readonly reported = new Set<string>();

  constructor(
    private readonly nodes: readonly NodeId[],
    private readonly view: ClusterView,
  ) {}

  private report(property: SwimProperty, key: string, t: VirtualMs, nodes: NodeId[], text: string): void {
    if (this.reported.has(`${property} ${key}`)) return;
    this.reported.add(`${property} ${key}`);
    this.violations.push({ property, t, nodes, indexes: [], text });
  }

  observe(r: TraceRecord): void {
    if (r.type !== 'record') return;
    if (r.kind === 'refutation') this.announced.set(r.node, Math.max(this.announced.get(r.node) ?? 0, Number(r.incarnation)));
    if (r.kind !== 'membership') return;
    const member = String(r.member);
    const inc = Number(r.incarnation);
    if (member === r.node) return;
    const key = `${r.node} ${member}`;
    if (inc > (this.announced.get(member) ?? 0)) {
      this.report('Only a member raises its incarnation', `${member}@${inc}`, r.t, [r.node, member], `${r.node} holds ${member} ${String(r.state)} at incarnation ${inc}, but ${member} never announced more than ${this.announced.get(member) ?? 0}`);
    }
    if (r.state === 'dead') this.deadAt.set(key, inc);
    else if (r.state === 'alive') {
      const dead = this.deadAt.get(key);
      if (dead !== undefined && inc <= dead) this.report('No dead resurrection without a higher incarnation', `${key}@${inc}`, r.t, [r.node, member], `${r.node} marked ${member} dead at incarnation ${dead}, then alive again at incarnation ${inc}`);
      this.deadAt.delete(key);
    } else this.deadAt.delete(key);
    if (r.state !== 'alive') this.checkNode(r.t, r.node);
  }

  /** checkNode reports a member `node` holds suspect or dead below an alive incarnation it heard. */
  private checkNode(t: VirtualMs, node: NodeId): void {
    const s = this.view.state(node) as SwimState | undefined;
    if (!s || !(s.members instanceof Map)) return;
    for (const [member, m] of s.members) {
      const heard = s.heardAlive.get(member);
      if (m.state !== 'alive' && heard !== undefined && heard > m.inc) {
        this.report('Refutation wins', `${node} ${member}@${heard}`, t, [node, member], `${node} heard ${member} alive at incarnation ${heard} but holds it ${m.state} at incarnation ${m.inc}`);
      }
    }
  }

  check(t: VirtualMs): void {
    for (const n of this.nodes) this.checkNode(t, n);
  }
}

/** swimSafety declares the properties and makes a monitor per run. */
export const swimSafety: SafetySpec = {
  properties: SWIM_PROPERTIES,
  monitor: (nodes, view) => new SwimSafetyMonitor(nodes, view),
};
