/**
 * The bully election (Garcia-Molina 1982, as restated in more-protocols.md §4) as pure functions
 * over a plain slice of a node's state, so any protocol can elect its coordinator with it: bully
 * itself, and delegation's coordinator.
 *
 * How to embed it:
 * 1. keep an {@link ElectionSlice} in the node state (make it with {@link newElection});
 * 2. add {@link ElectionMessage} to the protocol's message union;
 * 3. route to it: an Election, Answer or Coordinator message → {@link onElectionMessage}; a timer
 *    named in {@link ELECTION_TIMERS} → {@link onElectionTimer}; the coordinator suspected by the
 *    node's failure detector, or the node (re)starting → {@link startElection};
 * 4. keep `scores[self]` current (priority + health − load in score mode, 0 in id mode) and note
 *    other nodes' scores as messages bring them (every message here carries one);
 * 5. declare {@link ELECTION_RECORD_KINDS} among the protocol's record kinds.
 * The `out` argument is the step's env (StepEnv satisfies {@link ElectionOut}). The slice is mutated
 * in place, as a step mutates its state; nothing reads a clock or a random stream.
 *
 * Rules (numbers as in more-protocols.md §4): 1. on detecting a coordinator failure or recovering,
 * the highest node announces itself, any other sends ELECTION to every higher one; 2. no ANSWER
 * within T → take over and announce; 3. an ANSWER → wait for COORDINATOR, and start again if none
 * comes within T′; 4. ELECTION from a lower node → ANSWER and start one's own election; 5.
 * COORDINATOR → adopt the sender. Rule 5 is refined so that reordered announcements cannot leave a
 * node with a lower coordinator than one it still trusts: a node adopts a higher sender unless it
 * already follows a yet higher coordinator it does not suspect; and a node that outranks the sender
 * bullies it (announces itself if it coordinates, else starts an election).
 */
import type { RecordKind } from '../../protocol';
import type { NodeId } from '../../types';
import type { AnswerMsg, ElectionMessage, ElectionMsg } from './messages';

/**
 * ElectionSlice is a node's election state:
 * - `phase`: `idle` (following `coordinator`, or coordinating when it is `self`), `electing` (sent
 *   ELECTION, waiting T for an ANSWER) or `waiting` (answered, waiting T′ for COORDINATOR);
 * - `coordinator`: the coordinator this node accepts, itself when it coordinates, null during an election;
 * - `round`: how many elections this node has started (the `round` of its records);
 * - `scores`: the last score heard from every node (its own kept current by the protocol).
 */
export interface ElectionSlice {
  self: NodeId;
  nodes: readonly NodeId[];
  phase: 'idle' | 'electing' | 'waiting';
  coordinator: NodeId | null;
  round: number;
  scores: Record<NodeId, number>;
}

/** ElectionOptions are the election's knobs: T and T′ (virtual ms) and the teaching bugs on. */
export interface ElectionOptions {
  answerTimeoutMs: number;
  coordinatorTimeoutMs: number;
  bugs: readonly string[];
  /** suspected tells whether the node's failure detector suspects `peer` now. */
  suspected(peer: NodeId): boolean;
}

/** ElectionOut is what the election does: a step env's send, timers and records. */
export interface ElectionOut {
  send(to: NodeId, msg: ElectionMessage): void;
  setTimer(name: string, afterMs: number): void;
  clearTimer(name: string): void;
  record(kind: string, fields: Record<string, unknown>): void;
}

/** ELECTION_TIMERS names the election's timers: T (waiting for an ANSWER) and T′ (for COORDINATOR). */
export const ELECTION_TIMERS = { answer: 'answer-wait', coordinator: 'coordinator-wait' } as const;

/** ELECTION_RECORD_KINDS declares the election's trace records. */
export const ELECTION_RECORD_KINDS: readonly RecordKind[] = [
  { kind: 'election', title: 'a node starts an election', fields: { round: 'the node’s election count', reason: 'why, in words', to: 'the higher-ranked nodes sent ELECTION' } },
  { kind: 'answer', title: 'a node answers a lower candidate (OK)', fields: { to: 'the candidate', round: 'the candidate’s round' } },
  { kind: 'coordinator', title: 'a node announces itself coordinator', fields: { round: 'its election count', score: 'its score' } },
  { kind: 'adopt', title: 'a node accepts a coordinator', fields: { coordinator: 'the coordinator accepted', round: 'the node’s election count' } },
];

/** newElection gives node `self`'s slice at start: idle, no coordinator, the scores given. */
export function newElection(self: NodeId, nodes: readonly NodeId[], scores: Record<NodeId, number>): ElectionSlice {
  return { self, nodes, phase: 'idle', coordinator: null, round: 0, scores: { ...scores } };
}

/**
 * outranks tells whether node `a` ranks above node `b`: the higher known score, ties broken by
 * cluster order (later ids rank higher: n5 above n4). In id mode every score is 0.
 */
export function outranks(s: Pick<ElectionSlice, 'nodes' | 'scores'>, a: NodeId, b: NodeId): boolean {
  const sa = s.scores[a] ?? 0;
  const sb = s.scores[b] ?? 0;
  if (sa !== sb) return sa > sb;
  return s.nodes.indexOf(a) > s.nodes.indexOf(b);
}

/** isCoordinator tells whether the node believes it coordinates. */
export const isCoordinator = (s: ElectionSlice): boolean => s.phase === 'idle' && s.coordinator === s.self;

