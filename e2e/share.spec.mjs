// Share links: Share puts this exact moment in a URL; opening it replays to the same state. A
// malformed or truncated link says what is wrong and the default cluster runs instead.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import lz from 'lz-string';
import { appUrl, launchBrowser, Playground } from './pages/playground.mjs';

/** stateOf is everything two pages at the same moment must agree on. */
async function stateOf(pg) {
  return {
    now: await pg.now(),
    events: await pg.events(),
    summaries: await pg.summaries(),
    logs: await pg.logs(),
    groups: await pg.groups(),
    timeline: (await pg.scenario()).timeline,
    dom: await pg.nodeStates(),
  };
}

describe('share links', () => {
  let browser;
  /** A real share link (made by the first test, or on demand); the malformed-link test truncates it. */
  let sharedUrl;
  async function realShareLink() {
    if (!sharedUrl) {
      const pg = await Playground.open(browser, '/');
      await pg.runUntil(700);
      sharedUrl = await pg.share();
      await pg.close();
    }
    return sharedUrl;
  }
  before(async () => { browser = await launchBrowser(); });
  after(() => browser?.close());

  it('opening a shared link reaches the same state', async (t) => {
    const pg = await Playground.open(browser, '/');
    t.after(() => pg.close());
    await pg.pause();
    await pg.runUntil(1200);
    // User actions the link must carry: a follower cut off by dragging, and a request.
    const leader = await pg.leaderId();
    const follower = Object.keys(await pg.nodeStates()).find((id) => id !== leader);
    await pg.dragNodeTo(follower, pg.region('b'));
    await pg.act({ action: 'request', op: { f: 'append', key: 'log', value: 'shared' } });
    await pg.runFor(1300);
    await pg.testId('play').click(); // Share must pause a playing run
    await pg.page.waitForFunction(() => window.__playground.playing());

    const url = await pg.share();
    assert.equal(await pg.playing(), false, 'Share pauses');
    // The status line under the scrubber describes the event the counter shows, not the one before.
    const statusEvents = async (p) => ({ status: await p.testId('current-event').getAttribute('data-events'), counter: await p.testId('clock').getAttribute('data-events') });
    const shown = await statusEvents(pg);
    assert.equal(shown.status, shown.counter, 'the sharer\'s status line matches the event counter');
    assert.equal(Number(shown.counter), await pg.events());
    assert.match(url, /#s=[A-Za-z0-9+\-$]+/, 'the share URL holds the scenario');
    assert.equal(pg.page.url(), url, 'the address bar holds the share URL');
    assert.equal(await pg.testId('share-url').isVisible(), true, 'the share bar shows the URL');
    sharedUrl = url;
    await pg.syncDom();
    const want = await stateOf(pg);
    assert.ok(want.timeline.some((a) => a.action === 'partition') && want.timeline.some((a) => a.op?.value === 'shared'), 'the user actions were recorded');

    const other = await Playground.open(browser, url);
    t.after(() => other.close());
    await other.syncDom();
    assert.equal(await other.playing(), false, 'a link to a moment opens paused');
    const got = await stateOf(other);
    assert.deepEqual(got, want);
    assert.deepEqual(await statusEvents(other), shown, 'the opened link\'s status line and counter match the sharer\'s');
    assert.equal(await pg.region('b').getAttribute('data-members'), follower, 'the sharer dropped the follower in partition B');
    // The link reproduces the picture too: the node dragged into Partition B reopens in Partition B.
    assert.equal(await other.region('b').getAttribute('data-members'), follower, 'the opened link draws the follower in partition B');
    assert.equal(await other.region('a').getAttribute('data-members'), '', 'partition A stays empty');

    // Both runs go on identically from the shared moment.
    await pg.runFor(1000);
    await other.runFor(1000);
    assert.deepEqual(await stateOf(other), await stateOf(pg), 'the runs stay identical after the shared moment');
    pg.assertNoErrors();
    other.assertNoErrors();
  });

  it('a link whose scenario is invalid names the bad action and field; the run there is goes on unchanged', async (t) => {
    const pg = await Playground.open(browser, '/');
    t.after(() => pg.close());
    await pg.pause();
    await pg.runUntil(900);
    await pg.act({ action: 'request', op: { f: 'put', key: 'x', value: 'mine' } });
    await pg.runFor(200);
    const before = { now: await pg.now(), events: await pg.events(), timeline: (await pg.scenario()).timeline };

    // The user pastes a link to a scenario with a `get` that carries a value (as a hand-edited file would).
    const bad = { version: 1, protocol: 'raft', nodes: 3, timeline: [{ at: 5200, action: 'request', op: { f: 'get', key: 'x', value: 'v' } }] };
    const hash = 's=' + lz.compressToEncodedURIComponent(JSON.stringify({ v: 1, scenario: bad }));
    await pg.page.evaluate((h) => { window.location.hash = h; }, hash);
    const alert = pg.alerts().first();
    await alert.waitFor();
    assert.equal(
      (await alert.locator('.banner-text').textContent()),
      'Could not open the share link: the share link holds an invalid scenario: timeline[0] (at 5200 ms): a get takes no value (its fields: f, key). Your run goes on unchanged.',
    );
    await pg.syncDom();
    assert.deepEqual({ now: await pg.now(), events: await pg.events(), timeline: (await pg.scenario()).timeline }, before, 'the run is the one there was');
    assert.match(await pg.testId('scenario-name').textContent(), /Leader election/);
    pg.assertNoErrors();
  });

  for (const [name, link] of [
    ['garbage', async () => appUrl('#s=garbage')],
    ['a truncated real link', async () => {
      const url = await realShareLink();
      const at = url.indexOf('#s=') + 3;
      return url.slice(0, at + Math.floor((url.length - at) / 2));
    }],
  ]) {
    it(`a malformed link (${name}) shows an alert, then the default cluster runs`, async (t) => {
      const pg = await Playground.open(browser, await link());
      t.after(() => pg.close());
      const alert = pg.alerts().first();
      await alert.waitFor();
      const text = await alert.textContent();
      t.diagnostic(`alert: ${text}`);
      assert.match(text, /share link/i, `the alert names the share link: ${text}`);
      assert.match(text, /truncated or corrupted/, `the alert names the problem: ${text}`);
      assert.match(await pg.testId('scenario-name').textContent(), /Leader election/, 'the default example is loaded');
      assert.equal(await pg.playing(), true, 'the default cluster plays');
      const leader = await pg.waitForLeader();
      assert.ok(leader, 'and elects a leader');
      pg.assertNoErrors();
    });
  }
});
