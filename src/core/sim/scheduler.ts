/**
 * Scheduler: the deterministic discrete-event loop under {@link Simulation}. It owns the clock, the event queue, the
 * bus, the clients and the timeline; nodes live in hosts (in-thread, Web Workers, worker_threads)
 * that it reaches only through StepCalls. A run is a function of its scenario alone.
 *
 * Driving it: `nextWindow()` pops a batch of independent events and gives the StepCalls they need;
 * the driver runs them on the hosts (in any order, in parallel) and hands the results, in call order,
 * to `commitWindow()`, which applies every effect in event order. See drivers in run.ts.
 * What actions mean (faults, manual delivery), checkpoints and views are Simulation's (simulation.ts).
 */
import { Rng } from '../prng';
import { getProtocol } from '../protocols/registry';
import { leaderRoleOf, type AnyProtocol } from '../protocol';
import { SKEW_LIMITS, type Scenario, type TimelineAction } from '../scenario/types';
import type { DropReason, TraceSink } from '../trace';
import type { NodeId, NodeSummary, VirtualMs } from '../types';
import { Bus } from './bus';
import { Clients, type ClientHost } from './clients';
import type { Resolved } from './faults';
import { callOf, targetOf, type SimEvent, type Window, type WindowItem } from './events';
import { Timers, type TimerEntry } from './timers';
import { Hold, type HeldMessage } from './manual';
import { Pauses, resumeCounts } from './pause';
import type { Effect, StepCall, StepResult } from './host';
import { EventQueue } from './queue';
import { DEFAULT_LIMITS, type SimLimits, type SimOptions } from './options';

const SAME = (a: NodeSummary, b: NodeSummary) =>
  a.role === b.role && a.term === b.term && a.votedFor === b.votedFor && a.commitIndex === b.commitIndex && a.lastLogIndex === b.lastLogIndex && sameFields(a.fields, b.fields);

/** sameFields compares two summaries' protocol fields (NodeSummary.fields), key by key. */
function sameFields(a: NodeSummary['fields'], b: NodeSummary['fields']): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  for (const k of ka) if (a[k] !== b[k]) return false;
  return true;
}

