/**
 * Test helpers for the quorum protocol: a node stepped by hand (the shared step harness), and a
 * whole example run with the safety monitor watching (CheckedRun), its records, the
 * linearizability verdict on its gets and puts, and its metrics.
 */
import { CheckedRun } from '../../check/checked-run';
import { Rng } from '../../prng';
import type { Input } from '../../protocol';
import { parseScenario } from '../../scenario/schema';
import type { Scenario } from '../../scenario/types';
import { stepWith, type Effects, type HarnessNode } from '../../testing/step-harness';
import type { TraceRecord } from '../../trace';
import type { NodeId } from '../../types';
import type { ConsistencyResult } from '../plugin';
import { quorumConfig, type QuorumConfig } from './config';
import type { QuorumMessage } from './messages';
import { initState, type QuorumState } from './state';
import { quorum } from '.';

/** node makes a harness node `id` of cluster n1…n`size` with `config`. */
export function node(id: NodeId, size: number, config: Partial<QuorumConfig> = {}, seed = 1): HarnessNode<QuorumState> {
  const nodes = Array.from({ length: size }, (_, i) => `n${i + 1}`);
  return { id, state: initState(id, nodes, quorumConfig(config)), rng: Rng.derive(seed, `node:${id}`), now: 0, timers: new Map() };
}

/** step runs one input on `n`. */
export const step = (n: HarnessNode<QuorumState>, input: Input<QuorumMessage>): Effects<QuorumMessage> => stepWith(quorum, n, input);

/** deliver hands `msg` from `from` to `n`. */
export const deliver = (n: HarnessNode<QuorumState>, from: NodeId, msg: QuorumMessage) => step(n, { kind: 'message', from, msg });

/** QuorumRun is a finished run with what the checks read. */
export interface QuorumRun {
  run: CheckedRun;
  scenario: Scenario;
  records: Extract<TraceRecord, { type: 'record' }>[];
  /** The linearizability verdict on the gets and puts (the run taken as finished). */
  consistency: ConsistencyResult;
  metrics: Record<string, unknown>;
  /** Each node's live state at the end. */
  state(id: NodeId): QuorumState;
}

/** runRaw parses `raw` (an example or a raw scenario) and runs it to its end. */
export function runRaw(raw: Record<string, unknown>): QuorumRun {
  const scenario = parseScenario(raw);
  const records: QuorumRun['records'] = [];
  const run = new CheckedRun(scenario, { trace: (r) => void (r.type === 'record' && records.push(r)) }).runToEnd();
  return { run, scenario, records, consistency: run.consistency(true), metrics: run.metrics() ?? {}, state: (id) => run.hosts.state(id) as QuorumState };
}

/** decisions gives each node's decision on `proposal`, as node → `approved v` or `rejected`. */
export const decisions = (r: QuorumRun, proposal: string): Record<string, string> =>
  Object.fromEntries(r.records.filter((x) => x.kind === 'decide' && x.proposal === proposal).map((x) => [x.node, x.outcome === 'approved' ? `approved ${String(x.value)}` : 'rejected']));

/** outcomes gives each client's completed results, in order: `ok value`, `ok`, `fail why`, `info`. */
export const outcomes = (r: QuorumRun, client: string): string[] =>
  r.run.history.filter((h) => h.client === client && h.phase !== 'invoke').map((h) => (h.phase === 'ok' ? (h.result !== undefined ? `ok ${String(h.result)}` : 'ok') : h.phase === 'fail' ? `fail ${String(h.result)}` : h.phase));
