/**
 * The benchmark workload, after RaftScope: 5 nodes, latency [10, 15] ms, election timeout
 * [100, 200] ms, heartbeat 50 ms, and a steady stream of client requests (puts and gets over a few
 * keys) from several clients, round-robin, at fixed intervals.
 */
import { parseScenario } from '../src/core/scenario/schema';
import type { Scenario } from '../src/core/scenario/types';

/** WorkloadOptions shapes the workload. */
export interface WorkloadOptions {
  /** Virtual run length (virtual ms). */
  untilMs: number;
  /** Client requests per virtual second (spread evenly; 50/s = one every 20 ms). */
  requestsPerSecond?: number;
  /** Number of clients the requests rotate over. */
  clients?: number;
  nodes?: number;
  seed?: number;
}

/** workloadActions gives the steady request stream: from 1 s (after a first election) to the end. */
export function workloadActions(o: WorkloadOptions): Record<string, unknown>[] {
  const rps = o.requestsPerSecond ?? 50;
  const clients = o.clients ?? 10;
  const interval = Math.round(1000 / rps);
  const timeline: Record<string, unknown>[] = [];
  let k = 0;
  for (let at = 1000; at < o.untilMs; at += interval, k++) {
    const client = `c${(k % clients) + 1}`;
    const key = `k${k % 7}`;
    const op = k % 3 === 2 ? { f: 'get', key } : { f: 'put', key, value: String(k) };
    timeline.push({ at, action: 'request', client, op });
  }
  return timeline;
}

/**
 * pbftScenario is the same request stream on a PBFT cluster (default 4 replicas, latency [10, 15]
 * ms), with `extra` timeline actions (e.g. a `byzantine` switch) merged in.
 */
export function pbftScenario(o: WorkloadOptions, extra: Record<string, unknown>[] = []): Scenario {
  return parseScenario({
    version: 1,
    protocol: 'pbft',
    name: `PBFT workload (${o.nodes ?? 4} replicas, ${o.requestsPerSecond ?? 50} req/s)`,
    seed: o.seed ?? 42,
    nodes: o.nodes ?? 4,
    until: o.untilMs,
    network: { latencyMs: [10, 15], loss: 0, duplicate: 0 },
    timeline: [...workloadActions(o), ...extra],
  });
}

/** raftScopeScenario builds the workload scenario (validated by parseScenario). */
export function raftScopeScenario(o: WorkloadOptions): Scenario {
  const rps = o.requestsPerSecond ?? 50;
  const timeline = workloadActions(o);
  return parseScenario({
    version: 1,
    protocol: 'raft',
    name: `RaftScope workload (${o.nodes ?? 5} nodes, ${rps} req/s)`,
    seed: o.seed ?? 42,
    nodes: o.nodes ?? 5,
    until: o.untilMs,
    config: { electionTimeoutMs: [100, 200], heartbeatMs: 50 },
    network: { latencyMs: [10, 15], loss: 0, duplicate: 0 },
    timeline,
  });
}
