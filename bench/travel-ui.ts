/**
 * Time travel in the browser (bench/run.ts section 5b), through the `window.__playground` bridge
 * of the production build:
 * - seek: the wall time of `seekTime` to random moments of a run of at least 100,000 events
 *   (checkpoint restore, replay, views published; the workers get the nodes at their next step);
 * - the space-time diagram's frame rate with at least 10,000 messages in its window, while the
 *   run plays at 1× (it redraws every frame);
 * - the main thread's JS heap after a one-hour virtual run (2 requests/s), after a forced GC.
 */
import type { Browser, Page } from 'playwright-core';
import { raftScopeScenario } from './workload';
import { countFrames } from './frames';

export interface TravelUiResult {
  seek: { events: number; virtualMs: number; seeks: number; p50Ms: number; p99Ms: number; maxMs: number };
  diagram: { messagesDrawn: number; fps: number; frames: number; seconds: number; worstFrameMs: number };
  memory: { virtualMs: number; events: number; wallMs: number; jsHeapUsedMb: number } | { skipped: string };
}

type Bridge = {
  ready(): Promise<void>;
  load(s: unknown): Promise<void>;
  runUntil(t: number): Promise<void>;
  seekTime(t: number): Promise<void>;
  setSpeed(x: number | 'max'): void;
  play(): void;
  pause(): Promise<void>;
  now(): number;
  events(): number;
  horizon(): { events: number; t: number };
};

async function loadAndRun(page: Page, scenario: unknown, until: number): Promise<{ wallMs: number; events: number; virtualMs: number }> {
  return page.evaluate(
    async ({ scenario, until }) => {
      const pg = (window as unknown as { __playground: Bridge }).__playground;
      await pg.ready();
      await pg.load(scenario);
      await pg.ready();
      const t0 = performance.now();
      await pg.runUntil(until);
      return { wallMs: performance.now() - t0, events: pg.events(), virtualMs: pg.now() };
    },
    { scenario, until },
  );
}

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))]!;

/** benchTravelUi measures seeks, the diagram's fps and memory in a page of `url` (the app). */
export async function benchTravelUi(browser: Browser, url: string, quick: boolean): Promise<TravelUiResult> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.addInitScript({ content: 'window.__name = (f) => f;' });
  try {
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForFunction(() => !!(window as unknown as { __playground?: unknown }).__playground);
    // 1. Seek latency over a run of ≥ 100,000 events.
    const run = await loadAndRun(page, raftScopeScenario({ untilMs: 180_000 }), 136_000);
    const times = await page.evaluate(async (n) => {
      const pg = (window as unknown as { __playground: Bridge }).__playground;
      const h = pg.horizon().t;
      const out: number[] = [];
      let x = 12345;
      for (let i = 0; i < n; i++) {
        x = (x * 1103515245 + 12345) % 2147483648;
        const t0 = performance.now();
        await pg.seekTime((x / 2147483648) * h);
        out.push(performance.now() - t0);
      }
      await pg.seekTime(h);
      return out;
    }, quick ? 30 : 100);
    const seek = { events: run.events, virtualMs: run.virtualMs, seeks: times.length, p50Ms: pct(times, 50), p99Ms: pct(times, 99), maxMs: Math.max(...times) };

    // 2. The diagram with the whole run in its window, redrawn every frame while playing at 1×.
    await page.click('[data-testid="tab-spacetime"]');
    await page.waitForSelector('[data-testid="spacetime"]');
    // From the default 2 s window, four zoom-outs show the last ~32 virtual s: well over 10,000 messages.
    for (let i = 0; i < 4; i++) await page.click('[data-testid="spacetime-zoom-out"]');
    await page.evaluate(() => {
      const pg = (window as unknown as { __playground: Bridge }).__playground;
      pg.setSpeed(1);
      pg.play();
    });
    const f = await page.evaluate(countFrames, quick ? 3 : 5);
    const drawn = await page.evaluate(async () => {
      await (window as unknown as { __playground: Bridge }).__playground.pause();
      return Number(document.querySelector('[data-testid="spacetime"]')?.getAttribute('data-messages') ?? 0);
    });
    const diagram = { messagesDrawn: drawn, fps: (f.frames - 1) / f.seconds, frames: f.frames, seconds: f.seconds, worstFrameMs: f.worst };

    // 3. Memory after one virtual hour (main thread: run, checker, checkpoints, trace, diagram index).
    let memory: TravelUiResult['memory'] = { skipped: 'skipped with --quick' };
    if (!quick) {
      await page.click('[data-testid="tab-log"]');
      const hour = await loadAndRun(page, raftScopeScenario({ untilMs: 3_600_000, requestsPerSecond: 2 }), 3_600_000);
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('HeapProfiler.collectGarbage');
      const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
      memory = { virtualMs: hour.virtualMs, events: hour.events, wallMs: hour.wallMs, jsHeapUsedMb: heap.usedSize / 2 ** 20 };
    }
    return { seek, diagram, memory };
  } finally {
    await page.close();
  }
}
