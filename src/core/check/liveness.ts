/**
 * The liveness check: once faults stop, progress resumes. Safety can break at one event; liveness
 * can only be judged against a bound, so this check is phrased the way a teacher would test it:
 * from the moment no fault is in force, every client operation (one made earlier and still waiting,
 * or a new one) must complete within {@link LIVENESS_BOUND_MS}.
 *
 * "A fault in force" is: a crashed node, a partition or isolated node, a link set worse than the
 * scenario's network (cut, lossier, duplicating, slower), a skewed clock, a paused node (from its
 * `pause` until its `resume` record), manual delivery, or more
 * Byzantine nodes than the protocol tolerates (PBFT: f = ⌊(n−1)/3⌋, Castro & Liskov 1999 §4.5;
 * ≤ f Byzantine replicas are not a fault the protocol should stop for). A forced timeout is a fault
 * for an instant. Built from trace records alone, like the run report.
 *
 * Tolerated Byzantine nodes are still named in every verdict ("n1 Byzantine (equivocate), within
 * the f = 1 tolerated"): the lamp never claims "no fault" while a node lies.
 */
import { actionText, opText } from '../describe';
import { getProtocol } from '../protocols/registry';
import type { Scenario } from '../scenario/types';
import type { TraceRecord } from '../trace';
import type { ClientId, NodeId, Op, VirtualMs } from '../types';

/**
 * LIVENESS_BOUND_MS is how long (virtual ms) an operation may wait once faults have stopped: a
 * client retry or two (1,000 ms each) plus a few view changes or elections with backed-off timers.
 */
export const LIVENESS_BOUND_MS = 5_000;

/** CalmSpell is one stretch of virtual time with no fault in force. */
export interface CalmSpell {
  /** When the last fault stopped (virtual ms). */
  from: VirtualMs;
  /** When the next fault began (virtual ms), or null while it lasts. */
  to: VirtualMs | null;
  /** When the first operation completed in this spell (virtual ms), or null. */
  progressAt: VirtualMs | null;
  /** The first operation that waited longer than the bound in this spell, or null. */
  stall: { t: VirtualMs; client: ClientId; op: string; since: VirtualMs } | null;
}

/** LivenessStatus is the lamp's colour: faults in force (grey), nothing to judge yet (grey), progress (green), stalled (red). */
export type LivenessStatus = 'faults' | 'waiting' | 'progress' | 'stalled';

/** LivenessVerdict is the check's answer at one moment, in words for the lamp. */
export interface LivenessVerdict {
  status: LivenessStatus;
  text: string;
}

/** LivenessMonitor follows a run's trace and judges liveness at any moment of it. */
export class LivenessMonitor {
  /** Every calm spell so far, in order. */
  readonly spells: CalmSpell[] = [];
  private readonly crashed = new Set<NodeId>();
  private partitioned = false;
  /** Links worse than the scenario's network, by `from>to`. */
  private readonly badLinks = new Set<string>();
  private readonly skewed = new Set<NodeId>();
  /** Nodes paused now (a `pause` fault until the node's `resume` record). */
  private readonly paused = new Set<NodeId>();
  private manual = false;
  private readonly byzantine = new Map<NodeId, string>();
  private readonly pending = new Map<ClientId, { t: VirtualMs; op: Op }>();
  /**
   * No pending operation can pass the bound before this virtual time (a lower bound, so `tick`
   * scans the pending operations only when one may have: it runs for every trace record).
   */
  private nextDeadline = -Infinity;
  private readonly tolerated: number;
  private readonly network: Scenario['network'];
  /** What was in force after each fault record outside a calm spell, in words, in order (for {@link verdictAt}). */
  private readonly faultLog: { t: VirtualMs; text: string }[] = [];
  /** The tolerated Byzantine nodes after each change, in words ('' for none), in order (for {@link verdictAt}). */
  private readonly liarLog: { t: VirtualMs; text: string }[] = [];

  constructor(
    scenario: Scenario,
    private readonly boundMs = LIVENESS_BOUND_MS,
  ) {
    const protocol = getProtocol(scenario.protocol).protocol;
    this.tolerated = protocol.faultsTolerated?.(scenario.nodes.length) ?? 0;
    this.network = scenario.network;
    const initial = protocol.initialBehaviours?.(scenario.config) ?? {};
    for (const id of scenario.nodes) if (initial[id] !== undefined) this.byzantine.set(id, initial[id]);
    this.liarLog.push({ t: 0, text: this.liarText() });
    if (this.calm()) this.settle(0);
    else this.faultLog.push({ t: 0, text: this.faultText('the configuration') });
  }

