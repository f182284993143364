// `npm run sim`: runs src/cli/<name>.ts from an esbuild bundle, rebuilt whenever a source file
// is newer than it. Usage: node scripts/cli.mjs <name> [args…] (the tool sees only its args).
//
// Why not tsx, as the other scripts: tsx compiles with esbuild's keepNames, which wraps every
// closure the simulator creates in a naming call, and it transforms each module at start-up. A
// bundle runs the same code about a quarter faster and starts in a tenth of the time. The bundle
// lives in node_modules/.cache (never committed) and carries an inline source map, so stack
// traces name the .ts files.
import { existsSync, mkdirSync, readdirSync, renameSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const name = process.argv[2];
if (!name || !/^[a-z-]+$/.test(name) || !existsSync(join(root, 'src/cli', `${name}.ts`))) {
  process.stderr.write(`cli: no such tool "${name ?? ''}" in src/cli\n`);
  process.exit(2);
}
const entry = join(root, 'src/cli', `${name}.ts`);
const outDir = join(root, 'node_modules/.cache/playground-cli');
const bundle = join(outDir, `${name}.mjs`);

/** newest gives the latest modification time (ms) of any file under `dir`. */
function newest(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

const sources = Math.max(newest(join(root, 'src')), statSync(join(root, 'package-lock.json')).mtimeMs, statSync(import.meta.filename ?? fileURLToPath(import.meta.url)).mtimeMs);
if (!existsSync(bundle) || statSync(bundle).mtimeMs < sources) {
  mkdirSync(outDir, { recursive: true });
  const { build } = await import('esbuild');
  // Built aside and renamed into place: a run started meanwhile never loads half a file.
  const tmp = `${bundle}.${process.pid}.tmp`;
  await build({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile: tmp,
    sourcemap: 'inline',
    packages: 'external',
    logLevel: 'warning',
  });
  renameSync(tmp, bundle);
}
process.setSourceMapsEnabled(true);
process.argv.splice(2, 1);
await import(pathToFileURL(bundle).href);
