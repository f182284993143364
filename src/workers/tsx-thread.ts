/**
 * Starting a worker_thread whose entry is a .ts module, under tsx.
 *
 * Node 20 cannot load .ts by itself, and on Node 20.20 `execArgv: ['--import', 'tsx']` (or
 * `tsx/esm`) does NOT reach a worker_thread's own entry module (ERR_UNKNOWN_FILE_EXTENSION). So each
 * thread starts from a tiny evaluated bootstrap that registers tsx's ESM hooks in that thread
 * (`tsx/esm/api` register()) and then imports the entry. This works under the tsx CLI,
 * `node --import tsx` and Vitest's forks pool alike.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * tsxBootstrap is the source of a thread's evaluated entry: register tsx in this thread, then load
 * `entry`. tsx is resolved to an absolute URL here, so the thread finds it whatever the cwd.
 */
export function tsxBootstrap(entry: URL): string {
  const api = tsxEsmApi();
  return `import(${JSON.stringify(api)}).then(({ register }) => { register(); return import(${JSON.stringify(entry.href)}); });`;
}

/** startTsxWorker starts a worker_thread running the .ts module `entry`. */
export function startTsxWorker(entry: URL, options: Omit<WorkerOptions, 'eval'> = {}): Worker {
  return new Worker(tsxBootstrap(entry), { ...options, eval: true });
}

/** tsxEsmApi is the file URL of tsx's `tsx/esm/api` under the `import` condition (require.resolve would give the .cjs one). */
function tsxEsmApi(): string {
  const require = createRequire(import.meta.url);
  const pkgPath = require.resolve('tsx/package.json');
  const pkg = JSON.parse(readFileSync(pkgPath, 'utf8')) as { exports?: Record<string, { import?: { default?: string } } | string> };
  const entry = pkg.exports?.['./esm/api'];
  const rel = typeof entry === 'object' && entry.import?.default ? entry.import.default : './dist/esm/api/index.mjs';
  return new URL(rel, pathToFileURL(pkgPath)).href;
}