  /** observe takes the next trace record. */
  observe(r: TraceRecord): void {
    if (r.type === 'client') this.onClient(r);
    else if (r.type === 'fault' && r.skipped === undefined) this.onFault(r);
    else if (r.type === 'resume' && this.paused.delete(r.node)) {
      this.settle(r.t);
    }
    this.tick(r.t);
  }

  /** tick judges pending operations at virtual time `now` (also called when time passes with no record). */
  tick(now: VirtualMs): void {
    if (now <= this.nextDeadline) return;
    const spell = this.current();
    if (!spell || spell.stall) return;
    let next = Infinity;
    for (const [client, p] of this.pending) {
      const since = Math.max(p.t, spell.from);
      if (now - since > this.boundMs) {
        spell.stall = { t: since + this.boundMs, client, op: opText(p.op), since };
        return;
      }
      next = Math.min(next, since + this.boundMs);
    }
    this.nextDeadline = next;
  }

  /** verdictAt gives the verdict as it stood at virtual time `t` (for time travel: the lamp follows the cursor). */
  verdictAt(t: VirtualMs): LivenessVerdict {
    let spell: CalmSpell | null = null;
    for (const s of this.spells) if (s.from <= t && (s.to === null || s.to > t)) spell = s;
    if (!spell) {
      let text = 'faults in force';
      for (const e of this.faultLog) if (e.t <= t) text = e.text;
      return { status: 'faults', text };
    }
    const liars = this.liarsAt(t);
    if (spell.stall && spell.stall.t <= t) {
      const s = spell.stall;
      const then = this.liarsAt(s.t);
      const calm = then ? `no fault in force but ${then}` : 'no fault in force';
      return { status: 'stalled', text: `${s.client}'s ${s.op} has waited over ${fmt(this.boundMs)} ms since ${fmt(s.since)} ms with ${calm}` };
    }
    const also = liars ? `; ${liars}` : '';
    if (spell.progressAt !== null && spell.progressAt <= t) {
      if (spell.from === 0) return { status: 'progress', text: liars ? `operations complete with ${liars}; no other fault since the start` : 'operations complete; no fault in force since the start' };
      return { status: 'progress', text: `progress resumed ${fmt(spell.progressAt - spell.from)} ms after faults stopped (at ${fmt(spell.from)} ms)${also}` };
    }
    if (spell.from === 0) return { status: 'waiting', text: liars ? `${liars}; no other fault yet; no operation has completed` : 'no fault yet; no operation has completed' };
    return { status: 'waiting', text: `faults stopped at ${fmt(spell.from)} ms; waiting for an operation to complete${also}` };
  }

  /** liarsAt gives the tolerated Byzantine nodes at virtual time `t`, in words ('' for none). */
  private liarsAt(t: VirtualMs): string {
    let text = '';
    for (const e of this.liarLog) if (e.t <= t) text = e.text;
    return text;
  }

  private current(): CalmSpell | null {
    const last = this.spells[this.spells.length - 1];
    return last && last.to === null ? last : null;
  }

  private onClient(r: Extract<TraceRecord, { type: 'client' }>): void {
    if (r.phase === 'invoke') {
      this.pending.set(r.client, { t: r.t, op: r.op });
      this.nextDeadline = Math.min(this.nextDeadline, r.t + this.boundMs);
      return;
    }
    this.pending.delete(r.client);
    const spell = this.current();
    if (spell && spell.progressAt === null && (r.phase === 'ok' || r.phase === 'fail')) spell.progressAt = r.t;
  }

