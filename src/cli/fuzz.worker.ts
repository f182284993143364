/**
 * A fuzz worker thread (started by src/cli/fuzz.ts through tsx-thread.ts): runs the seeds and
 * shrinks the failures it is sent, one message at a time.
 */
import { parentPort } from 'node:worker_threads';
import type { ChaosOptions } from '../core/chaos/scenarios';
import { fuzzSeed, shrinkSeed, type FuzzOutcome, type RunFailure, type Shrunk } from '../core/check/fuzz';

/** FuzzRequest is what the main thread asks of a worker. */
export type FuzzRequest =
  | { type: 'run'; seeds: number[]; opts: ChaosOptions }
  | { type: 'shrink'; seed: number; opts: ChaosOptions; failure: RunFailure; maxRuns: number };

/** FuzzReply is a worker's answer: one `result` per seed, then `done`; or one `shrunk`; or `error`. */
export type FuzzReply =
  | { type: 'result'; outcome: FuzzOutcome }
  | { type: 'done' }
  | { type: 'shrunk'; seed: number; shrunk: Shrunk }
  | { type: 'error'; message: string };

const port = parentPort;
if (!port) throw new Error('fuzz.worker.ts must run in a worker_thread (see src/cli/fuzz.ts)');

port.on('message', (req: FuzzRequest) => {
  const send = (r: FuzzReply) => port.postMessage(r);
  try {
    if (req.type === 'run') {
      for (const seed of req.seeds) send({ type: 'result', outcome: fuzzSeed(seed, req.opts) });
      send({ type: 'done' });
    } else {
      send({ type: 'shrunk', seed: req.seed, shrunk: shrinkSeed(req.seed, req.opts, req.failure, req.maxRuns) });
    }
  } catch (e) {
    send({ type: 'error', message: e instanceof Error ? (e.stack ?? e.message) : String(e) });
  }
});
