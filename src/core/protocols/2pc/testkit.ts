/**
 * Test helpers for 2PC: a node stepped by hand (the shared step harness), with the log's forced
 * writes made durable on demand, and a whole example run with its records and client outcomes.
 */
import { CheckedRun } from '../../check/checked-run';
import { Rng } from '../../prng';
import type { Input } from '../../protocol';
import { parseScenario } from '../../scenario/schema';
import type { Scenario } from '../../scenario/types';
import { stepWith, type Effects, type HarnessNode } from '../../testing/step-harness';
import type { TraceRecord } from '../../trace';
import { TWO_PC_DEFAULTS, type TwoPcConfig } from './config';
import { twoPc } from '.';
import type { TwoPcMessage } from './messages';
import type { TwoPcState } from './state';
import { ATOMIC_COMMIT } from './consistency';
import type { ConsistencyResult } from '../plugin';

/** NODES is the test cluster: coordinator n1, participants n2 (owns x), n3 (y), n4 (z). */
export const NODES = ['n1', 'n2', 'n3', 'n4'];

/** node gives a fresh harness node `id` of {@link NODES} at virtual time 0. */
export function node(id: string, config: Partial<TwoPcConfig> = {}, seed = 1): HarnessNode<TwoPcState> {
  return { id, state: twoPc.init(id, NODES, { ...TWO_PC_DEFAULTS, ...config }), rng: Rng.derive(seed, id), now: 0, timers: new Map() };
}

/** step runs one input on `n` at its clock. */
export const step = (n: HarnessNode<TwoPcState>, input: Input<TwoPcMessage>): Effects<TwoPcMessage> => stepWith(twoPc, n, input);

/** deliver hands `msg` from `from` to `n`. */
export const deliver = (n: HarnessNode<TwoPcState>, from: string, msg: TwoPcMessage) => step(n, { kind: 'message', from, msg });

/** flush moves `n`'s clock to its next forced write and fires the `flush` timer. */
export function flush(n: HarnessNode<TwoPcState>): Effects<TwoPcMessage> {
  n.now += n.timers.get('flush') ?? 0;
  return step(n, { kind: 'timer', name: 'flush' });
}

/** fire moves `n`'s clock on by timer `name`'s delay and fires it. */
export function fire(n: HarnessNode<TwoPcState>, name: string): Effects<TwoPcMessage> {
  const after = n.timers.get(name);
  if (after === undefined) throw new Error(`${n.id} has no ${name} timer armed`);
  n.now += after;
  return step(n, { kind: 'timer', name });
}

/** ExampleRun is a finished run with its `record` records and the atomic-commit verdict. */
export interface ExampleRun {
  run: CheckedRun;
  scenario: Scenario;
  records: Extract<TraceRecord, { type: 'record' }>[];
  states: Extract<TraceRecord, { type: 'state' }>[];
  consistency: ConsistencyResult;
}

/** runRaw parses `raw` and runs it to its end; the consistency check assumes every fault repaired at the end unless `final` says otherwise. */
export function runRaw(raw: Record<string, unknown>, opts: { live?: string[] } = {}): ExampleRun {
  const scenario = parseScenario(raw);
  const records: ExampleRun['records'] = [];
  const states: ExampleRun['states'] = [];
  const run = new CheckedRun(scenario, {
    trace: (r) => {
      if (r.type === 'record') records.push(r);
      if (r.type === 'state') states.push(r);
    },
  }).runToEnd();
  const live = opts.live ?? scenario.nodes;
  const consistency = ATOMIC_COMMIT.check({ scenario, history: run.history, records, faults: run.faults, view: run.hosts, live, connected: () => true, now: run.sim.now, final: true });
  return { run, scenario, records, states, consistency };
}

/** decisions gives each node's decisions on `txn`, as node → decision. */
export const decisions = (r: ExampleRun, txn: string): Record<string, unknown> =>
  Object.fromEntries(r.records.filter((x) => x.kind === 'decision' && x.txn === txn).map((x) => [x.node, x.decision]));
