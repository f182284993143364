/**
 * MonitoredRun: a test harness that runs a scenario one event at a time in this thread, keeps the
 * trace, and checks Raft's safety properties after every event (so inspections see exactly the
 * state each record describes). Tests only; the app and CLI use the drivers in sim/run.ts.
 */
import { RaftSafetyMonitor } from './invariants';
import { fullLog } from './snapshot-check';
import type { RaftState } from './state';
import type { Scenario } from '../../scenario/types';
import { LocalHosts } from '../../sim/run';
import { Simulation } from '../../sim/simulation';
import type { TraceRecord } from '../../trace';
import type { NodeId, VirtualMs } from '../../types';

/** MonitoredRun steps a Simulation event by event with a RaftSafetyMonitor watching. */
export class MonitoredRun {
  readonly sim: Simulation;
  readonly hosts: LocalHosts;
  readonly monitor: RaftSafetyMonitor;
  readonly trace: TraceRecord[] = [];

  constructor(scenario: Scenario) {
    this.hosts = new LocalHosts(scenario);
    this.monitor = new RaftSafetyMonitor((id) => fullLog(this.hosts.state(id) as RaftState, this.monitor));
    this.sim = new Simulation(scenario, {
      trace: (r) => {
        this.trace.push(r);
        this.monitor.observe(r);
      },
    });
  }

  /** runUntil handles every event due by `t` (virtual ms), checking Log Matching every `matchEvery` events. */
  runUntil(t: VirtualMs, matchEvery = 200): this {
    let n = 0;
    for (;;) {
      const w = this.sim.nextWindow(t, 1);
      if (!w) break;
      this.sim.commitWindow(w, this.hosts.run(w.calls));
      if (++n % matchEvery === 0) this.monitor.checkLogMatching(this.sim.now, this.sim.scenario.nodes);
    }
    this.sim.advanceTo(t);
    this.monitor.checkLogMatching(this.sim.now, this.sim.scenario.nodes);
    return this;
  }

  /** leader gives the current leader of the highest term, or null. */
  leader(): NodeId | null {
    return this.sim.leader();
  }

  /** log gives node `id`'s log terms, e.g. [1, 1, 2]. */
  terms(id: NodeId): number[] {
    return this.hosts.inspect(id).log.map((e) => e.term);
  }

  /** records gives the trace records of one type. */
  records<T extends TraceRecord['type']>(type: T): Extract<TraceRecord, { type: T }>[] {
    return this.trace.filter((r): r is Extract<TraceRecord, { type: T }> => r.type === type);
  }
}