  private onFault(r: Extract<TraceRecord, { type: 'fault' }>): void {
    const f = r as Record<string, unknown>;
    const node = typeof f.node === 'string' ? f.node : null;
    let instant = false;
    switch (r.action) {
      case 'crash':
        if (node) this.crashed.add(node);
        break;
      case 'restart':
        for (const id of (f.nodes as NodeId[] | undefined) ?? []) this.crashed.delete(id);
        break;
      case 'partition':
      case 'isolate':
        this.partitioned = true;
        break;
      case 'heal':
        this.partitioned = false;
        for (const k of [...this.badLinks]) if (k.endsWith('!cut')) this.badLinks.delete(k);
        break;
      case 'link':
        this.onLink(f);
        break;
      case 'skew':
        if (node) (f.rate === 1 ? this.skewed.delete(node) : this.skewed.add(node));
        break;
      case 'pause':
        if (node) this.paused.add(node);
        break;
      case 'manual':
        this.manual = f.enabled === true;
        break;
      case 'byzantine':
        if (node) (f.behaviour === 'honest' ? this.byzantine.delete(node) : this.byzantine.set(node, String(f.behaviour)));
        this.liarLog.push({ t: r.t, text: this.liarText() });
        break;
      case 'timeout':
        instant = true;
        break;
      default:
        return; // requests and manual choices are not faults
    }
    const spell = this.current();
    const calm = this.calm();
    if (!calm || instant) {
      if (spell) spell.to = r.t;
      this.faultLog.push({ t: r.t, text: this.faultText(actionText(r)) });
    }
    if (calm) this.settle(r.t);
  }

  /** onLink notes whether a `link` action leaves the link worse than the scenario's network (a cut is kept apart: heal undoes it). */
  private onLink(f: Record<string, unknown>): void {
    const key = `${String(f.from)}>${String(f.to)}`;
    if (f.cut !== undefined) (f.cut === true ? this.badLinks.add(key + '!cut') : this.badLinks.delete(key + '!cut'));
    const lat = f.latencyMs as [number, number] | undefined;
    const worse =
      (lat !== undefined && (lat[0] > this.network.latencyMs[0] || lat[1] > this.network.latencyMs[1])) ||
      ((f.loss as number | undefined) ?? 0) > this.network.loss ||
      ((f.duplicate as number | undefined) ?? 0) > this.network.duplicate;
    const touches = lat !== undefined || f.loss !== undefined || f.duplicate !== undefined;
    if (touches) (worse ? this.badLinks.add(key) : this.badLinks.delete(key));
  }

  private calm(): boolean {
    return this.crashed.size === 0 && !this.partitioned && this.badLinks.size === 0 && this.skewed.size === 0 && this.paused.size === 0 && !this.manual && this.byzantine.size <= this.tolerated;
  }

  /** settle opens a calm spell at `t` unless one is open. */
  private settle(t: VirtualMs): void {
    if (this.calm() && !this.current()) {
      this.spells.push({ from: t, to: null, progressAt: null, stall: null });
      this.nextDeadline = -Infinity; // deadlines now count from the spell's start
    }
  }

  /**
   * liarText names the Byzantine nodes when the protocol tolerates them all, e.g. `n1 Byzantine
   * (equivocate), within the f = 1 tolerated`; '' when there are none or more than tolerated (then
   * they are a fault in force, named by faultText).
   */
  private liarText(): string {
    if (this.byzantine.size === 0 || this.byzantine.size > this.tolerated) return '';
    const who = [...this.byzantine].map(([id, b]) => `${id} Byzantine (${b})`).join(', ');
    return `${who}, within the f = ${this.tolerated} tolerated`;
  }

  /** faultText names the faults in force now; `last` is the action that caused it, for an instant fault. */
  private faultText(last: string): string {
    const parts: string[] = [];
    if (this.crashed.size) parts.push(`${[...this.crashed].join(' ')} down`);
    if (this.partitioned) parts.push('a partition');
    if (this.badLinks.size) parts.push(`${new Set([...this.badLinks].map((k) => k.replace('!cut', ''))).size} faulty link(s)`);
    if (this.skewed.size) parts.push(`skewed clocks on ${[...this.skewed].join(' ')}`);
    if (this.paused.size) parts.push(`${[...this.paused].join(' ')} paused`);
    if (this.manual) parts.push('manual delivery');
    if (this.byzantine.size > this.tolerated) parts.push(`${this.byzantine.size} Byzantine nodes, more than f = ${this.tolerated}`);
    return parts.length ? `faults in force: ${parts.join(', ')}` : `a fault just happened (${last})`;
  }
}

const fmt = (ms: number) => Math.round(ms).toLocaleString('en');
