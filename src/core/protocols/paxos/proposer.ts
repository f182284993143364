/**
 * The proposer (Paxos Made Simple §2.2, rules 1a and 2a) and the Multi-Paxos leader (§3). A round
 * picks a ballot above every round seen, sends Prepare to the acceptors, and with |Q1| promises
 * proposes the highest-ballot value they reported (or its own, or a no-op for a Multi-Paxos gap).
 * A round not chosen after retryMs (with seeded randomized backoff when `backoff`) is begun again
 * higher; that is how dueling proposers livelock, and how backoff or a distinguished proposer
 * breaks it (§2.4).
 */
import type { NodeId } from '../../types';
import { ballotText, compareBallots, NOOP, type PaxosMessage, type Value, type Vote } from './messages';
import type { Net } from './net';
import { chosenThrough, type PaxosState } from './state';

/** mayPropose: with a distinguished proposer, only it begins rounds (§2.4). */
export const mayPropose = (s: PaxosState): boolean => s.config.distinguished === null || s.config.distinguished === s.id;

/** retryDelay is retryMs, or with backoff a seeded draw from [retryMs, 4 × retryMs] (virtual ms). */
export const retryDelay = (s: PaxosState, net: Net): number => (s.config.backoff ? net.env.rng.int(s.config.retryMs, 4 * s.config.retryMs) : s.config.retryMs);

/** startRound begins phase 1 with a ballot above every round this node has seen. */
export function startRound(s: PaxosState, net: Net): void {
  if (!mayPropose(s)) return;
  const round = Math.max(s.maxRound, s.promised.round) + 1;
  s.maxRound = round;
  s.ballot = { round, node: s.id };
  s.phase = 'prepare';
  s.leading = false;
  s.promises = {};
  s.proposals = {};
  net.env.setTimer('retry', retryDelay(s, net));
  net.env.note(`${s.id} begins round ${ballotText(s.ballot)}: Prepare to ${s.quorums.q1} of ${s.quorums.acceptors.length} acceptors needed`);
  const fromSlot = s.config.mode === 'multi' ? chosenThrough(s) + 1 : 1;
  net.sendAll(s.quorums.acceptors, { type: 'Prepare', ballot: s.ballot, fromSlot });
}

/** onPromise collects a promise; at |Q1| promises phase 2 begins. */
export function onPromise(s: PaxosState, from: NodeId, m: Extract<PaxosMessage, { type: 'Promise' }>, net: Net): void {
  if (s.phase !== 'prepare' || s.ballot === null || compareBallots(m.ballot, s.ballot) !== 0) return;
  s.promises[from] = m.accepted;
  if (Object.keys(s.promises).length < s.quorums.q1) return;
  s.phase = 'accept';
  const reported = highestReported(s);
  const ignore = s.config.bugs.includes('ignore-promise-values');
  if (s.config.mode === 'single') {
    const value = ignore || reported.get(1) === undefined ? s.queue[0] : reported.get(1)!.value;
    if (value === undefined) return;
    propose(s, 1, value, net);
    return;
  }
  s.leading = true;
  s.leader = s.id;
  net.env.clearTimer('retry');
  net.env.clearTimer('leader-timeout');
  let top = chosenThrough(s);
  for (const slot of reported.keys()) top = Math.max(top, slot);
  for (const k of Object.keys(s.chosen)) top = Math.max(top, Number(k));
  const filled: string[] = [];
  for (let slot = chosenThrough(s) + 1; slot <= top; slot++) {
    if (s.chosen[slot] !== undefined) continue;
    const r = reported.get(slot);
    const value = r && !ignore ? r.value : NOOP;
    if (value.op === null) filled.push(`s${slot}`);
    propose(s, slot, value, net);
  }
  s.nextSlot = top + 1;
  net.env.note(`${s.id} leads with ballot ${ballotText(s.ballot)}${filled.length ? `; no-ops fill ${filled.join(', ')}` : ''}`);
  const queued = s.queue;
  s.queue = [];
  for (const v of queued) proposeNext(s, v, net);
  heartbeat(s, net);
}

/** highestReported gives, per slot, the highest-ballot vote the promises reported (rule 2a). */
function highestReported(s: PaxosState): Map<number, Vote> {
  const out = new Map<number, Vote>();
  for (const votes of Object.values(s.promises)) {
    for (const [slot, vote] of votes) {
      const best = out.get(slot);
      if (!best || compareBallots(vote.ballot, best.ballot) > 0) out.set(slot, vote);
    }
  }
  return out;
}

/** propose sends Accept(ballot, slot, value) to every acceptor and records `propose`. */
export function propose(s: PaxosState, slot: number, value: Value, net: Net): void {
  if (s.ballot === null) return;
  s.proposals[slot] = { value, sentAt: net.env.now };
  net.env.record('propose', { slot, ballot: ballotText(s.ballot), value: value.id });
  net.sendAll(s.quorums.acceptors, { type: 'Accept', ballot: s.ballot, slot, value });
}

/** proposeNext puts a client value in the leader's next free slot, unless it is already proposed. */
export function proposeNext(s: PaxosState, value: Value, net: Net): void {
  if (Object.values(s.proposals).some((p) => p.value.id === value.id)) return;
  propose(s, s.nextSlot++, value, net);
}

/** heartbeat (leader): tell every node it leads, and re-send accepts unanswered for retryMs. */
export function heartbeat(s: PaxosState, net: Net): void {
  if (!s.leading || s.ballot === null) return;
  const others = s.nodes.filter((n) => n !== s.id);
  net.sendAll(others, { type: 'Heartbeat', ballot: s.ballot, chosenThrough: chosenThrough(s) });
  for (const [slot, p] of Object.entries(s.proposals)) {
    if (net.env.now - p.sentAt < s.config.retryMs) continue;
    p.sentAt = net.env.now;
    net.sendAll(s.quorums.acceptors, { type: 'Accept', ballot: s.ballot, slot: Number(slot), value: p.value });
  }
  net.env.setTimer('heartbeat', s.config.heartbeatMs);
}

/** stepDown ends this node's round or leadership because ballot `higher` beats it (`why` words where it was seen). */
export function stepDown(s: PaxosState, net: Net, why: string): void {
  if (s.ballot === null) return;
  net.env.note(`${s.id} abandons ballot ${ballotText(s.ballot)}: ${why}`);
  s.leading = false;
  s.phase = 'idle';
  if (s.config.mode === 'multi') {
    s.ballot = null;
    s.proposals = {};
    s.queue = [];
    net.env.clearTimer('heartbeat');
    net.env.clearTimer('retry');
    armLeaderTimeout(s, net);
  }
}

/** onNack: an acceptor promised higher; remember its round, and step down if it beats ours. */
export function onNack(s: PaxosState, m: Extract<PaxosMessage, { type: 'Nack' }>, net: Net): void {
  s.maxRound = Math.max(s.maxRound, m.promised.round);
  if (s.ballot === null || compareBallots(m.ballot, s.ballot) !== 0 || compareBallots(m.promised, s.ballot) <= 0) return;
  s.leader = m.promised.node;
  stepDown(s, net, `an acceptor promised ${ballotText(m.promised)}`);
}

/** armLeaderTimeout (Multi-Paxos) re-arms the wait for a leader's heartbeat, drawn from leaderTimeoutMs. */
export function armLeaderTimeout(s: PaxosState, net: Net): void {
  if (s.config.mode !== 'multi' || !mayPropose(s)) return;
  const [lo, hi] = s.config.leaderTimeoutMs;
  net.env.setTimer('leader-timeout', net.env.rng.int(lo, hi));
}
