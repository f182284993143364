// Happens-before in the space-time diagram (issue 16 §2, for every protocol): selecting a message
// bands each lane with its causal past and future of the send and names the send's Lamport clock
// and vector clock; another protocol's run shows the same view.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, Playground } from './pages/playground.mjs';

/** firstDelivered gives the bus id of the first message that `from` sent to `to` and was delivered. */
function firstDelivered(jsonl, from, to) {
  const recs = jsonl.trim().split('\n').map((l) => JSON.parse(l));
  const delivered = new Set(recs.filter((r) => r.type === 'deliver').map((r) => r.id));
  return recs.find((r) => r.type === 'send' && r.from === from && r.to === to && delivered.has(r.id))?.id;
}

describe('causality in the space-time diagram', () => {
  let browser;
  /** @type {Playground} */
  let pg;
  before(async () => {
    browser = await launchBrowser();
    pg = await Playground.open(browser, '/', { viewport: { width: 1280, height: 720 } });
  });
  after(async () => {
    await pg?.close();
    await browser?.close();
  });

  for (const protocol of ['raft', 'gossip']) {
    it(`${protocol}: a selected message's send gets its Lamport clock and vector clock, and the caption explains the bands`, async () => {
      if ((await pg.scenario()).protocol !== protocol) {
        await pg.testId('protocol').selectOption(protocol);
        await pg.waitReady();
      }
      await pg.pause();
      await pg.runUntil(1200);
      await pg.testId('tab-spacetime').click();
      await pg.page.locator('.spacetime-plot').waitFor();
      const jsonl = await pg.bridge('traceJsonl');
      const sends = jsonl.trim().split('\n').map((l) => JSON.parse(l)).filter((r) => r.type === 'send');
      const { from, to } = sends[Math.floor(sends.length / 2)];
      const id = firstDelivered(jsonl, from, to);
      assert.ok(id !== undefined, `a delivered message ${from} → ${to}`);
      await pg.bridge('selectMessage', id);
      const caption = pg.testId('spacetime-causality');
      await caption.waitFor();
      const text = await caption.textContent();
      assert.match(text, new RegExp(`^before after ${from} at [\\d,]+ ms: Lamport \\d+ · vector \\[`), text);
      // The vector clock names every lane, and the sender has at least the send itself.
      const nodes = (await pg.scenario()).nodes;
      const vector = Object.fromEntries([...text.matchAll(/(n\d+) (\d+)/g)].map((m) => [m[1], Number(m[2])]));
      assert.deepEqual(Object.keys(vector), nodes);
      assert.ok(vector[from] >= 1, `the sender ${from} counts its own send: ${text}`);
      await pg.bridge('selectMessage', null);
      await caption.waitFor({ state: 'detached' });
      pg.assertNoErrors();
    });
  }
});
