/**
 * Flat-out speed of the playground in the browser: the RaftScope workload at N nodes plays at 'max'
 * speed in headless Chromium (production build), and we count animation frames and the virtual
 * time and events the run advanced. Used by `npm run bench` (section 5) and on its own:
 *
 *   npx tsx bench/ui-speed.ts [--nodes 9,50,100] [--seconds 5] [--repeat 2] [--profile]
 *
 * --profile also records a CPU profile of the page's main thread (Chrome DevTools Protocol) and
 * prints the functions with the most self time, to see where a frame's time goes.
 * Env: BENCH_SKIP_BUILD=1 reuses an existing dist/.
 */
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { countFrames } from './frames';
import { raftScopeScenario } from './workload';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** UiSpeed is one flat-out measurement. */
export interface UiSpeed {
  nodes: number;
  /** Animation frames per wall second while playing flat out. */
  fps: number;
  frames: number;
  /** Wall seconds measured. */
  seconds: number;
  worstFrameMs: number;
  /** Virtual seconds the run advanced per wall second. */
  simSecondsPerWallSecond: number;
  events: number;
  eventsPerSecond: number;
  /** How the page hosts the nodes: `workers` Web Workers (one per node, or a pool). */
  workers: number | null;
  /** The top self-time functions of the main thread (with --profile): [name @ url:line, ms]. */
  profile?: [string, number][];
}

type Bridge = {
  ready(): Promise<void>;
  load(s: unknown): Promise<void>;
  setSpeed(x: number | 'max'): void;
  play(): void;
  pause(): Promise<void>;
  now(): number;
  events(): number;
  workers?(): number;
  setWorkerPool?(size: number | null): void;
};

/** FLAT_OUT_TARGETS: playing flat out at 9 Raft nodes, the run advances this fast and the UI stays this smooth. */
export const FLAT_OUT_TARGETS = { nodes: 9, simSecondsPerWallSecond: 10, fps: 50 } as const;

/** FlatOutRow is one configuration's flat-out figures (the median run by sim-s/s), or why it was not measured. */
export type FlatOutRow =
  | (UiSpeed & { pool: 'auto' | 'one per node'; load: number; all: string })
  | { nodes: number; pool: 'auto' | 'one per node'; skipped: string };

/**
 * benchFlatOut measures the playground flat out at 5, 9, 50 and 100 nodes, `repeat` runs each: the
 * automatic hosting (workersFor: a worker per node while the cores allow, else a pool), and from 9
 * nodes one worker per node as well, to show what the pool buys. A cluster the scenario schema refuses
 * (SCENARIO_LIMITS.maxNodes) is reported as not measured.
 */
export async function benchFlatOut(browser: Browser, url: string, o: { seconds: number; repeat: number; log: (s: string) => void }): Promise<FlatOutRow[]> {
  const configs: [number, 'auto' | 'one per node'][] = [[5, 'auto'], [9, 'auto'], [9, 'one per node'], [50, 'auto'], [50, 'one per node'], [100, 'auto'], [100, 'one per node']];
  const rows: FlatOutRow[] = [];
  for (const [nodes, pool] of configs) {
    try {
      const runs: (UiSpeed & { load: number })[] = [];
      for (let i = 0; i < o.repeat; i++) {
        const load = os.loadavg()[0]!;
        runs.push({ ...(await measureUiSpeed(browser, url, nodes, o.seconds, false, pool === 'auto' ? null : nodes)), load });
      }
      const sorted = [...runs].sort((a, b) => a.simSecondsPerWallSecond - b.simSecondsPerWallSecond);
      const mid = sorted[(sorted.length - 1) >> 1]!;
      const all = runs.map((r) => `${r.simSecondsPerWallSecond.toFixed(1)}@${r.fps.toFixed(0)}fps`).join(' ');
      rows.push({ ...mid, pool, all });
      o.log(`UI flat out, ${nodes} nodes (${pool}, ${mid.workers} workers): ${mid.simSecondsPerWallSecond.toFixed(1)} sim-s/s at ${mid.fps.toFixed(1)} fps, worst frame ${mid.worstFrameMs.toFixed(0)} ms, ${Math.round(mid.eventsPerSecond)} events/s; runs (sim-s/s@fps) ${all}; load ${mid.load.toFixed(1)}`);
    } catch (err) {
      const why = `not measured: ${String((err as Error).message ?? err).split('\n')[0]}`;
      rows.push({ nodes, pool, skipped: why });
      o.log(`UI flat out, ${nodes} nodes (${pool}): ${why}`);
    }
  }
  return rows;
}

/** freePort finds a free TCP port on 127.0.0.1. */
export async function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer().once('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => res(port));
    });
  });
}

/**
 * measureUiSpeed loads the RaftScope workload with `nodes` nodes in a fresh page at `url`, plays it
 * flat out for `seconds` wall seconds (after a 1 s warm-up) and reports frames and progress.
 * @throws Error if the page has no `window.__playground` bridge or the load fails.
 */