/** Scheduler is the event loop of one scenario's run; {@link Simulation} completes it. */
export abstract class Scheduler {
  readonly scenario: Scenario;
  readonly protocol: AnyProtocol;
  readonly bus: Bus;
  readonly limits: SimLimits;
  protected readonly trace: TraceSink | undefined;
  protected readonly queue = new EventQueue<SimEvent>();
  protected readonly busRng: Rng;
  /** Manual delivery mode's messages waiting for the user. */
  protected readonly hold = new Hold();
  /** Paused nodes (timeline `pause`) and the events waiting for each. */
  protected readonly pauses = new Pauses(this.queue);
  /** Timeline actions handled so far: always a prefix of the (sorted) timeline. */
  protected actionsHandled = 0;
  protected readonly clientRng: Rng;
  protected readonly clients: Clients;
  protected readonly summaries = new Map<NodeId, NodeSummary>();
  protected readonly crashed = new Set<NodeId>();
  protected readonly timers: Timers;
  protected clock: VirtualMs = 0;
  protected events = 0;
  protected nextMsgId = 1;
  protected inFlightCount = 0;
  protected overflowWarned = false;
  protected stopReason: string | null = null;
  /** Nodes with a step in the window being built (reused to spare an allocation per window). */
  protected readonly touched = new Set<NodeId>();
  /** Cached {@link lookahead}; -1 when a link change made it stale. */
  protected lookaheadMs = -1;
  /** The nodes the adversary controls now, with their Byzantine behaviours (timeline `byzantine`). */
  protected adversary: Record<NodeId, string> = {};
  /** Crashed nodes that missed a `behave` input: they get one right after their restart. */
  protected readonly behaveStale = new Set<NodeId>();
  /** Crashed nodes whose crash lost their unsynced writes: they restart from their last sync. */
  protected readonly lostUnsynced = new Set<NodeId>();

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
    const initial = this.protocol.initialBehaviours?.(scenario.config) ?? {};
    for (const id of scenario.nodes) if (initial[id] !== undefined) this.adversary[id] = initial[id];
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
      // An action, or a resume, changes what later events do: it has a window to itself.
      if ((e.kind === 'action' || e.kind === 'resume') && items.length > 0) break;
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
      if (e.kind === 'action' || e.kind === 'resume') break;
      if (this.events + real >= this.limits.maxEvents) break;
    }
    return items.length ? { items, calls } : null;
  }

  /** lookahead is the least delay between an event and any event its handling creates (virtual ms). */
  protected lookahead(): number {
    if (this.lookaheadMs < 0) {
      const c = this.scenario.clients.timeoutMs;
      this.lookaheadMs = Math.min(this.bus.minLatencyMs(), this.scenario.network.latencyMs[0], this.timers.minDelayMs, this.clients.backoffMs(), c);
    }
    return this.lookaheadMs;
  }

  /** plan decides at pop time which steps an event needs. It changes nothing but the window. */
  protected plan(item: WindowItem, calls: StepCall[]): void {
    const e = item.event;
    if (e.kind === 'action') return this.planAction(item, e.action, calls);
    const c = this.pauses.holds(e) ? null : callOf(e, this.crashed, this.bus);
    if (c) item.calls.push(calls.push(c) - 1);
  }

  /** planAction resolves action `a` of `item` and adds the steps it needs to `calls`. */
  protected abstract planAction(item: WindowItem, a: TimelineAction, calls: StepCall[]): void;

  /** applyAction carries out a resolved action at commit time (trace first). */
  protected abstract applyAction(a: TimelineAction, r: Resolved): void;

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

  protected commitItem(item: WindowItem, calls: readonly StepCall[], results: readonly StepResult[]): void {
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

  protected checkEventLimit(): void {
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
      const call = this.pauses.holds(e) ? null : callOf(e, this.crashed, this.bus);
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
  protected handle(e: SimEvent, stepped: boolean, resolved: Resolved | undefined): void {
    if (this.pauses.holds(e)) return this.pauses.park(e);
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
      case 'resume': {
        const p = this.pauses.end(e.node, e.time);
        if (p && this.trace) this.trace({ t: e.time, type: 'resume', node: e.node, ...resumeCounts(p) });
        return;
      }
      case 'action':
        this.actionsHandled++;
        this.applyAction(e.action, resolved!);
        return;
      default:
        assertNever(e);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Effects

  protected applyResult(node: NodeId, result: StepResult, now: VirtualMs): void {
    for (const fx of result.effects) this.applyEffect(node, fx, now);
    const prev = this.summaries.get(node)!;
    const next = result.summary;
    this.summaries.set(node, next);
    if (!SAME(prev, next)) this.emitState(node, next, now);
  }

  protected applyEffect(node: NodeId, fx: Effect, now: VirtualMs): void {
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
      case 'record':
        if (this.trace) this.trace({ t: now, type: 'record', kind: fx.kind, node, ...fx.fields });
        return;
      default:
        assertNever(fx);
    }
  }

  protected send(from: NodeId, to: NodeId, msg: unknown, now: VirtualMs): void {
    if (this.hold.enabled) return this.holdCopy({ id: this.nextMsgId++, from, to, msg, sentAt: now, dup: false });
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

  protected enqueueCopy(from: NodeId, to: NodeId, msg: unknown, now: VirtualMs, delay: number, dup: boolean): void {
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

  /** holdCopy puts a message on the bus to wait for the user (manual delivery mode). */
  protected holdCopy(m: HeldMessage): void {
    this.inFlightCount++;
    this.hold.add(m);
    if (this.trace) this.trace(m.dup ? { t: m.sentAt, type: 'send', id: m.id, from: m.from, to: m.to, msg: m.msg, dup: true, held: true } : { t: m.sentAt, type: 'send', id: m.id, from: m.from, to: m.to, msg: m.msg, held: true });
  }

  // ---------------------------------------------------------------------------------------------
  // Fault actions (timeline and user)

  /** isDown tells whether node `id` is crashed now. */
  isDown(id: NodeId): boolean {
    return this.crashed.has(id);
  }

  /**
   * leader is the leader of the highest term among live nodes, or null: the node whose role is the
   * protocol's {@link AnyProtocol.leaderRole} (Raft `leader`, PBFT `primary`).
   */
  leader(): NodeId | null {
    const role = leaderRoleOf(this.protocol);
    if (role === null) return null;
    let best: NodeId | null = null;
    let term = -1;
    for (const [id, s] of this.summaries) {
      if (s.role === role && !this.crashed.has(id) && s.term > term) {
        best = id;
        term = s.term;
      }
    }
    return best;
  }

  // ---------------------------------------------------------------------------------------------
  // Clients

  /** ClientHost view of this scheduler, handed to the clients. */
  protected clientHost(): ClientHost {
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
  // Trace

  protected emitState(node: NodeId, s: NodeSummary, t: VirtualMs): void {
    if (this.trace) {
      const r = { t, type: 'state', node, role: s.role, term: s.term, votedFor: s.votedFor, commitIndex: s.commitIndex, lastLogIndex: s.lastLogIndex } as const;
      this.trace(s.fields ? { ...r, fields: s.fields } : r);
    }
  }

  protected note(t: VirtualMs, text: string, node?: NodeId): void {
    if (this.trace) this.trace(node ? { t, type: 'note', node, text } : { t, type: 'note', text });
  }

  protected stop(reason: string): void {
    this.stopReason = reason;
    if (this.trace) this.trace({ t: this.clock, type: 'limit', text: reason });
  }

}

function assertNever(x: never): never {
  throw new Error(`unexpected ${JSON.stringify(x)}`);
}
