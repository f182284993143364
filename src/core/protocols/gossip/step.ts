/**
 * Gossip's step: one site's reaction to one input, after Demers et al. 1987.
 * - Every `periodMs` (timer `gossip`) a site contacts `fanout` random partners: push sends its hot
 *   rumours, pull asks for theirs, push-pull does both in one exchange (§1.3, §1.4).
 * - A receiver answers with `Feedback` naming what it already knew; after `k` unneeded sends a site
 *   loses interest in that rumour (feedback, counter variant, §1.4).
 * - Every `antiEntropyMs` (timer `anti-entropy`) a site compares all it holds with one random partner
 *   and both repair the difference (push-pull anti-entropy, §1.2); what anti-entropy brings becomes
 *   a hot rumour again, as §1.5 suggests for combining the two.
 * - A client's `broadcast` starts a rumour at the site it reaches, which replies ok at once.
 */
import type { Input, StepEnv } from '../../protocol';
import type { NodeId, Op } from '../../types';
import type { GossipMessage, Rumour } from './messages';
import type { GossipState } from './state';

type Env = StepEnv<GossipMessage>;

/** send puts `msg` on the bus to `to` and counts it (the panel's messages per broadcast). */
function send(s: GossipState, env: Env, to: NodeId, msg: GossipMessage): void {
  s.sent++;
  env.send(to, msg);
}

/** How a value arrived, for the teaching bug that forgets to forward pulled values. */
type Via = 'client' | 'push' | 'pull' | 'anti-entropy';

/** step handles one input at one site. */
export function step(s: GossipState, input: Input<GossipMessage>, env: Env): void {
  switch (input.kind) {
    case 'start':
      // Desynchronise the sites: each starts its cycles at a random point of the first period.
      env.setTimer('gossip', s.config.periodMs + env.rng.int(0, s.config.periodMs - 1));
      if (s.config.antiEntropyMs > 0) env.setTimer('anti-entropy', s.config.antiEntropyMs + env.rng.int(0, s.config.antiEntropyMs - 1));
      return;
    case 'timer':
      if (input.name === 'gossip') cycle(s, env);
      else if (input.name === 'anti-entropy') antiEntropy(s, env);
      return;
    case 'message':
      onMessage(s, input.from, input.msg, env);
      return;
    case 'request':
      onRequest(s, input.client, input.requestId, input.op, env);
      return;
    case 'timeout':
    case 'behave':
    case 'action':
      return; // no timeout to force, no Byzantine behaviours, no node actions
    default: {
      const never: never = input;
      throw new Error(`unknown input ${JSON.stringify(never)}`);
    }
  }
}

/** onRequest starts a rumour: `broadcast v` makes v a hot rumour here, and is acknowledged at once. */
function onRequest(s: GossipState, client: string, requestId: number, op: Op, env: Env): void {
  if (op.f !== 'broadcast') {
    env.reply(client, requestId, { kind: 'result', result: { ok: false, error: `gossip serves only broadcast, not ${op.f}` } });
    return;
  }
  const value = String(op.value);
  if (!s.values.has(value)) learn(s, value, 0, client, 'client', env);
  env.reply(client, requestId, { kind: 'result', result: { ok: true } });
}

/** learn stores a new value, records its first receipt, and makes it a hot rumour (unless a bug forbids). */
function learn(s: GossipState, value: string, hops: number, from: string, via: Via, env: Env): void {
  s.values.set(value, { hops, from, at: env.now });
  env.record('receipt', { value, from, hops });
  const bugs = s.config.bugs;
  if (bugs.includes('give-up-at-once')) return;
  if (via === 'pull' && bugs.includes('no-forward-pulled')) return;
  s.hot.set(value, 0);
}

/** receive takes `rumours` from `from`, and gives the values this site already held (unneeded sends). */
function receive(s: GossipState, from: NodeId, rumours: readonly Rumour[], via: Via, env: Env): string[] {
  const known: string[] = [];
  for (const [value, hops] of rumours) {
    if (s.values.has(value)) known.push(value);
    else learn(s, value, hops + 1, from, via, env);
  }
  return known;
}

