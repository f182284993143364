// Smoke test: the built app loads, has the right title, and logs no errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage } from './support.mjs';

test('app loads with title and no console errors', async (t) => {
  const { page, consoleErrors, close } = await openPage('/');
  t.after(close);
  assert.equal(await page.title(), 'Consensus Playground');
  // React renders into #root; wait until it has content.
  await page.waitForFunction(() => document.getElementById('root')?.childElementCount > 0);
  assert.deepEqual(consoleErrors, []);
});
