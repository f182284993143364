/**
 * The e2e bridge: a small typed API on `window.__playground` (tldraw style) so browser tests can
 * read exact state and drive the run, while user-visible checks go through DOM test ids.
 *
 * ```js
 * const pg = window.__playground;
 * await pg.ready();                     // the first scenario is loaded (workers booted, replay done)
 * await pg.pause();                     // stop playing; resolves once the frame in progress is done
 * await pg.runUntil(2000);              // run to virtual ms 2000 (paused)
 * pg.now(); pg.events(); pg.leader();   // virtual ms, events handled, leader id or null
 * pg.summaries();                       // { n1: {role, term, votedFor, commitIndex, lastLogIndex, lastApplied}, … }
 * await pg.details();                   // { n1: NodeDetail (log, progress, votesReceived, kv, extra), … }
 * await pg.act({ action: 'request', op: { f: 'put', key: 'x', value: '1' }, node: 'n1' });
 * await pg.step();                      // exactly one event
 * pg.play(); pg.setSpeed(1);            // speed: a number (× real time) or 'max'
 * pg.scenario();                        // the scenario with every recorded action (a copy)
 * await pg.share();                     // the share URL of this moment (also put in the address bar)
 * pg.traceJsonl();                      // what "Export trace" downloads
 * await pg.seekTime(1500);              // time travel: the run as it was at 1500 ms (paused)
 * await pg.stepBack(); await pg.stepToNext({ kind: 'leader' });
 * pg.horizon();                         // { events, t }: the furthest point of the run known
 * ```
 */
import type { NodeDetail } from '../core/protocol';
import type { Condition } from '../core/travel/conditions';
import type { Moment } from '../core/scenario/share';
import { parseScenario } from '../core/scenario/schema';
import type { Scenario, TimelineAction } from '../core/scenario/types';
import type { NodeId, NodeSummary } from '../core/types';
import type { Controller } from './controller/controller';
import type { UserAction } from './controller/scenarios';
import { useStore } from './store/store';
import { setWorkerPoolSize } from '../workers/browser-hosts';
import type { Speed } from './store/types';

export interface PlaygroundBridge {
  /** ready resolves when no load, replay or frame is in progress and a scenario is loaded. */
  ready(): Promise<void>;
  /** now is the simulation's virtual clock (virtual ms). */
  now(): number;
  /** events is how many events the run has handled. */
  events(): number;
  leader(): NodeId | null;
  playing(): boolean;
  /** stopped is the limit message if the run stopped early, else null. */
  stopped(): string | null;
  summaries(): Record<NodeId, NodeSummary>;
  details(): Promise<Record<NodeId, NodeDetail>>;
  /** groups is the bus's partition (one group when healed). */
  groups(): NodeId[][];
  /** inFlight counts messages on the bus. */
  inFlight(): number;
  /** act records a user action (as the UI does); applied at once when paused. Rejects if invalid. */
  act(action: UserAction): Promise<TimelineAction | null>;
  play(): void;
  pause(): Promise<void>;
  setSpeed(speed: Speed): void;
  step(): Promise<void>;
  runUntil(t: number): Promise<void>;
  scenario(): Scenario | null;
  /** load replaces the run with a scenario (raw JSON is validated), optionally replayed to a moment, paused. */
  load(scenario: unknown, moment?: Moment | null): Promise<void>;
  share(): Promise<string>;
  traceLength(): number;
  traceJsonl(): string;
  /** seekTime shows the run at virtual ms `t` (paused), back or forward up to the horizon. */
  seekTime(t: number): Promise<void>;
  /** seekEvents shows the run right after event `n` (paused). */
  seekEvents(n: number): Promise<void>;
  stepBack(): Promise<void>;
  stepToNext(c: Condition): Promise<void>;
  addBreakpoint(c: Condition): void;
  breakpoints(): Condition[];
  /** horizon is the furthest point of the run known: events and virtual ms. */
  horizon(): { events: number; t: number };
  /** currentEvent is the latest event in words. */
  currentEvent(): string;
  setManual(on: boolean): Promise<TimelineAction | null>;
  /** held lists the messages waiting for the user in manual mode. */
  held(): { id: number; from: NodeId; to: NodeId; type: string }[];
  /** selectMessage selects the message with bus id `id` (as a click on its arrow does), or none. */
  selectMessage(id: number | null): void;
  /** workers is how many Web Workers host the run's nodes (0 before a load). */
  workers(): number;
  /** setWorkerPool fixes the worker count of later loads (null: automatic, see workersFor). */
  setWorkerPool(size: number | null): void;
}

declare global {
  interface Window {
    __playground?: PlaygroundBridge;
  }
}

/** installBridge puts the bridge on window.__playground. */
export function installBridge(c: Controller): PlaygroundBridge {
  const sim = () => c.current();
  const bridge: PlaygroundBridge = {
    ready: async () => {
      for (;;) {
        await c.whenIdle();
        if (sim() && useStore.getState().phase === 'ready') return;
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    now: () => sim()?.now ?? 0,
    events: () => sim()?.eventsProcessed ?? 0,
    leader: () => sim()?.leader() ?? null,
    playing: () => useStore.getState().playing,
    stopped: () => sim()?.stopped ?? null,
    summaries: () => {
      const s = sim();
      return s ? Object.fromEntries(s.scenario.nodes.map((id) => [id, { ...s.summary(id) }])) : {};
    },
    details: () => c.details(),
    groups: () => sim()?.bus.groups() ?? [],
    inFlight: () => sim()?.inFlight().length ?? 0,
    act: (a) => c.act(a),
    play: () => c.play(),
    pause: () => c.pause(),
    setSpeed: (s) => c.setSpeed(s),
    step: () => c.step(),
    runUntil: (t) => c.runUntil(t),
    scenario: () => {
      const s = sim();
      return s ? structuredClone(s.scenario) : null;
    },
    load: (raw, moment = null) => c.load(parseScenario(raw), { moment, play: false }),
    share: () => c.share(),
    traceLength: () => c.traceRecords().length,
    traceJsonl: () => c.traceRecords().map((r) => JSON.stringify(r) + '\n').join(''),
    seekTime: (t) => c.travel.seekTime(t),
    seekEvents: (n) => c.travel.seekEvents(n),
    stepBack: () => c.travel.stepBack(),
    stepToNext: (cond) => c.travel.stepToNext(cond),
    addBreakpoint: (cond) => c.travel.addBreakpoint(cond),
    breakpoints: () => [...useStore.getState().breakpoints],
    horizon: () => ({ events: useStore.getState().horizonEvents, t: useStore.getState().horizonT }),
    currentEvent: () => useStore.getState().currentEvent.text,
    setManual: (on) => c.setManual(on),
    held: () => {
      const s = sim();
      return s ? s.inFlight().filter((m) => m.held).map((m) => ({ id: m.id, from: m.from, to: m.to, type: s.protocol.messageType(m.msg) })) : [];
    },
    selectMessage: (id) => useStore.getState().selectMsg(id),
    workers: () => c.workers(),
    setWorkerPool: (size) => setWorkerPoolSize(size),
  };
  window.__playground = bridge;
  return bridge;
}
