// Partitions from the keyboard: nodes and links are Tab stops with a visible focus ring; Enter on a
// node opens its menu, whose "Move to Partition B" records the same partition a drag does; Enter
// on a link opens its popover, which cuts the link. React Flow's arrow keys no longer move a node.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, Playground } from './pages/playground.mjs';

/** focused describes document.activeElement: its xyflow id (node or edge), test id and role. */
function focused(pg) {
  return pg.page.evaluate(() => {
    const el = document.activeElement;
    return {
      kind: el?.classList.contains('react-flow__node') ? 'node' : el?.classList.contains('react-flow__edge') ? 'edge' : el?.tagName.toLowerCase(),
      id: el?.getAttribute('data-id') ?? null,
      testid: el?.getAttribute('data-testid') ?? null,
      role: el?.getAttribute('role') ?? null,
    };
  });
}

/** tabTo presses `key` (Tab or Shift+Tab) until `want(focused)` holds, at most `max` times. */
async function tabTo(pg, want, key = 'Tab', max = 120) {
  for (let i = 0; i < max; i++) {
    await pg.page.keyboard.press(key);
    const f = await focused(pg);
    if (want(f)) return f;
  }
  throw new Error(`no focus stop matched after ${max} × ${key}`);
}

describe('partitions from the keyboard', () => {
  let browser;
  /** @type {Playground} */
  let pg;
  before(async () => {
    browser = await launchBrowser();
    pg = await Playground.open(browser, '/');
    await pg.pause();
    await pg.runUntil(1500);
  });
  after(async () => {
    await pg?.close();
    await browser?.close();
  });

  it('Tab reaches a node with a visible ring; the arrow keys travel in time and leave the node where it is', async () => {
    await pg.page.locator('body').focus();
    await tabTo(pg, (f) => f.kind === 'node' && f.id === 'n1');
    const ring = await pg.node('n1').evaluate((el) => {
      const s = getComputedStyle(el, '::after');
      return { content: s.content, style: s.borderTopStyle, width: parseFloat(s.borderTopWidth), color: s.borderTopColor };
    });
    assert.notEqual(ring.content, 'none', 'the focused node shows a ring');
    assert.equal(ring.style, 'solid');
    assert.ok(ring.width >= 3, `the ring is at least 3 px wide (${ring.width})`);
    assert.equal(ring.color, 'rgb(245, 158, 11)');

    // Selected (as after a click) and focused: React Flow's own keys would move it now.
    await pg.node('n1').click();
    await pg.page.keyboard.press('Shift+Tab');
    await pg.page.keyboard.press('Tab');
    assert.equal((await focused(pg)).id, 'n1');
    assert.equal(await pg.page.locator('.react-flow__node.selected[data-id="n1"]').count(), 1, 'n1 is selected');
    const box = await pg.node('n1').boundingBox();
    const events = await pg.events();
    await pg.page.keyboard.press('ArrowRight');
    await pg.page.waitForFunction((n) => window.__playground.events() === n, events + 1);
    const now = await pg.now();
    await pg.page.keyboard.press('Shift+ArrowLeft');
    await pg.page.waitForFunction((t) => window.__playground.now() < t, now);
    await pg.page.evaluate(() => window.__playground.ready());
    assert.ok((await pg.now()) <= now - 100, '← with Shift jumped 100 ms back');
    const after = await pg.node('n1').boundingBox();
    assert.deepEqual([after.x, after.y], [box.x, box.y], 'the node did not move');
    assert.deepEqual(await focused(pg), { kind: 'node', id: 'n1', testid: 'rf__node-n1', role: 'group' });
  });

  it('Enter opens the node menu; "Move to Partition B" partitions the node off, as a drag would', async () => {
    await pg.page.keyboard.press('Enter');
    const menu = pg.testId('menu');
    await menu.waitFor();
    // Focus moves into the menu.
    await pg.page.waitForFunction(() => document.activeElement?.getAttribute('role') === 'menuitem');
    const item = await tabTo(pg, (f) => f.testid === 'menu-move-b', 'ArrowDown', 20);
    assert.equal(item.testid, 'menu-move-b');
    assert.equal(await pg.testId('menu-move-main').count(), 0, 'no move to where the node already is');
    await pg.page.keyboard.press('Enter');
    await menu.waitFor({ state: 'detached' });
    await pg.syncDom();

    const others = ['n2', 'n3', 'n4', 'n5'];
    assert.deepEqual(await pg.groups(), [['n1'], others], 'the bus: n1 alone');
    const rec = (await pg.scenario()).timeline.at(-1);
    assert.deepEqual({ action: rec.action, groups: rec.groups, regions: rec.regions }, { action: 'partition', groups: [others, ['n1']], regions: ['main', 'b'] });
    await pg.page.waitForFunction(() => document.querySelector('[data-testid="region-b"]')?.getAttribute('data-members') === 'n1');
    assert.equal((await focused(pg)).id, 'n1', 'focus is back on the node');

    // And back: the menu now offers the cluster.
    await pg.page.keyboard.press('Shift+F10');
    await menu.waitFor();
    await tabTo(pg, (f) => f.testid === 'menu-move-main', 'ArrowDown', 20);
    await pg.page.keyboard.press('Enter');
    await menu.waitFor({ state: 'detached' });
    await pg.syncDom();
    assert.equal((await pg.groups()).length, 1, 'healed');
    assert.equal((await pg.scenario()).timeline.at(-1).action, 'heal');
  });

  it('Tab reaches a link with a visible ring; Enter opens its popover, Space ticks "cut", Enter applies', async () => {
    const edge = await tabTo(pg, (f) => f.kind === 'edge' && f.id === 'n2--n3', 'Shift+Tab');
    assert.equal(edge.id, 'n2--n3');
    const stroke = await pg.page.locator('[data-testid="link-n2-n3"]').evaluate((el) => getComputedStyle(el).stroke);
    assert.equal(stroke, 'rgb(245, 158, 11)', 'the focused link is drawn in the focus colour');

    await pg.page.keyboard.press('Enter');
    const pop = pg.testId('link-popover');
    await pop.waitFor();
    await pg.page.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'link-cut-n2-n3');
    await pg.page.keyboard.press('Space');
    await tabTo(pg, (f) => f.testid === 'link-cut-n3-n2', 'Tab', 10);
    await pg.page.keyboard.press('Space');
    assert.equal(await pg.testId('link-cut-n3-n2').isChecked(), true);
    assert.equal(await pg.playing(), false, 'Space ticked the box rather than playing');
    await pg.page.keyboard.press('Enter');
    await pop.waitFor({ state: 'detached' });
    await pg.page.evaluate(() => window.__playground.ready());

    const cuts = (await pg.scenario()).timeline.filter((a) => a.action === 'link').map((a) => `${a.from}>${a.to}:${a.cut}`);
    assert.deepEqual(cuts, ['n2>n3:true', 'n3>n2:true']);
    await pg.page.waitForSelector('[data-testid="link-n2-n3"][data-cut="both"]');
    assert.equal((await focused(pg)).id, 'n2--n3', 'focus is back on the link');
    pg.assertNoErrors();
  });
});
