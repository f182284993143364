/**
 * One site stepped by hand-built inputs (Demers et al. 1987): rumour mongering's push, pull and
 * push-pull contacts (§1.3), losing interest by feedback and counter or blindly (§1.4), anti-entropy
 * repairing both sides (§1.2) and making what it brings hot again (§1.5), crash recovery, and the
 * teaching bugs.
 */
import { describe, expect, it } from 'vitest';
import type { GossipMessage, Rumour } from './messages';
import { deliver, site, stepSite } from './testkit';
import { gossip } from '.';

const broadcast = (node: ReturnType<typeof site>, value: string, requestId = 1) =>
  stepSite(node, { kind: 'request', client: 'c1', requestId, op: { f: 'broadcast', value } });
const push = (rumours: Rumour[], pull = false): GossipMessage => ({ type: 'Push', rumours, pull });
const role = (node: ReturnType<typeof site>) => gossip.summary(node.state).role;

describe('gossip step: a client broadcast (§0)', () => {
  it('starts a hot rumour at the node, records its receipt at hop 0 and replies ok at once', () => {
    const n1 = site('n1', 5);
    expect(role(n1)).toBe('susceptible');
    const fx = broadcast(n1, 'v1');
    expect(fx.records).toEqual([{ kind: 'receipt', fields: { value: 'v1', from: 'c1', hops: 0 } }]);
    expect(fx.replies).toEqual([{ client: 'c1', requestId: 1, reply: { kind: 'result', result: { ok: true } } }]);
    expect(role(n1)).toBe('infective');
    expect(gossip.summary(n1.state).fields).toEqual({ values: 1, hot: 1 });
  });

  it('a retried broadcast is acknowledged again but received only once', () => {
    const n1 = site('n1', 5);
    broadcast(n1, 'v1');
    const again = broadcast(n1, 'v1');
    expect(again.records).toEqual([]);
    expect(again.replies[0]!.reply).toEqual({ kind: 'result', result: { ok: true } });
  });

  it('refuses any other op, naming it', () => {
    const fx = stepSite(site('n1', 3), { kind: 'request', client: 'c1', requestId: 1, op: { f: 'get', key: 'x' } });
    expect(fx.replies[0]!.reply).toEqual({ kind: 'result', result: { ok: false, error: 'gossip serves only broadcast, not get' } });
  });
});

describe('gossip step: cycles (§1.3)', () => {
  it('start arms the cycle and anti-entropy timers at a random point of their first period, never below it', () => {
    const fx = stepSite(site('n1', 5, { periodMs: 100, antiEntropyMs: 1000 }), { kind: 'start' });
    const byName = Object.fromEntries(fx.timersSet.map((t) => [t.name, t.afterMs]));
    expect(byName.gossip).toBeGreaterThanOrEqual(100);
    expect(byName.gossip).toBeLessThan(200);
    expect(byName['anti-entropy']).toBeGreaterThanOrEqual(1000);
    expect(stepSite(site('n1', 5, { antiEntropyMs: 0 }), { kind: 'start' }).timersSet.map((t) => t.name)).toEqual(['gossip']);
  });

  it('push: an infective site sends its hot rumours to `fanout` distinct partners, never itself', () => {
    const n1 = site('n1', 10, { mode: 'push', fanout: 3 });
    broadcast(n1, 'v1');
    broadcast(n1, 'v2', 2);
    const fx = stepSite(n1, { kind: 'timer', name: 'gossip' });
    const to = fx.sends.map((s) => s.to);
    expect(new Set(to).size).toBe(3);
    expect(to).not.toContain('n1');
    for (const s of fx.sends) expect(s.msg).toEqual(push([['v1', 0], ['v2', 0]]));
    expect(fx.timersSet).toEqual([{ name: 'gossip', afterMs: 100 }]);
  });

  it('push: a site with nothing hot stays silent; a fanout beyond the cluster contacts everyone once', () => {
    expect(stepSite(site('n1', 5, { mode: 'push' }), { kind: 'timer', name: 'gossip' }).sends).toEqual([]);
    const n1 = site('n1', 4, { mode: 'push', fanout: 9 });
    broadcast(n1, 'v1');
    expect(stepSite(n1, { kind: 'timer', name: 'gossip' }).sends.map((s) => s.to).sort()).toEqual(['n2', 'n3', 'n4']);
  });

  it('pull: every site asks, informed or not; the partner answers with its hot rumours, or not at all', () => {
    const n1 = site('n1', 5, { mode: 'pull', fanout: 2 });
    expect(stepSite(n1, { kind: 'timer', name: 'gossip' }).sends.map((s) => s.msg)).toEqual([{ type: 'PullRequest' }, { type: 'PullRequest' }]);
    const n2 = site('n2', 5, { mode: 'pull' });
    expect(deliver(n2, 'n1', { type: 'PullRequest' }).sends).toEqual([]);
    broadcast(n2, 'v1');
    expect(deliver(n2, 'n1', { type: 'PullRequest' }).sends).toEqual([{ to: 'n1', msg: { type: 'PullReply', rumours: [['v1', 0]] } }]);
  });

  it('push-pull: the partner answers a Push with the hot rumours the Push did not carry', () => {
    const n2 = site('n2', 5, { mode: 'push-pull' });
    broadcast(n2, 'v1');
    broadcast(n2, 'v2', 2);
    const fx = deliver(n2, 'n1', push([['v1', 3]], true));
    expect(fx.sends).toEqual([
      { to: 'n1', msg: { type: 'Feedback', known: ['v1'] } },
      { to: 'n1', msg: { type: 'PullReply', rumours: [['v2', 0]] } },
    ]);
  });
});

