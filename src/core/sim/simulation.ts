/**
 * Simulation: the deterministic discrete-event scheduler. It owns the clock, the event queue, the
 * bus, the clients and the timeline; nodes live in hosts (in-thread, Web Workers, worker_threads)
 * that it reaches only through StepCalls. A run is a function of its scenario alone.
 *
 * Driving it: `nextWindow()` pops a batch of independent events and gives the StepCalls they need;
 * the driver runs them on the hosts (in any order, in parallel) and hands the results, in call order,
 * to `commitWindow()`, which applies every effect in event order. See drivers in run.ts.
 */
import { Rng } from '../prng';
import { getProtocol } from '../protocols/registry';
import type { AnyProtocol } from '../protocol';
import { SKEW_LIMITS, type Scenario, type TimelineAction } from '../scenario/types';
import type { DropReason, TraceRecord, TraceSink } from '../trace';
import type { DistributiveOmit, NodeId, NodeSummary, VirtualMs } from '../types';
import { Bus } from './bus';
import { Clients, type ClientHost } from './clients';
import { applyNetworkFault, faultRecord, resolveAction, type Resolved } from './faults';
import { freshClient } from '../scenario/schema';
import { recordActions } from '../scenario/timeline';
import { callOf, targetOf, type SimEvent, type Window, type WindowItem } from './events';
import { Timers, type NodeTimer, type TimerEntry } from './timers';
import type { Effect, StepCall, StepResult } from './host';
import { EventQueue } from './queue';
import { DEFAULT_LIMITS, type InFlight, type SimLimits, type SimOptions } from './options';

const SAME = (a: NodeSummary, b: NodeSummary) =>
  a.role === b.role && a.term === b.term && a.votedFor === b.votedFor && a.commitIndex === b.commitIndex && a.lastLogIndex === b.lastLogIndex;

/** Simulation runs one scenario. Not thread-safe; one driver at a time. */
export class Simulation {
  readonly scenario: Scenario;
  readonly protocol: AnyProtocol;
  readonly bus: Bus;
  readonly limits: SimLimits;
  private readonly trace: TraceSink | undefined;
  private readonly queue = new EventQueue<SimEvent>();
  private readonly busRng: Rng;
  private readonly clientRng: Rng;
  private readonly clients: Clients;
  private readonly summaries = new Map<NodeId, NodeSummary>();
  private readonly crashed = new Set<NodeId>();
  private readonly timers: Timers;
  private clock: VirtualMs = 0;
  private events = 0;
  private nextMsgId = 1;
  private inFlightCount = 0;
  private overflowWarned = false;
  private stopReason: string | null = null;
  /** Nodes with a step in the window being built (reused to spare an allocation per window). */
  private readonly touched = new Set<NodeId>();
  /** Cached {@link lookahead}; -1 when a link change made it stale. */
  private lookaheadMs = -1;

  /** @throws Error if the scenario names an unknown protocol (parseScenario rules that out). */
  constructor(scenario: Scenario, options: SimOptions = {}) {
    this.scenario = { ...scenario, timeline: [...scenario.timeline] };
    this.protocol = getProtocol(scenario.protocol).protocol;
    this.bus = new Bus(scenario.nodes, scenario.network);
    this.limits = { ...DEFAULT_LIMITS, ...options.limits };
    this.trace = options.trace;
    this.busRng = Rng.derive(scenario.seed, 'bus');
    this.clientRng = Rng.derive(scenario.seed, 'clients');
    this.timers = new Timers(scenario.nodes, (e) => this.queue.push(e), this.protocol.minTimerDelayMs(scenario.config), SKEW_LIMITS.max);
    this.clients = new Clients(this.clientHost());
    for (const id of scenario.nodes) {
      this.summaries.set(id, { role: 'follower', term: 0, votedFor: null, commitIndex: 0, lastLogIndex: 0, lastApplied: 0 });
    }
    // A copy: the live scenario's timeline grows with every user action after this record is out.
    if (this.trace) this.trace({ t: 0, type: 'header', scenario: structuredClone(this.scenario) });
    for (const node of scenario.nodes) this.queue.push({ time: 0, cls: 0, seq: 0, kind: 'boot', node });
    for (const action of this.scenario.timeline) this.queue.push({ time: action.at, cls: 0, seq: 0, kind: 'action', action });
  }

  /** now is the virtual clock (virtual ms): the time of the last event, or where advanceTo moved it. */
  get now(): VirtualMs {
    return this.clock;
  }