/** hotRumours lists this site's hot rumours with their hops, leaving out `skip`. */
function hotRumours(s: GossipState, skip?: ReadonlySet<string>): Rumour[] {
  const out: Rumour[] = [];
  for (const value of s.hot.keys()) if (!skip?.has(value)) out.push([value, s.values.get(value)!.hops]);
  return out;
}

/** partners picks `fanout` distinct random partners (all of them if fewer). */
export function partners(s: GossipState, env: Env): NodeId[] {
  const { peers } = s;
  const want = Math.min(s.config.fanout, peers.length);
  if (want === peers.length) return [...peers];
  const picked = new Set<number>();
  while (picked.size < want) picked.add(env.rng.int(0, peers.length - 1));
  return [...picked].map((i) => peers[i]!);
}

/** cycle is one rumour-mongering cycle (§1.4). */
function cycle(s: GossipState, env: Env): void {
  env.setTimer('gossip', s.config.periodMs);
  const { mode } = s.config;
  if (mode === 'push' && s.hot.size === 0) return; // nothing to push: a removed site is silent
  const rumours = mode === 'pull' ? [] : hotRumours(s);
  for (const to of partners(s, env)) {
    if (mode === 'pull') send(s, env, to, { type: 'PullRequest' });
    else send(s, env, to, { type: 'Push', rumours, pull: mode === 'push-pull' });
  }
  if (!s.config.feedback) loseInterest(s, rumours.map(([v]) => v)); // blind: every cycle's send counts
}

/** antiEntropy starts one anti-entropy exchange with a random partner (§1.2). */
function antiEntropy(s: GossipState, env: Env): void {
  env.setTimer('anti-entropy', s.config.antiEntropyMs);
  if (s.peers.length === 0) return;
  send(s, env, env.rng.pick(s.peers), { type: 'Digest', values: [...s.values.keys()] });
}

/** loseInterest counts sends of `known` that count against k (unneeded ones, or every one when blind); at k a rumour is no longer hot (§1.4). */
function loseInterest(s: GossipState, known: readonly string[]): void {
  for (const value of known) {
    const n = s.hot.get(value);
    if (n === undefined) continue;
    if (n + 1 >= s.config.k) s.hot.delete(value);
    else s.hot.set(value, n + 1);
  }
}

function onMessage(s: GossipState, from: NodeId, m: GossipMessage, env: Env): void {
  switch (m.type) {
    case 'Push': {
      const known = receive(s, from, m.rumours, 'push', env);
      if (known.length && s.config.feedback) send(s, env, from, { type: 'Feedback', known });
      if (m.pull) {
        const rumours = hotRumours(s, new Set(m.rumours.map(([v]) => v)));
        if (rumours.length) send(s, env, from, { type: 'PullReply', rumours });
        if (!s.config.feedback) loseInterest(s, rumours.map(([v]) => v));
      }
      return;
    }
    case 'PullRequest': {
      const rumours = hotRumours(s);
      if (rumours.length) send(s, env, from, { type: 'PullReply', rumours });
      if (!s.config.feedback) loseInterest(s, rumours.map(([v]) => v));
      return;
    }
    case 'PullReply': {
      const known = receive(s, from, m.rumours, 'pull', env);
      if (known.length && s.config.feedback) send(s, env, from, { type: 'Feedback', known });
      return;
    }
    case 'Feedback':
      loseInterest(s, m.known);
      return;
    case 'Digest': {
      const theirs = new Set(m.values);
      const rumours: Rumour[] = [];
      for (const [value, h] of s.values) if (!theirs.has(value)) rumours.push([value, h.hops]);
      const want = m.values.filter((v) => !s.values.has(v));
      if (rumours.length || want.length) send(s, env, from, { type: 'Repair', rumours, want });
      return;
    }
    case 'Repair': {
      receive(s, from, m.rumours, 'anti-entropy', env);
      const rumours: Rumour[] = [];
      for (const value of m.want) {
        const h = s.values.get(value);
        if (h) rumours.push([value, h.hops]);
      }
      if (rumours.length) send(s, env, from, { type: 'Repair', rumours, want: [] });
      return;
    }
    default: {
      const never: never = m;
      throw new Error(`unknown gossip message ${JSON.stringify(never)}`);
    }
  }
}
