/**
 * Simulation: one scenario's deterministic run. The event loop is the {@link Scheduler}'s; this
 * class gives timeline actions their meaning (faults, user actions, manual delivery), records new
 * actions, takes and restores checkpoints for time travel, and offers the views the UI draws.
 * A run is a function of its scenario alone.
 */
import type { TimelineAction } from '../scenario/types';
import type { DropReason } from '../trace';
import type { DistributiveOmit, LogSnapshotView, NodeId, NodeSummary, VirtualMs } from '../types';
import { applyNetworkFault, faultRecord, resolveAction, type Resolved } from './faults';
import { freshClient, HONEST } from '../scenario/schema';
import { recordActions } from '../scenario/timeline';
import type { SimEvent, WindowItem } from './events';
import type { NodeTimer } from './timers';
import { isManualAction } from './manual';
import { resumeCounts, type PauseView } from './pause';
import type { SimSnapshot } from './snapshot';
import type { StepCall } from './host';
import type { InFlight } from './options';
import { Scheduler } from './scheduler';

/** Simulation runs one scenario. Not thread-safe; one driver at a time. */
export class Simulation extends Scheduler {
  protected planAction(item: WindowItem, a: TimelineAction, calls: StepCall[]): void {
    const e = item.event;
    const r = (item.resolved = resolveAction(a, this.leader(), this.crashed, this.scenario.nodes, (id) => this.summaries.get(id)?.role ?? ''));
    if (!r.skipped && isManualAction(a)) {
      const why = this.hold.refuse(a, (node, name) => this.timers.armed(node, name));
      if (why) r.skipped = why;
    }
    if (!r.skipped && (a.action === 'timeout' || a.action === 'input' || a.action === 'fire') && this.pauses.isPaused(r.nodes[0]!)) {
      r.skipped = `${r.nodes[0]!} is paused until ${this.pauses.view(r.nodes[0]!)!.until} ms`;
    }
    if (r.skipped) return;
    if (a.action === 'fire') {
      item.calls.push(calls.push({ node: a.node, now: e.time, input: { kind: 'timer', name: a.timer } }) - 1);
      return;
    }
    if (a.action === 'deliver') {
      const m = this.hold.get(a.id)!;
      if (!this.crashed.has(m.to) && !this.bus.blocked(m.from, m.to) && !this.pauses.isPaused(m.to)) {
        item.calls.push(calls.push({ node: m.to, now: e.time, input: { kind: 'message', from: m.from, msg: m.msg } }) - 1);
      }
      return;
    }
    if (a.action === 'restart') {
      for (const node of r.nodes) {
        item.calls.push(calls.push({ node, now: e.time, input: { kind: 'start' }, restart: true, ...(this.lostUnsynced.has(node) ? { fromSynced: true as const } : {}) }) - 1);
        if (this.behaveStale.delete(node)) item.calls.push(calls.push({ node, now: e.time, input: this.behaveInput(node) }) - 1);
      }
    } else if (a.action === 'timeout') {
      item.calls.push(calls.push({ node: r.nodes[0]!, now: e.time, input: { kind: 'timeout' } }) - 1);
    } else if (a.action === 'input') {
      item.calls.push(calls.push({ node: r.nodes[0]!, now: e.time, input: { kind: 'action', name: a.name, ...(a.args ? { args: a.args } : {}) } }) - 1);
    } else if (a.action === 'byzantine') {
      this.planBehave(item, r.nodes[0]!, a.behaviour, calls);
    }
  }

  /**
   * planBehave changes the adversary (node `id` gets `behaviour`, or leaves it with `honest`) and
   * tells every node it controlled or controls now: a `behave` input each, so colluders share the
   * plan. The adversary changes here, while planning, because an action has its window to itself.
   * A crashed node is told right after its restart.
   */
  private planBehave(item: WindowItem, id: NodeId, behaviour: string, calls: StepCall[]): void {
    const before = this.adversary;
    const after = { ...before };
    if (behaviour === HONEST) delete after[id];
    else after[id] = behaviour;
    this.adversary = after;
    for (const node of this.scenario.nodes) {
      if (before[node] === undefined && after[node] === undefined) continue;
      if (this.crashed.has(node)) this.behaveStale.add(node);
      else item.calls.push(calls.push({ node, now: item.event.time, input: this.behaveInput(node) }) - 1);
    }
  }

  /** behaveInput is the `behave` input that tells `node` its part in the adversary as it is now. */
  private behaveInput(node: NodeId): StepCall['input'] {
    return { kind: 'behave', behaviour: this.adversary[node] ?? null, adversary: { ...this.adversary } };
  }

