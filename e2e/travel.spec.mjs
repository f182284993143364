// Time travel in the browser: scrub back and fork, build a split vote by hand on the manual bus,
// pause at a breakpoint, and step with the keyboard.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, Playground } from './pages/playground.mjs';

/** stateOf is what two pages at the same moment of the same branch must agree on. */
async function stateOf(pg) {
  return { now: await pg.now(), events: await pg.events(), summaries: await pg.summaries(), logs: await pg.logs(), timeline: (await pg.scenario()).timeline };
}

/** dragScrubberTo drags the timeline slider to virtual ms `t` with the mouse. */
async function dragScrubberTo(pg, t) {
  const slider = pg.testId('scrubber');
  const box = await slider.boundingBox();
  const max = Number(await slider.getAttribute('max'));
  const y = box.y + box.height / 2;
  // The thumb's centre travels between half a thumb from each end (Chromium: 16 px thumb).
  const x = (v) => box.x + 8 + ((box.width - 16) * v) / max;
  await pg.page.mouse.move(x(max), y);
  await pg.page.mouse.down();
  await pg.page.mouse.move(x((max + t) / 2), y, { steps: 4 });
  await pg.page.mouse.move(x(t), y, { steps: 4 });
  await pg.page.mouse.up();
  await pg.waitReady();
}

