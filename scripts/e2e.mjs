// Browser e2e runner: build -> `vite preview` on a free 127.0.0.1 port ->
// node:test over e2e/*.spec.{mjs,js,ts} -> stop server -> exit with its code.
// Usage: node scripts/e2e.mjs [name-filter ...]   (e.g. `npm run test:e2e -- smoke`)
// Env: E2E_SKIP_BUILD=1 reuses an existing dist/ (faster local iteration).
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, preview } from 'vite';
import { findChromium } from './find-chromium.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const e2eDir = join(root, 'e2e');
process.chdir(root);

// 1. Browser first: fail fast (or install) before spending time on a build.
const chromiumPath = await findChromium();
console.log(`[e2e] chromium: ${chromiumPath}`);

// 2. Spec files (Node 20's --test does not expand globs, so list them here).
const filters = process.argv.slice(2);
const specs = readdirSync(e2eDir, { recursive: true })
  .map(String)
  .filter((f) => /\.spec\.(mjs|js|ts)$/.test(f))
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .sort()
  .map((f) => join('e2e', f));
if (specs.length === 0) {
  console.error(`[e2e] no spec files found in e2e/${filters.length ? ` matching ${filters.join(', ')}` : ''}`);
  process.exit(1);
}

// 3. Production build (the e2e tests exercise what we ship).
if (process.env.E2E_SKIP_BUILD === '1' && existsSync(join(root, 'dist/index.html'))) {
  console.log('[e2e] E2E_SKIP_BUILD=1: reusing dist/');
} else {
  try {
    await build({ root, logLevel: 'warn' });
  } catch (err) {
    // Vite already printed the diagnostics; skip the long rolldown stack.
    console.error(`[e2e] FAILED: vite build: ${err?.message ?? err}`);
    process.exit(1);
  }
}

// 4. Serve dist/ on a free port (ask the OS for one, then bind strictly).
const port = await new Promise((res, rej) => {
  const s = createServer().once('error', rej);
  s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => res(port)); });
});
const server = await preview({ root, logLevel: 'warn', preview: { host: '127.0.0.1', port, strictPort: true, open: false } });
const baseUrl = `http://127.0.0.1:${port}/`;
console.log(`[e2e] serving dist/ at ${baseUrl}; running ${specs.length} spec file(s)`);

// 5. node:test, one spec file at a time (2 cores; each file runs its own browser).
const nodeArgs = [
  ...(specs.some((f) => f.endsWith('.ts')) ? ['--import', 'tsx'] : []),
  '--test', '--test-reporter=spec', '--test-concurrency=1', '--test-timeout=120000',
  ...specs,
];
const child = spawn(process.execPath, nodeArgs, {
  stdio: ['ignore', 'inherit', 'inherit'],
  env: { ...process.env, E2E_BASE_URL: baseUrl, CHROMIUM_PATH: chromiumPath },
});
const stop = (sig) => child.kill(sig);
process.on('SIGINT', stop).on('SIGTERM', stop);
const code = await new Promise((res) => child.on('close', (c, sig) => res(c ?? (sig ? 1 : 0))));

// 6. Tear down; exit explicitly since Vite may keep handles open.
await server.close();
console.log(`[e2e] ${code === 0 ? 'passed' : `FAILED (exit ${code})`}: ${specs.map((f) => relative('e2e', f)).join(', ')}`);
process.exit(code);
