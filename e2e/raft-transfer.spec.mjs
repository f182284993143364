// Raft in production in the browser: "Make this node leader" from the node menu hands leadership
// to a follower (thesis §3.10) and is recorded as a timeline action; a breakpoint on the record
// "a leader steps down for lack of a quorum" (CheckQuorum, §6.2) pauses the run at that step-down.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, Playground } from './pages/playground.mjs';

describe('Raft leadership transfer and CheckQuorum', () => {
  let browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(() => browser?.close());

  it('makes a follower leader from the node menu, as a replayable timeline action', async (t) => {
    const pg = await Playground.open(browser, '/');
    t.after(() => pg.close());
    await pg.pause();
    await pg.runUntil(1500);
    const old = await pg.leaderId();
    assert.ok(old, 'a leader is elected by 1.5 s');
    const target = ['n1', 'n2', 'n3', 'n4', 'n5'].find((id) => id !== old);
    const term = (await pg.summaries())[old].term;

    await pg.node(target).click({ button: 'right' });
    await pg.testId('menu-action-make-leader').click();
    await pg.waitReady();
    const action = (await pg.scenario()).timeline.find((a) => a.action === 'input');
    assert.deepEqual(action, { at: 1501, action: 'input', node: target, name: 'make-leader' });

    await pg.runFor(500);
    const s = await pg.summaries();
    assert.equal(s[target].role, 'leader', `${target} leads after the transfer`);
    assert.equal(s[target].term, term + 1, 'in the next term');
    assert.equal(s[old].role, 'follower');
    assert.equal(await pg.leaderId(), target);
    pg.assertNoErrors();
  });

  it('offers the pre-vote and CheckQuorum records as breakpoints; one pauses where the cut-off leader steps down', async (t) => {
    const pg = await Playground.open(browser, '/');
    t.after(() => pg.close());
    await pg.pause();
    await pg.testId('examples').click();
    await pg.testId('example-cut-off-leader-with-checkquorum').click();
    await pg.waitReady();
    await pg.pause();

    await pg.testId('add-breakpoint').click();
    await pg.testId('bp-kind').selectOption('record');
    const offered = await pg.testId('bp-record').locator('option').allInnerTexts();
    for (const title of ['a pre-vote round starts', 'a leader steps down for lack of a quorum', 'a leader starts a leadership transfer']) {
      assert.ok(offered.includes(title), `the record menu offers "${title}" (offered: ${offered.join(', ')})`);
    }
    await pg.testId('bp-record').selectOption('quorum-lost');
    await pg.testId('bp-add').click();
    await pg.testId('speed').selectOption('max');
    await pg.testId('play').click();
    await pg.page.waitForFunction(() => !window.__playground.playing());
    await pg.waitReady();

    const now = await pg.now();
    assert.ok(now > 1500 && now < 1500 + 300, `paused within an election timeout of the isolation at 1500 ms (at ${now})`);
    const cutOff = (await pg.scenario()).timeline.find((a) => a.action === 'isolate');
    assert.equal(cutOff.node, 'leader');
    // The old leader, alone in term 1, is now a follower; one event earlier it still led.
    const s = await pg.summaries();
    const old = Object.keys(s).find((id) => s[id].term === 1);
    assert.ok(old, `the cut-off node is still at term 1 (${JSON.stringify(s)})`);
    assert.equal(s[old].role, 'follower');
    await pg.bridge('stepBack');
    assert.equal((await pg.summaries())[old].role, 'leader');
    pg.assertNoErrors();
  });
});
