/**
 * Test helpers for delegation: a one-node harness, and a headless run that keeps the records and
 * client history and builds the ConsistencyInput the Tasks complete check and the metrics read.
 */
import { Rng } from '../../prng';
import type { Input } from '../../protocol';
import { parseScenario } from '../../scenario/schema';
import { runScenario } from '../../sim/run';
import type { Scenario } from '../../scenario/types';
import { stepWith, type Effects, type HarnessNode } from '../../testing/step-harness';
import type { TraceRecord } from '../../trace';
import type { NodeId } from '../../types';
import type { ConsistencyInput, ConsistencyResult } from '../plugin';
import { delegationConfig, type DelegationConfig } from './config';
import { checkTasks } from './consistency';
import { DelegationSafetyMonitor } from './invariants';
import type { DelegationMessage } from './messages';
import { delegationMetrics } from './metrics';
import { initState, type DelegationState } from './state';
import { delegation } from '.';

/** node makes a harness node `id` of cluster n1…n`size` with `config`. */
export function node(id: NodeId, size: number, config: Partial<DelegationConfig> = {}, seed = 1): HarnessNode<DelegationState> {
  const nodes = Array.from({ length: size }, (_, i) => `n${i + 1}`);
  return { id, state: initState(id, nodes, delegationConfig(config)), rng: Rng.derive(seed, `node:${id}`), now: 0, timers: new Map() };
}

/** stepNode runs one input on `n`. */
export const stepNode = (n: HarnessNode<DelegationState>, input: Input<DelegationMessage>): Effects<DelegationMessage> => stepWith(delegation, n, input);

/** deliver hands `msg` from `from` to `n`. */
export const deliver = (n: HarnessNode<DelegationState>, from: NodeId, msg: DelegationMessage) => stepNode(n, { kind: 'message', from, msg });

/** DelegationRun is a finished headless run with what the checks read. */
export interface DelegationRun {
  scenario: Scenario;
  records: Extract<TraceRecord, { type: 'record' }>[];
  history: Extract<TraceRecord, { type: 'client' }>[];
  monitor: DelegationSafetyMonitor;
  states: Map<NodeId, DelegationState>;
  /** check runs Tasks complete on the run's end. */
  check(): ConsistencyResult;
  metrics(): Record<string, unknown>;
  /** of gives the records of one kind. */
  of(kind: string): Extract<TraceRecord, { type: 'record' }>[];
}

/** runDelegation parses `raw` (a raw scenario) and runs it headless to its end, with the safety monitor watching. */
export function runDelegation(raw: Record<string, unknown> | Scenario): DelegationRun {
  const scenario = parseScenario(raw);
  const records: DelegationRun['records'] = [];
  const faults: Extract<TraceRecord, { type: 'fault' | 'resume' }>[] = [];
  const history: DelegationRun['history'] = [];
  let monitor: DelegationSafetyMonitor | null = null;
  const pending: TraceRecord[] = [];
  const trace = (r: TraceRecord): void => {
    if (monitor) monitor.observe(r);
    else pending.push(r);
    if (r.type === 'record') records.push(r);
    else if (r.type === 'client') history.push(r);
    else if (r.type === 'fault' || r.type === 'resume') faults.push(r);
  };
  const { sim, hosts } = runScenario(scenario, { trace });
  monitor = new DelegationSafetyMonitor(scenario.nodes, { inspect: (id) => hosts.inspect(id), state: (id) => hosts.state(id) });
  for (const r of pending) monitor.observe(r);
  const states = new Map(scenario.nodes.map((id) => [id, hosts.state(id) as DelegationState]));
  const live = scenario.nodes.filter((id) => sim.summary(id).role !== 'crashed');
  const input: ConsistencyInput = {
    scenario,
    history,
    records,
    faults,
    view: { inspect: (id) => hosts.inspect(id), state: (id) => hosts.state(id) },
    live,
    connected: (a, b) => sim.bus.blocked(a, b) === null,
    now: sim.now,
    final: true,
  };
  return { scenario, records, history, monitor, states, check: () => checkTasks(input), metrics: () => delegationMetrics(input), of: (kind) => records.filter((r) => r.kind === kind) };
}