  /** byzantine gives the nodes the adversary controls now, with their behaviours (a copy). */
  byzantine(): Record<NodeId, string> {
    return { ...this.adversary };
  }

  /** applyManual carries out the manual-mode actions; false for any other action. */
  private applyManual(a: TimelineAction, now: VirtualMs): boolean {
    switch (a.action) {
      case 'manual':
        this.setManual(a.enabled, now);
        return true;
      case 'deliver': {
        const m = this.hold.take(a.id);
        const reason: DropReason | null = this.crashed.has(m.to) ? 'crashed' : this.bus.blocked(m.from, m.to);
        if (!reason && this.pauses.isPaused(m.to)) {
          // It reaches a paused node: it waits there, still in flight, until the node resumes.
          this.pauses.park({ time: now, cls: 1, seq: 0, kind: 'deliver', id: m.id, from: m.from, to: m.to, msg: m.msg, sentAt: m.sentAt, dup: m.dup });
          return true;
        }
        this.inFlightCount--;
        if (this.trace) this.trace(reason ? { t: now, type: 'drop', id: m.id, from: m.from, to: m.to, reason } : { t: now, type: 'deliver', id: m.id, from: m.from, to: m.to });
        return true;
      }
      case 'drop': {
        const m = this.hold.take(a.id);
        this.inFlightCount--;
        if (this.trace) this.trace({ t: now, type: 'drop', id: m.id, from: m.from, to: m.to, reason: 'manual' });
        return true;
      }
      case 'duplicate': {
        const m = this.hold.get(a.id)!;
        this.holdCopy({ ...m, id: this.nextMsgId++, sentAt: now, dup: true });
        return true;
      }
      case 'fire':
        this.timers.fire(a.node, a.timer);
        if (this.trace) this.trace({ t: now, type: 'timer', node: a.node, name: a.timer });
        return true;
      default:
        return false;
    }
  }

  /**
   * setManual switches manual delivery. Going manual takes every message on its way off the queue to
   * wait for the user; leaving it sends every waiting message on, each with a fresh delay drawn from
   * its link's latency (virtual ms), in the order they were sent.
   */
  private setManual(on: boolean, now: VirtualMs): void {
    if (on === this.hold.enabled) return;
    this.timers.setManual(on, now);
    if (on) {
      for (const e of this.queue.extract((x) => x.kind === 'deliver')) {
        if (e.kind === 'deliver') this.hold.add({ id: e.id, from: e.from, to: e.to, msg: e.msg, sentAt: e.sentAt, dup: e.dup });
      }
      this.hold.enabled = true;
      return;
    }
    this.hold.enabled = false;
    for (const m of this.hold.drain()) {
      const l = this.bus.link(m.from, m.to).latencyMs;
      this.queue.push({ time: now + Math.max(1, this.busRng.int(l[0], l[1])), cls: 1, seq: 0, kind: 'deliver', id: m.id, from: m.from, to: m.to, msg: m.msg, sentAt: m.sentAt, dup: m.dup });
    }
  }

  protected applyAction(a: TimelineAction, r: Resolved): void {
    const now = this.clock;
    if (this.trace) this.trace(faultRecord(a, r, now));
    if (r.skipped) {
      this.note(now, `${a.action} skipped: ${r.skipped}`);
      return;
    }
    if (applyNetworkFault(this.bus, a, r)) {
      if (a.action === 'link') this.lookaheadMs = -1;
      return;
    }
    if (this.applyManual(a, now)) return;
    switch (a.action) {
      case 'crash': {
        const id = r.nodes[0]!;
        this.endPauseByCrash(id, now);
        this.crashed.add(id);
        if (a.loseUnsynced) this.lostUnsynced.add(id);
        this.timers.clearAll(id);
        const s = { ...this.summaries.get(id)!, role: 'crashed' };
        this.summaries.set(id, s);
        this.emitState(id, s, now);
        return;
      }
      case 'skew':
        this.timers.setRate(r.nodes[0]!, a.rate);
        return;
      case 'pause':
        this.pauses.begin(r.nodes[0]!, now, now + a.ms);
        return;
      case 'restart':
        // The StepCalls planned for this action rebuild each node from persistent state.
        for (const id of r.nodes) {
          this.crashed.delete(id);
          this.lostUnsynced.delete(id);
        }
        return;
      case 'request':
        // parseScenario and act() name a fresh client for every request that names none.
        this.clients.request(a.client ?? freshClient(this.scenario.timeline), a.op, r.nodes[0] ?? null);
        return;
      default:
        return; // timeout, byzantine: their StepCalls do the work
    }
  }