export async function measureUiSpeed(browser: Browser, url: string, nodes: number, seconds: number, profile = false, workers: number | null = null): Promise<UiSpeed> {
  const page: Page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  try {
    await page.addInitScript({ content: 'window.__name = (f) => f;' });
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForFunction(() => !!(window as unknown as { __playground?: unknown }).__playground, undefined, { timeout: 20_000 });
    const scenario = raftScopeScenario({ nodes, untilMs: 180_000 });
    await page.evaluate(async ([s, workers]) => {
      const pg = (window as unknown as { __playground: Bridge }).__playground;
      await pg.ready();
      pg.setWorkerPool?.(workers);
      await pg.load(s);
      await pg.ready();
      pg.setSpeed('max');
      pg.play();
    }, [scenario, workers] as const);
    await page.waitForTimeout(1000);
    const cdp = profile ? await page.context().newCDPSession(page) : null;
    if (cdp) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
      await cdp.send('Profiler.start');
      await cdp.send('Performance.enable');
    }
    const metrics = async () => (cdp ? Object.fromEntries(((await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] }).metrics.map((m) => [m.name, m.value])) : {});
    const m0 = await metrics();
    const read = () => page.evaluate(() => {
      const pg = (window as unknown as { __playground: Bridge }).__playground;
      return { v: pg.now(), e: pg.events(), w: pg.workers?.() ?? null };
    });
    const before = await read();
    const f = await page.evaluate(countFrames, seconds);
    const after = await read();
    let top: [string, number][] | undefined;
    if (cdp) {
      const m1 = await metrics();
      const d = (k: string) => Math.round(((m1[k] ?? 0) - (m0[k] ?? 0)) * 1000);
      console.log(`  main thread over ${f.seconds.toFixed(1)} s: task ${d('TaskDuration')} ms, script ${d('ScriptDuration')} ms, style ${d('RecalcStyleDuration')} ms (${(m1.RecalcStyleCount ?? 0) - (m0.RecalcStyleCount ?? 0)}×), layout ${d('LayoutDuration')} ms (${(m1.LayoutCount ?? 0) - (m0.LayoutCount ?? 0)}×), nodes ${m1.Nodes}`);
      const { profile: p } = (await cdp.send('Profiler.stop')) as unknown as { profile: { nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[]; samples: number[]; timeDeltas: number[] } };
      const self = new Map<string, number>();
      const byId = new Map(p.nodes.map((n) => [n.id, n]));
      p.samples.forEach((id, i) => {
        const c = byId.get(id)!.callFrame;
        const k = `${c.functionName || '(anonymous)'} @ ${c.url.split('/').at(-1)}:${c.lineNumber + 1}`;
        self.set(k, (self.get(k) ?? 0) + (p.timeDeltas[i] ?? 0) / 1000);
      });
      top = [...self].sort((a, b) => b[1] - a[1]).slice(0, 30).map(([k, ms]) => [k, Math.round(ms)]);
    }
    await page.evaluate(() => (window as unknown as { __playground: Bridge }).__playground.pause());
    const wallS = f.seconds;
    return {
      nodes,
      fps: (f.frames - 1) / wallS,
      frames: f.frames,
      seconds: wallS,
      worstFrameMs: f.worst,
      simSecondsPerWallSecond: (after.v - before.v) / 1000 / wallS,
      events: after.e - before.e,
      eventsPerSecond: (after.e - before.e) / wallS,
      workers: after.w,
      ...(top ? { profile: top } : {}),
    };
  } finally {
    await page.close();
  }
}

/** withPreview builds `at`/dist/ (default: this checkout's; unless BENCH_SKIP_BUILD=1 and it exists), serves it and launches Chromium for `fn`. */
export async function withPreview<T>(fn: (browser: Browser, url: string) => Promise<T>, at = root): Promise<T> {
  const vite = await import('vite');
  if (!(process.env.BENCH_SKIP_BUILD === '1' && existsSync(join(at, 'dist/index.html')))) await vite.build({ root: at, logLevel: 'warn' });
  const findChromium = (await import(new URL('../scripts/find-chromium.mjs', import.meta.url).href)) as { launchChromium(o?: object): Promise<Browser> };
  const port = await freePort();
  const server = await vite.preview({ root: at, logLevel: 'warn', preview: { host: '127.0.0.1', port, strictPort: true, open: false } });
  const browser = await findChromium.launchChromium();
  try {
    return await fn(browser, `http://127.0.0.1:${port}/`);
  } finally {
    await browser.close();
    await server.close();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const argv = process.argv.slice(2);
  const opt = (name: string, dflt: string) => (argv.includes(name) ? argv[argv.indexOf(name) + 1]! : dflt);
  const nodeCounts = opt('--nodes', '9').split(',').map(Number);
  const seconds = Number(opt('--seconds', '5'));
  const repeat = Number(opt('--repeat', '1'));
  const profile = argv.includes('--profile');
  // --root DIR serves another checkout's build (an A/B comparison against a baseline).
  const at = argv.includes('--root') ? opt('--root', root) : root;
  const pools = argv.includes('--workers') ? opt('--workers', '').split(',').map((x) => (x === 'auto' ? null : Number(x))) : [null];
  console.log(`load average ${os.loadavg().map((x) => x.toFixed(2)).join(' ')} on ${os.cpus().length} cores`);
  await withPreview(async (browser, url) => {
    for (const nodes of nodeCounts) {
      for (let i = 0; i < repeat; i++) for (const pool of pools) {
        const r = await measureUiSpeed(browser, url, nodes, seconds, profile, pool);
        console.log(`${nodes} nodes: ${r.fps.toFixed(1)} fps (worst frame ${r.worstFrameMs.toFixed(0)} ms), ${r.simSecondsPerWallSecond.toFixed(2)} sim-s/s, ${Math.round(r.eventsPerSecond)} events/s, workers ${r.workers ?? '?'}`);
        if (r.profile) for (const [k, ms] of r.profile) console.log(`  ${String(ms).padStart(6)} ms  ${k}`);
      }
    }
  }, at);
  console.log(`load average ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`);
  process.exit(0);
}