describe('time travel', () => {
  let browser;
  before(async () => { browser = await launchBrowser(); });
  after(() => browser?.close());

  it('scrubbing back, then acting, forks the run; the share link reopens that branch', async (t) => {
    const pg = await Playground.open(browser, '/');
    t.after(() => pg.close());
    await pg.pause();
    await pg.runUntil(3000);
    const leaderThen = await pg.leaderId();
    await dragScrubberTo(pg, 800);
    const back = await pg.now();
    assert.ok(back > 500 && back < 1100, `the scrubber took the run back to about 800 ms (got ${back})`);
    assert.equal(await pg.bridge('horizon').then((h) => h.t), 3000, 'the future is still known until it is forked');
    // The nodes shown are those of that moment: a straight run to the same moment agrees.
    const twin = await Playground.open(browser, '/');
    t.after(() => twin.close());
    await twin.pause();
    await twin.runUntil(back);
    assert.deepEqual((await stateOf(pg)).summaries, (await stateOf(twin)).summaries);

    // A new action in the past forks: the old future is dropped and the action recorded.
    await pg.act({ action: 'crash', node: leaderThen });
    await pg.runFor(1500);
    assert.ok((await pg.bridge('horizon')).t < 3000, 'the old branch beyond the fork is gone');
    const timeline = (await pg.scenario()).timeline;
    assert.deepEqual(timeline.map((a) => a.action), ['crash']);
    assert.equal(timeline[0].at, back + 1);
    const url = await pg.share();
    const want = await stateOf(pg);

    const reopened = await Playground.open(browser, url);
    t.after(() => reopened.close());
    assert.deepEqual(await stateOf(reopened), want);
    assert.notEqual((await reopened.summaries())[leaderThen].role, 'leader');
    pg.assertNoErrors();
    reopened.assertNoErrors();
  });

  it('builds a split vote by hand in manual delivery mode', async (t) => {
    const pg = await Playground.open(browser, '/');
    t.after(() => pg.close());
    await pg.load({ version: 1, protocol: 'raft', seed: 3, nodes: 4, until: 60_000 });
    await pg.waitReady();
    await pg.testId('manual-toggle').click();
    await pg.waitReady();
    assert.equal(await pg.testId('manual-toggle').getAttribute('aria-pressed'), 'true');
    await pg.testId('fire-n1-election').click();
    await pg.waitReady();
    await pg.testId('fire-n2-election').click();
    await pg.waitReady();
    const deliver = async (from, to, type) => {
      const m = (await pg.bridge('held')).find((x) => x.from === from && x.to === to && x.type === type);
      assert.ok(m, `${type} ${from}→${to} waits on the bus`);
      await pg.testId(`deliver-${m.id}`).click();
      await pg.waitReady();
    };
    // n3 votes for n1, n4 for n2; each candidate then hears the other's vote request and refuses it.
    await deliver('n1', 'n3', 'RequestVote');
    await deliver('n2', 'n4', 'RequestVote');
    await deliver('n2', 'n3', 'RequestVote');
    await deliver('n1', 'n4', 'RequestVote');
    for (const [from, to] of [['n3', 'n1'], ['n4', 'n2'], ['n3', 'n2'], ['n4', 'n1']]) await deliver(from, to, 'RequestVoteReply');
    const s = await pg.summaries();
    assert.deepEqual([s.n1.role, s.n2.role, s.n3.votedFor, s.n4.votedFor], ['candidate', 'candidate', 'n1', 'n2']);
    assert.equal(await pg.bridge('leader'), null, 'a split vote: 2 of 4 votes each, no majority');
    // Time stood still for the timers: nothing fired by itself while we chose.
    assert.ok((await pg.now()) < 20);
    assert.match(await pg.testId('current-event').innerText(), /n1 receives RequestVoteReply t1 denied from n4/);
    // The run is reproducible: its share link replays every choice.
    const url = await pg.share();
    const again = await Playground.open(browser, url);
    t.after(() => again.close());
    assert.deepEqual(await again.summaries(), s);
    pg.assertNoErrors();
  });

  it('a breakpoint on a new leader pauses at the event that elects it', async (t) => {
    const pg = await Playground.open(browser, '/');
    t.after(() => pg.close());
    await pg.pause();
    await pg.testId('add-breakpoint').click();
    await pg.testId('bp-kind').selectOption('leader');
    await pg.testId('bp-add').click();
    assert.match(await pg.testId('breakpoint-0').innerText(), /a new leader/);
    await pg.testId('speed').selectOption('max');
    await pg.testId('play').click();
    await pg.page.waitForFunction(() => !window.__playground.playing());
    await pg.waitReady();
    const s = await pg.summaries();
    const leaders = Object.keys(s).filter((id) => s[id].role === 'leader');
    assert.equal(leaders.length, 1, 'paused with one leader');
    // Exactly at the event: one event earlier there was none.
    const events = await pg.events();
    await pg.bridge('stepBack');
    assert.equal(await pg.events(), events - 1);
    assert.equal(await pg.bridge('leader'), null);
    await pg.testId('remove-breakpoint-0').click();
    assert.equal(await pg.testId('breakpoints').getAttribute('data-count'), '0');
    pg.assertNoErrors();
  });

  it('steps with the keyboard: → forward, ← back, L to the next leader, ? for help', async (t) => {
    const pg = await Playground.open(browser, '/');
    t.after(() => pg.close());
    await pg.pause();
    await pg.page.locator('body').click({ position: { x: 5, y: 300 } });
    const e0 = await pg.events();
    await pg.page.keyboard.press('ArrowRight');
    await pg.waitReady();
    await pg.page.keyboard.press('ArrowRight');
    await pg.waitReady();
    assert.equal(await pg.events(), e0 + 2);
    await pg.page.keyboard.press('ArrowLeft');
    await pg.waitReady();
    assert.equal(await pg.events(), e0 + 1);
    assert.equal(await pg.testId('current-event').getAttribute('data-events'), String(e0 + 1));
    await pg.page.keyboard.press('l');
    await pg.waitReady();
    assert.notEqual(await pg.bridge('leader'), null, 'L stepped to the next new leader');
    await pg.page.keyboard.press('?');
    await pg.testId('help-overlay').waitFor();
    assert.match(await pg.testId('help-overlay').innerText(), /Step one event back/);
    await pg.page.keyboard.press('Escape');
    await pg.testId('help-overlay').waitFor({ state: 'detached' });
    await pg.page.keyboard.press(' ');
    await pg.page.waitForFunction(() => window.__playground.playing());
    pg.assertNoErrors();
  });
});