  /** eventsProcessed counts handled events (a timer found early and re-armed is not one). */
  get eventsProcessed(): number {
    return this.events;
  }

  /** stopped is why the run stopped early (a limit), or null. */
  get stopped(): string | null {
    return this.stopReason;
  }

  /** nextEventTime is the time of the earliest queued event, or Infinity. */
  get nextEventTime(): VirtualMs {
    return this.queue.peek()?.time ?? Infinity;
  }

  // ---------------------------------------------------------------------------------------------
  // Windows

  /**
   * nextWindow pops the next batch of events that are due by `untilTime` (virtual ms), at most
   * `maxEvents` of them (≥ 1), and returns the StepCalls they need; null when none is due or the
   * run has stopped. The caller must pass the results to {@link commitWindow} before anything else.
   */
  nextWindow(untilTime: VirtualMs, maxEvents = Infinity): Window | null {
    if (this.stopReason) return null;
    const items: WindowItem[] = [];
    const calls: StepCall[] = [];
    const touched = this.touched;
    touched.clear();
    let real = 0;
    let horizon = Infinity;
    for (;;) {
      const e = this.queue.peek();
      if (!e || e.time > untilTime || e.time >= horizon || real >= maxEvents) break;
      if (e.kind === 'action' && items.length > 0) break;
      // Whether a timer entry fires depends on its node's timers, which that node's earlier steps
      // in this window may still change: such a timer waits for the next window.
      if (e.kind === 'timer' && touched.has(e.node)) break;
      this.queue.pop();
      if (horizon === Infinity) horizon = e.time + this.lookahead();
      const item: WindowItem = { event: e, calls: [] };
      items.push(item);
      if (e.kind === 'timer' && this.timers.early(e)) {
        item.rearm = true;
        // Re-queued at commit, it must still come before anything later in this window.
        const at = this.timers.requeueAt(e);
        if (at !== null) horizon = Math.min(horizon, at);
        continue;
      }
      // A client's retry entry may re-queue itself as soon as the next ms (lazy re-arm).
      if (e.kind === 'clientTimer') horizon = Math.min(horizon, e.time + 1);
      real++;
      const target = targetOf(e);
      if (target !== null) touched.add(target);
      this.plan(item, calls);
      if (e.kind === 'action') break;
      if (this.events + real >= this.limits.maxEvents) break;
    }
    return items.length ? { items, calls } : null;
  }

  /** lookahead is the least delay between an event and any event its handling creates (virtual ms). */
  private lookahead(): number {
    if (this.lookaheadMs < 0) {
      const c = this.scenario.clients.timeoutMs;
      this.lookaheadMs = Math.min(this.bus.minLatencyMs(), this.scenario.network.latencyMs[0], this.timers.minDelayMs, this.clients.backoffMs(), c);
    }
    return this.lookaheadMs;
  }

  /** plan decides at pop time which steps an event needs. It changes nothing but the window. */
  private plan(item: WindowItem, calls: StepCall[]): void {
    const e = item.event;
    if (e.kind !== 'action') {
      const c = callOf(e, this.crashed, this.bus);
      if (c) item.calls.push(calls.push(c) - 1);
      return;
    }
    const r = (item.resolved = resolveAction(e.action, this.leader(), this.crashed, this.scenario.nodes));
    if (r.skipped) return;
    if (e.action.action === 'restart') {
      for (const node of r.nodes) item.calls.push(calls.push({ node, now: e.time, input: { kind: 'start' }, restart: true }) - 1);
    } else if (e.action.action === 'timeout') {
      item.calls.push(calls.push({ node: r.nodes[0]!, now: e.time, input: { kind: 'timeout' } }) - 1);
    }
  }

  /**
   * commitWindow applies a window's results: `results[i]` answers `window.calls[i]`. Every effect,
   * trace record and queue push happens here, in event order.
   * @throws Error if the results do not match the calls.
   */
  commitWindow(window: Window, results: readonly StepResult[]): void {
    if (results.length !== window.calls.length) {
      throw new Error(`commitWindow: ${results.length} results for ${window.calls.length} calls`);
    }
    for (const item of window.items) this.commitItem(item, window.calls, results);
  }

  private commitItem(item: WindowItem, calls: readonly StepCall[], results: readonly StepResult[]): void {
    const e = item.event;
    if (item.rearm) {
      this.timers.rearm(e as TimerEntry);
      return;
    }
    this.clock = e.time;
    this.events++;
    this.handle(e, item.calls.length > 0, item.resolved);
    for (const i of item.calls) this.applyResult(calls[i]!.node, results[i]!, e.time);
    this.checkEventLimit();
  }

