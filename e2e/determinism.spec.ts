// Determinism across hosts: a scenario run in the browser (nodes in Web Workers, one each or pooled) gives
// exactly the trace of the headless in-Node run, and Export trace downloads that same trace.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { example } from '../src/core/scenario/examples';
import type { Scenario } from '../src/core/scenario/types';
import { runScenario } from '../src/core/sim/run';
import type { TraceRecord } from '../src/core/trace';
import { launchBrowser, Playground } from './pages/playground.mjs';

/** headlessTrace runs `scenario` in this thread and gives its trace as JSON lines. */
function headlessTrace(scenario: Scenario): string[] {
  const lines: string[] = [];
  runScenario(scenario, { trace: (r: TraceRecord) => void lines.push(JSON.stringify(r)) });
  return lines;
}

/** assertPrefix checks `got` is `want`'s first records, naming the first record that differs. */
function assertPrefix(got: string[], want: string[], skip = 0): void {
  assert.ok(got.length <= want.length, `the browser's trace (${got.length}) is not longer than the headless one (${want.length})`);
  const firstDiff = got.findIndex((line, i) => i >= skip && line !== want[i]);
  assert.equal(firstDiff, -1, firstDiff < 0 ? '' : `record ${firstDiff + 1} differs:\n browser:  ${got[firstDiff]}\n headless: ${want[firstDiff]}`);
}

const linesOf = (jsonl: string) => jsonl.split('\n').filter((l) => l !== '');

describe('browser trace equals the headless trace', () => {
  let browser: Browser;
  before(async () => { browser = await launchBrowser(); });
  after(() => browser?.close());

  // One worker per node, and the automatic choice (on a 2-core machine: one worker for all).
  for (const [id, perNode] of [['leader-isolated', true], ['lossy-network', false]] as const) {
    it(`${id}${perNode ? ', a worker per node' : ''}: the browser's export is a prefix of the headless trace, covering everything up to until`, async (t) => {
      const scenario = example(id);
      const pg = await Playground.open(browser, '/');
      t.after(() => pg.close());
      if (perNode) await pg.bridge('setWorkerPool', scenario.nodes.length);
      await pg.load(scenario);
      if (perNode) assert.equal(await pg.bridge('workers'), scenario.nodes.length);
      await pg.runUntil(scenario.until);
      assert.equal(await pg.now(), scenario.until);
      const got = linesOf(await pg.traceJsonl());
      const want = headlessTrace(scenario);

      assert.ok(got.length > 100, `a real trace (${got.length} records)`);
      assert.ok(got.length < want.length, `the browser's trace (${got.length}) is shorter than the headless one (${want.length})`);
      assertPrefix(got, want);

      // The rest of the headless trace is only what closing a run adds: pending clients, then `end`.
      const rest = want.slice(got.length).map((l) => JSON.parse(l) as TraceRecord);
      assert.equal(rest.at(-1)?.type, 'end', 'the headless trace ends with `end`');
      for (const r of rest.slice(0, -1)) {
        assert.ok(r.type === 'client' && r.phase === 'info', `only pending-client records follow the prefix, got ${JSON.stringify(r)}`);
      }
      const last = JSON.parse(got.at(-1)!) as TraceRecord;
      assert.ok(last.t <= scenario.until, 'nothing past until');
      assert.equal((JSON.parse(got[0]!) as TraceRecord).type, 'header');

      // Export trace downloads the same records as a .jsonl file.
      const { filename, text } = await pg.exportTrace();
      assert.match(filename, /\.jsonl$/, `a .jsonl file, got ${filename}`);
      assert.ok(filename.includes(String(scenario.seed)), `the name carries the seed: ${filename}`);
      assert.equal(text, await pg.traceJsonl(), 'the download holds the exported trace');
      pg.assertNoErrors();
    });
  }

  // Flat out, on a pool of two workers and on one worker hosting every node.
  for (const workers of [2, 1]) {
    it(`lossy-network played flat out with its 5 nodes on ${workers === 1 ? 'one worker, which runs ahead in batches' : 'a pool of two workers, window by window'}: the headless trace`, async (t) => {
      const scenario = example('lossy-network');
      const pg = await Playground.open(browser, '/');
      t.after(() => pg.close());
      await pg.bridge('setWorkerPool', workers);
      await pg.load(scenario);
      assert.equal(await pg.bridge('workers'), workers);
      await pg.bridge('setSpeed', 'max');
      await pg.bridge('play');
      await pg.page.waitForFunction((until) => (window.__playground?.now() ?? 0) >= until, scenario.until, { timeout: 60_000 });
      await pg.pause();
      // Flat out runs past `until` (the header's `until` grows with it); every record before it is
      // final, and must be the headless trace's.
      const got = linesOf(await pg.traceJsonl()).filter((l) => (JSON.parse(l) as TraceRecord).t < scenario.until);
      assert.ok(got.length > 100, `a real trace (${got.length} records)`);
      assertPrefix(got, headlessTrace(scenario), 1);
      pg.assertNoErrors();
    });
  }

  describe('a run with partition, request and heal done in the UI', () => {
    let pg: Playground;
    let scenario: Scenario;
    let got: string[];
    let want: string[];
    before(async () => {
      pg = await Playground.open(browser, '/');
      await pg.pause();
      await pg.runUntil(1200);
      const old = (await pg.leaderId())!;
      await pg.dragNodeTo(old, pg.region('a'));
      await pg.runFor(800);
      const other = Object.keys(await pg.nodeStates()).find((id) => id !== old)!;
      await pg.selectNode(other);
      await pg.sendRequest({ f: 'put', key: 'k', value: 'ui' });
      await pg.runFor(700);
      await pg.heal();
      await pg.runUntil(4000);
      scenario = (await pg.scenario())!;
      got = linesOf((await pg.exportTrace()).text);
      want = headlessTrace(scenario);
    });
    after(() => pg?.close());

    it('replays headlessly from the recorded scenario, event for event', () => {
      const ours = new Set(['request@1000', 'request@1500']); // the default example's own actions
      const recorded = scenario.timeline.filter((a) => !ours.has(`${a.action}@${a.at}`)).map((a) => a.action);
      assert.deepEqual(recorded, ['partition', 'request', 'heal'], 'the UI actions were recorded');
      assert.ok(got.length > 500, `a real trace (${got.length} records)`);
      assertPrefix(got, want, 1); // every record after the header
      pg.assertNoErrors();
    });

    // docs/scenario-and-trace.md: "Export trace ... the `header` holds every action recorded so far",
    // so an export alone can be replayed, and it is a prefix of the headless trace.
    it("the export's header holds every action recorded so far", () => {
      const header = JSON.parse(got[0]!) as Extract<TraceRecord, { type: 'header' }>;
      assert.deepEqual(header.scenario.timeline, scenario.timeline, "the export's header holds the user actions");
      assert.equal(got[0], want[0], 'the header equals the headless header of the recorded scenario');
      pg.assertNoErrors();
    });
  });
});
