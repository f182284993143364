/**
 * The fuzzer's worker threads: seeds run a chunk at a time on every thread, and failures are
 * shrunk there too (src/cli/fuzz.worker.ts does the work).
 */
import type { Worker } from 'node:worker_threads';
import type { ChaosOptions } from '../core/chaos/scenarios';
import type { FuzzOutcome, Shrunk } from '../core/check/fuzz';
import { startTsxWorker } from '../workers/tsx-thread';
import type { FuzzReply, FuzzRequest } from './fuzz.worker';

const WORKER_ENTRY = new URL('./fuzz.worker.ts', import.meta.url);

/** Pool runs seeds on K worker threads, a chunk at a time, and shrinks failures on them. */
export class Pool {
  private readonly workers: Worker[];
  /** Starts `size` worker threads (each loads the core under tsx: ~1 s of start-up). */
  constructor(size: number) {
    this.workers = Array.from({ length: size }, (_, i) => startTsxWorker(WORKER_ENTRY, { name: `fuzz ${i + 1}` }));
  }

  /** ask sends `req` to `w` and resolves once `onReply` says the answer is complete. */
  private ask(w: Worker, req: FuzzRequest, onReply: (r: FuzzReply) => boolean): Promise<void> {
    return new Promise((resolve, reject) => {
      const onMessage = (r: FuzzReply) => {
        if (r.type === 'error') return finish(new Error(`fuzz worker failed: ${r.message}`));
        if (onReply(r)) finish();
      };
      const onError = (e: Error) => finish(e);
      const finish = (e?: Error) => {
        w.off('message', onMessage);
        w.off('error', onError);
        if (e) reject(e);
        else resolve();
      };
      w.on('message', onMessage);
      w.on('error', onError);
      w.postMessage(req);
    });
  }

  /**
   * run runs every seed of `seeds` with `opts`, handing each outcome to `onResult` as it arrives
   * (not in seed order). @throws Error when a worker fails
   */
  async run(seeds: number[], opts: ChaosOptions, onResult: (o: FuzzOutcome) => void): Promise<void> {
    const chunk = Math.max(1, Math.min(20, Math.ceil(seeds.length / (this.workers.length * 8))));
    let next = 0;
    await Promise.all(
      this.workers.map(async (w) => {
        while (next < seeds.length) {
          const batch = seeds.slice(next, (next += chunk));
          await this.ask(w, { type: 'run', seeds: batch, opts }, (r) => {
            if (r.type === 'result') onResult(r.outcome);
            return r.type === 'done';
          });
        }
      }),
    );
  }

  /** shrinkAll shrinks each failing outcome of `items`, one per free worker; the result is by seed. */
  async shrinkAll(items: FuzzOutcome[], opts: ChaosOptions): Promise<Map<number, Shrunk>> {
    const out = new Map<number, Shrunk>();
    let next = 0;
    await Promise.all(
      this.workers.map(async (w) => {
        while (next < items.length) {
          const o = items[next++]!;
          await this.ask(w, { type: 'shrink', seed: o.seed, opts, failure: o.failure!, maxRuns: 300 }, (r) => {
            if (r.type === 'shrunk') out.set(r.seed, r.shrunk);
            return r.type === 'shrunk';
          });
        }
      }),
    );
    return out;
  }

  /** close ends the worker threads. */
  close(): Promise<number[]> {
    return Promise.all(this.workers.map((w) => w.terminate()));
  }
}
