// Raft log compaction (§7) in the browser: the "A follower needs a snapshot" example, loaded from
// the examples menu, shows the snapshot boundary in the log views and indexes that start after it,
// and a seek back before the compaction shows whole logs again.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, Playground } from './pages/playground.mjs';

describe('log compaction', () => {
  let browser;
  before(async () => { browser = await launchBrowser(); });
  after(() => browser?.close());

  it('a follower needs a snapshot: the log views show lastIncludedIndex/lastIncludedTerm and number entries after it', async (t) => {
    const pg = await Playground.open(browser, '/');
    t.after(() => pg.close());
    await pg.testId('examples').click();
    await pg.testId('example-snapshot-install').click();
    await pg.waitReady();
    await pg.pause();

    await pg.runUntil(3300);
    const details = await pg.details();
    assert.deepEqual(details.n3.snapshot, details.n2.snapshot, 'n3 installed the leader\'s snapshot');
    assert.ok(details.n2.snapshot.lastIncludedIndex >= 10, 'the leader compacted at least 10 entries');
    const row = pg.testId('log-n3');
    const boundary = row.getByTestId('log-snapshot');
    assert.equal(Number(await boundary.getAttribute('data-last-included-index')), details.n3.snapshot.lastIncludedIndex);
    assert.equal(Number(await boundary.getAttribute('data-last-included-term')), details.n3.snapshot.lastIncludedTerm);
    assert.match(await boundary.textContent(), /^▣ ≤\d+ t\d+$/);
    assert.equal(Number(await row.getAttribute('data-first-index')), details.n3.snapshot.lastIncludedIndex + 1);
    const indexes = await row.getByTestId('log-cell').evaluateAll((cells) => cells.map((c) => Number(c.dataset.index)));
    assert.deepEqual(indexes, details.n3.log.map((_, k) => details.n3.snapshot.lastIncludedIndex + 1 + k));

    // Back before the first compaction, nothing is compacted and the logs start at index 1 again.
    await pg.bridge('seekTime', 1200);
    await pg.syncDom();
    assert.equal(await pg.testId('log-n2').getByTestId('log-snapshot').count(), 0);
    assert.equal(await pg.testId('log-n2').getAttribute('data-first-index'), '1');
    pg.assertNoErrors();
  });
});