  private checkEventLimit(): void {
    if (this.events >= this.limits.maxEvents && !this.stopReason) this.stop(`the run reached its limit of ${this.limits.maxEvents} events`);
  }

  /**
   * runLocal handles events due by `untilTime` one at a time, at most `maxEvents`, stepping nodes
   * with a synchronous `step` (hosts in this thread). It is the run that windows of one event
   * give, without building windows: the in-thread driver's fast path. Returns events handled.
   */
  runLocal(step: (call: StepCall) => StepResult, untilTime: VirtualMs, maxEvents = Infinity): number {
    const start = this.events;
    while (!this.stopReason && this.events - start < maxEvents) {
      const e = this.queue.peek();
      if (!e || e.time > untilTime) break;
      this.queue.pop();
      if (e.kind === 'timer' && this.timers.early(e)) {
        this.timers.rearm(e);
        continue;
      }
      if (e.kind === 'action') {
        // Rare, and may step several nodes (a restart): the general path.
        const item: WindowItem = { event: e, calls: [] };
        const calls: StepCall[] = [];
        this.plan(item, calls);
        this.commitItem(item, calls, calls.map(step));
        continue;
      }
      // The common case, without arrays: at most one step.
      const call = callOf(e, this.crashed, this.bus);
      const result = call ? step(call) : null;
      this.clock = e.time;
      this.events++;
      this.handle(e, call !== null, undefined);
      if (call) this.applyResult(call.node, result!, e.time);
      this.checkEventLimit();
    }
    return this.events - start;
  }