/** higherThanSelf lists the nodes that outrank this one, in cluster order. */
export const higherThanSelf = (s: ElectionSlice): NodeId[] => s.nodes.filter((n) => n !== s.self && outranks(s, n, s.self));

/** clearTimers disarms T and T′. */
function clearTimers(out: ElectionOut): void {
  out.clearTimer(ELECTION_TIMERS.answer);
  out.clearTimer(ELECTION_TIMERS.coordinator);
}

/** becomeCoordinator takes over and announces it to every other node (rules 1, 2). */
export function becomeCoordinator(s: ElectionSlice, out: ElectionOut): void {
  s.phase = 'idle';
  s.coordinator = s.self;
  clearTimers(out);
  const score = s.scores[s.self] ?? 0;
  out.record('coordinator', { round: s.round, score });
  for (const n of s.nodes) if (n !== s.self) out.send(n, { type: 'Coordinator', score, round: s.round });
}

/**
 * startElection starts a new election (rule 1): the highest node takes over at once; any other
 * sends ELECTION to every higher one and waits T for an ANSWER. `reason` goes into the record.
 */
export function startElection(s: ElectionSlice, out: ElectionOut, opts: ElectionOptions, reason: string): void {
  s.round++;
  s.coordinator = null;
  clearTimers(out);
  const higher = higherThanSelf(s);
  out.record('election', { round: s.round, reason, to: higher });
  if (higher.length === 0) {
    becomeCoordinator(s, out);
    return;
  }
  s.phase = 'electing';
  const score = s.scores[s.self] ?? 0;
  for (const n of higher) out.send(n, { type: 'Election', score, round: s.round });
  out.setTimer(ELECTION_TIMERS.answer, opts.answerTimeoutMs);
}

/** onElection handles ELECTION from `from` (rule 4): a higher node answers, and takes over or re-announces. */
function onElection(s: ElectionSlice, from: NodeId, m: ElectionMsg, out: ElectionOut, opts: ElectionOptions): void {
  if (!outranks(s, s.self, from)) return;
  const score = s.scores[s.self] ?? 0;
  out.send(from, { type: 'Answer', score });
  out.record('answer', { to: from, round: m.round });
  if (isCoordinator(s)) out.send(from, { type: 'Coordinator', score, round: s.round });
  else if (s.phase === 'idle') startElection(s, out, opts, `ELECTION from ${from}`);
}

/** onAnswer handles ANSWER (rule 3): stop waiting for answers, wait T′ for COORDINATOR. */
function onAnswer(s: ElectionSlice, _from: NodeId, _m: AnswerMsg, out: ElectionOut, opts: ElectionOptions): void {
  if (s.phase !== 'electing') return;
  s.phase = 'waiting';
  out.clearTimer(ELECTION_TIMERS.answer);
  if (!opts.bugs.includes('no-coordinator-timeout')) out.setTimer(ELECTION_TIMERS.coordinator, opts.coordinatorTimeoutMs);
}

/**
 * onCoordinator handles a COORDINATOR claim by `from` (an announcement, or a heartbeat saying it
 * coordinates). Rule 5, refined (see the module comment): a higher sender is adopted unless the node
 * follows a yet higher coordinator it does not suspect; a lower one is bullied.
 */
export function onCoordinator(s: ElectionSlice, from: NodeId, out: ElectionOut, opts: ElectionOptions): void {
  if (from === s.self) return;
  if (!outranks(s, from, s.self)) {
    if (isCoordinator(s)) becomeCoordinator(s, out);
    else if (s.phase === 'idle') startElection(s, out, opts, `outranks ${from}, which claims to coordinate`);
    return;
  }
  if (isCoordinator(s) && opts.bugs.includes('ignore-higher-coordinator')) return;
  const cur = s.coordinator;
  const keep = s.phase === 'idle' && cur !== null && cur !== from && cur !== s.self && outranks(s, cur, from) && !opts.suspected(cur);
  if (keep) return;
  const changed = s.coordinator !== from || s.phase !== 'idle';
  s.phase = 'idle';
  s.coordinator = from;
  clearTimers(out);
  if (changed) out.record('adopt', { coordinator: from, round: s.round });
}

/**
 * onElectionMessage handles one of the election's messages from `from`, after noting the score it
 * carries.
 */
export function onElectionMessage(s: ElectionSlice, from: NodeId, m: ElectionMessage, out: ElectionOut, opts: ElectionOptions): void {
  s.scores[from] = m.score;
  switch (m.type) {
    case 'Election':
      onElection(s, from, m, out, opts);
      return;
    case 'Answer':
      onAnswer(s, from, m, out, opts);
      return;
    case 'Coordinator':
      onCoordinator(s, from, out, opts);
      return;
    default: {
      const never: never = m;
      throw new Error(`unknown election message ${JSON.stringify(never)}`);
    }
  }
}

/**
 * onElectionTimer handles the election's timers: T ran out with no ANSWER → take over (rule 2); T′
 * ran out with no COORDINATOR → start again (rule 3). Returns false for a timer that is not the
 * election's.
 */
export function onElectionTimer(s: ElectionSlice, name: string, out: ElectionOut, opts: ElectionOptions): boolean {
  if (name === ELECTION_TIMERS.answer) {
    if (s.phase === 'electing') becomeCoordinator(s, out);
    return true;
  }
  if (name === ELECTION_TIMERS.coordinator) {
    if (s.phase === 'waiting') startElection(s, out, opts, 'no COORDINATOR after an ANSWER');
    return true;
  }
  return false;
}
