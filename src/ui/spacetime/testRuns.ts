/**
 * Real runs for the space-time tests and benchmarks: the trace records of an example scenario,
 * optionally cut to its first `untilMs` virtual ms. Test support only (imports the simulator).
 */
import { example } from '../../core/scenario/examples';
import { runScenario } from '../../core/sim/run';
import { getProtocol } from '../../core/protocols/registry';
import type { AnyProtocol } from '../../core/protocol';
import type { TraceRecord } from '../../core/trace';
import type { NodeId } from '../../core/types';

/** ExampleRun is a finished example run's records. */
export interface ExampleRun {
  protocol: AnyProtocol;
  nodes: NodeId[];
  records: TraceRecord[];
}

const cache = new Map<string, ExampleRun>();

/** exampleRun runs example `id` (cached) until `untilMs` virtual ms (default: the scenario's own end). */
export function exampleRun(id: string, untilMs?: number): ExampleRun {
  const key = `${id}@${untilMs ?? ''}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const scenario = example(id);
  if (untilMs !== undefined) scenario.until = untilMs;
  const records: TraceRecord[] = [];
  runScenario(scenario, { trace: (r) => records.push(r) });
  const run = { protocol: getProtocol(scenario.protocol).protocol, nodes: [...scenario.nodes], records };
  cache.set(key, run);
  return run;
}
