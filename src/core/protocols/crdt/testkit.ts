/**
 * Test helpers for the CRDT protocol: a one-replica harness, and a headless run that keeps the
 * records, the client history and the safety monitor, and builds the ConsistencyInput that strong
 * eventual consistency reads.
 */
import { Rng } from '../../prng';
import type { Input } from '../../protocol';
import { runScenario } from '../../sim/run';
import type { Scenario } from '../../scenario/types';
import { stepWith, type Effects, type HarnessNode } from '../../testing/step-harness';
import type { TraceRecord } from '../../trace';
import type { NodeId } from '../../types';
import type { ConsistencyInput, ConsistencyResult } from '../plugin';
import { crdtConfig, type CrdtConfig } from './config';
import { checkSec } from './consistency';
import { CrdtSafetyMonitor } from './invariants';
import type { CrdtMessage } from './messages';
import { initState, type CrdtState } from './state';
import { crdt } from '.';

/** replica makes a harness replica `id` of cluster n1…n`size` with `config`. */
export function replica(id: NodeId, size: number, config: Partial<CrdtConfig> = {}, seed = 1): HarnessNode<CrdtState> {
  const nodes = Array.from({ length: size }, (_, i) => `n${i + 1}`);
  return { id, state: initState(id, nodes, crdtConfig(config)), rng: Rng.derive(seed, `node:${id}`), now: 0, timers: new Map() };
}

/** stepReplica runs one input on `node`. */
export const stepReplica = (node: HarnessNode<CrdtState>, input: Input<CrdtMessage>): Effects<CrdtMessage> => stepWith(crdt, node, input, true);

/** request sends client op `op` to `node`. */
export const request = (node: HarnessNode<CrdtState>, op: Record<string, unknown> & { f: string }, requestId = 1) =>
  stepReplica(node, { kind: 'request', client: 'c1', requestId, op });

/** CrdtRun is a finished headless run with what the checks read. */
export interface CrdtRun {
  scenario: Scenario;
  records: Extract<TraceRecord, { type: 'record' }>[];
  history: Extract<TraceRecord, { type: 'client' }>[];
  monitor: CrdtSafetyMonitor;
  states: Map<NodeId, CrdtState>;
  /** check runs strong eventual consistency on the run's end (`final` false: as if paused). */
  check(final?: boolean): ConsistencyResult;
}

/** runCrdt runs `scenario` headless to its end, with the safety monitor watching every record. */
export function runCrdt(scenario: Scenario): CrdtRun {
  const records: CrdtRun['records'] = [];
  const faults: Extract<TraceRecord, { type: 'fault' | 'resume' }>[] = [];
  const history: CrdtRun['history'] = [];
  const monitor = new CrdtSafetyMonitor();
  const trace = (r: TraceRecord): void => {
    monitor.observe(r);
    if (r.type === 'record') records.push(r);
    else if (r.type === 'client') history.push(r);
    else if (r.type === 'fault' || r.type === 'resume') faults.push(r);
  };
  const { sim, hosts } = runScenario(scenario, { trace });
  const states = new Map(scenario.nodes.map((id) => [id, hosts.state(id) as CrdtState]));
  const live = scenario.nodes.filter((id) => sim.summary(id).role !== 'crashed');
  const input = (final: boolean): ConsistencyInput => ({
    scenario,
    history,
    records,
    faults,
    view: { inspect: (id) => hosts.inspect(id), state: (id) => hosts.state(id) },
    live,
    connected: (a, b) => sim.bus.blocked(a, b) === null,
    now: sim.now,
    final,
  });
  return { scenario, records, history, monitor, states, check: (final = true) => checkSec(input(final)) };
}
