// Cluster sizes: the node-count control offers every size to 12, then steps to the core's one limit
// (100); 12 nodes, the largest whose nodes show every line, are drawn with no two nodes overlapping, and the space-time diagram shows every lane at 1440×900.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, Playground } from './pages/playground.mjs';

describe('cluster sizes', () => {
  let browser;
  before(async () => { browser = await launchBrowser(); });
  after(() => browser?.close());

  it('the node count offers 1–12 then steps to 100, and 12 nodes are drawn without overlapping', async (t) => {
    const pg = await Playground.open(browser, '/', { viewport: { width: 1440, height: 900 } });
    t.after(() => pg.close());
    const offered = await pg.testId('cluster-size').locator('option').allTextContents();
    assert.deepEqual(offered.map(Number), [...Array.from({ length: 12 }, (_, i) => i + 1), 15, 20, 25, 30, 40, 50, 60, 70, 80, 90, 100]);
    await pg.testId('cluster-size').selectOption('12');
    await pg.waitReady();
    await pg.pause();
    await pg.syncDom();
    const boxes = await pg.page.$$eval('[data-testid^="node-"][data-role] .cnode-body', (els) => els.map((e) => e.getBoundingClientRect().toJSON()));
    assert.equal(boxes.length, 12);
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i];
        const b = boxes[j];
        const apart = a.right <= b.left || b.right <= a.left || a.bottom <= b.top || b.bottom <= a.top;
        assert.ok(apart, `node labels ${i + 1} and ${j + 1} do not overlap`);
      }
    }
    pg.assertNoErrors();
  });

  for (const n of ['9', '12']) {
    it(`with ${n} nodes every lane of the space-time diagram shows at 1440×900`, async (t) => {
      const pg = await Playground.open(browser, '/', { viewport: { width: 1440, height: 900 } });
      t.after(() => pg.close());
      await pg.testId('cluster-size').selectOption(n);
      await pg.waitReady();
      await pg.pause();
      await pg.runUntil(1500);
      await pg.page.keyboard.press('d');
      const plot = pg.page.locator('.spacetime-plot');
      await plot.waitFor();
      const box = await plot.boundingBox();
      const panel = await pg.page.locator('.bottom-panel').boundingBox();
      assert.ok(box.height > 0);
      assert.ok(box.y + box.height <= Math.min(900, panel.y + panel.height) + 0.5, `the plot (bottom ${box.y + box.height}) ends inside the panel (${panel.y + panel.height}) and the window`);
      // The lane labels are drawn on the canvas: hovering the last lane's label names its node.
      const lanes = Number(n);
      const laneH = (box.height - 22 - 34) / lanes;
      await pg.page.mouse.move(box.x + 20, box.y + 22 + laneH * (lanes - 0.5));
      await pg.page.waitForFunction((id) => window.__playground && document.querySelector(`[data-testid="node-${id}"]`)?.classList.contains('is-hovered'), `n${lanes}`);
      pg.assertNoErrors();
    });
  }
});
