// Large clusters: 60 nodes chosen from the node-count control are laid out on concentric rings with
// no two nodes overlapping on screen, every node inside the canvas, labels pared down to the id,
// links not drawn per pair, and no console error while the cluster runs.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, NODES, Playground } from './pages/playground.mjs';

describe('a cluster of 60 nodes', () => {
  let browser;
  before(async () => { browser = await launchBrowser(); });
  after(() => browser?.close());

  it('is laid out with no overlapping nodes, inside the canvas, and runs without console errors', async (t) => {
    const pg = await Playground.open(browser, '/', { viewport: { width: 1280, height: 720 } });
    t.after(() => pg.close());
    const offered = (await pg.testId('cluster-size').locator('option').allTextContents()).map(Number);
    assert.ok(offered.includes(60) && offered.at(-1) === 100, `the node count offers 60 and up to 100 (got ${offered.join(', ')})`);
    await pg.testId('cluster-size').selectOption('60');
    await pg.waitReady();
    await pg.pause();
    await pg.runUntil(1500);

    const canvas = await pg.testId('topology').boundingBox();
    const boxes = await pg.page.$$eval(`${NODES} `, (els) => els.map((e) => ({ id: e.dataset.testid, ...e.getBoundingClientRect().toJSON() })));
    assert.equal(boxes.length, 60);
    for (const b of boxes) {
      assert.ok(b.width >= 20, `${b.id} is drawn at least 20 px wide (${b.width.toFixed(1)})`);
      assert.ok(b.left >= canvas.x && b.right <= canvas.x + canvas.width && b.top >= canvas.y && b.bottom <= canvas.y + canvas.height, `${b.id} lies inside the canvas`);
    }
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i];
        const b = boxes[j];
        const apart = a.right <= b.left || b.right <= a.left || a.bottom <= b.top || b.bottom <= a.top;
        assert.ok(apart, `${a.id} and ${b.id} do not overlap`);
      }
    }
    assert.equal(await pg.testId('topology').getAttribute('data-density'), 'dense', 'a dense cluster shows ids only');
    assert.equal(await pg.page.locator('.cnode-role').first().isVisible(), false, 'roles are hidden, their colour says them');
    assert.equal(await pg.page.locator('.react-flow__edge').count(), 0, 'no link is drawn per pair');

    // It plays: a leader is elected and the run goes on without an error.
    const s = await pg.summaries();
    assert.ok(Object.values(s).some((x) => x.role === 'leader'), 'a leader among the 60');
    await pg.bridge('play');
    await pg.page.waitForTimeout(1500);
    await pg.pause();
    pg.assertNoErrors();
  });
});
