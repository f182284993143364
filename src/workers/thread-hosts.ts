/**
 * createThreadHosts: the Node counterpart of browser-hosts.ts. One worker_thread per node runs
 * node.thread.ts (the same nodeApi as the browser's Web Workers) and the simulator reaches it over
 * comlink, so `runScenarioAsync(scenario, await createThreadHosts(scenario))` gives the same trace
 * as the in-thread `runScenario`.
 *
 * Threads start under tsx: see tsx-thread.ts.
 */
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
}

/**
 * createThreadHosts starts one worker_thread per node of `scenario`, boots each node in it and
 * returns hosts over them. Call `terminate()` when done: it ends every thread, so the process can
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
    for (const boot of boots) {
      const w = startTsxWorker(THREAD_ENTRY, { execArgv, name: `node ${boot.id}`, stdout: false, stderr: false });
      workers.push(w);
      remotes.set(boot.id, guarded(boot.id, w, wrap<NodeApi>(nodeEndpoint(w)), () => terminating));
    }
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
function guarded(id: NodeId, w: Worker, remote: Remote<NodeApi>, terminating: () => boolean): Remote<NodeApi> {
  let dead: Error | null = null;
  const pending = new Set<(err: Error) => void>();
  const die = (err: Error) => {
    if (dead) return;
    dead = err;
    for (const reject of pending) reject(err);
    pending.clear();
  };
  w.on('error', (err) => die(new Error(`node ${id}'s worker_thread failed: ${err.message}`, { cause: err })));
  w.on('exit', (code) => die(new Error(terminating() ? `node ${id}'s worker_thread was terminated` : `node ${id}'s worker_thread exited (code ${code})`)));
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
    inspect: () => call(() => remote.inspect()),
    snapshot: () => call(() => remote.snapshot()),
    restore: (s) => call(() => remote.restore(s)),
  };
  return api as unknown as Remote<NodeApi>;
}
