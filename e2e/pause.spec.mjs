// The pause fault in the browser: "Pause for…" in the node menu pauses the Raft leader longer than
// the election timeout. The node shows it is paused (badge, ring, panel line); the others elect a
// new leader; at the resume the old leader steps down; the event log and the share link say so.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, Playground } from './pages/playground.mjs';

const SCENARIO = {
  version: 1, protocol: 'raft', seed: 1, nodes: 3, until: 5000,
  config: { electionTimeoutMs: [300, 600], heartbeatMs: 50 },
  network: { latencyMs: [10, 10], loss: 0, duplicate: 0 },
  timeline: [{ at: 100, action: 'timeout', node: 'n1' }],
};

describe('pause', () => {
  let browser;
  before(async () => { browser = await launchBrowser(); });
  after(() => browser?.close());

  it('Pause for… in the node menu pauses the leader; a new leader takes over and the old one steps down at the resume', async (t) => {
    const pg = await Playground.open(browser, '/', { viewport: { width: 1280, height: 720 } });
    t.after(() => pg.close());
    await pg.load(SCENARIO);
    await pg.pause();
    await pg.runUntil(500);
    assert.equal(await pg.leaderId(), 'n1');

    await pg.node('n1').click({ button: 'right' });
    const field = pg.testId('menu-pause-ms');
    assert.equal(await field.inputValue(), '1000', 'the menu suggests 1000 ms');
    await field.fill('1500');
    await pg.testId('menu-pause').click();
    await pg.waitReady();
    const pause = (await pg.scenario()).timeline.find((a) => a.action === 'pause');
    assert.deepEqual(pause, { at: 501, action: 'pause', node: 'n1', ms: 1500 });

    await pg.runUntil(1500);
    await pg.page.waitForSelector('[data-testid="paused-n1"]');
    assert.match(await pg.testId('paused-n1').innerText(), /paused until 2\.00 s/);
    assert.equal(await pg.node('n1').getAttribute('data-paused'), 'true');
    await pg.selectNode('n1');
    assert.match(await pg.testId('panel-paused').innerText(), /Paused until 2\.00 s .*queued/);
    const s = await pg.summaries();
    assert.equal(s.n1.role, 'leader', 'paused, n1 still believes it leads');
    const fresh = ['n2', 'n3'].find((id) => s[id].role === 'leader');
    assert.ok(fresh, 'the others elected a new leader');

    await pg.runUntil(2100);
    assert.equal(await pg.testId('paused-n1').count(), 0, 'the badge goes at the resume');
    const after = await pg.summaries();
    assert.equal(after.n1.role, 'follower', 'the old leader stepped down');
    assert.equal(after.n1.term, after[fresh].term);
    const trace = (await pg.traceJsonl()).split('\n').filter(Boolean).map((l) => JSON.parse(l));
    const resume = trace.find((r) => r.type === 'resume');
    assert.equal(resume.node, 'n1');
    assert.equal(resume.t, 2001);
    await pg.testId('tab-log').click();
    await pg.testId('log-kind').selectOption('fault');
    await pg.page.waitForFunction(() => /n1 resumed; .*queued/.test(document.querySelector('[data-testid="event-log"]')?.textContent ?? ''));
    assert.match(await pg.testId('event-log').innerText(), /n1 paused for 1500 ms/, 'the event log shows the pause');

    const url = await pg.share();
    const again = await Playground.open(browser, url);
    t.after(() => again.close());
    assert.deepEqual(await again.summaries(), await pg.summaries());
    pg.assertNoErrors();
  });
});

// Bully's panel agrees with its lamp: two coordinators are "Settling" while No split brain's grace
// (T + T′ + a heartbeat) runs, and a red "Split brain" only once the lamp has turned red.
const BULLY_PAUSE = {
  version: 1, protocol: 'bully', seed: 8, nodes: 5, until: 9000,
  config: { detector: 'fixed', detectorTimeoutMs: 1000, heartbeatMs: 200, answerTimeoutMs: 300, coordinatorTimeoutMs: 600 },
  network: { latencyMs: [10, 30], loss: 0, duplicate: 0 },
  timeline: [{ at: 2000, action: 'pause', node: 'n5', ms: 4000 }],
};

describe('bully pause', () => {
  let browser;
  before(async () => { browser = await launchBrowser(); });
  after(() => browser?.close());

  it('two coordinators read as settling until the No split brain lamp turns red', async (t) => {
    const pg = await Playground.open(browser, '/', { viewport: { width: 1280, height: 720 } });
    t.after(() => pg.close());
    await pg.load(BULLY_PAUSE);
    await pg.pause();
    const line = pg.testId('bully-coordinator');
    let settling = null;
    for (let at = 3000; at < 4200 && settling === null; at += 100) {
      await pg.runUntil(at);
      const s = await pg.summaries();
      if (['n4', 'n5'].every((id) => s[id].role === 'coordinator')) settling = at;
    }
    assert.ok(settling !== null, 'n4 takes over while n5 is paused, before the lamp turns red');
    assert.match(await line.innerText(), /^Settling: n\d and n\d each believe they coordinate/);
    assert.equal(await line.getAttribute('class'), 'bully-settling');
    await pg.runUntil(5000);
    await pg.page.waitForFunction(() => /^Split brain/.test(document.querySelector('[data-testid="bully-coordinator"]')?.textContent ?? ''));
    assert.equal(await line.getAttribute('class'), 'bully-split');
    pg.assertNoErrors();
  });
});
