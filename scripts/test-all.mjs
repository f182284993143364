// `npm test`: the whole gate, as CI runs it on a fresh clone.
// Installs deps if needed, then tsc -> vitest -> e2e; stops at the first failure.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);
const started = Date.now();
const secs = () => `${((Date.now() - started) / 1000).toFixed(1)}s`;

function run(name, cmd, args) {
  console.log(`\n[test-all] ── ${name}: ${cmd} ${args.join(' ')}`);
  // stdin ignored: CI has none, and nothing here should prompt.
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'] });
  const code = r.status ?? 1;
  if (r.error) console.error(`[test-all] could not start ${cmd}: ${r.error.message}`);
  if (code !== 0) {
    console.error(`\n[test-all] FAILED at step "${name}" (exit ${code}) after ${secs()}`);
    process.exit(code);
  }
}

// Fresh clone or changed lockfile -> (re)install. npm writes
// node_modules/.package-lock.json on every install, so its mtime is the
// time of the last install.
const lock = join(root, 'package-lock.json');
const installed = join(root, 'node_modules', '.package-lock.json');
const stale = !existsSync(installed) || (existsSync(lock) && statSync(lock).mtimeMs > statSync(installed).mtimeMs);
if (stale) {
  run('install', 'npm', [existsSync(lock) ? 'ci' : 'install', '--no-audit', '--no-fund']);
}

const bin = (name) => join(root, 'node_modules', '.bin', name);
run('typecheck', bin('tsc'), ['--noEmit']);
run('unit', bin('vitest'), ['run']);
run('e2e', process.execPath, [join('scripts', 'e2e.mjs')]);

console.log(`\n[test-all] OK: typecheck, unit, e2e all passed in ${secs()}`);
