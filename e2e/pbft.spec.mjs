// PBFT in the browser: switch the protocol, make the primary equivocate from its node menu and
// watch the view change complete (the honest replicas catch it, move to view 1 under n2, and the
// new primary finishes the pending requests); the share link replays the switch. With the
// default 4 replicas the same switch starves only n3: the headline stays on the quorum's view and
// the panel says why. Then f + 1 colluders break Agreement and the lamp says so.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, Playground } from './pages/playground.mjs';

const HONEST = ['n2', 'n3', 'n4', 'n5', 'n6', 'n7'];

describe('PBFT', () => {
  let browser;
  before(async () => { browser = await launchBrowser(); });
  after(() => browser?.close());

  it('an equivocating primary, switched on from its node menu: the view change completes and n2 finishes the pending requests', async (t) => {
    const pg = await Playground.open(browser, '/', { viewport: { width: 1500, height: 950 } });
    t.after(() => pg.close());
    await pg.testId('protocol').selectOption('pbft');
    await pg.waitReady();
    await pg.testId('cluster-size').selectOption('7');
    await pg.waitReady();
    await pg.pause();
    const sc = await pg.scenario();
    assert.equal(sc.protocol, 'pbft');
    assert.equal(sc.nodes.length, 7);
    assert.ok(sc.timeline.filter((a) => a.action === 'request').length > 5, 'the default PBFT cluster has a client workload');

    await pg.runUntil(1000);
    let s = await pg.summaries();
    assert.equal(s.n1.role, 'primary');
    assert.equal(s.n1.term, 0);
    const view = pg.testId('pbft-view');
    assert.equal(await view.getAttribute('data-view'), '0');
    assert.equal(await view.getAttribute('data-primary'), 'n1');
    const executedBefore = s.n2.lastApplied;

    // Right-click the primary and make it equivocate.
    await pg.node('n1').click({ button: 'right' });
    await pg.testId('menu-byz-equivocate').click();
    await pg.waitReady();
    const switched = (await pg.scenario()).timeline.find((a) => a.action === 'byzantine');
    assert.deepEqual(switched, { at: 1001, action: 'byzantine', node: 'n1', behaviour: 'equivocate' });
    await pg.runFor(50);
    assert.match(await pg.testId('byz-n1').textContent(), /Equivocate/i);

    // Play on at 1× and watch: the backups see f + 1 prepares contradicting their pre-prepares,
    // suspect n1, their timers fire and they change views; the canvas shows n2 as the new primary.
    await pg.testId('speed').selectOption('1');
    await pg.testId('play').click();
    await pg.page.waitForSelector('[data-testid="node-n2"][data-role="primary"][data-term="1"]', { timeout: 20_000 });
    await pg.page.waitForSelector('[data-testid="pbft-view"][data-view="1"]');
    await pg.pause();
    assert.ok((await pg.now()) < 5000, 'the view change completed within 4 virtual seconds of the switch');
    await pg.runUntil(5000);
    s = await pg.summaries();
    for (const id of HONEST) assert.equal(s[id].term, 1, `${id} is in view 1`);
    assert.equal(s.n2.role, 'primary');
    for (const id of HONEST.slice(1)) assert.equal(s[id].role, 'backup', `${id} is a backup in view 1`);
    assert.equal(await view.getAttribute('data-view'), '1');
    assert.equal(await view.getAttribute('data-primary'), 'n2');
    const by = (await pg.testId('suspected-n1').getAttribute('data-by')).split(' ').sort();
    assert.deepEqual(by, HONEST, 'every honest replica suspects n1');
    for (const id of HONEST) assert.equal(await pg.testId(`pbft-suspect-${id}-n1`).count(), 1, `the matrix marks ${id} → n1`);

    // The pending requests were finished under n2: every honest replica executed the same requests,
    // more than before the switch, and the client history is linearizable and live.
    const details = await pg.details();
    const executed = HONEST.map((id) => details[id].summary.lastApplied);
    assert.ok(executed.every((x) => x === executed[0]), `honest replicas agree on what executed: ${executed}`);
    assert.ok(executed[0] > executedBefore + 3, `requests executed after the switch: ${executedBefore} → ${executed[0]}`);
    for (const id of HONEST) assert.deepEqual(details[id].log, details.n2.log, `${id}'s executed requests equal n2's`);
    const lastSeq = executed[0];
    assert.equal(await pg.testId(`pbft-cell-${lastSeq}-n2`).getAttribute('data-phase'), 'executed');
    for (const lamp of ['agreement', 'validity', 'liveness']) {
      assert.equal(await pg.testId(`lamp-${lamp}`).getAttribute('data-state'), 'ok', `${lamp} lamp`);
    }

    // The share link replays the switch: the same moment, the same replicas.
    const url = await pg.share();
    const again = await Playground.open(browser, url, { viewport: { width: 1500, height: 950 } });
    t.after(() => again.close());
    assert.deepEqual(await again.summaries(), s);
    assert.match(await again.testId('byz-n1').textContent(), /Equivocate/i);
    pg.assertNoErrors();
    again.assertNoErrors();
  });

  it('the default 4 replicas, n1 made to equivocate: the headline stays on view 0 under n1, the panel says n3 is starved and why, and the lamp names the liar', async (t) => {
    const pg = await Playground.open(browser, '/', { viewport: { width: 1500, height: 950 } });
    t.after(() => pg.close());
    await pg.testId('protocol').selectOption('pbft');
    await pg.waitReady();
    await pg.pause();
    assert.equal((await pg.scenario()).nodes.length, 4);
    await pg.runUntil(1000);
    await pg.node('n1').click({ button: 'right' });
    await pg.testId('menu-byz-equivocate').click();
    await pg.waitReady();
    await pg.runUntil(8000);

    // n3 alone asks for view 1; n1, n2 and n4 carry on in view 0 (Castro & Liskov §4.4, §4.5.2).
    const s = await pg.summaries();
    for (const id of ['n1', 'n2', 'n4']) assert.equal(s[id].term, 0, `${id} stays in view 0`);
    assert.equal(s.n3.role, 'view-change');
    assert.equal(s.n3.term, 1);
    const view = pg.testId('pbft-view');
    assert.equal(await view.getAttribute('data-view'), '0', 'the headline is the view the quorum runs, not n3’s');
    assert.equal(await view.getAttribute('data-primary'), 'n1');
    const note = pg.testId('pbft-left-out-n3');
    assert.equal(await note.getAttribute('data-starved'), 'true');
    const text = await note.textContent();
    assert.match(text, /^n3 is starved by primary n1: it suspects it \(two different pre-prepares/);
    assert.match(text, /n1, n2 and n4 still form a quorum of 3 in view 0/);
    assert.match(text, /only when f \+ 1 = 2 replicas ask/);
    assert.match(text, /state transfer/);
    assert.equal(await pg.testId('pbft-left-out-n2').count(), 0);
    // n3 kept up by state transfer: it executed as much as the others.
    assert.ok(s.n3.lastApplied >= s.n2.lastApplied - 4, `n3 ${s.n3.lastApplied} vs n2 ${s.n2.lastApplied}`);

    // The lamp is green (1 liar is within f) but never claims "no fault" while n1 lies.
    const lamp = pg.testId('lamp-liveness');
    assert.equal(await lamp.getAttribute('data-state'), 'ok');
    const lampText = await lamp.textContent();
    assert.match(lampText, /n1 Byzantine \(equivocate\), within the f = 1 tolerated/);
    assert.doesNotMatch(lampText, /no fault in force/);
    pg.assertNoErrors();
  });

  it('f + 1 colluders break Agreement, and the lamp shows it', async (t) => {
    const pg = await Playground.open(browser, '/');
    t.after(() => pg.close());
    await pg.testId('examples').click();
    await pg.testId('example-pbft-f-plus-one-colluders').click();
    await pg.waitReady();
    await pg.runUntil(3000);
    assert.equal(await pg.testId('lamp-agreement').getAttribute('data-state'), 'bad');
    assert.match((await pg.alerts().allTextContents()).join('\n'), /Safety violation — Agreement/);
    assert.equal(await pg.testId('byz-n1').count(), 1);
    assert.equal(await pg.testId('byz-n2').count(), 1);
    pg.assertNoErrors();
  });
});
