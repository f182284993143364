/**
 * Proposals decided by weighted votes (the original design's agent voting, on Gifford's weights).
 * - The node a client asks sends `Propose` to every node; each voter votes by its stance (approve
 *   the proposed value, reject, abstain) and sends its `Vote` to every node: every node is a tally.
 * - A tally counts each voter's first vote once, at the voter's configured weight, never the weight
 *   the vote claims. Abstentions count toward participation, not toward approval.
 * - A tally decides once participation reaches `quorum`: approved when a value's approvals reach
 *   `threshold`, rejected when no value can reach it any more (its approvals plus every vote not
 *   yet heard fall short). Until then it is undecided (a minority side of a partition stays so).
 * - A tally flags a voter that claims a weight it does not have, votes twice, approves a value
 *   nobody proposed, or (learned from another tally's `Tally`) told two tallies different things.
 * An undecided tally asks again every retryMs the voters it has not heard; a voter asked again
 * resends the vote it sent that tally.
 */
import type { StepEnv } from '../../protocol';
import type { NodeId } from '../../types';
import { votesFor } from './byzantine';
import type { Stance } from './config';
import type { QuorumMessage, Vote } from './messages';
import { weightOf, type Decision, type QuorumState, type TallyState, type VoteSeen } from './state';

type Env = StepEnv<QuorumMessage>;

const tallyTimer = (id: string): string => `tally:${id}`;

/** tallyOf gives this node's tally of proposal `id`, created empty on first use. */
export function tallyOf(s: QuorumState, id: string): TallyState {
  let t = s.tallies.get(id);
  if (!t) s.tallies.set(id, (t = { id, value: null, voted: false, votes: new Map(), extra: [], seen: new Set(), decision: null }));
  return t;
}

/** Count is a tally's count: approvals by value, participation, and who was counted. */
export interface Count {
  approvals: Map<string, number>;
  participation: number;
  /** Configured votes of the voters not heard from yet. */
  unheard: number;
}

/**
 * countVotes counts tally `t` by the rules: each voter's first vote at its configured weight. The
 * teaching bugs change that: `count-claimed-weight` trusts the weight a vote claims,
 * `count-duplicates` also counts every further vote message.
 */
export function countVotes(s: QuorumState, t: TallyState): Count {
  const claimed = s.config.bugs.includes('count-claimed-weight');
  const approvals = new Map<string, number>();
  let participation = 0;
  const add = (voter: NodeId, v: VoteSeen): void => {
    const w = claimed ? v.claimed : weightOf(s, voter);
    participation += w;
    if (v.choice === 'approve') approvals.set(v.value, (approvals.get(v.value) ?? 0) + w);
  };
  for (const [voter, v] of t.votes) add(voter, v);
  for (const x of t.extra) add(x.voter, x.vote);
  let unheard = 0;
  for (const n of s.nodes) if (!t.votes.has(n)) unheard += weightOf(s, n);
  return { approvals, participation, unheard };
}

/** onProposeRequest puts a client's proposal to the vote, or answers at once if this node decided it. */
export function onProposeRequest(s: QuorumState, client: string, requestId: number, id: string, value: string, env: Env): void {
  const t = tallyOf(s, id);
  if (t.value !== null && t.value !== value) {
    env.reply(client, requestId, { kind: 'result', result: { ok: false, error: `${id} was already proposed with value ${t.value}` } });
    return;
  }
  if (t.decision) {
    answer(client, requestId, t.decision, env);
    return;
  }
  const waiting = s.waiting.get(id) ?? [];
  if (!waiting.some((w) => w.client === client && w.requestId === requestId)) waiting.push({ client, requestId });
  s.waiting.set(id, waiting);
  if (t.value === null) {
    t.value = value;
    env.record('propose', { proposal: id, value });
    recheckFlags(s, t, env);
  }
  for (const to of s.nodes) if (to !== s.id) env.send(to, { type: 'Propose', id, value });
  castVote(s, t, env);
  env.setTimer(tallyTimer(id), s.config.retryMs);
}

/** answer replies to a client waiting on a proposal with this node's decision. */
function answer(client: string, requestId: number, d: Decision, env: Env): void {
  env.reply(client, requestId, { kind: 'result', result: d.outcome === 'approved' ? { ok: true, value: d.value } : { ok: false, error: `rejected (${d.participation} votes cast)` } });
}

/** onPropose takes a Propose from `from`: learn the value, vote if not yet, else resend the vote to `from`. */
export function onPropose(s: QuorumState, from: NodeId, id: string, value: string, env: Env): void {
  const t = tallyOf(s, id);
  if (t.value === null) {
    t.value = value;
    recheckFlags(s, t, env);
  }
  if (!t.voted) castVote(s, t, env);
  else for (const m of votesFor(s, t, from)) env.send(from, m);
  if (!t.decision) env.setTimer(tallyTimer(id), s.config.retryMs);
}

/** castVote sends this node's vote on `t` to every tally, its own included. */
function castVote(s: QuorumState, t: TallyState, env: Env): void {
  t.voted = true;
  for (const to of s.nodes) {
    for (const m of votesFor(s, t, to)) {
      if (to === s.id) onVote(s, s.id, m, env);
      else env.send(to, m);
    }
  }
}

