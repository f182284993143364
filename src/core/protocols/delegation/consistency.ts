/**
 * Delegation's end-of-run checks, as one consistency model ("Tasks complete"), judged on the
 * finished run once faults end:
 * - every accepted task completes: each submit a client heard "accepted" for has its effect applied;
 * - a shed request is refused with a reason: each `shed` record has a failed reply naming it;
 * - with equal capabilities, equal durations and no faults, the tasks given to the followers differ
 *   by at most one (round robin, least loaded and capability match; consistent hashing balances only
 *   in expectation, Karger et al. §4).
 */
import type { ConsistencyInput, ConsistencyResult, ConsistencySpec } from '../plugin';
import type { NodeId } from '../../types';
import { capabilitiesOf, delegationConfig, patienceMs, type DelegationConfig } from './config';

type Rec = ConsistencyInput['records'][number];

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
const list = (xs: readonly string[]): string => (xs.length <= 4 ? xs.join(', ') : `${xs.slice(0, 4).join(', ')} and ${xs.length - 4} more`);

/** configOf reads the scenario's delegation config. */
export const configOf = (input: Pick<ConsistencyInput, 'scenario'>): DelegationConfig => delegationConfig(input.scenario.config as Partial<DelegationConfig>);

/** lastFaultAt gives when the last action other than a client request ran (virtual ms), 0 if none. */
export function lastFaultAt(input: Pick<ConsistencyInput, 'scenario' | 'now'>): number {
  let at = 0;
  for (const a of input.scenario.timeline) if (a.at <= input.now && a.action !== 'request') at = Math.max(at, a.at);
  return at;
}

/** graceMs is how long (virtual ms) after the last fault an accepted task may still be on its way. */
export function graceMs(config: DelegationConfig, longestTaskMs: number, maxLatencyMs: number): number {
  return 2 * longestTaskMs + 4 * patienceMs(config) + config.maxBackoffMs + config.breakerCoolDownMs + 20 * maxLatencyMs;
}

/** Accepted is a task a client heard "accepted" (or "done") for: when first, and how long it runs (virtual ms). */
interface Accepted {
  at: number;
  durationMs: number;
}

/** acceptedTasks gives the tasks clients heard "accepted" for, and every task id submitted. */
function acceptedTasks(input: ConsistencyInput): { accepted: Map<string, Accepted>; submitted: Set<string>; longest: number } {
  const accepted = new Map<string, Accepted>();
  const submitted = new Set<string>();
  let longest = 0;
  for (const r of input.history) {
    if (r.op.f !== 'submit') continue;
    const id = String(r.op.id);
    if (r.phase === 'invoke') {
      submitted.add(id);
      longest = Math.max(longest, Number(r.op.durationMs) || 0);
    } else if (r.phase === 'ok' && !accepted.has(id)) accepted.set(id, { at: r.t, durationMs: Number(r.op.durationMs) || 0 });
  }
  return { accepted, submitted, longest };
}

/** balance gives the tasks given per follower when the run qualifies for the balance check, else null. */
export function balance(input: ConsistencyInput, config: DelegationConfig): Map<NodeId, number> | null {
  if (config.policy === 'consistent-hash' || lastFaultAt(input) > 0) return null;
  const durations = new Set(input.history.filter((r) => r.phase === 'invoke' && r.op.f === 'submit').map((r) => Number(r.op.durationMs)));
  if (durations.size > 1) return null;
  const coordinators = new Set(input.records.filter((r) => r.kind === 'announce').map((r) => r.node));
  const followers = input.scenario.nodes.filter((n) => !coordinators.has(n));
  const caps = new Set(followers.map((n) => [...capabilitiesOf(config, n)].sort().join(' ')));
  if (caps.size > 1 || followers.length === 0) return null;
  const given = new Map(followers.map((n) => [n, 0]));
  for (const r of input.records) if (r.kind === 'assign' && given.has(String(r.worker))) given.set(String(r.worker), given.get(String(r.worker))! + 1);
  return given;
}

/**
 * checkTasks judges a run (see the module comment). An accepted task not yet complete is judged only
 * once it has had time: its duration and ten heartbeats after its acceptance when no fault came
 * since (younger ones are still running), {@link graceMs} after the last fault otherwise; and only
 * when every node is up and connected at the end.
 */
