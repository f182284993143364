/**
 * CPU profile of the in-thread simulator on the RaftScope workload, with real file:line.
 * Bundles bench/profile.ts with esbuild (plain ESM, no tsx keepNames wrappers, like a production
 * build), runs it under `node --cpu-prof`, then maps the hottest frames back through the bundle's
 * source map. Usage: npx tsx bench/cpu-profile.ts [--trace] [--runs N] [--top N]
 * (esbuild and source-map-js come with tsx and vite.)
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { SourceMapConsumer } from 'source-map-js';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
  positionTicks?: { line: number; ticks: number }[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'bench/results/cpu');
const args = process.argv.slice(2);
const top = Number(args[args.indexOf('--top') + 1]) || 25;
const passOn = args.filter((a, i) => a === '--trace' || a === '--runs' || args[i - 1] === '--runs');
const nodeArgs = args.filter((_, i) => args[i - 1] === '--node-arg');

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const bundle = join(out, 'profile.bundle.mjs');
await build({ entryPoints: [join(root, 'bench/profile.ts')], bundle: true, platform: 'node', format: 'esm', target: 'node20', sourcemap: 'external', outfile: bundle, logLevel: 'warning' });
const r = spawnSync(process.execPath, [...nodeArgs, '--cpu-prof', `--cpu-prof-dir=${out}`, bundle, ...passOn], { stdio: 'inherit' });
if (r.status !== 0) process.exit(r.status ?? 1);
const file = readdirSync(out).find((f) => f.endsWith('.cpuprofile'))!;
const profile = JSON.parse(readFileSync(join(out, file), 'utf8')) as Profile;
const map = new SourceMapConsumer(JSON.parse(readFileSync(`${bundle}.map`, 'utf8')));

const where = (line: number, col: number, fallback: string): string => {
  const p = map.originalPositionFor({ line, column: col });
  if (!p.source) return fallback;
  return `${relative(root, resolve(out, p.source))}:${p.line}`;
};
const frameName = (n: ProfileNode) => {
  const { functionName, url, lineNumber, columnNumber } = n.callFrame;
  const fn = functionName || '(anonymous)';
  if (!url.endsWith('profile.bundle.mjs')) return url ? `${fn} ${url}:${lineNumber + 1}` : fn;
  return `${fn} ${where(lineNumber + 1, columnNumber, `bundle:${lineNumber + 1}`)}`;
};

// Self and inclusive time per function; self time per source line (positionTicks).
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const timeOf = new Map<number, number>();
profile.samples.forEach((id, i) => timeOf.set(id, (timeOf.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
const self = new Map<string, number>();
const total = new Map<string, number>();
const lineSelf = new Map<string, number>();
let all = 0;
for (const [id, us] of timeOf) {
  all += us;
  const n = byId.get(id)!;
  const k = frameName(n);
  self.set(k, (self.get(k) ?? 0) + us);
  const ticks = n.positionTicks ?? [];
  const tickSum = ticks.reduce((s, t) => s + t.ticks, 0);
  for (const t of ticks) {
    if (!n.callFrame.url.endsWith('profile.bundle.mjs')) continue;
    const key = `${where(t.line, 0, `bundle:${t.line}`)} (${n.callFrame.functionName || 'anonymous'})`;
    lineSelf.set(key, (lineSelf.get(key) ?? 0) + (us * t.ticks) / tickSum);
  }
  const seen = new Set<string>();
  for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
    const kk = frameName(byId.get(cur)!);
    if (!seen.has(kk)) total.set(kk, (total.get(kk) ?? 0) + us);
    seen.add(kk);
  }
}
const pct = (us: number) => `${((100 * us) / all).toFixed(1)}%`.padStart(6);
console.log(`\nprofile: ${join(relative(root, out), file)}; ${(all / 1000).toFixed(0)} ms sampled\n\nself  incl  function (self time)`);
for (const [k, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${pct(us)} ${pct(total.get(k) ?? 0)}  ${k}`);
console.log('\nself  incl  function (inclusive time)');
for (const [k, us] of [...total].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${pct(self.get(k) ?? 0)} ${pct(us)}  ${k}`);
console.log('\nself   hottest source lines');
for (const [k, us] of [...lineSelf].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${pct(us)}  ${k}`);
