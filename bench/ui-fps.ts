/**
 * UI frame rate in headless Chromium (bench/run.ts section 5), through the `window.__playground`
 * bridge of the production build (src/ui/bridge.ts): load a scenario, play it at 'max' speed and
 * count animation frames. Two workloads: the RaftScope one at 5 and 9 nodes, and large clusters of
 * 50 and 100 nodes of LARGE_CLUSTER_PROTOCOL (any registered protocol: `--large-protocol NAME`),
 * with that protocol's own client workload, which must keep 30 and 20 fps.
 */
import type { Page } from 'playwright-core';
import { getProtocol } from '../src/core/protocols/registry';
import { parseScenario } from '../src/core/scenario/schema';
import type { Scenario } from '../src/core/scenario/types';
import { countFrames } from './frames';

/** The protocol the large-cluster rows run (Raft runs at any size; a leader-free one such as gossip suits them better once registered). */
export const LARGE_CLUSTER_PROTOCOL = 'gossip';
/** Large clusters measured, with the frame rate each must keep playing flat out (fps). */
export const LARGE_CLUSTER_TARGETS: readonly { nodes: number; fps: number }[] = [
  { nodes: 50, fps: 30 },
  { nodes: 100, fps: 20 },
];

/**
 * largeClusterScenario is `nodes` nodes of `protocol` (its default config), latency [10, 15] ms,
 * and the protocol's own client workload at 50 requests per virtual second over 10 clients and 7
 * keys, from 1 s to `untilMs`.
 * @throws Error if `protocol` is not registered; ScenarioError if `nodes` is out of range for it.
 */
export function largeClusterScenario(protocol: string, nodes: number, untilMs: number): Scenario {
  const entry = getProtocol(protocol);
  const clients = Array.from({ length: 10 }, (_, i) => `c${i + 1}`);
  const keys = Array.from({ length: 7 }, (_, i) => `k${i}`);
  const timeline = entry.ops.workload(42, { startMs: 1000, endMs: untilMs, ratePerSecond: 50, clients, keys, writeFirst: true });
  return parseScenario({
    version: 1,
    protocol,
    name: `${entry.title ?? protocol}, ${nodes} nodes, 50 req/s`,
    seed: 42,
    nodes,
    until: untilMs,
    network: { latencyMs: [10, 15], loss: 0, duplicate: 0 },
    timeline,
  });
}

/** FpsSample is one measurement: frames over `seconds` wall s, the worst gap between frames, and how far the run went meanwhile. */
export interface FpsSample {
  frames: number;
  seconds: number;
  /** The longest gap between two frames (wall ms). */
  worst: number;
  /** Virtual ms the run advanced while measured. */
  advanced: number;
  /** Events handled while measured (null: the bridge does not count them). */
  events: number | null;
}

/**
 * measureFps loads `url` in `page`, has the bridge load `scenario`, plays it at full speed and
 * counts animation frames for `seconds` wall s. Without the bridge it says so instead.
 */
export async function measureFps(page: Page, url: string, scenario: Scenario, seconds: number): Promise<FpsSample | { skipped: string }> {
  // tsx compiles this file with esbuild's keepNames, so functions serialised into the page call
  // `__name(fn, "name")`; give the page a no-op one.
  await page.addInitScript({ content: 'window.__name = (f) => f;' });
  await page.goto(url, { waitUntil: 'load' });
  const hasBridge = await page
    .waitForFunction(() => !!(window as unknown as { __playground?: unknown }).__playground, undefined, { timeout: 10_000 })
    .then(() => true, () => false);
  if (!hasBridge) {
    return { skipped: 'not measured: UI bridge missing (window.__playground not set by the page)' };
  }
  type Bridge = {
    ready?(): Promise<void>;
    load(s: unknown): Promise<void>;
    setSpeed(x: number | 'max'): void;
    play(): void;
    pause(): Promise<void> | void;
    now(): number;
    events?(): number;
  };
  // The bridge of src/ui/bridge.ts (typed loosely: a page-side contract, checked at run time).
  const before = await page.evaluate(async (scenario) => {
    const pg = (window as unknown as { __playground: Bridge }).__playground;
    await pg.ready?.();
    await pg.load(scenario);
    await pg.ready?.();
    pg.setSpeed('max');
    const at = { v: pg.now(), e: pg.events?.() ?? null };
    pg.play();
    return at;
  }, scenario);
  const f = await page.evaluate(countFrames, seconds);
  const after = await page.evaluate(async () => {
    const pg = (window as unknown as { __playground: Bridge }).__playground;
    await pg.pause();
    return { v: pg.now(), e: pg.events?.() ?? null };
  });
  return { frames: f.frames, seconds: f.seconds, worst: f.worst, advanced: after.v - before.v, events: before.e !== null && after.e !== null ? after.e - before.e : null };
}
