/**
 * createThreadHosts: the Node counterpart of browser-hosts.ts. A pool of worker_threads, one per
 * core the driver does not use, runs node.thread.ts (the same nodeApi as the browser's Web Workers); nodes are
 * dealt to the threads in turn, and the simulator reaches them over comlink, so
 * `runScenarioAsync(scenario, await createThreadHosts(scenario))` gives the same trace as the
 * in-thread `runScenario`.
 *
 * Why a pool: a window's calls cost one message round trip per thread, and more threads than
 * cores only queue for them, while the driver thread waits. A node's step on the RaftScope workload
 * takes microseconds and a round trip hundreds: with 5 nodes on 2 cores, one thread per node
 * handled 18,900 events/s, and fewer threads with several nodes each do the same work in fewer
 * messages (figures in `npm run bench`).
 *
 * Threads start under tsx: see tsx-thread.ts.
 */
import os from 'node:os';
import type { Worker } from 'node:worker_threads';
import { wrap, type Remote } from 'comlink';
// @ts-expect-error -- comlink ships node-adapter.d.ts, which TypeScript does not pair with the .mjs path Node needs
import nodeEndpointUntyped from 'comlink/dist/esm/node-adapter.mjs';
import type nodeEndpointType from 'comlink/dist/esm/node-adapter';
import type { Scenario } from '../core/scenario/types';
import { bootsOf } from '../core/sim/run';
import type { NodeId } from '../core/types';
import type { NodeApi } from './node-api';
import { RemoteHosts } from './remote-hosts';
import { startTsxWorker } from './tsx-thread';

const nodeEndpoint: typeof nodeEndpointType = nodeEndpointUntyped;

/** THREAD_ENTRY is the worker_threads entry module. */
const THREAD_ENTRY = new URL('./node.thread.ts', import.meta.url);

/** ThreadHosts are RemoteHosts over worker_threads that can also re-boot their nodes for a fresh run. */
export class ThreadHosts extends RemoteHosts {
  private readonly nodeRemotes: Map<NodeId, Remote<NodeApi>>;

  constructor(remotes: Map<NodeId, Remote<NodeApi>>, onTerminate: () => void) {
    super(remotes, onTerminate);
    this.nodeRemotes = remotes;
  }

  /**
   * reboot re-creates every node from `scenario`'s boot records (fresh state, fresh random
   * streams), so the same threads can host another run from scratch. The node ids must match.
   * @throws Error if the scenario's nodes differ from the hosted ones.
   */
  async reboot(scenario: Scenario): Promise<void> {
    const boots = bootsOf(scenario);
    if (boots.length !== this.nodeRemotes.size || boots.some((b) => !this.nodeRemotes.has(b.id))) {
      throw new Error(`reboot: nodes ${scenario.nodes.join(', ')} differ from the hosted ${[...this.nodeRemotes.keys()].join(', ')}`);
    }
    await Promise.all(boots.map((b) => this.nodeRemotes.get(b.id)!.boot(b)));
  }
}

/** ThreadHostsOptions tunes createThreadHosts. */
export interface ThreadHostsOptions {
  /** Node CLI options for each thread (default none; e.g. `['--cpu-prof']`). */
  execArgv?: string[];
  /**
   * How many threads at most (default: one fewer than the machine's cores, at least one: the driver
   * keeps a core); never more than the nodes.
   */
  threads?: number;
}

/**
 * createThreadHosts starts a pool of worker_threads (see {@link ThreadHostsOptions.threads}), boots
 * each node of `scenario` in one of them (node i in thread i mod size) and returns hosts over them. Call `terminate()` when done: it ends every thread, so the process can
 * exit. A thread that dies (fails to load, crashes) rejects its pending and later calls rather
 * than leaving the driver waiting forever.
 * @throws Error if a thread cannot start or a node cannot boot (every thread is ended first).
 */
export async function createThreadHosts(scenario: Scenario, options: ThreadHostsOptions = {}): Promise<ThreadHosts> {
  const execArgv = options.execArgv ?? [];
  const boots = bootsOf(scenario);
  const workers: Worker[] = [];
  const remotes = new Map<NodeId, Remote<NodeApi>>();
  let terminating = false;
  const terminate = (): void => {
    if (terminating) return;
    terminating = true;
    for (const w of workers) void w.terminate();
  };
  try {
    const size = Math.max(1, Math.min(boots.length, options.threads ?? os.availableParallelism() - 1));
    const pool: Remote<NodeApi>[] = [];
    for (let t = 0; t < size; t++) {
      const hosted = boots.filter((_, i) => i % size === t).map((b) => b.id);
      const w = startTsxWorker(THREAD_ENTRY, { execArgv, name: `nodes ${hosted.join(' ')}`, stdout: false, stderr: false });
      workers.push(w);
      pool.push(guarded(hosted.join(', '), w, wrap<NodeApi>(nodeEndpoint(w)), () => terminating));
    }
    boots.forEach((b, i) => remotes.set(b.id, pool[i % size]!));
    await Promise.all(boots.map((b) => remotes.get(b.id)!.boot(b)));
  } catch (err) {
    terminate();
    throw err;
  }
  return new ThreadHosts(remotes, terminate);
}

/**
 * guarded wraps a node's comlink remote so that the thread's death rejects every call that is
 * waiting on it (comlink alone would wait forever). Only the NodeApi methods are offered.
 */
function guarded(ids: string, w: Worker, remote: Remote<NodeApi>, terminating: () => boolean): Remote<NodeApi> {
  let dead: Error | null = null;
  const pending = new Set<(err: Error) => void>();
  const die = (err: Error) => {
    if (dead) return;
    dead = err;
    for (const reject of pending) reject(err);
    pending.clear();
  };
  w.on('error', (err) => die(new Error(`the worker_thread of node ${ids} failed: ${err.message}`, { cause: err })));
  w.on('exit', (code) => die(new Error(terminating() ? `the worker_thread of node ${ids} was terminated` : `the worker_thread of node ${ids} exited (code ${code})`)));
  const call = <T>(start: () => Promise<T>): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      if (dead) return reject(dead);
      pending.add(reject);
      start().then(
        (v) => {
          pending.delete(reject);
          resolve(v);
        },
        (e: unknown) => {
          pending.delete(reject);
          reject(e);
        },
      );
    });
  const api: { [K in keyof NodeApi]: (...args: Parameters<NodeApi[K]>) => Promise<ReturnType<NodeApi[K]>> } = {
    boot: (b) => call(() => remote.boot(b)),
    step: (calls) => call(() => remote.step(calls)),
    inspect: (id) => call(() => remote.inspect(id)),
    inspectMany: (ids, tail) => call(() => remote.inspectMany(ids, tail)),
    runAhead: (req) => call(() => remote.runAhead(req)),
    snapshot: (id) => call(() => remote.snapshot(id)),
    restore: (id, s) => call(() => remote.restore(id, s)),
  };
  return api as unknown as Remote<NodeApi>;
}
