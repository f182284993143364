// Page object for the playground: what a spec needs to tell its story in a few lines.
//
//   const browser = await launchBrowser();            // one per spec file
//   const pg = await Playground.open(browser, '/');   // new context + page, bridge ready
//   await pg.pause(); await pg.runUntil(1500);
//   const old = await pg.leaderId();
//   await pg.dragNodeTo(old, pg.region('a'));
//   pg.assertNoErrors();
//
// Exact state comes from the `window.__playground` bridge (src/ui/bridge.ts); user actions go
// through the real UI (mouse, buttons, forms). DOM reads call `syncDom()` first so the rendered
// node attributes match the bridge's summaries.
import assert from 'node:assert/strict';
import { launchChromium } from '../../scripts/find-chromium.mjs';
import { baseUrl } from '../support.mjs';

/** NODES selects the topology's node elements (elements whose test id is node-<id> and that carry data-role). */
export const NODES = '[data-testid^="node-"][data-role]';

/** launchBrowser starts one Chromium for a whole spec file; close it in `after`. */
export function launchBrowser() {
  return launchChromium();
}

/** appUrl resolves a path ('' , '/', '#s=…') against the served app. */
export function appUrl(path = '') {
  return new URL(path.replace(/^\//, ''), baseUrl()).href;
}

export class Playground {
  /**
   * @param {import('playwright-core').Page} page
   * @param {import('playwright-core').BrowserContext} context
   * @param {string[]} errors
   */
  constructor(page, context, errors) {
    this.page = page;
    this.context = context;
    /** console.error messages and uncaught page errors, as strings. */
    this.errors = errors;
  }

  /**
   * open makes a fresh context (own storage, downloads allowed) in `browser`, opens `path` (or an
   * absolute URL) and waits until the first scenario is loaded. `touch` makes it a phone or tablet:
   * a touch screen (pointer: coarse) and a mobile viewport.
   */
  static async open(browser, path = '', { viewport = { width: 1280, height: 800 }, timeout = 15_000, ready = true, touch = false } = {}) {
    const context = await browser.newContext({ viewport, acceptDownloads: true, hasTouch: touch, isMobile: touch });
    const page = await context.newPage();
    page.setDefaultTimeout(timeout);
    const errors = [];
    page.on('console', (msg) => {
      if (msg.type() === 'error') errors.push(`console.error: ${msg.text()}`);
    });
    page.on('pageerror', (err) => errors.push(`pageerror: ${err.stack ?? err.message}`));
    const pg = new Playground(page, context, errors);
    await page.goto(/^https?:/.test(path) ? path : appUrl(path), { waitUntil: 'load' });
    if (ready) await pg.waitReady();
    return pg;
  }

  close() {
    return this.context.close();
  }

  /** assertNoErrors fails with every console error / page error seen so far. */
  assertNoErrors() {
    assert.deepEqual(this.errors, [], `console/page errors:\n${this.errors.join('\n')}`);
  }

  // -------------------------------------------------------------------------------------------
  // Bridge (exact state, fast deterministic runs)

  /** waitReady waits for the bridge and for no load, replay or frame in progress. */
  async waitReady() {
    await this.page.waitForFunction(() => !!window.__playground);
    await this.page.evaluate(() => window.__playground.ready());
  }

  /** bridge calls `window.__playground[name](...args)` in the page (args must be serializable). */
  bridge(name, ...args) {
    return this.page.evaluate(([n, a]) => window.__playground[n](...a), [name, args]);
  }

  now() { return this.bridge('now'); }
  events() { return this.bridge('events'); }
  playing() { return this.bridge('playing'); }
  summaries() { return this.bridge('summaries'); }
  details() { return this.bridge('details'); }
  groups() { return this.bridge('groups'); }
  scenario() { return this.bridge('scenario'); }
  traceJsonl() { return this.bridge('traceJsonl'); }
  act(action) { return this.bridge('act', action); }
  pause() { return this.bridge('pause'); }
  load(scenario, moment = null) { return this.bridge('load', scenario, moment); }
  /** runUntil runs (paused) to virtual ms `t` and waits for the DOM to show the result. */
  async runUntil(t) {
    await this.bridge('runUntil', t);
    await this.syncDom();
  }
  /** runFor runs `ms` virtual ms past now. */
  async runFor(ms) {
    await this.runUntil((await this.now()) + ms);
  }
  /** logs gives every node's log (entries {term, command}) from `details()`. */
  async logs() {
    const d = await this.details();
    return Object.fromEntries(Object.entries(d).map(([id, x]) => [id, x.log]));
  }

  // -------------------------------------------------------------------------------------------
  // DOM

  node(id) {
    return this.page.locator(`[data-testid="node-${id}"]`);
  }
  nodes() {
    return this.page.locator(NODES);
  }
  /** region gives a drop region: 'main' (the cluster) or a partition region, 'a', 'b', 'c', … */
  region(name) {
    return this.page.locator(`[data-testid="region-${name}"]`);
  }
  testId(id) {
    return this.page.getByTestId(id);
  }
  alerts() {
    return this.page.getByRole('alert');
  }

  /** syncDom waits (after the bridge is idle) until every node element shows its bridge summary. */
  async syncDom() {
    await this.page.evaluate(() => window.__playground.ready());
    await this.page.waitForFunction((sel) => {
      const s = window.__playground.summaries();
      const ids = Object.keys(s);
      if (!ids.length) return false;
      return ids.every((id) => {
        const el = document.querySelector(`${sel}[data-testid="node-${id}"]`);
        return (
          el &&
          el.getAttribute('data-role') === s[id].role &&
          Number(el.getAttribute('data-term')) === s[id].term &&
          Number(el.getAttribute('data-commit-index')) === s[id].commitIndex
        );
      });
    }, NODES);
  }

  /** nodeStates reads every node element: { id: {role, term, commitIndex} } (as rendered). */
  nodeStates() {
    return this.page.$$eval(NODES, (els) =>
      Object.fromEntries(
        els.map((el) => [
          el.getAttribute('data-testid').slice('node-'.length),
          { role: el.getAttribute('data-role'), term: Number(el.getAttribute('data-term')), commitIndex: Number(el.getAttribute('data-commit-index')) },
        ]),
      ),
    );
  }

  /** leaderId is the rendered leader of the highest term (an isolated old leader may still say "leader"). */
  async leaderId() {
    const leaders = Object.entries(await this.nodeStates())
      .filter(([, s]) => s.role === 'leader')
      .sort(([, a], [, b]) => b.term - a.term);
    return leaders[0]?.[0] ?? null;
  }

  /** waitForLeader waits (in wall time, the app playing) until some node element says leader. */
  async waitForLeader(timeout = 15_000) {
    await this.page.locator(`${NODES}[data-role="leader"]`).first().waitFor({ state: 'attached', timeout });
    return this.leaderId();
  }

  /** dragNodeTo drags node `id` with the mouse (press, move in steps, release) onto the centre of `target`. */
  async dragNodeTo(id, target) {
    const from = await this.node(id).boundingBox();
    const to = await target.boundingBox();
    assert.ok(from && to, `node-${id} and the drop target must be visible`);
    const sx = from.x + from.width / 2;
    const sy = from.y + from.height / 2;
    await this.page.mouse.move(sx, sy);
    await this.page.mouse.down();
    await this.page.mouse.move(sx + 6, sy + 6, { steps: 2 }); // past xyflow's drag threshold
    await this.page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 12 });
    await this.page.mouse.up();
    await this.syncDom();
  }

  /**
   * touchDragNodeTo drags node `id` with one finger onto the centre of `target`: touch events sent
   * through the Chrome DevTools Protocol (Input.dispatchTouchEvent), as playwright has no touch drag.
   * Needs a context opened with `touch: true`.
   */
  async touchDragNodeTo(id, target) {
    await this.testId('topology').scrollIntoViewIfNeeded();
    const from = await this.node(id).boundingBox();
    const to = await target.boundingBox();
    assert.ok(from && to, `node-${id} and the drop target must be visible`);
    const cdp = await this.context.newCDPSession(this.page);
    const touch = (type, points) => cdp.send('Input.dispatchTouchEvent', { type, touchPoints: points });
    const sx = from.x + from.width / 2;
    const sy = from.y + from.height / 2;
    const tx = to.x + to.width / 2;
    const ty = to.y + to.height / 2;
    await touch('touchStart', [{ x: sx, y: sy }]);
    for (let i = 1; i <= 12; i++) await touch('touchMove', [{ x: sx + ((tx - sx) * i) / 12, y: sy + ((ty - sy) * i) / 12 }]);
    await touch('touchEnd', []);
    await cdp.detach();
    await this.syncDom();
  }

  /** selectNode clicks a node on the canvas; the node panel then shows it. */
  async selectNode(id) {
    await this.node(id).click();
    await this.page.locator(`[data-testid="panel"][data-node="${id}"]`).waitFor();
  }

  /** sendRequest fills the node panel's client-request form and submits it. */
  async sendRequest({ f = 'put', key, value, expected }) {
    await this.testId('request-f').selectOption(f);
    await this.testId('request-key').fill(key);
    if (expected !== undefined) await this.testId('request-expected').fill(expected);
    if (value !== undefined) await this.testId('request-value').fill(value);
    await this.testId('request-send').click();
    await this.page.evaluate(() => window.__playground.ready());
  }

  /** heal clicks "Heal network". */
  async heal() {
    await this.testId('heal').click();
    await this.syncDom();
  }

  /** share clicks Share and gives the URL shown in the share bar. */
  async share() {
    await this.testId('share').click();
    await this.page.evaluate(() => window.__playground.ready());
    const input = this.testId('share-url');
    await input.waitFor();
    return input.inputValue();
  }

  /** exportTrace clicks Export and gives { filename, text } of the download. */
  async exportTrace() {
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.testId('export-trace').click()]);
    const chunks = [];
    for await (const c of await download.createReadStream()) chunks.push(c);
    return { filename: download.suggestedFilename(), text: Buffer.concat(chunks).toString('utf8') };
  }
}
