/**
 * The learner (Paxos Made Simple §2.3): every node counts the Accepted messages of each (slot,
 * ballot); a value is chosen once |Q2| acceptors accepted it in one ballot. Chosen slots are
 * applied to the key-value store in slot order (Multi-Paxos, §3) and the waiting clients answered.
 */
import { applyOnce } from '../../kv';
import type { NodeId, OpResult } from '../../types';
import { ballotText, type Ballot, type PaxosMessage, type Value } from './messages';
import type { Net } from './net';
import { chosenThrough, type PaxosState } from './state';

/** onAccepted counts an acceptor's vote; at |Q2| votes for one ballot the value is chosen. */
export function onAccepted(s: PaxosState, from: NodeId, m: Extract<PaxosMessage, { type: 'Accepted' }>, net: Net): void {
  if (s.chosen[m.slot] !== undefined || !s.quorums.acceptors.includes(from)) return;
  const bySlot = (s.votes[m.slot] ??= {});
  const key = ballotText(m.ballot);
  const voters = (bySlot[key] ??= []);
  if (!voters.includes(from)) voters.push(from);
  if (voters.length >= s.quorums.q2) learn(s, m.slot, m.value, m.ballot, net);
}

/** learn files `value` as chosen in `slot` (records `chosen`), applies what it can and answers clients. */
export function learn(s: PaxosState, slot: number, value: Value, ballot: Ballot | null, net: Net): void {
  if (s.chosen[slot] !== undefined) return;
  s.chosen[slot] = value;
  delete s.votes[slot];
  delete s.proposals[slot];
  net.env.record('chosen', { slot, ballot: ballot ? ballotText(ballot) : null, value: value.id });
  if (s.config.mode === 'single') {
    s.queue = [];
    if (s.ballot !== null) {
      s.ballot = null;
      s.phase = 'idle';
      net.env.clearTimer('retry');
    }
  }
  apply(s, net);
}

/** apply runs the contiguous chosen prefix on the store; single-decree answers every waiting client. */
export function apply(s: PaxosState, net: Net): void {
  while (s.chosen[s.lastApplied + 1] !== undefined) {
    const slot = s.lastApplied + 1;
    const v = s.chosen[slot]!;
    const result: OpResult | null = v.op !== null && v.client !== null ? applyOnce(s.kv, s.sessions, v.client, v.requestId, v.op) : null;
    s.lastApplied = slot;
    net.env.applied(slot, 0, v.op === null ? 'no-op' : v.op);
    const w = s.waiting[v.id];
    if (w && result) {
      net.env.reply(w.client, w.requestId, { kind: 'result', result });
      delete s.waiting[v.id];
    }
  }
  if (s.config.mode === 'single' && s.chosen[1] !== undefined) {
    for (const [id, w] of Object.entries(s.waiting)) {
      net.env.reply(w.client, w.requestId, { kind: 'result', result: notChosen(s.chosen[1]) });
      delete s.waiting[id];
    }
  }
}

/** notChosen is the answer to a single-decree request whose value lost: it took no effect. */
export const notChosen = (v: Value): OpResult => ({ ok: false, error: `not chosen: Paxos chose ${v.id}` });

/** onLearn files chosen values sent by the leader to a learner that was behind. */
export function onLearn(s: PaxosState, m: Extract<PaxosMessage, { type: 'Learn' }>, net: Net): void {
  for (const [slot, value] of m.chosen) learn(s, slot, value, null, net);
}

/** onCatchUp sends a learner that is behind the chosen values from its first gap (at most 64). */
export function onCatchUp(s: PaxosState, from: NodeId, m: Extract<PaxosMessage, { type: 'CatchUp' }>, net: Net): void {
  const chosen: [number, Value][] = [];
  for (let slot = m.fromSlot; s.chosen[slot] !== undefined && chosen.length < 64; slot++) chosen.push([slot, s.chosen[slot]!]);
  if (chosen.length > 0) net.send(from, { type: 'Learn', chosen });
}

/** behind tells whether this learner lacks chosen slots a leader at `through` has. */
export const behind = (s: PaxosState, through: number): boolean => chosenThrough(s) < through;
