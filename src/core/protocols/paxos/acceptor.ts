/**
 * The acceptor (Paxos Made Simple §2.2, rules 1b and 2b): it promises a prepare above every one it
 * answered, reporting its accepted proposals, and accepts an accept request unless it promised a
 * higher ballot (P1a). It persists both before replying (the simulator's persistent state is saved
 * with the step), and tells every learner what it accepted (§2.3).
 */
import { ballotText, compareBallots, type PaxosMessage, type Vote } from './messages';
import type { Net } from './net';
import type { PaxosState } from './state';
import type { NodeId } from '../../types';

/** onPrepare answers phase 1a with a Promise (1b) or a Nack naming the higher promise. */
export function onPrepare(s: PaxosState, from: NodeId, m: Extract<PaxosMessage, { type: 'Prepare' }>, net: Net): void {
  if (!s.acceptor) return;
  s.maxRound = Math.max(s.maxRound, m.ballot.round);
  if (compareBallots(m.ballot, s.promised) < 0) {
    net.send(from, { type: 'Nack', ballot: m.ballot, promised: s.promised });
    return;
  }
  s.promised = m.ballot;
  const accepted: [number, Vote][] = Object.entries(s.accepted)
    .map(([slot, vote]) => [Number(slot), vote] as [number, Vote])
    .filter(([slot]) => slot >= m.fromSlot)
    .sort((a, b) => a[0] - b[0]);
  net.env.record('promise', { ballot: ballotText(m.ballot), to: from, reported: accepted.map(([slot, v]) => ({ slot, ballot: ballotText(v.ballot), value: v.value.id })) });
  net.send(from, { type: 'Promise', ballot: m.ballot, accepted });
}

/**
 * onAccept answers phase 2a: accept unless a higher ballot was promised (P1a), then tell every
 * learner. With the `accept-below-promise` bug it accepts below its promise too.
 */
export function onAccept(s: PaxosState, from: NodeId, m: Extract<PaxosMessage, { type: 'Accept' }>, net: Net): void {
  if (!s.acceptor) return;
  s.maxRound = Math.max(s.maxRound, m.ballot.round);
  const below = compareBallots(m.ballot, s.promised) < 0;
  if (below && !s.config.bugs.includes('accept-below-promise')) {
    net.send(from, { type: 'Nack', ballot: m.ballot, promised: s.promised });
    return;
  }
  const before = s.promised;
  if (!below) s.promised = m.ballot;
  if (m.ballot.node !== s.id && !below) s.leader = m.ballot.node;
  s.accepted[m.slot] = { ballot: m.ballot, value: m.value };
  net.env.record('accept', { slot: m.slot, ballot: ballotText(m.ballot), value: m.value.id, promisedBefore: ballotText(before) });
  net.sendAll(s.nodes, { type: 'Accepted', ballot: m.ballot, slot: m.slot, value: m.value });
}