  /**
   * endPauseByCrash ends node `id`'s pause, if it is paused, because it crashes at `now`: the
   * messages that waited are dropped (reason `crashed`), the requests lost, the timers go with the
   * crash. The `resume` record says so with `crashed`.
   */
  private endPauseByCrash(id: NodeId, now: VirtualMs): void {
    const p = this.pauses.end(id);
    if (!p) return;
    for (const e of p.parked) {
      if (e.kind === 'deliver') {
        this.inFlightCount--;
        if (this.trace) this.trace({ t: now, type: 'drop', id: e.id, from: e.from, to: e.to, reason: 'crashed' });
      } else if (e.kind === 'request') this.note(now, `${e.client}'s request is lost: ${id} crashed while paused`, id);
    }
    if (this.trace) this.trace({ t: now, type: 'resume', node: id, ...resumeCounts(p), crashed: true });
  }

  /**
   * act records a user action at the next virtual ms and queues it (see {@link schedule}), so the
   * scenario and its share URL replay the run exactly. Returns the recorded action.
   * @throws ScenarioError naming the bad field, or when the timeline is full (nothing is recorded).
   */
  act(action: DistributiveOmit<TimelineAction, 'at'>): TimelineAction {
    return this.schedule([{ ...action, at: this.clock + 1 } as TimelineAction])[0]!;
  }

  /**
   * schedule records future actions (each `at` after now, virtual ms) into the timeline, as `act`
   * does for one action now; the nemesis uses it to unleash chaos from the current moment.
   * Returns the actions as recorded (requests without a client get a fresh one).
   * @throws ScenarioError naming the bad field of an invalid action, an `at` not after now, or a
   *   timeline that would exceed its limit (nothing is recorded then).
   */
  schedule(actions: readonly TimelineAction[]): TimelineAction[] {
    const recorded = recordActions(this.scenario, actions, this.clock);
    for (const action of recorded) this.queue.push({ time: action.at, cls: 0, seq: 0, kind: 'action', action });
    return recorded;
  }

  /**
   * advanceTo moves the clock to `t`, or to just before the next event due by then (the clock never
   * goes back). Timer entries due by `t` that turn out early or stale are not events: it re-arms
   * them on the way, as handling events up to `t` would.
   */
  advanceTo(t: VirtualMs): void {
    for (let e = this.queue.peek(); e && e.kind === 'timer' && e.time <= t && this.timers.early(e); e = this.queue.peek()) {
      this.queue.pop();
      this.timers.rearm(e);
    }
    const next = this.nextEventTime;
    if (t > this.clock) this.clock = Math.min(t, next === Infinity ? t : Math.max(this.clock, next - 1));
  }

  // ---------------------------------------------------------------------------------------------
  // Views

  /** summary gives a node's last known summary (role `crashed` while down). */
  summary(id: NodeId): NodeSummary {
    const s = this.summaries.get(id);
    if (!s) throw new Error(`unknown node ${id}`);
    return s;
  }

  /** inFlight lists the messages on the bus now, in no particular order. */
  inFlight(): InFlight[] {
    const out: InFlight[] = [];
    for (const e of this.queue.items()) {
      if (e.kind === 'deliver') out.push({ id: e.id, from: e.from, to: e.to, msg: e.msg, sentAt: e.sentAt, deliverAt: e.time, dup: e.dup });
    }
    for (const m of this.hold.list()) out.push({ id: m.id, from: m.from, to: m.to, msg: m.msg, sentAt: m.sentAt, deliverAt: Infinity, dup: m.dup, held: true });
    return out;
  }

  /** manual is true while manual delivery mode is on. */
  get manual(): boolean {
    return this.hold.enabled;
  }

  // ---------------------------------------------------------------------------------------------
  // Checkpoints (time travel)

  /**
   * snapshot copies the scheduler's whole deterministic state: clock, counters, queue, bus, random
   * streams, clients, timers and held messages. With every node's {@link LocalNode.snapshot} it is a
   * checkpoint that {@link restore} resumes exactly. Cost: one structuredClone of the queue.
   */
  snapshot(): SimSnapshot {
    return structuredClone({
      clock: this.clock,
      events: this.events,
      nextMsgId: this.nextMsgId,
      inFlightCount: this.inFlightCount,
      overflowWarned: this.overflowWarned,
      stopReason: this.stopReason,
      actionsHandled: this.actionsHandled,
      bootsPending: this.bootsPending(),
      queue: this.queue.snapshot(),
      bus: this.bus.snapshot(),
      busRng: this.busRng.state(),
      clientRng: this.clientRng.state(),
      clients: this.clients.snapshot(),
      summaries: [...this.summaries],
      crashed: [...this.crashed],
      timers: this.timers.snapshot(),
      hold: this.hold.snapshot(),
      adversary: this.adversary,
      behaveStale: [...this.behaveStale],
      lostUnsynced: [...this.lostUnsynced],
      pauses: this.pauses.snapshot(),
    });
  }