  /** handle does the scheduler's part of event `e`; `stepped` says whether a node took a step for it. */
  private handle(e: SimEvent, stepped: boolean, resolved: Resolved | undefined): void {
    switch (e.kind) {
      case 'boot':
        return;
      case 'deliver': {
        this.inFlightCount--;
        const reason: DropReason | null = this.crashed.has(e.to) ? 'crashed' : this.bus.blocked(e.from, e.to);
        if (this.trace) {
          this.trace(reason ? { t: e.time, type: 'drop', id: e.id, from: e.from, to: e.to, reason } : { t: e.time, type: 'deliver', id: e.id, from: e.from, to: e.to });
        }
        return;
      }
      case 'timer':
        this.timers.fired(e);
        if (this.trace) this.trace({ t: e.time, type: 'timer', node: e.node, name: e.name });
        return;
      case 'request':
        if (!stepped) this.note(e.time, `${e.client}'s request is lost: ${e.node} is down`, e.node);
        return;
      case 'reply':
        this.clients.reply(e.client, e.from, e.requestId, e.reply);
        return;
      case 'clientTimer':
        this.clients.timer(e.client, e.gen);
        return;
      case 'action':
        this.applyAction(e.action, resolved!);
        return;
      default:
        assertNever(e);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Effects

  private applyResult(node: NodeId, result: StepResult, now: VirtualMs): void {
    for (const fx of result.effects) this.applyEffect(node, fx, now);
    const prev = this.summaries.get(node)!;
    const next = result.summary;
    this.summaries.set(node, next);
    if (!SAME(prev, next)) this.emitState(node, next, now);
  }

  private applyEffect(node: NodeId, fx: Effect, now: VirtualMs): void {
    switch (fx.k) {
      case 'send':
        this.send(node, fx.to, fx.msg, now);
        return;
      case 'setTimer':
        this.timers.set(node, fx.name, fx.afterMs, now);
        return;
      case 'clearTimer':
        this.timers.clear(node, fx.name);
        return;
      case 'reply':
        this.queue.push({ time: now + this.clients.delay(), cls: 1, seq: 0, kind: 'reply', client: fx.client, from: node, requestId: fx.requestId, reply: fx.reply });
        return;
      case 'apply':
        if (this.trace) this.trace({ t: now, type: 'apply', node, index: fx.index, term: fx.term, command: fx.command });
        return;
      case 'note':
        this.note(now, fx.text, node);
        return;
      default:
        assertNever(fx);
    }
  }

  private send(from: NodeId, to: NodeId, msg: unknown, now: VirtualMs): void {
    const first = this.bus.fate(from, to, this.busRng);
    if (first < 0) {
      const id = this.nextMsgId++;
      if (this.trace) {
        this.trace({ t: now, type: 'send', id, from, to, msg });
        this.trace({ t: now, type: 'drop', id, from, to, reason: this.bus.dropReason });
      }
      return;
    }
    const second = this.bus.dupDelay;
    this.enqueueCopy(from, to, msg, now, first, false);
    if (second >= 0) this.enqueueCopy(from, to, msg, now, second, true);
  }

  private enqueueCopy(from: NodeId, to: NodeId, msg: unknown, now: VirtualMs, delay: number, dup: boolean): void {
    const id = this.nextMsgId++;
    const deliverAt = now + delay;
    if (this.inFlightCount >= this.limits.maxInFlight) {
      if (this.trace) {
        this.trace({ t: now, type: 'send', id, from, to, msg });
        this.trace({ t: now, type: 'drop', id, from, to, reason: 'overflow' });
        if (!this.overflowWarned) {
          this.trace({ t: now, type: 'limit', text: `more than ${this.limits.maxInFlight} messages in flight: the bus drops the excess (reason "overflow")` });
        }
      }
      this.overflowWarned = true;
      return;
    }
    this.inFlightCount++;
    if (this.trace) this.trace(dup ? { t: now, type: 'send', id, from, to, msg, deliverAt, dup: true } : { t: now, type: 'send', id, from, to, msg, deliverAt });
    this.queue.push({ time: deliverAt, cls: 1, seq: 0, kind: 'deliver', id, from, to, msg, sentAt: now, dup });
  }

  // ---------------------------------------------------------------------------------------------
  // Fault actions (timeline and user)

  /** leader is the leader of the highest term among live nodes, or null. */
  leader(): NodeId | null {
    let best: NodeId | null = null;
    let term = -1;
    for (const [id, s] of this.summaries) {
      if (s.role === 'leader' && !this.crashed.has(id) && s.term > term) {
        best = id;
        term = s.term;
      }
    }
    return best;
  }

  private applyAction(a: TimelineAction, r: Resolved): void {
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
    switch (a.action) {
      case 'crash': {
        const id = r.nodes[0]!;
        this.crashed.add(id);
        this.timers.clearAll(id);
        const s = { ...this.summaries.get(id)!, role: 'crashed' };
        this.summaries.set(id, s);
        this.emitState(id, s, now);
        return;
      }
      case 'skew':
        this.timers.setRate(r.nodes[0]!, a.rate);
        return;
      case 'restart':
        // The StepCalls planned for this action rebuild each node from persistent state.
        for (const id of r.nodes) this.crashed.delete(id);
        return;
      case 'request':
        // parseScenario and act() name a fresh client for every request that names none.
        this.clients.request(a.client ?? freshClient(this.scenario.timeline), a.op, r.nodes[0] ?? null);
        return;
      default:
        return; // timeout: its StepCall does the work
    }
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
  // Clients

  /** ClientHost view of this scheduler, handed to the clients. */
  private clientHost(): ClientHost {
    return {
      now: () => this.clock,
      push: (e) => this.queue.push(e),
      trace: this.trace,
      rng: this.clientRng,
      scenario: this.scenario,
    };
  }

  /** finish records every operation still outstanding as `info` (outcome unknown), as Jepsen does. */
  finish(): void {
    this.clients.finish();
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
    return out;
  }

  /** nodeTimers lists node `id`'s armed timers. */
  nodeTimers(id: NodeId): NodeTimer[] {
    return this.timers.list(id);
  }

  // ---------------------------------------------------------------------------------------------
  // Trace

  private emitState(node: NodeId, s: NodeSummary, t: VirtualMs): void {
    if (this.trace) this.trace({ t, type: 'state', node, role: s.role, term: s.term, votedFor: s.votedFor, commitIndex: s.commitIndex, lastLogIndex: s.lastLogIndex });
  }

  private note(t: VirtualMs, text: string, node?: NodeId): void {
    if (this.trace) this.trace(node ? { t, type: 'note', node, text } : { t, type: 'note', text });
  }

  private stop(reason: string): void {
    this.stopReason = reason;
    if (this.trace) this.trace({ t: this.clock, type: 'limit', text: reason });
  }

  /** emitEnd writes the closing `end` record from each node's inspected state. */
  emitEnd(details: Record<NodeId, { log: { term: number; command: unknown }[] }>): void {
    const t = this.clock;
    if (this.trace) this.trace({
      t,
      type: 'end',
      nodes: this.scenario.nodes.map((id) => {
        const s = this.summaries.get(id)!;
        return { id, role: s.role, term: s.term, votedFor: s.votedFor, commitIndex: s.commitIndex, log: details[id]?.log ?? [] };
      }),
    });
  }
}

function assertNever(x: never): never {
  throw new Error(`unexpected ${JSON.stringify(x)}`);
}
