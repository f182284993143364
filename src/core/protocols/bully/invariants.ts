/**
 * Bully's safety lamps, checked after every record (issue 14 §2; more-protocols.md §4):
 *
 * - **One coordinator**: once the failure detector is accurate, exactly one node believes it
 *   coordinates and a majority of the live nodes accept it. "Accurate" is judged from the run, not
 *   assumed: at a moment t the detector is accurate when (1) no live node suspects a live node (no
 *   false suspicion stands: Chandra & Toueg's strong accuracy, now), (2) every live node suspects
 *   every crashed node (completeness, now), and (3) no node is paused. Partitions, cut links and
 *   latency spikes show up as (1). The lamp turns red when, with all three holding throughout, the
 *   cluster is without such a coordinator for longer than an election takes, `settleMs` = T + T′ +
 *   one heartbeat (answerTimeoutMs + coordinatorTimeoutMs + heartbeatMs): the bound the algorithm
 *   gives itself to finish after the last change of suspicion.
 * - **No split brain**: no two nodes each believe they coordinate for longer than `settleMs`, at any
 *   time, accurate detector or not. A handover (a recovered higher node bullying the coordinator)
 *   overlaps for a message delay. A coordinator paused longer than the detector's timeout is replaced
 *   while it still believes it coordinates: bully has no epoch, so nothing fences it. That is the
 *   lesson that leads to fencing tokens (more-protocols.md §5); a partition does the same, each side
 *   electing its own highest.
 *
 * A crashed node believes nothing; a paused node keeps believing what its state says.
 */
import type { ClusterView, SafetyMonitor, SafetyProperty, SafetySpec, Violation } from '../../protocol';
import type { TraceRecord } from '../../trace';
import type { NodeId, VirtualMs } from '../../types';
import type { BullyConfig } from './config';
import { isCoordinator } from './election';
import type { BullyState } from './state';

/** BULLY_PROPERTIES lists the lamps. */
export const BULLY_PROPERTIES: readonly SafetyProperty[] = [
  {
    name: 'One coordinator',
    description: 'Once the failure detector is accurate, exactly one node coordinates and a majority of the live nodes follow it.',
    source: 'Garcia-Molina 1982 (the benign environment); issue 14 §2',
  },
  {
    name: 'No split brain',
    description: 'No two nodes each believe they coordinate for longer than an election takes. A pause longer than the detector timeout breaks it: nothing fences the old coordinator.',
    source: 'more-protocols.md §4 (pause, partition) and §5 (fencing tokens)',
  },
];

/** settleMsOf gives how long an election may take to settle under `c` (virtual ms): T + T′ + one heartbeat. */
export const settleMsOf = (c: Pick<BullyConfig, 'answerTimeoutMs' | 'coordinatorTimeoutMs' | 'heartbeatMs'>): number => c.answerTimeoutMs + c.coordinatorTimeoutMs + c.heartbeatMs;

/** BullySafetyMonitor checks both lamps on one run (see the module comment). */
export class BullySafetyMonitor implements SafetyMonitor {
  readonly violations: Violation[] = [];
  private readonly down = new Set<NodeId>();
  private readonly pausedUntil = new Map<NodeId, VirtualMs>();
  /** Standing suspicions, as `observer>peer`. */
  private readonly suspicions = new Set<string>();
  private splitSince: VirtualMs | null = null;
  private badSince: VirtualMs | null = null;
  private accurateSince: VirtualMs | null = null;
  private settleMs: number | null = null;
  private reported = new Set<string>();

  constructor(
    private readonly nodes: readonly NodeId[],
    private readonly view: ClusterView,
  ) {}

  observe(r: TraceRecord): void {
    if (r.type === 'fault') this.onFault(r);
    else if (r.type === 'resume') this.pausedUntil.delete(r.node);
    else if (r.type === 'record' && (r.kind === 'suspect' || r.kind === 'unsuspect') && typeof r.peer === 'string') {
      const k = `${r.node}>${r.peer}`;
      if (r.kind === 'suspect') this.suspicions.add(k);
      else this.suspicions.delete(k);
    } else if (r.type !== 'state' && r.type !== 'record') return;
    this.evaluate(r.t);
  }

  check(t: VirtualMs): void {
    this.evaluate(t);
  }