/** flag marks `voter` a liar at this tally, once per voter, with a `flag` record. */
function flag(s: QuorumState, t: TallyState, voter: NodeId, reason: string, env: Env): void {
  if (s.flagged.has(voter) || voter === s.id) return;
  s.flagged.set(voter, reason);
  env.record('flag', { proposal: t.id, voter, reason });
  env.note(`${s.id} flags ${voter}: ${reason}`);
}

/** checkVote flags what one vote alone shows: a claimed weight not held, a value nobody proposed. */
function checkVote(s: QuorumState, t: TallyState, voter: NodeId, v: VoteSeen, env: Env): void {
  const w = weightOf(s, voter);
  if (v.claimed !== w) flag(s, t, voter, `claims ${v.claimed} votes on ${t.id} but holds ${w}`, env);
  if (t.value !== null && v.choice === 'approve' && v.value !== t.value) flag(s, t, voter, `approves ${v.value} on ${t.id}, which nobody proposed (the proposal is ${t.value})`, env);
}

/** recheckFlags checks the votes that arrived before the proposal's value was known. */
function recheckFlags(s: QuorumState, t: TallyState, env: Env): void {
  for (const [voter, v] of t.votes) checkVote(s, t, voter, v, env);
}

/** onVote counts a vote from `from` and decides if it can. */
export function onVote(s: QuorumState, from: NodeId, m: Vote, env: Env): void {
  const t = tallyOf(s, m.id);
  const v: VoteSeen = { choice: m.choice, value: m.value, claimed: m.claimed, n: m.n };
  const key = `${from}#${m.n}`;
  const repeat = t.seen.has(key);
  t.seen.add(key);
  const first = !t.votes.has(from);
  const countAgain = !first && s.config.bugs.includes('count-duplicates');
  if (first) t.votes.set(from, v);
  else if (countAgain) t.extra.push({ voter: from, vote: v });
  if (first || countAgain || !repeat) {
    env.record('vote', { proposal: m.id, voter: from, choice: m.choice, value: m.value, claimed: m.claimed, weight: weightOf(s, from), n: m.n, counted: first || countAgain });
  }
  if (!first && !repeat) flag(s, t, from, `voted twice on ${m.id}`, env);
  checkVote(s, t, from, v, env);
  if (!t.decision) decide(s, t, env);
}

/** decide decides `t` if the count allows: approved at the threshold, rejected when approval is out of reach. */
function decide(s: QuorumState, t: TallyState, env: Env): void {
  const { threshold, quorum, total } = s.rules;
  const c = countVotes(s, t);
  if (c.participation < quorum) return;
  let best: [string, number] | null = null;
  for (const [value, n] of c.approvals) if (!best || n > best[1] || (n === best[1] && value < best[0])) best = [value, n];
  const approve = best?.[1] ?? 0;
  let d: Decision;
  if (best && approve >= threshold) d = { outcome: 'approved', value: best[0], approve, participation: c.participation, at: env.now };
  else if (approve + c.unheard < threshold) d = { outcome: 'rejected', value: null, approve, participation: c.participation, at: env.now };
  else return;
  t.decision = d;
  env.clearTimer(tallyTimer(t.id));
  const voters = [...t.votes.keys(), ...t.extra.map((x) => x.voter)];
  env.record('decide', { proposal: t.id, outcome: d.outcome, value: d.value, approve, participation: c.participation, threshold, quorum, total, voters });
  env.note(`${s.id} decides ${t.id}: ${d.outcome}${d.value !== null ? ` ${d.value}` : ''} (${approve} approving of ${threshold} needed, ${c.participation} cast of ${quorum})`);
  for (const w of s.waiting.get(t.id) ?? []) answer(w.client, w.requestId, d, env);
  s.waiting.delete(t.id);
  const votes: [NodeId, Stance, string][] = [...t.votes].map(([voter, x]) => [voter, x.choice, x.value]);
  for (const to of s.nodes) if (to !== s.id) env.send(to, { type: 'Tally', id: t.id, votes });
}

/** onTally compares another tally's counted votes with this one's: a voter that told them different things equivocated. */
export function onTally(s: QuorumState, from: NodeId, id: string, votes: readonly [NodeId, Stance, string][], env: Env): void {
  const t = s.tallies.get(id);
  if (!t) return;
  for (const [voter, choice, value] of votes) {
    const mine = t.votes.get(voter);
    if (mine && (mine.choice !== choice || (choice === 'approve' && mine.value !== value))) {
      flag(s, t, voter, `told ${s.id} ${mine.choice}${mine.choice === 'approve' ? ` ${mine.value}` : ''} on ${id} but told ${from} ${choice}${choice === 'approve' ? ` ${value}` : ''}`, env);
    }
  }
}

/** onTallyTimer asks the voters not heard from yet again, while undecided. */
export function onTallyTimer(s: QuorumState, id: string, env: Env): void {
  const t = s.tallies.get(id);
  if (!t || t.decision || t.value === null) return;
  for (const to of s.nodes) if (to !== s.id && !t.votes.has(to)) env.send(to, { type: 'Propose', id, value: t.value });
  env.setTimer(tallyTimer(id), s.config.retryMs);
}
