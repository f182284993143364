/**
 * createWorkerHosts starts the browser Web Workers that host a scenario's nodes and boots each
 * node in one of them: one worker per node for a cluster the machine's cores can carry, a pool
 * sized to the cores for a bigger one (see {@link workersFor}). Either way every node runs the same LocalNode code,
 * so the trace is the same.
 */
import { wrap, releaseProxy, type Remote } from 'comlink';
import type { Scenario } from '../core/scenario/types';
import { bootsOf } from '../core/sim/run';
import type { NodeId } from '../core/types';
import type { NodeApi } from './node-api';
import { RemoteHosts } from './remote-hosts';

/** An explicit pool size that overrides {@link workersFor} (diagnostics, benchmarks); null = automatic. */
let poolOverride: number | null = null;

/**
 * setWorkerPoolSize fixes how many workers later runs start (clamped to 1…nodes), or goes back to
 * the automatic choice with null. Takes effect at the next load.
 * @throws RangeError for a size that is not a whole number ≥ 1.
 */
export function setWorkerPoolSize(size: number | null): void {
  if (size !== null && (!Number.isInteger(size) || size < 1)) throw new RangeError(`the worker pool size must be a whole number of at least 1 (got ${size})`);
  poolOverride = size;
}

/**
 * workersFor is how many Web Workers host `nodes` nodes on a machine with `cores` logical cores
 * (navigator.hardwareConcurrency). Every window of the run costs the page one message round trip
 * per worker it touches, and workers beyond the cores only queue for them while the page waits.
 * So while every node can have a core of its own (the page keeps one), each node gets its own
 * worker; a bigger cluster shares a pool of one worker per spare core (at least one), node i in
 * worker i mod size. Measured on 2 cores, 9 Raft nodes flat out: one worker ran the run about 1.5
 * to 4 times faster than nine (bench/ui-speed.ts; the machine was shared, so the figures are rough).
 */
export function workersFor(nodes: number, cores: number, override: number | null = poolOverride): number {
  if (override !== null) return Math.max(1, Math.min(nodes, override));
  const spare = Math.max(1, cores - 1);
  return Math.min(nodes, spare);
}

/** createWorkerHosts gives hosts whose nodes run in Web Workers, node i in worker i mod {@link workersFor}. */
export async function createWorkerHosts(scenario: Scenario): Promise<RemoteHosts> {
  const boots = bootsOf(scenario);
  const size = workersFor(boots.length, navigator.hardwareConcurrency || 2);
  const workers: Worker[] = [];
  const pool: Remote<NodeApi>[] = [];
  for (let i = 0; i < size; i++) {
    const hosted = boots.filter((_, k) => k % size === i).map((b) => b.id);
    const w = new Worker(new URL('./node.worker.ts', import.meta.url), { type: 'module', name: `node ${hosted.join(' ')}` });
    workers.push(w);
    pool.push(wrap<NodeApi>(w));
  }
  const remotes = new Map<NodeId, Remote<NodeApi>>(boots.map((b, k) => [b.id, pool[k % size]!]));
  const terminate = () => {
    for (const r of pool) r[releaseProxy]();
    for (const w of workers) w.terminate();
  };
  try {
    await Promise.all(boots.map((b) => remotes.get(b.id)!.boot(b)));
  } catch (e) {
    terminate();
    throw e;
  }
  return new RemoteHosts(remotes, terminate);
}
