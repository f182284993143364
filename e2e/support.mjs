// Helpers for e2e specs (node:test + playwright-core, no @playwright/test).
// scripts/e2e.mjs builds the app, serves it with `vite preview`, and passes
// the URL in E2E_BASE_URL and the browser in CHROMIUM_PATH.
import { launchChromium } from '../scripts/find-chromium.mjs';

export function baseUrl() {
  const url = process.env.E2E_BASE_URL;
  if (!url) throw new Error('E2E_BASE_URL is not set: run e2e specs via `npm run test:e2e`');
  return url.endsWith('/') ? url : `${url}/`;
}

/**
 * Launch a browser and open `path` (relative to the app, e.g. '' or '?seed=1').
 * Returns { browser, page, consoleErrors, close }. consoleErrors collects
 * console.error messages and uncaught page errors as strings.
 * Always call close() (e.g. in t.after / after) or the test process hangs.
 */
export async function openPage(path = '', { viewport = { width: 1280, height: 800 }, timeout = 15_000 } = {}) {
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    page.setDefaultTimeout(timeout);
    const consoleErrors = [];
    page.on('console', (msg) => {
      if (msg.type() === 'error') consoleErrors.push(`console.error: ${msg.text()}`);
    });
    page.on('pageerror', (err) => consoleErrors.push(`pageerror: ${err.stack ?? err.message}`));
    // Strip a leading '/' so paths resolve under the app's base, not the host root.
    await page.goto(new URL(path.replace(/^\//, ''), baseUrl()).href, { waitUntil: 'load' });
    return { browser, page, consoleErrors, close: () => browser.close() };
  } catch (err) {
    await browser.close();
    throw err;
  }
}
