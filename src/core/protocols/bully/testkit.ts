/**
 * Test helpers for bully: a checked headless run of a scenario that keeps the trace records, with
 * the lamps' violations, the consistency verdict and the metrics at the end.
 */
import { CheckedRun } from '../../check/checked-run';
import { example } from '../../scenario/examples';
import type { Scenario } from '../../scenario/types';
import type { TraceRecord } from '../../trace';
import type { NodeId } from '../../types';
import type { ConsistencyResult } from '../plugin';
import type { BullyState } from './state';

type Rec = Extract<TraceRecord, { type: 'record' }>;

/** BullyRun is a finished checked run. */
export interface BullyRun {
  run: CheckedRun;
  records: Rec[];
  /** The lamps that turned red, by property, with their first violation's time (virtual ms). */
  red: Record<string, number>;
  consistency: ConsistencyResult;
  metrics: Record<string, unknown>;
  /** records of `kind`, optionally only `node`'s. */
  of(kind: string, node?: NodeId): Rec[];
  state(id: NodeId): BullyState;
  /** Who each record of kind `coordinator` named, in order, repeats removed. */
  coordinators(): NodeId[];
}

/** runBully runs `scenario` (or the example with that id) to its end, checking every record. */
export function runBully(scenario: Scenario | string): BullyRun {
  const s = typeof scenario === 'string' ? example(scenario) : scenario;
  const run = new CheckedRun(s).runToEnd(false);
  const records = [...run.records];
  const red: Record<string, number> = {};
  for (const f of run.found) red[f.property] ??= f.t;
  const coordinators = () => records.filter((r) => r.kind === 'coordinator').map((r) => r.node).filter((n, i, a) => i === 0 || a[i - 1] !== n);
  return {
    run,
    records,
    red,
    consistency: run.consistency(true),
    metrics: run.metrics() ?? {},
    of: (kind, node) => records.filter((r) => r.kind === kind && (node === undefined || r.node === node)),
    state: (id) => run.hosts.state(id) as BullyState,
    coordinators,
  };
}
