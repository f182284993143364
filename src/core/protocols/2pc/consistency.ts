/**
 * Atomic commit as a consistency model (ConsistencySpec `atomic-commit`), judged on a run's records
 * and client history (Bernstein, Hadzilacos & Goodman §7.2, AC1–AC5; Gray & Lamport 2006):
 * - Atomicity and Commit validity, as the safety monitor checks them (invariants.ts);
 * - the clients' outcomes agree with the decisions: `ok` only for a committed transaction, `aborted`
 *   only for an aborted one;
 * - Non-triviality: a transaction on which every participant voted commit is aborted only if a
 *   fault was scripted before its decision (a crash, a partition, a link change…) or the network is
 *   lossy or slow enough for its vote timeout to fire;
 * - Termination, on a finished run whose faults are all repaired (every node up and connected):
 *   every transaction begun long enough before the end is decided by its coordinator and every
 *   participant. 2PC only terminates once the coordinator is back, so a run that ends with it down
 *   is not judged.
 */
import type { ClientRecord } from '../../check/checked-run';
import type { ConsistencyInput, ConsistencyResult, ConsistencySpec } from '../plugin';
import type { NodeId } from '../../types';
import { TWO_PC_DEFAULTS, type TwoPcConfig } from './config';
import { TxnBook } from './invariants';

/** NOT_FAULTS are the timeline actions that are not faults. */
const NOT_FAULTS = new Set(['request', 'heal', 'restart']);

/** settleMs is how long (virtual ms) a transaction may take without faults before termination is judged. */
export const settleMs = (c: TwoPcConfig): number => c.voteTimeoutMs + 4 * c.decisionTimeoutMs + 2 * c.ackTimeoutMs + 4 * c.logWriteMs;

/** clientOutcomes maps each transaction id (`client#k`, the client's k-th invoke) to its client outcome. */
function clientOutcomes(history: readonly ClientRecord[]): { count: number; outcomes: Map<string, { phase: string; result: unknown }> } {
  const invoked = new Map<string, number>();
  const pending = new Map<string, string>();
  const outcomes = new Map<string, { phase: string; result: unknown }>();
  let count = 0;
  for (const r of history) {
    if (r.phase === 'invoke') {
      const k = (invoked.get(r.client) ?? 0) + 1;
      invoked.set(r.client, k);
      pending.set(r.client, `${r.client}#${k}`);
      count++;
    } else {
      const txn = pending.get(r.client);
      if (txn) outcomes.set(txn, { phase: r.phase, result: r.result });
      pending.delete(r.client);
    }
  }
  return { count, outcomes };
}

/** checkAtomicCommit judges a run against the atomic-commit model. */
export function checkAtomicCommit(input: ConsistencyInput): ConsistencyResult {
  const config: TwoPcConfig = { ...TWO_PC_DEFAULTS, ...(input.scenario.config as Partial<TwoPcConfig>) };
  const book = new TxnBook();
  const fail = (reason: string, nodes: NodeId[], operations: number): ConsistencyResult => ({ verdict: 'fail', reason, operations, nodes });
  const { count, outcomes } = clientOutcomes(input.history);
  for (const r of input.records) {
    const broken = book.add(r)[0];
    if (broken) return fail(`${broken.property}: ${broken.text}`, broken.nodes, count);
  }
  let committed = 0;
  let aborted = 0;
  const coordinatorOf = new Map<string, NodeId>();
  for (const r of input.records) if (r.kind === 'begin') coordinatorOf.set(String(r.txn), r.node);
  for (const f of book.txns.values()) {
    const coordinator = coordinatorOf.get(f.txn);
    const decided = coordinator ? f.decisions.get(coordinator) : [...f.decisions.values()][0];
    if (decided?.decision === 'commit') committed++;
    else if (decided?.decision === 'abort') aborted++;
    const client = outcomes.get(f.txn);
    if (client?.phase === 'ok' && decided?.decision !== 'commit') return fail(`the client was told ${f.txn} committed, but it was ${decided ? 'aborted' : 'never decided'}`, coordinator ? [coordinator] : [], count);
    if (client?.phase === 'fail' && String(client.result).startsWith('aborted') && decided?.decision === 'commit') return fail(`the client was told ${f.txn} aborted, but it committed`, coordinator ? [coordinator] : [], count);
    const allYes = f.participants !== null && f.participants.every((p) => f.votes.get(p) === 'commit');
    if (allYes && decided?.decision === 'abort' && !excused(input, config, decided.t)) {
      return fail(`Non-triviality: every participant voted commit on ${f.txn} and nothing failed, yet it aborted`, coordinator ? [coordinator] : [], count);
    }
  }
  const detail = `${book.txns.size} transactions: ${committed} committed, ${aborted} aborted`;
  if (!input.final) return { verdict: 'ok', operations: count, detail };
  const down = input.scenario.nodes.filter((n) => !input.live.includes(n));
  const cut = input.scenario.nodes.some((a) => input.scenario.nodes.some((b) => a !== b && !input.connected(a, b)));
  if (down.length > 0 || cut) return { verdict: 'ok', operations: count, detail: `${detail}; termination not judged: ${down.length ? `${down.join(', ')} down` : 'the network is still cut'}` };
  for (const f of book.txns.values()) {
    const coordinator = coordinatorOf.get(f.txn);
    if (!coordinator || f.begunAt === null || f.begunAt > input.now - settleMs(config)) continue;
    const waiting = [coordinator, ...(f.participants ?? [])].filter((n) => !f.decisions.has(n));
    if (waiting.length > 0) return fail(`Termination: ${waiting.join(', ')} never decided ${f.txn}, though every fault was repaired`, waiting, count);
  }
  return { verdict: 'ok', operations: count, detail };
}

/** excused tells whether an abort at `t` (virtual ms) has a fault to blame: a scripted fault before it, or a lossy or slow network. */
function excused(input: ConsistencyInput, config: TwoPcConfig, t: number): boolean {
  const { network, timeline } = input.scenario;
  if (network.loss > 0) return true;
  if (2 * network.latencyMs[1] + config.logWriteMs >= config.voteTimeoutMs) return true;
  return timeline.some((a) => a.at <= t && !NOT_FAULTS.has(a.action));
}

/** ATOMIC_COMMIT is two-phase commit's consistency model. */
export const ATOMIC_COMMIT: ConsistencySpec = {
  id: 'atomic-commit',
  title: 'Atomic commit',
  description: 'Every transaction commits everywhere or nowhere, commits when all vote yes and nothing fails, tells clients the truth, and is decided once faults are repaired.',
  source: 'Bernstein, Hadzilacos & Goodman 1987, §7.2 (AC1–AC5); Gray & Lamport 2006',
  check: checkAtomicCommit,
};
