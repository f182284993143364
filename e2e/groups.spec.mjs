// Any number of partition groups: three groups made by dragging nodes into Partition A and B (a
// third region, C, appears to make a fourth), each drawn as its own region; messages between groups
// are dropped and none is delivered; Heal joins them all and the extra regions go. One page for the
// whole story.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, Playground } from './pages/playground.mjs';

/** regionsShown lists the regions drawn, each with its members: { main: 'n3 n4 n5', a: 'n1', … }. */
function regionsShown(pg) {
  return pg.page.$$eval('[data-testid^="region-"]', (els) =>
    Object.fromEntries(els.map((e) => [e.dataset.testid.slice('region-'.length), e.dataset.members ?? ''])),
  );
}

/** canon sorts a partition's groups (the bus lists them in its own order) so two compare equal. */
const canon = (groups) => groups.map((g) => [...g].sort()).sort((p, q) => p.join().localeCompare(q.join()));

/** records gives the trace's records of `types` at or after virtual ms `from`. */
async function records(pg, types, from) {
  const lines = (await pg.traceJsonl()).trim().split('\n').map((l) => JSON.parse(l));
  return lines.filter((r) => types.includes(r.type) && r.t >= from);
}

describe('three partition groups by dragging, then heal', () => {
  let browser;
  /** @type {Playground} */
  let pg;
  let cutAt;
  before(async () => {
    browser = await launchBrowser();
    pg = await Playground.open(browser, '/', { viewport: { width: 1280, height: 720 } });
    await pg.pause();
    await pg.runUntil(1500); // the default example: a leader elected
  });
  after(async () => {
    await pg?.close();
    await browser?.close();
  });

  it('dragging n1 into A and n2 into B makes three groups, three regions, and a fourth, empty, region C', async () => {
    assert.deepEqual(Object.keys(await regionsShown(pg)), ['main', 'a', 'b'], 'before: the cluster and two empty partition regions');
    await pg.dragNodeTo('n1', pg.region('a'));
    await pg.dragNodeTo('n2', pg.region('b'));
    cutAt = await pg.now();
    assert.deepEqual(canon(await pg.groups()), canon([['n3', 'n4', 'n5'], ['n1'], ['n2']]), 'the bus holds three groups');
    assert.deepEqual(await regionsShown(pg), { main: 'n3 n4 n5', a: 'n1', b: 'n2', c: '' }, 'three regions hold them; C waits empty');
    const rec = (await pg.scenario()).timeline.at(-1);
    assert.deepEqual(rec.groups, [['n3', 'n4', 'n5'], ['n1'], ['n2']]);
    assert.deepEqual(rec.regions, ['main', 'a', 'b'], 'the partition action records where each group is drawn');
    pg.assertNoErrors();
  });

  it('messages between the groups are dropped, none delivered; within the majority they flow', async () => {
    await pg.runFor(2000);
    const group = { n1: 'a', n2: 'b', n3: 'main', n4: 'main', n5: 'main' };
    const across = (r) => group[r.from] !== group[r.to];
    const drops = await records(pg, ['drop'], cutAt);
    assert.ok(drops.some((r) => across(r) && r.reason === 'partition'), 'some message between groups was dropped for the partition');
    // A message sent before the cut may still land: look from one maximum latency after it.
    const delivered = await records(pg, ['deliver'], cutAt + 200);
    assert.deepEqual(delivered.filter(across), [], 'no message crossed between groups');
    assert.ok(delivered.some((r) => !across(r)), 'messages within the majority are delivered');
    pg.assertNoErrors();
  });

  it('a node dragged into C makes a fourth group, and a fifth region appears', async () => {
    await pg.dragNodeTo('n3', pg.region('c'));
    assert.deepEqual(canon(await pg.groups()), canon([['n4', 'n5'], ['n1'], ['n2'], ['n3']]));
    assert.deepEqual(await regionsShown(pg), { main: 'n4 n5', a: 'n1', b: 'n2', c: 'n3', d: '' });
    pg.assertNoErrors();
  });

  it('Heal joins every group again: one group, and only the cluster and A and B drawn, empty', async () => {
    await pg.heal();
    assert.equal((await pg.groups()).length, 1, 'one group after healing');
    assert.deepEqual(await regionsShown(pg), { main: 'n1 n2 n3 n4 n5', a: '', b: '' });
    assert.equal((await pg.scenario()).timeline.at(-1).action, 'heal');
    pg.assertNoErrors();
  });
});