export function checkTasks(input: ConsistencyInput): ConsistencyResult {
  const { accepted, submitted, longest } = acceptedTasks(input);
  const operations = submitted.size;
  if (!input.final) return { verdict: 'unknown', reason: 'tasks are judged on the finished run: before then an accepted task may still be running', operations };
  const config = configOf(input);
  const maxLatency = input.scenario.network.latencyMs[1];
  const completed = new Set(input.records.filter((r) => r.kind === 'complete').map((r) => String(r.task)));
  const lastFault = lastFaultAt(input);
  const repaired = input.live.length === input.scenario.nodes.length && input.scenario.nodes.every((a) => input.scenario.nodes.every((b) => a === b || input.connected(a, b)));
  const afterFault = graceMs(config, longest, maxLatency);
  const missing: string[] = [];
  const young: string[] = [];
  for (const [id, a] of accepted) {
    if (completed.has(id)) continue;
    const due = a.at > lastFault ? a.at + a.durationMs + 10 * config.heartbeatMs + 20 * maxLatency : Math.max(a.at, lastFault) + afterFault;
    (repaired && input.now >= due ? missing : young).push(id);
  }
  if (missing.length) {
    return { verdict: 'fail', reason: `${plural(missing.length, 'accepted task')} never completed: ${list(missing)}`, operations, detail: `${missing.length} of ${accepted.size} accepted tasks lost` };
  }
  const unanswered = unansweredSheds(input, maxLatency);
  if (unanswered.length) {
    return { verdict: 'fail', reason: `${plural(unanswered.length, 'shed request')} got no reply naming the reason: ${list(unanswered.map((r) => `${String(r.task)} from ${String(r.client)}`))}`, operations, nodes: [...new Set(unanswered.map((r) => r.node))] };
  }
  const given = balance(input, config);
  if (given && given.size > 0) {
    const counts = [...given.values()];
    if (Math.max(...counts) - Math.min(...counts) > 1) {
      const words = [...given].map(([n, k]) => `${n} ${k}`).join(', ');
      return { verdict: 'fail', reason: `with equal capabilities and no faults the followers' loads differ by more than one task: ${words}`, operations, nodes: [...given.keys()] };
    }
  }
  if (young.length && lastFault > 0 && !repaired) return { verdict: 'unknown', reason: `faults are still in force at the end, and ${plural(young.length, 'accepted task')} wait: ${list(young)}`, operations };
  if (young.length && young.some((id) => accepted.get(id)!.at <= lastFault)) return { verdict: 'unknown', reason: `${plural(young.length, 'accepted task')} still on their way less than the grace after the last fault: ${list(young)}`, operations };
  const shed = input.records.filter((r) => r.kind === 'shed').length;
  const running = young.length ? `, ${young.length} still running` : '';
  return { verdict: 'ok', operations, detail: `${accepted.size} accepted: ${accepted.size - young.length} completed${running}; ${plural(shed, 'request')} shed with a reason${given ? '; loads within one task' : ''}` };
}

/** unansweredSheds gives the shed records whose client got no failed reply naming the reason. */
function unansweredSheds(input: ConsistencyInput, maxLatencyMs: number): Rec[] {
  const out: Rec[] = [];
  for (const r of input.records) {
    if (r.kind !== 'shed' || r.t > input.now - 2 * maxLatencyMs - 1) continue;
    const reason = String(r.reason ?? '');
    const answered = reason !== '' && input.history.some((h) => h.phase === 'fail' && h.client === r.client && h.t >= r.t && String(h.result).includes(reason));
    if (!answered) out.push(r);
  }
  return out;
}

/** TASKS_COMPLETE is delegation's consistency spec. */
export const TASKS_COMPLETE: ConsistencySpec = {
  id: 'tasks-complete',
  title: 'Tasks complete',
  description: 'Once faults end, every accepted task completes; every shed request is refused with a reason; with equal followers and no faults, loads differ by at most one task.',
  source: 'Issue 14 §3; idempotent completion by task id; Nygard, Release It! ch. 5 (shed load, never queue without end)',
  check: checkTasks,
};
