// Safety checks in the browser: a teaching bug switched on turns a lamp red and pauses the run at
// the violation; the link to the failing moment reopens the run there, red again.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, Playground } from './pages/playground.mjs';

const LAMP = (name) => `[data-testid="lamp-${name}"]`;

async function lampStates(pg) {
  return pg.page.$$eval('[data-testid^="lamp-"]', (els) => Object.fromEntries(els.map((e) => [e.dataset.testid.slice(5), e.dataset.state])));
}

describe('safety checks', () => {
  let browser;
  let failingUrl;
  before(async () => { browser = await launchBrowser(); });
  after(() => browser?.close());

  it('a bug switched on turns its lamp red and pauses the run; switched off, the same story stays green', async (t) => {
    const pg = await Playground.open(browser, '/');
    t.after(() => pg.close());
    await pg.testId('examples').click();
    await pg.testId('example-stale-leader').click();
    await pg.waitReady();
    assert.equal(await pg.testId('bugs').getAttribute('data-bugs'), 'vote-without-log-check');

    // Switched off through the Bugs menu, the story runs to its end with every lamp green.
    await pg.testId('bugs').click();
    await pg.testId('bug-vote-without-log-check').click();
    await pg.waitReady();
    assert.equal(await pg.testId('bugs').getAttribute('data-bugs'), '');
    await pg.runUntil(1000);
    const clean = await lampStates(pg);
    // Liveness is judged only once faults stop (grey until then); it must not be red.
    assert.notEqual(clean.liveness, 'bad');
    delete clean.liveness;
    assert.deepEqual(Object.values(clean).filter((s) => s !== 'ok'), []);

    // Switched on again, the run pauses itself when Leader Completeness breaks (at 640 ms).
    await pg.testId('bugs').click();
    await pg.testId('bug-vote-without-log-check').click();
    await pg.waitReady();
    await pg.testId('speed').selectOption('1');
    if (!(await pg.playing())) await pg.testId('play').click();
    await pg.page.waitForSelector(`${LAMP('leader-completeness')}[data-state="bad"]`);
    await pg.page.waitForFunction(() => !window.__playground.playing());
    const now = await pg.now();
    assert.ok(now >= 640 && now < 700, `paused at ${now} ms, just after the violation at 640 ms`);
    const lamps = await lampStates(pg);
    assert.equal(lamps['election-safety'], 'ok');
    assert.equal(lamps['leader-completeness'], 'bad');
    assert.match((await pg.alerts().allTextContents()).join("\n"), /Safety violation — Leader Completeness: n3 became leader of term 2/);
    // The nodes involved are marked on the canvas.
    const marked = await pg.page.$$eval('[data-violating="true"]', (els) => els.map((e) => e.dataset.testid).sort());
    assert.ok(marked.includes('node-n3') && marked.length === 2, `violating nodes marked: ${marked}`);
    failingUrl = await pg.testId('violation-url').getAttribute('href');
    assert.match(failingUrl, /#s=/);
    pg.assertNoErrors();
  });

  it('the link to the failing moment reopens the run paused there, with the same lamp red', async (t) => {
    assert.ok(failingUrl, 'the first test made the link');
    const pg = await Playground.open(browser, failingUrl);
    t.after(() => pg.close());
    await pg.page.waitForSelector(`${LAMP('leader-completeness')}[data-state="bad"]`);
    assert.equal(await pg.playing(), false);
    const now = await pg.now();
    assert.ok(now >= 640 && now < 700, `reopened at ${now} ms`);
    assert.equal(await pg.testId('bugs').getAttribute('data-bugs'), 'vote-without-log-check');
    assert.match((await pg.alerts().allTextContents()).join("\n"), /Leader Completeness/);
    pg.assertNoErrors();
  });

  it('a safety banner belongs to its run: reset, loading another example and switching protocol each take it away', async (t) => {
    const pg = await Playground.open(browser, '/');
    t.after(() => pg.close());
    const violated = async () => {
      await pg.testId('examples').click();
      await pg.testId('example-figure-8').click();
      await pg.waitReady();
      await pg.runUntil(20_000);
      await pg.alerts().filter({ hasText: 'Safety violation' }).first().waitFor();
    };
    const banners = async () => (await pg.alerts().allTextContents()).join('\n');

    await violated();
    await pg.testId('reset').click();
    await pg.waitReady();
    await pg.pause();
    // The same story plays again: before its violation (720 ms) no banner may show.
    assert.ok((await pg.now()) < 720, `paused at ${await pg.now()} ms, before the violation`);
    assert.equal(await banners(), '', 'no banner of the replaced run after Reset');

    await violated();
    await pg.testId('examples').click();
    await pg.testId('example-split-vote').click();
    await pg.waitReady();
    assert.equal(await banners(), '', 'no banner of the replaced run after loading another example');

    await violated();
    await pg.testId('protocol').selectOption('pbft');
    await pg.waitReady();
    assert.equal(await banners(), '', 'no Raft banner over a PBFT cluster');
    pg.assertNoErrors();
  });
});
