/**
 * A tiny harness for Raft unit tests: one node stepped by hand-built inputs through a fake env that
 * records every effect, plus a synchronous pump that delivers sends between a few such nodes.
 */
import { Rng } from '../../prng';
import type { Input } from '../../protocol';
import { pumpWith, stepWith, type Effects as HarnessEffects, type HarnessNode } from '../../testing/step-harness';
import type { ClientId, NodeId, KvOp } from '../../types';
import { RAFT_DEFAULTS, type RaftConfig } from './config';
import { raft } from './index';
import type { Command, Entry, RaftMessage } from './messages';
import type { RaftState } from './state';

/** Effects is what one step asked for, in order per kind. */
export type Effects = HarnessEffects<RaftMessage>;

/** TestNode is one Raft node under test: its state, its random stream and its armed timers (name → afterMs). */
export type TestNode = HarnessNode<RaftState>;

/** makeNode gives a fresh follower `id` of cluster `nodes`, with RAFT_DEFAULTS overridden by `config`. */
export function makeNode(id: NodeId, nodes: readonly NodeId[], config: Partial<RaftConfig> = {}, seed = 1): TestNode {
  return { id, state: raft.init(id, nodes, { ...RAFT_DEFAULTS, ...config }), rng: Rng.derive(seed, 'node:' + id), now: 0, timers: new Map() };
}

/** stepNode runs one input on `node` and gives the effects it asked for. */
export function stepNode(node: TestNode, input: Input<RaftMessage>): Effects {
  return stepWith(raft, node, input, true);
}

/** deliver hands `msg` from `from` to `node`. */
export const deliver = (node: TestNode, from: NodeId, msg: RaftMessage): Effects => stepNode(node, { kind: 'message', from, msg });

/** fireTimer fires timer `name` on `node`. */
export const fireTimer = (node: TestNode, name: string): Effects => stepNode(node, { kind: 'timer', name });

/** request sends `node` a client request. */
export const request = (node: TestNode, client: ClientId, requestId: number, op: KvOp): Effects =>
  stepNode(node, { kind: 'request', client, requestId, op });

/** entry gives a log entry of `term`: a no-op, or a put of `key` when given. */
export function entry(term: number, key?: string): Entry {
  const command: Command =
    key === undefined ? { kind: 'noop' } : { kind: 'op', client: 'c0', requestId: 0, op: { f: 'put', key, value: key } };
  return { term, command };
}

/** logOf gives a log with one no-op entry per given term, index 1 first. */
export const logOf = (...terms: number[]): Entry[] => terms.map((t) => entry(t));

/** terms lists the terms of `node`'s log, index 1 first. */
export const terms = (node: TestNode): number[] => node.state.log.map((e) => e.term);

/** sendsOf keeps the sends of type `type`, narrowed. */
export function sendsOf<T extends RaftMessage['type']>(fx: Effects, type: T): { to: NodeId; msg: Extract<RaftMessage, { type: T }> }[] {
  return fx.sends.filter((s): s is { to: NodeId; msg: Extract<RaftMessage, { type: T }> } => s.msg.type === type);
}

/**
 * pump delivers `sends` (from node `from`) and everything they cause, first in first out, among
 * `nodes` (sends to other nodes are dropped), until quiet. Throws Error after `limit` deliveries.
 * Gives the effects of every step taken.
 */
export function pump(nodes: readonly TestNode[], from: NodeId, sends: Effects['sends'], limit = 10_000): Effects[] {
  return pumpWith(nodes, from, sends, deliver, undefined, limit);
}

/**
 * elect makes `node` leader of its next term: it times out, then receives granted votes from its
 * peers in order until it wins. Gives the effects of the step in which it became leader.
 * Throws Error if it does not win.
 */
export function elect(node: TestNode): Effects {
  let fx = stepNode(node, { kind: 'timeout' });
  for (const peer of node.state.peers) {
    if (node.state.role === 'leader') break;
    fx = deliver(node, peer, { type: 'RequestVoteReply', term: node.state.currentTerm, voteGranted: true });
  }
  if (node.state.role !== 'leader') throw new Error(`elect: ${node.id} did not win`);
  return fx;
}

/** ack delivers a successful AppendEntriesReply of the leader's term from `from`, matching up to `matchIndex`. */
export const ack = (leader: TestNode, from: NodeId, matchIndex: number): Effects =>
  deliver(leader, from, { type: 'AppendEntriesReply', term: leader.state.currentTerm, success: true, matchIndex });

/** appendEntries builds an AppendEntries of `term` from leader `leaderId`. */
export function appendEntries(
  term: number,
  prevLogIndex: number,
  prevLogTerm: number,
  entries: Entry[],
  leaderCommit: number,
  leaderId: NodeId = 'n2',
): RaftMessage {
  return { type: 'AppendEntries', term, leaderId, prevLogIndex, prevLogTerm, entries, leaderCommit };
}