describe('gossip step: receiving and losing interest (§1.4)', () => {
  it('a new value is received one hop further from its sender, recorded once and made hot', () => {
    const n2 = site('n2', 5);
    const fx = deliver(n2, 'n1', push([['v1', 2]]));
    expect(fx.records).toEqual([{ kind: 'receipt', fields: { value: 'v1', from: 'n1', hops: 3 } }]);
    expect(fx.sends).toEqual([]); // nothing was unneeded: no feedback
    expect(n2.state.hot.get('v1')).toBe(0);
    expect(deliver(n2, 'n3', push([['v1', 0]])).records).toEqual([]);
  });

  it('feedback and counter: the receiver names what it knew; the sender loses interest after k unneeded sends', () => {
    const n1 = site('n1', 5, { k: 2 });
    broadcast(n1, 'v1');
    const n2 = site('n2', 5);
    deliver(n2, 'n3', push([['v1', 0]]));
    const fb = deliver(n2, 'n1', push([['v1', 0]])).sends;
    expect(fb).toEqual([{ to: 'n1', msg: { type: 'Feedback', known: ['v1'] } }]);
    deliver(n1, 'n2', fb[0]!.msg);
    expect(role(n1)).toBe('infective'); // one unneeded send of k = 2
    deliver(n1, 'n4', { type: 'Feedback', known: ['v1'] });
    expect(role(n1)).toBe('removed');
    expect(gossip.summary(n1.state).fields).toEqual({ values: 1, hot: 0 });
  });

  it('blind and counter: no Feedback is sent, and a rumour is dropped after k cycles that sent it', () => {
    const n1 = site('n1', 5, { mode: 'push', feedback: false, k: 2 });
    broadcast(n1, 'v1');
    stepSite(n1, { kind: 'timer', name: 'gossip' });
    expect(role(n1)).toBe('infective');
    stepSite(n1, { kind: 'timer', name: 'gossip' });
    expect(role(n1)).toBe('removed');
    const n2 = site('n2', 5, { feedback: false });
    broadcast(n2, 'v1');
    expect(deliver(n2, 'n1', push([['v1', 0]])).sends).toEqual([]);
  });
});

describe('gossip step: anti-entropy (§1.2, §1.5)', () => {
  it('a Digest is answered by a Repair with what the sender lacks and what the receiver wants; equal sets end it', () => {
    const n2 = site('n2', 5);
    broadcast(n2, 'a');
    broadcast(n2, 'b', 2);
    expect(deliver(n2, 'n1', { type: 'Digest', values: ['b', 'c'] }).sends).toEqual([{ to: 'n1', msg: { type: 'Repair', rumours: [['a', 0]], want: ['c'] } }]);
    expect(deliver(n2, 'n1', { type: 'Digest', values: ['b', 'a'] }).sends).toEqual([]);
  });

  it('a Repair delivers what was lacking, hot again, and answers the want', () => {
    const n1 = site('n1', 5);
    broadcast(n1, 'c');
    stepSite(n1, { kind: 'timer', name: 'gossip' });
    const fx = deliver(n1, 'n2', { type: 'Repair', rumours: [['a', 1]], want: ['c'] });
    expect(fx.records).toEqual([{ kind: 'receipt', fields: { value: 'a', from: 'n2', hops: 2 } }]);
    expect(fx.sends).toEqual([{ to: 'n2', msg: { type: 'Repair', rumours: [['c', 0]], want: [] } }]);
    expect(n1.state.hot.has('a')).toBe(true);
  });

  it('the anti-entropy timer sends one Digest of everything held to one partner', () => {
    const n1 = site('n1', 5);
    broadcast(n1, 'a');
    const fx = stepSite(n1, { kind: 'timer', name: 'anti-entropy' });
    expect(fx.sends).toHaveLength(1);
    expect(fx.sends[0]!.msg).toEqual({ type: 'Digest', values: ['a'] });
  });
});

describe('gossip step: crashes and teaching bugs', () => {
  it('a restarted site keeps the values it held (its database) and forgets its hot rumours', () => {
    const n1 = site('n1', 5);
    broadcast(n1, 'v1');
    const again = gossip.recover(gossip.persistent(n1.state), 'n1', ['n1', 'n2', 'n3', 'n4', 'n5'], n1.state.config);
    expect([...again.values.keys()]).toEqual(['v1']);
    expect(gossip.summary(again).role).toBe('removed');
  });

  it('give-up-at-once: a site never makes what it learns hot', () => {
    const n1 = site('n1', 5, { mode: 'push-pull', bugs: ['give-up-at-once'] });
    broadcast(n1, 'v1');
    expect(role(n1)).toBe('removed');
    const sends = stepSite(n1, { kind: 'timer', name: 'gossip' }).sends;
    expect(sends.map((s) => s.msg)).toEqual([push([], true), push([], true)]); // it only asks
  });

  it('no-forward-pulled: a pulled value is held but not hot; a pushed one is hot', () => {
    const n2 = site('n2', 5, { mode: 'pull', bugs: ['no-forward-pulled'] });
    deliver(n2, 'n1', { type: 'PullReply', rumours: [['v1', 0]] });
    deliver(n2, 'n1', push([['v2', 0]]));
    expect([...n2.state.values.keys()]).toEqual(['v1', 'v2']);
    expect([...n2.state.hot.keys()]).toEqual(['v2']);
  });
});