  private onFault(r: Extract<TraceRecord, { type: 'fault' }>): void {
    if (r.skipped) return;
    if (r.action === 'crash' && typeof r.node === 'string') {
      this.down.add(r.node);
      this.pausedUntil.delete(r.node);
      for (const k of [...this.suspicions]) if (k.startsWith(`${r.node}>`)) this.suspicions.delete(k);
    } else if (r.action === 'restart') {
      const ids = Array.isArray(r.nodes) ? (r.nodes as NodeId[]) : [];
      for (const id of ids) this.down.delete(id);
    } else if (r.action === 'pause' && typeof r.node === 'string' && typeof r.ms === 'number') {
      this.pausedUntil.set(r.node, Math.max(this.pausedUntil.get(r.node) ?? 0, r.t + r.ms));
    }
  }

  /** coordinators lists the nodes up (paused included) that believe they coordinate, with their states. */
  private states(): Map<NodeId, BullyState> {
    const out = new Map<NodeId, BullyState>();
    for (const id of this.nodes) if (!this.down.has(id)) out.set(id, this.view.state(id) as BullyState);
    return out;
  }

  private accurate(t: VirtualMs): boolean {
    for (const until of this.pausedUntil.values()) if (until > t) return false;
    const live = this.nodes.filter((n) => !this.down.has(n));
    for (const k of this.suspicions) {
      const [o, p] = k.split('>') as [NodeId, NodeId];
      if (!this.down.has(o) && !this.down.has(p)) return false;
    }
    for (const p of this.down) for (const o of live) if (!this.suspicions.has(`${o}>${p}`)) return false;
    return true;
  }

  private evaluate(t: VirtualMs): void {
    if (this.reported.size === BULLY_PROPERTIES.length) return;
    const states = this.states();
    if (states.size === 0) return;
    if (this.settleMs === null) this.settleMs = settleMsOf(states.values().next().value!.config);
    const settle = this.settleMs;
    const coords = [...states].filter(([, s]) => isCoordinator(s.election)).map(([id]) => id);

    if (coords.length >= 2) {
      this.splitSince ??= t;
      if (t - this.splitSince > settle) this.report('No split brain', t, coords, `${coords.join(' and ')} each believe they coordinate, for ${t - this.splitSince} ms now (more than T + T′ + a heartbeat = ${settle} ms)${this.pausedNote(t)}: nothing fences the old coordinator`);
    } else this.splitSince = null;

    if (!this.accurate(t)) {
      this.accurateSince = null;
      this.badSince = null;
      return;
    }
    this.accurateSince ??= t;
    const live = [...states.keys()];
    const followers = (c: NodeId) => live.filter((id) => states.get(id)!.election.coordinator === c).length;
    const bad = coords.length !== 1 || followers(coords[0]!) * 2 <= live.length;
    if (!bad) {
      this.badSince = null;
      return;
    }
    this.badSince ??= t;
    const since = Math.max(this.badSince, this.accurateSince);
    if (t - since <= settle) return;
    const what =
      coords.length === 0 ? 'no node coordinates' : coords.length > 1 ? `${coords.join(' and ')} each coordinate` : `only ${followers(coords[0]!)} of ${live.length} live nodes follow ${coords[0]}`;
    this.report('One coordinator', t, coords.length ? coords : live, `${what} ${t - since} ms after the detector became accurate (every crashed node suspected, no live one, none paused; T + T′ + a heartbeat = ${settle} ms)`);
  }

  private pausedNote(t: VirtualMs): string {
    const paused = [...this.pausedUntil].filter(([, until]) => until > t).map(([id]) => id);
    return paused.length ? ` while ${paused.join(', ')} ${paused.length === 1 ? 'is' : 'are'} paused` : '';
  }

  private report(property: string, t: VirtualMs, nodes: NodeId[], text: string): void {
    if (this.reported.has(property)) return;
    this.reported.add(property);
    this.violations.push({ property, t, nodes, indexes: [], text });
  }
}

/** bullySafety is bully's safety spec: the two lamps and their monitor. */
export const bullySafety: SafetySpec = {
  properties: BULLY_PROPERTIES,
  monitor: (nodes, view) => new BullySafetyMonitor(nodes, view),
};
