/**
 * A Paxos node's state. Every node is a learner and may propose; the acceptors (config) also keep
 * a promise and accepted proposals, which they persist before replying (Paxos Made Simple §2.5).
 */
import { applyOnce, createKv, createSessions, type KvStore, type Sessions } from '../../kv';
import type { ClientId, NodeId } from '../../types';
import { quorumsOf, type PaxosConfig, type Quorums } from './config';
import { ZERO_BALLOT, type Ballot, type Value, type Vote } from './messages';

/** PaxosPersistent survives a crash: the acceptor's promise and votes, the proposer's highest round, and what the learner knows chosen. */
export interface PaxosPersistent {
  /** The highest ballot this acceptor promised (answered a prepare for); ZERO_BALLOT: none. */
  promised: Ballot;
  /** Slot → the highest-ballot proposal this acceptor accepted there. */
  accepted: Record<number, Vote>;
  /** The highest round this node has used or seen, so a restarted proposer never reuses a ballot. */
  maxRound: number;
  /** Slot → the value this learner knows chosen. */
  chosen: Record<number, Value>;
}

/** Phase is where a proposer's current round is: none, phase 1 (prepare) or phase 2 (accept); a Multi-Paxos leader stays in `accept`. */
export type Phase = 'idle' | 'prepare' | 'accept';

/** Proposal is a value this proposer sent accept requests for, in its current ballot. */
export interface Proposal {
  value: Value;
  /** When the accepts were last sent (virtual ms), for re-sending. */
  sentAt: number;
}

/** PaxosState is one node's whole state. */
export interface PaxosState extends PaxosPersistent {
  id: NodeId;
  nodes: readonly NodeId[];
  config: PaxosConfig;
  quorums: Quorums;
  /** Whether this node is an acceptor. */
  acceptor: boolean;
  /** The ballot of this node's current round, null when it is not proposing. */
  ballot: Ballot | null;
  phase: Phase;
  /** Multi-Paxos: whether this node finished phase 1 and leads. */
  leading: boolean;
  /** Acceptor → its promise's reports, for the current round's phase 1. */
  promises: Record<NodeId, [number, Vote][]>;
  /** Slot → what this proposer asked acceptors to accept in its current ballot, until chosen. */
  proposals: Record<number, Proposal>;
  /** Client values waiting to be proposed (single-decree: the proposer's own value first). */
  queue: Value[];
  /** Multi-Paxos: the next free slot for the leader. */
  nextSlot: number;
  /** The leader this node last heard from, null if none. */
  leader: NodeId | null;
  /** Learner: slot → ballot text → acceptors that accepted it. */
  votes: Record<number, Record<string, NodeId[]>>;
  lastApplied: number;
  kv: KvStore;
  sessions: Sessions;
  /** Value id → the client request to answer when it is applied. */
  waiting: Record<string, { client: ClientId; requestId: number }>;
}

/** initState gives a fresh node. @throws Error if the config names nodes outside the cluster or oversized quorums. */
export function initState(id: NodeId, nodes: readonly NodeId[], config: PaxosConfig): PaxosState {
  return fromPersistent({ promised: ZERO_BALLOT, accepted: {}, maxRound: 0, chosen: {} }, id, nodes, config);
}

function fromPersistent(p: PaxosPersistent, id: NodeId, nodes: readonly NodeId[], config: PaxosConfig): PaxosState {
  const quorums = quorumsOf(config, nodes);
  const s: PaxosState = {
    ...p,
    id, nodes, config, quorums,
    acceptor: quorums.acceptors.includes(id),
    ballot: null, phase: 'idle', leading: false, promises: {}, proposals: {}, queue: [], nextSlot: 1, leader: null,
    votes: {}, lastApplied: 0, kv: createKv(), sessions: createSessions(), waiting: {},
  };
  replay(s);
  return s;
}

/** persistentOf copies what survives a crash. */
export function persistentOf(s: PaxosState): PaxosPersistent {
  return structuredClone({ promised: s.promised, accepted: s.accepted, maxRound: s.maxRound, chosen: s.chosen });
}

/** recoverState rebuilds a node after a restart: its store is replayed from the chosen prefix. */
export const recoverState = (p: PaxosPersistent, id: NodeId, nodes: readonly NodeId[], config: PaxosConfig): PaxosState => fromPersistent(structuredClone(p), id, nodes, config);

/** replay applies the contiguous chosen prefix to a fresh store, without answering anyone. */
function replay(s: PaxosState): void {
  while (s.chosen[s.lastApplied + 1] !== undefined) {
    const v = s.chosen[s.lastApplied + 1]!;
    if (v.op !== null && v.client !== null) applyOnce(s.kv, s.sessions, v.client, v.requestId, v.op);
    s.lastApplied++;
  }
}

/** chosenThrough is the highest slot n such that slots 1…n are all known chosen. */
export function chosenThrough(s: Pick<PaxosState, 'chosen'>): number {
  let n = 0;
  while (s.chosen[n + 1] !== undefined) n++;
  return n;
}

/** maxSlot is the highest slot this node has accepted or knows chosen (0: none). */
export function maxSlot(s: Pick<PaxosState, 'chosen' | 'accepted'>): number {
  let n = 0;
  for (const k of Object.keys(s.chosen)) n = Math.max(n, Number(k));
  for (const k of Object.keys(s.accepted)) n = Math.max(n, Number(k));
  return n;
}
