// Raft with a slow disk in the browser: a power loss from the node menu loses the node's unsynced
// writes, the timeline records it, and the share link replays it.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, Playground } from './pages/playground.mjs';

const SCENARIO = {
  version: 1, protocol: 'raft', seed: 1, nodes: 3, until: 3000,
  config: { electionTimeoutMs: [1000, 2000], heartbeatMs: 50, syncLatencyMs: 100 },
  network: { latencyMs: [10, 10], loss: 0, duplicate: 0 },
  timeline: [{ at: 100, action: 'timeout', node: 'n1' }, { at: 500, action: 'request', client: 'c1', node: 'n1', op: { f: 'put', key: 'x', value: '1' } }],
};

describe('power loss', () => {
  let browser;
  before(async () => { browser = await launchBrowser(); });
  after(() => browser?.close());

  it('Power loss in the node menu restarts the node without its unsynced writes; a share link replays it', async (t) => {
    const pg = await Playground.open(browser, '/');
    t.after(() => pg.close());
    await pg.load(SCENARIO);
    await pg.pause();
    await pg.runUntil(530); // n2 has written x = 1 at index 2; its sync completes at 620
    assert.equal((await pg.logs()).n2.length, 2);
    const synced = (await pg.details()).n2.extra.syncedThrough;
    assert.equal(synced, 1, 'the node panel knows entry 2 is not yet synced');

    await pg.node('n2').click({ button: 'right' });
    await pg.testId('menu-power-loss').click();
    await pg.waitReady();
    const crash = (await pg.scenario()).timeline.find((a) => a.action === 'crash');
    assert.deepEqual(crash, { at: 531, action: 'crash', node: 'n2', loseUnsynced: true });
    await pg.runFor(5);
    assert.equal((await pg.summaries()).n2.role, 'crashed');

    await pg.node('n2').click({ button: 'right' });
    await pg.testId('menu-restart').click();
    await pg.waitReady();
    await pg.runFor(2);
    assert.equal((await pg.logs()).n2.length, 1, 'the unsynced entry is gone after the restart');
    await pg.runUntil(1200);
    assert.equal((await pg.logs()).n2.length, 2, 'the leader sends it again');

    const url = await pg.share();
    const again = await Playground.open(browser, url);
    t.after(() => again.close());
    assert.deepEqual(await again.logs(), await pg.logs());
    pg.assertNoErrors();
  });
});
