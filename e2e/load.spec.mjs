// The app loads cleanly and elects a leader while playing; Step and → each handle exactly one event.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, Playground } from './pages/playground.mjs';

describe('loading the playground', () => {
  let browser;
  before(async () => { browser = await launchBrowser(); });
  after(() => browser?.close());

  it('loads with no console errors and elects a leader while playing', async (t) => {
    const pg = await Playground.open(browser, '/');
    t.after(() => pg.close());
    assert.equal(await pg.page.title(), 'Consensus Playground');
    assert.equal(await pg.playing(), true, 'the default cluster plays on load');
    assert.equal(await pg.nodes().count(), 5, 'five node elements on the canvas');
    // Wall-time wait on purpose: the run advances by itself, and the canvas shows the winner.
    const leader = await pg.waitForLeader();
    assert.match(leader, /^n[1-5]$/);
    const states = await pg.nodeStates();
    assert.ok(states[leader].term >= 1, 'a leader has a term of at least 1');
    assert.ok((await pg.now()) > 0 && (await pg.events()) > 0, 'virtual time and events advanced');
    pg.assertNoErrors();
  });

  it('Step button and → key each handle exactly one event; space plays and pauses', async (t) => {
    const pg = await Playground.open(browser, '/');
    t.after(() => pg.close());
    await pg.pause();
    await pg.runUntil(500);
    const e0 = await pg.events();
    const clock = pg.testId('clock');

    await pg.testId('step').click();
    await pg.waitReady();
    assert.equal(await pg.events(), e0 + 1, 'Step handles one event');
    await pg.page.waitForFunction((n) => document.querySelector('[data-testid="clock"]')?.getAttribute('data-events') === String(n), e0 + 1);
    assert.equal(await pg.playing(), false, 'Step leaves the run paused');

    // The focus is still on the Step button: → works there too (only space is the button's own).
    await pg.page.keyboard.press('ArrowRight');
    await pg.waitReady();
    assert.equal(await pg.events(), e0 + 2, '→ handles one event');
    assert.equal(await clock.getAttribute('data-events'), String(e0 + 2));

    // Paused means paused: nothing more happens in wall time.
    await pg.page.waitForTimeout(300);
    assert.equal(await pg.events(), e0 + 2, 'no events while paused');

    await pg.page.evaluate(() => document.activeElement?.blur());
    await pg.page.keyboard.press(' ');
    await pg.page.waitForFunction(() => window.__playground.playing());
    await pg.page.waitForFunction((n) => window.__playground.events() > n, e0 + 2);
    await pg.page.keyboard.press(' ');
    await pg.page.waitForFunction(() => !window.__playground.playing());
    pg.assertNoErrors();
  });
});
