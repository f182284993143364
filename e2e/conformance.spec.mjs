// Conformance in the browser, over every protocol the protocol menu lists: switching to it loads
// its default cluster; it runs; its legend, its lamps (safety properties and its consistency model)
// and its node menu show; a node's panel opens; no console errors. A protocol registered in core but
// forgotten in the UI still shows a neutral look here, never Raft's words.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, Playground } from './pages/playground.mjs';

describe('every registered protocol in the browser', () => {
  let browser;
  before(async () => { browser = await launchBrowser(); });
  after(() => browser?.close());

  it('switches to each protocol: it runs, with its legend, lamps, node menu and panel, and no console errors', async (t) => {
    const pg = await Playground.open(browser, '/', { viewport: { width: 1280, height: 720 } });
    t.after(() => pg.close());
    const names = await pg.testId('protocol').locator('option').evaluateAll((os) => os.map((o) => o.value));
    assert.ok(names.length >= 2, `the protocol menu lists the registry (got ${names.join(', ')})`);
    for (const name of names) {
      await pg.testId('protocol').selectOption(name);
      await pg.waitReady();
      await pg.pause();
      const sc = await pg.scenario();
      assert.equal(sc.protocol, name, `${name}: switching loads its scenario`);
      await pg.runUntil(2500);
      assert.ok((await pg.now()) >= 2500, `${name}: the run advances`);
      const legend = pg.page.locator('[aria-label="Legend"]').first();
      assert.ok(await legend.isVisible(), `${name}: the legend shows`);
      assert.match(await legend.textContent(), /\S/, `${name}: the legend has entries`);
      const lamps = await pg.page.locator('[data-testid^="lamp-"]').count();
      assert.ok(lamps >= 3, `${name}: its safety lamps, its consistency lamp and liveness show (got ${lamps})`);
      if (name !== 'raft') assert.doesNotMatch(await pg.page.locator('main, body').first().textContent(), /Force election timeout/, `${name}: no Raft words`);
      const first = sc.nodes[0];
      await pg.node(first).click({ button: 'right' });
      const menu = pg.testId('menu');
      await menu.waitFor({ state: 'visible' });
      assert.ok((await menu.locator('[role="menuitem"], button').count()) >= 2, `${name}: the node menu offers actions`);
      await pg.page.keyboard.press('Escape');
      await pg.selectNode(first);
      pg.assertNoErrors();
    }
  });
});
