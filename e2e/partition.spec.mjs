// Partition by dragging: the leader dragged into its own region loses its cluster; the majority
// elects a new leader and commits, the isolated node cannot. Healing makes every log converge.
// One page for the whole story (the heal test continues the partition test's run).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, Playground } from './pages/playground.mjs';

describe('partition by dragging, then heal', () => {
  let browser;
  /** @type {Playground} */
  let pg;
  /** The story's shared facts: the old leader and what it held when cut off. */
  let old;
  let oldTerm;
  let oldCommit;
  let majority;
  let isolatedLog;

  before(async () => {
    browser = await launchBrowser();
    pg = await Playground.open(browser, '/');
    await pg.pause();
    await pg.runUntil(2000); // the default example: leader elected, x = 1 written and read
  });
  after(async () => {
    await pg?.close();
    await browser?.close();
  });

  it('dragging the leader into a partition: new leader in the majority, the isolated node cannot commit', async () => {
    old = await pg.leaderId();
    assert.ok(old, 'a leader before the partition');
    const before = await pg.nodeStates();
    oldTerm = before[old].term;
    oldCommit = before[old].commitIndex;
    majority = Object.keys(before).filter((id) => id !== old);
    assert.equal(majority.length, 4);

    await pg.dragNodeTo(old, pg.region('a'));
    assert.deepEqual(await pg.groups(), [majority, [old]], 'the bus partition: the dragged leader alone');
    assert.equal(await pg.region('a').getAttribute('data-members'), old, 'region A shows its member');
    const rec = (await pg.scenario()).timeline.at(-1);
    assert.equal(rec.action, 'partition', 'the drag was recorded as a partition action');

    // A client request sent to the isolated old leader: it accepts the write but cannot commit it.
    const lastBefore = (await pg.summaries())[old].lastLogIndex;
    await pg.act({ action: 'request', op: { f: 'put', key: 'y', value: 'isolated' }, node: old });
    await pg.runFor(3000);

    const after = await pg.nodeStates();
    const newLeader = await pg.leaderId();
    assert.ok(newLeader && newLeader !== old, `a new leader (got ${newLeader}, old ${old})`);
    assert.ok(majority.includes(newLeader), 'the new leader is in the majority');
    assert.ok(after[newLeader].term > oldTerm, `the new leader's term ${after[newLeader].term} > ${oldTerm}`);

    const s = await pg.summaries();
    assert.ok(s[old].lastLogIndex > lastBefore, 'the isolated leader appended the request to its log');
    assert.equal(after[old].commitIndex, oldCommit, 'the isolated node\'s commit index did not advance');
    for (const id of majority) {
      assert.ok(after[id].commitIndex > oldCommit, `${id} commit ${after[id].commitIndex} advanced past ${oldCommit}`);
    }
    assert.equal(after[old].term, oldTerm, 'the isolated node never heard of the new term');
    isolatedLog = (await pg.logs())[old];
    pg.assertNoErrors();
  });

  it('Heal makes every log converge and the old leader a follower', async () => {
    assert.ok(old, 'runs after the partition test');
    await pg.heal();
    assert.equal((await pg.groups()).length, 1, 'one group after healing');
    assert.ok(!(await pg.region('a').getAttribute('data-members')), 'region A is empty again');
    assert.equal((await pg.scenario()).timeline.at(-1).action, 'heal', 'Heal was recorded');

    await pg.runFor(3000);
    const logs = await pg.logs();
    const reference = JSON.stringify(logs[majority[0]]);
    for (const id of Object.keys(logs)) assert.equal(JSON.stringify(logs[id]), reference, `${id}'s log equals ${majority[0]}'s`);

    const states = await pg.nodeStates();
    assert.equal(states[old].role, 'follower', 'the old leader stepped down');
    const leader = await pg.leaderId();
    assert.notEqual(leader, old);
    const commits = new Set(Object.values(states).map((s) => s.commitIndex));
    assert.equal(commits.size, 1, `equal commit indexes, got ${[...commits]}`);
    assert.equal([...commits][0], logs[old].length, 'everything is committed');

    // The old leader's uncommitted entry (its term, past its commit index) was overwritten.
    const stale = isolatedLog.slice(oldCommit).filter((e) => e.term === oldTerm);
    assert.ok(stale.length >= 1, 'the isolated leader held an uncommitted entry of its term');
    for (let i = oldCommit; i < isolatedLog.length; i++) {
      if (isolatedLog[i].term === oldTerm) assert.notDeepEqual(logs[old][i], isolatedLog[i], `entry ${i + 1} was replaced`);
    }
    pg.assertNoErrors();
  });
});
