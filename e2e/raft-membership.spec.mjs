// Raft membership change in the browser (thesis §4.2.1): n4 starts outside the configuration
// {n1, n2, n3}; the user right-clicks it and picks "Add to the cluster". It asks the leader, which
// adds it as a learner; n4 catches up on the log (two entries per AppendEntries), then the leader
// makes it a voter. The action is recorded on the timeline, so the share link replays it.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, Playground } from './pages/playground.mjs';

const put = (at, i) => ({ at, action: 'request', client: `c${(i % 3) + 1}`, op: { f: 'put', key: 'x', value: String(i) } });
const SCENARIO = {
  version: 1, protocol: 'raft', seed: 4, nodes: 4, until: 10_000,
  config: { electionTimeoutMs: [150, 300], heartbeatMs: 50, members: ['n1', 'n2', 'n3'], maxEntriesPerAppend: 2 },
  network: { latencyMs: [10, 20], loss: 0, duplicate: 0 },
  timeline: Array.from({ length: 24 }, (_, i) => put(600 + 30 * i, i + 1)),
};

describe('Raft membership change', () => {
  let browser;
  before(async () => { browser = await launchBrowser(); });
  after(() => browser?.close());

  it('adds a server from the canvas: it catches up as a learner, then becomes a voter', async (t) => {
    const pg = await Playground.open(browser, '/');
    t.after(() => pg.close());
    await pg.load(SCENARIO);
    await pg.waitReady();
    await pg.pause();
    await pg.runUntil(1500);
    let s = await pg.summaries();
    assert.equal(s.n4.role, 'outside', 'n4 starts outside the configuration');
    assert.equal(s.n4.lastLogIndex, 0, 'and receives no log');
    assert.equal(await pg.node('n4').getAttribute('data-role'), 'outside');
    const leader = await pg.leaderId();
    assert.ok(['n1', 'n2', 'n3'].includes(leader));
    assert.equal(s[leader].fields.voters, 'n1 n2 n3');

    await pg.node('n4').click({ button: 'right' });
    await pg.testId('menu-action-add-server').click();
    await pg.waitReady();
    const added = (await pg.scenario()).timeline.find((a) => a.action === 'input');
    assert.deepEqual(added, { at: 1501, action: 'input', node: 'n4', name: 'add-server' });

    // Watch it, step by step: a learner first, catching up, then a voter.
    const roles = [];
    const fields = [];
    for (let at = 1520; at <= 2600; at += 20) {
      await pg.runUntil(at);
      s = await pg.summaries();
      if (roles.at(-1) !== s.n4.role) roles.push(s.n4.role);
      fields.push(s[leader].fields);
      if (s.n4.role === 'learner') assert.equal(await pg.node('n4').getAttribute('data-role'), 'learner');
    }
    assert.deepEqual(roles.filter((r) => r !== 'outside'), ['learner', 'follower'], `n4 went through ${roles.join(' → ')}`);
    assert.ok(fields.some((f) => f.learners === 'n4' && f.voters === 'n1 n2 n3'), 'the leader had n4 as a learner');
    assert.deepEqual(fields.at(-1), { voters: 'n1 n2 n3 n4', learners: '', votersOld: null });
    s = await pg.summaries();
    assert.equal(s.n4.lastLogIndex, s[leader].lastLogIndex, 'n4 has caught up');
    assert.equal(await pg.node('n4').getAttribute('data-role'), 'follower');
    pg.assertNoErrors();
  });
});