  /**
   * restore resumes from `s`, a snapshot of a run of this same scenario. Pending actions are rebuilt
   * from the scenario's timeline as it is now: actions recorded after the snapshot was taken are
   * kept, and actions cut by {@link cutFuture} stay gone. `s` is not changed, so it can be restored
   * again. The nodes are restored separately (their hosts hold them).
   */
  restore(s: SimSnapshot): void {
    const c = structuredClone({ events: s.queue.events, summaries: s.summaries });
    this.queue.restore({ events: c.events, nextSeq: s.queue.nextSeq }, this.pendingFaults(s.bootsPending, s.actionsHandled));
    this.clock = s.clock;
    this.events = s.events;
    this.nextMsgId = s.nextMsgId;
    this.inFlightCount = s.inFlightCount;
    this.overflowWarned = s.overflowWarned;
    this.stopReason = s.stopReason;
    this.actionsHandled = s.actionsHandled;
    this.bus.restore(s.bus);
    this.busRng.setState(s.busRng);
    this.clientRng.setState(s.clientRng);
    this.clients.restore(s.clients);
    this.summaries.clear();
    for (const [id, sum] of c.summaries) this.summaries.set(id, sum);
    this.crashed.clear();
    for (const id of s.crashed) this.crashed.add(id);
    this.timers.restore(s.timers);
    this.hold.restore(s.hold);
    this.adversary = { ...s.adversary };
    this.behaveStale.clear();
    for (const id of s.behaveStale) this.behaveStale.add(id);
    this.lostUnsynced.clear();
    for (const id of s.lostUnsynced) this.lostUnsynced.add(id);
    this.pauses.restore(s.pauses);
    this.lookaheadMs = -1;
  }

  /**
   * cutFuture forks the run here: every timeline action not yet handled is removed from the
   * scenario and the queue, so the share link holds only the branch taken from now on.
   * Returns the actions removed.
   */
  cutFuture(): TimelineAction[] {
    const cut = this.scenario.timeline.splice(this.actionsHandled);
    if (cut.length) this.queue.replaceFaults(this.pendingFaults(this.bootsPending(), this.actionsHandled));
    return cut;
  }

  /** pendingFaults gives class 0 as it must be: boots not yet handled, then the timeline's unhandled actions. */
  private pendingFaults(boots: readonly NodeId[], actionsHandled: number): SimEvent[] {
    return [
      ...boots.map((node): SimEvent => ({ time: 0, cls: 0, seq: 0, kind: 'boot', node })),
      ...this.scenario.timeline.slice(actionsHandled).map((action): SimEvent => ({ time: action.at, cls: 0, seq: 0, kind: 'action', action })),
    ];
  }

  /** bootsPending lists the nodes whose boot is still queued, in the order they boot (their sequence). */
  private bootsPending(): NodeId[] {
    const boots = this.queue.items().filter((e) => e.kind === 'boot');
    return boots.sort((a, b) => a.seq - b.seq).map((e) => (e as Extract<SimEvent, { kind: 'boot' }>).node);
  }

  /**
   * paused gives node `id`'s pause in force now (since and until in virtual ms, and how many
   * messages, timers and client requests wait for it), or null when it runs.
   */
  paused(id: NodeId): PauseView | null {
    return this.pauses.view(id);
  }

  /** nodeTimers lists node `id`'s armed timers. */
  nodeTimers(id: NodeId): NodeTimer[] {
    return this.timers.list(id);
  }

  /** emitEnd writes the closing `end` record from each node's inspected state. */
  emitEnd(details: Record<NodeId, { log: { term: number; command: unknown }[]; snapshot?: LogSnapshotView | null }>): void {
    const t = this.clock;
    if (this.trace) this.trace({
      t,
      type: 'end',
      nodes: this.scenario.nodes.map((id) => {
        const s = this.summaries.get(id)!;
        const snapshot = details[id]?.snapshot;
        const node = { id, role: s.role, term: s.term, votedFor: s.votedFor, commitIndex: s.commitIndex, log: details[id]?.log ?? [], ...(snapshot ? { snapshot } : {}) };
        return s.fields ? { ...node, fields: s.fields } : node;
      }),
    });
  }
}
