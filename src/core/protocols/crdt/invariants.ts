/**
 * The CRDT safety lamp, from the trace alone: RR-7506 Def. 2.3's safety half of convergence,
 * "replicas that have received the same updates have equal states". Every `update`, `merge` and
 * `deliver` record carries the replica's version vector `vv` (which updates its state includes) and
 * its payload `state` after the change; the monitor keeps the first state seen for each vv and
 * flags a replica whose state differs from it at an equal vv.
 */
import type { SafetyMonitor, SafetyProperty, SafetySpec, Violation } from '../../protocol';
import type { TraceRecord } from '../../trace';
import type { NodeId, VirtualMs } from '../../types';
import { canonical, query, showQuery, type Payload } from './lattice';
import { key, type VClock } from './vclock';

/** CRDT_PROPERTIES are the lamps. */
export const CRDT_PROPERTIES: readonly SafetyProperty[] = [
  {
    name: 'Equal updates, equal states',
    description: 'Two replicas that have received the same updates hold the same state.',
    source: 'Shapiro et al. 2011 (INRIA RR-7506), Def. 2.3: convergence, safety',
  },
];

/** CrdtSafetyMonitor checks the lamp; feed it every trace record, in order. */
export class CrdtSafetyMonitor implements SafetyMonitor {
  readonly violations: Violation[] = [];
  /** vv key → the first replica seen there, its state and its words. */
  private readonly byVv = new Map<string, { node: NodeId; state: string; words: string }>();
  /** Version vectors already reported, so one divergence is one violation. */
  private readonly reported = new Set<string>();

  check(_t: VirtualMs): void {}

  observe(r: TraceRecord): void {
    if (r.type !== 'record' || (r.kind !== 'update' && r.kind !== 'merge' && r.kind !== 'deliver')) return;
    const vv = r.vv as VClock;
    const payload = r.state as Payload;
    const k = key(vv);
    const state = canonical(payload);
    const first = this.byVv.get(k);
    if (!first) {
      this.byVv.set(k, { node: r.node, state, words: showQuery(query(payload)) });
      return;
    }
    if (first.state === state || this.reported.has(k)) return;
    this.reported.add(k);
    this.violations.push({
      property: 'Equal updates, equal states',
      t: r.t,
      nodes: [...new Set([first.node, r.node])],
      indexes: [],
      text: first.node === r.node
        ? `${r.node} holds ${showQuery(query(payload))} at updates ${k || 'none'}, where it held ${first.words} before: its state differs from the one its updates determine`
        : `${r.node} and ${first.node} received the same updates (${k || 'none'}) but hold different states: ${showQuery(query(payload))} against ${first.words}`,
    });
  }
}

/** crdtSafety declares the lamp and makes a monitor per run. */
export const crdtSafety: SafetySpec = {
  properties: CRDT_PROPERTIES,
  monitor: () => new CrdtSafetyMonitor(),
};
