// A client request sent through the request form commits on every node; the form stays in view
// and shows what became of each request (ok, the value a get read, latency).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, Playground } from './pages/playground.mjs';

/** A 5-node cluster with an empty timeline: nothing writes x unless the user does. */
const QUIET = { version: 1, protocol: 'raft', seed: 7, nodes: 5, until: 10_000, timeline: [] };

describe('client request through the UI', () => {
  let browser;
  before(async () => { browser = await launchBrowser(); });
  after(() => browser?.close());

  it('put x 1 sent from the form commits on all nodes', async (t) => {
    const pg = await Playground.open(browser, '/');
    t.after(() => pg.close());
    await pg.load(QUIET);
    await pg.runUntil(1000);
    const leader = await pg.leaderId();
    assert.ok(leader, 'a leader before the request');
    for (const [id, d] of Object.entries(await pg.details())) assert.equal(d.kv.x, undefined, `${id} has no x yet`);

    // A follower, so the client is redirected to the leader.
    const target = Object.keys(await pg.nodeStates()).find((id) => id !== leader);
    await pg.selectNode(target);
    await pg.sendRequest({ f: 'put', key: 'x', value: '1' });
    const req = (await pg.scenario()).timeline.at(-1);
    assert.deepEqual({ action: req.action, op: req.op, node: req.node }, { action: 'request', op: { f: 'put', key: 'x', value: '1' }, node: target });
    const outcome = pg.page.locator(`[data-testid="request-outcome"][data-client="${req.client}"]`);
    assert.match(await outcome.textContent(), new RegExp(`put x 1 → ${target}: (waiting for a reply… \\(sent at ${req.at.toLocaleString('en')} ms\\)|ok · \\d+ ms)`));

    await pg.runFor(2000);
    await pg.page.waitForSelector(`[data-testid="request-outcome"][data-client="${req.client}"][data-state="ok"]`);
    assert.match(await outcome.textContent(), /^put x 1 → n\d: ok · \d+ ms$/);

    // A get shows the value it read.
    await pg.sendRequest({ f: 'get', key: 'x' });
    const get = (await pg.scenario()).timeline.at(-1);
    await pg.runFor(1000);
    const read = pg.page.locator(`[data-testid="request-outcome"][data-client="${get.client}"]`);
    assert.equal(await read.getAttribute('data-state'), 'ok');
    assert.match(await read.textContent(), /^get x → n\d: ok: read "1" · \d+ ms$/);
    const details = await pg.details();
    for (const [id, d] of Object.entries(details)) assert.equal(d.kv.x, '1', `${id}: x = "1"`);
    const states = await pg.nodeStates();
    const commits = Object.values(states).map((s) => s.commitIndex);
    assert.equal(new Set(commits).size, 1, `equal commit indexes, got ${commits}`);
    assert.ok(commits[0] >= 2, 'the leader\'s no-op and the put are committed');
    // The panel shows the selected node's state machine.
    const panelKv = await pg.page.$$eval('[data-testid="panel"] [data-testid="kv"] tr', (rows) =>
      Object.fromEntries(rows.map((r) => [r.querySelector('th')?.textContent, r.querySelector('td')?.textContent])));
    assert.deepEqual(panelKv, { x: '1' }, 'the node panel shows x = 1');
    pg.assertNoErrors();
  });

  for (const viewport of [{ width: 1280, height: 720 }, { width: 1440, height: 900 }]) {
    it(`the request form is in view at ${viewport.width}×${viewport.height}, however the side panel is scrolled`, async (t) => {
      const pg = await Playground.open(browser, '/', { viewport });
      t.after(() => pg.close());
      await pg.pause();
      const inView = async () => {
        const box = await pg.testId('request-send').boundingBox();
        return box !== null && box.y >= 0 && box.y + box.height <= viewport.height;
      };
      assert.ok(await inView(), 'Send is visible without scrolling');
      await pg.page.locator('.side-panel').evaluate((el) => el.scrollTo(0, el.scrollHeight));
      assert.ok(await inView(), 'Send is visible with the side panel scrolled to its end');
      pg.assertNoErrors();
    });
  }
});
