// The panels on a long run: the event log follows the newest line unless the user scrolled up, and
// the log rows number a long log's entries right although the page is only sent each log's tail.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, Playground } from './pages/playground.mjs';

const requests = Array.from({ length: 90 }, (_, i) => ({ at: 600 + i * 10, action: 'request', client: `c${(i % 3) + 1}`, op: { f: 'put', key: 'x', value: String(i) } }));
const scenario = { version: 1, protocol: 'raft', seed: 3, nodes: 3, until: 60_000, timeline: requests };

/** logBox gives the event log's scroll position: how far its bottom is from the end of its lines. */
const logBox = (pg) => pg.page.$eval('[data-testid="event-log"]', (el) => ({ top: el.scrollTop, gap: el.scrollHeight - el.scrollTop - el.clientHeight, height: el.scrollHeight }));

describe('panels on a long run', () => {
  let browser;
  /** @type {Playground} */
  let pg;
  before(async () => {
    browser = await launchBrowser();
    pg = await Playground.open(browser, '/', { viewport: { width: 1280, height: 720 } });
    await pg.pause();
    await pg.load(scenario);
    await pg.pause();
  });
  after(async () => {
    await pg?.close();
    await browser?.close();
  });

  it('the event log follows the newest line while it grows, and stays where the user scrolled', async () => {
    await pg.runUntil(400);
    await pg.runUntil(2000);
    await pg.page.waitForFunction(() => {
      const el = document.querySelector('[data-testid="event-log"]');
      return el.scrollHeight > el.clientHeight && el.scrollHeight - el.scrollTop - el.clientHeight < 2;
    });
    const end = await logBox(pg);
    assert.ok(end.top > 0, `the log scrolled down to its newest line (${JSON.stringify(end)})`);
    await pg.page.$eval('[data-testid="event-log"]', (el) => el.scrollTo({ top: 0 }));
    await pg.page.waitForFunction(() => document.querySelector('[data-testid="event-log"]').scrollTop === 0);
    await pg.runUntil(2600);
    await pg.page.waitForTimeout(300);
    assert.equal((await logBox(pg)).top, 0, 'a user who scrolled up is left there while the run goes on');
  });

  it('a long log is numbered to its last entry, with the count of earlier ones', async () => {
    await pg.runUntil(4000);
    const full = (await pg.logs()).n1;
    assert.ok(full.length > 90, `n1's log holds every request (${full.length} entries)`);
    await pg.page.waitForFunction((n) => document.querySelector('[data-testid="log-n1"]')?.getAttribute('data-length') === String(n), full.length);
    const row = await pg.page.$eval('[data-testid="log-n1"]', (el) => ({
      last: Number([...el.querySelectorAll('[data-testid="log-cell"]')].at(-1).getAttribute('data-index')),
      cells: el.querySelectorAll('[data-testid="log-cell"]').length,
      more: el.querySelector('.log-more')?.textContent,
    }));
    assert.equal(row.last, full.length, 'the last cell is the last entry');
    assert.equal(row.more, `+${full.length - row.cells}`, 'the row counts the entries it leaves out');
    pg.assertNoErrors();
  });
});
