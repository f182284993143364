/**
 * Drivers: loops that feed a Simulation's windows to node hosts. The synchronous driver runs every
 * node in this thread (tests, CLI, benchmarks); the asynchronous one awaits hosts that live in
 * Web Workers or worker_threads. Both run the same windows, so their traces are identical.
 */
import { getProtocol } from '../protocols/registry';
import type { NodeDetail } from '../protocol';
import type { Scenario } from '../scenario/types';
import type { NodeId, VirtualMs } from '../types';
import { LocalNode, type NodeBoot, type StepCall, type StepResult } from './host';
import type { SimOptions } from './options';
import { Simulation } from './simulation';

/** bootsOf gives the boot record of every node of a scenario. */
export function bootsOf(scenario: Scenario): NodeBoot[] {
  return scenario.nodes.map((id) => ({ protocol: scenario.protocol, id, nodes: scenario.nodes, config: scenario.config, seed: scenario.seed }));
}

/** LocalHosts hosts every node of a scenario in this thread. */
export class LocalHosts {
  readonly nodes = new Map<NodeId, LocalNode>();

  constructor(scenario: Scenario) {
    const { protocol } = getProtocol(scenario.protocol);
    for (const boot of bootsOf(scenario)) this.nodes.set(boot.id, new LocalNode(protocol, boot));
  }

  /** step answers one call (bound, so it can be handed around). */
  readonly step = (call: StepCall): StepResult => this.nodes.get(call.node)!.step(call);

  /** run answers a window's calls in order. */
  run(calls: readonly StepCall[]): StepResult[] {
    const out: StepResult[] = new Array(calls.length);
    for (let i = 0; i < calls.length; i++) out[i] = this.nodes.get(calls[i]!.node)!.step(calls[i]!);
    return out;
  }

  /** inspect gives node `id`'s detail. */
  inspect(id: NodeId): NodeDetail {
    return this.nodes.get(id)!.inspect();
  }

  /** state is node `id`'s live protocol state (read only), for monitors. */
  state(id: NodeId): unknown {
    return this.nodes.get(id)!.live();
  }
}

/** AsyncHosts is what the asynchronous driver needs of hosts living elsewhere. */
export interface AsyncHosts {
  /** run answers a window's calls; results in call order. Calls for different nodes may run in parallel. */
  run(calls: readonly StepCall[]): Promise<StepResult[]>;
  inspect(id: NodeId): Promise<NodeDetail>;
}

/**
 * StepBudget bounds one advance: events due by `until` (virtual ms), at most `maxEvents` of them,
 * and (asynchronous driver) only while `more()` says so, asked before each window: a caller's wall
 * budget ends an advance between windows instead of cutting a window short, which would cost an
 * extra round trip.
 */
export interface StepBudget {
  until: VirtualMs;
  maxEvents?: number;
  more?: () => boolean;
}

/** advanceSync handles events up to the budget, one at a time; returns how many it handled. */
export function advanceSync(sim: Simulation, hosts: LocalHosts, budget: StepBudget): number {
  return sim.runLocal(hosts.step, budget.until, budget.maxEvents ?? Infinity);
}

/** advanceAsync is advanceSync for hosts in workers. */
export async function advanceAsync(sim: Simulation, hosts: AsyncHosts, budget: StepBudget): Promise<number> {
  const start = sim.eventsProcessed;
  const max = budget.maxEvents ?? Infinity;
  for (;;) {
    const left = max - (sim.eventsProcessed - start);
    if (left <= 0 || (budget.more && sim.eventsProcessed > start && !budget.more())) break;
    const w = sim.nextWindow(budget.until, left);
    if (!w) break;
    sim.commitWindow(w, w.calls.length ? await hosts.run(w.calls) : []);
  }
  return sim.eventsProcessed - start;
}

/** RunResult is what a whole headless run leaves behind. */
export interface RunResult {
  sim: Simulation;
  hosts: LocalHosts;
}

/**
 * runScenario runs a normalised scenario in this thread until `scenario.until`, then records pending
 * operations as `info` and writes the `end` record. Trace records go to `options.trace`.
 */
export function runScenario(scenario: Scenario, options: SimOptions = {}): RunResult {
  const sim = new Simulation(scenario, options);
  const hosts = new LocalHosts(sim.scenario);
  advanceSync(sim, hosts, { until: scenario.until });
  finishRun(sim, (id) => hosts.inspect(id));
  return { sim, hosts };
}

/** runScenarioAsync is runScenario with hosts in workers. */
export async function runScenarioAsync(scenario: Scenario, hosts: AsyncHosts, options: SimOptions = {}): Promise<Simulation> {
  const sim = new Simulation(scenario, options);
  await advanceAsync(sim, hosts, { until: scenario.until });
  const details: Record<NodeId, NodeDetail> = {};
  for (const id of sim.scenario.nodes) details[id] = await hosts.inspect(id);
  finishRun(sim, (id) => details[id]!);
  return sim;
}

function finishRun(sim: Simulation, inspect: (id: NodeId) => NodeDetail): void {
  if (!sim.stopped) sim.advanceTo(sim.scenario.until);
  sim.finish();
  const logs: Record<NodeId, Pick<NodeDetail, 'log' | 'snapshot'>> = {};
  for (const id of sim.scenario.nodes) {
    const d = inspect(id);
    logs[id] = d.snapshot ? { log: d.log, snapshot: d.snapshot } : { log: d.log };
  }
  sim.emitEnd(logs);
}
