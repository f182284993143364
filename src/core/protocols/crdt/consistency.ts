/**
 * The CRDT consistency model, strong eventual consistency (Shapiro et al. 2011, RR-7506 Def. 2.3
 * and §2.2), judged on the finished run after healing and quiescence:
 * - every live replica in a connected group holds the same state;
 * - a group that holds every update holds the type's value computed from the history
 *   (semantics.ts): the sum, add-wins, or the latest write by timestamp;
 * - (LWW) no acknowledged write lost to a write its replica had already seen.
 */
import { connectedGroups } from '../../check/groups';
import type { NodeId } from '../../types';
import type { ConsistencyInput, ConsistencyResult, ConsistencySpec } from '../plugin';
import { crdtConfig, type CrdtConfig } from './config';
import { canonical, query, showQuery } from './lattice';
import { expectedQuery, lostWrites } from './semantics';
import type { CrdtDetail } from './state';
import { compare, merge, total, type VClock } from './vclock';

/**
 * graceMs is how long (virtual ms) after the last fault, repair or update replicas may still
 * differ: 12 anti-entropy rounds, each a round trip at the slowest latency (random push-pull
 * spreads to n replicas in O(log n) rounds).
 */
export const graceMs = (config: CrdtConfig, maxLatencyMs: number): number => 12 * (config.periodMs + 2 * maxLatencyMs);

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** checkSec judges a run (see the module comment). `unknown` before the run is final or within the grace. */
export function checkSec(input: ConsistencyInput): ConsistencyResult {
  const config = crdtConfig(input.scenario.config as Partial<CrdtConfig>);
  const updates = input.records.filter((r) => r.kind === 'update');
  const operations = updates.length;
  const lost = config.type === 'lww-register' ? lostWrites(input.records) : [];
  if (lost.length) {
    const l = lost[0]!;
    return {
      verdict: 'fail',
      reason: `the acknowledged write "${l.value}" at ${l.node} (${(l.t / 1000).toFixed(2)} s) was lost: its clock stamped it ${l.ts[0]} ms, below the timestamp ${l.observed[0]} ms (${l.observed[1]}) it had already seen, so last-writer-wins kept the older write${lost.length > 1 ? ` (and ${lost.length - 1} more)` : ''}`,
      operations,
      nodes: [...new Set(lost.map((x) => x.node))],
      detail: `${plural(lost.length, 'lost write')}`,
    };
  }
  if (!input.final) return { verdict: 'unknown', reason: 'strong eventual consistency is judged on the finished run: until then updates may still be on their way', operations };
  const grace = graceMs(config, input.scenario.network.latencyMs[1]);
  let quiet = 0;
  for (const a of input.scenario.timeline) if (a.at <= input.now) quiet = Math.max(quiet, a.at);
  for (const r of input.records) if (r.kind === 'update') quiet = Math.max(quiet, r.t);
  const settled = input.now - quiet >= grace;
  const expected = expectedQuery(config.type, input.records);
  let all: VClock = {};
  for (const r of updates) all = merge(all, r.vv as VClock);
  const problems: { nodes: NodeId[]; words: string }[] = [];
  let groupsChecked = 0;
  const groups = connectedGroups(input);
  const whole = groups.length === 1 && input.live.length === input.scenario.nodes.length;
  for (const group of groups) {
    const details = group.map((id) => [id, input.view.inspect(id).protocolDetail as CrdtDetail] as const);
    const [firstId, first] = details[0]!;
    const odd = details.filter(([, d]) => canonical(d.payload) !== canonical(first.payload) || compare(d.vv, first.vv) !== 'equal');
    if (odd.length) {
      const [id, d] = odd[0]!;
      problems.push({ nodes: [firstId, ...odd.map(([x]) => x)], words: `${id} holds ${d.value} but ${firstId} holds ${first.value}${odd.length > 1 ? ` (${odd.length} replicas differ from ${firstId})` : ''}` });
      continue;
    }
    groupsChecked++;
    const cmp = compare(first.vv, all);
    if (cmp !== 'equal' && cmp !== 'after') {
      // Updates held only by replicas down or cut off may be missing; with every replica up and
      // connected, none may.
      if (whole) problems.push({ nodes: group, words: `every replica is up and connected, yet they hold ${plural(total(first.vv), 'update')} of ${operations}` });
      continue;
    }
    const got = query(first.payload);
    if (JSON.stringify(got) !== JSON.stringify(expected)) {
      problems.push({ nodes: group, words: `the replicas agree on ${first.value}, but the ${config.type}'s semantics give ${showQuery(expected)} from the ${plural(operations, 'update')}` });
    }
  }
  if (problems.length) {
    if (!settled) return { verdict: 'unknown', reason: `replicas still converging less than ${(grace / 1000).toFixed(1)} s after the last update or fault: ${problems[0]!.words}`, operations };
    return { verdict: 'fail', reason: `after healing and ${(grace / 1000).toFixed(1)} s of quiet: ${problems.map((p) => p.words).join('; ')}`, operations, nodes: [...new Set(problems.flatMap((p) => p.nodes))] };
  }
  return { verdict: 'ok', operations, detail: `${plural(input.live.length, 'live replica')} in ${plural(groupsChecked, 'group')} agree on ${showQuery(expected)} (${plural(operations, 'update')})` };
}

/** STRONG_EVENTUAL is the CRDT consistency spec. */
export const STRONG_EVENTUAL: ConsistencySpec = {
  id: 'strong-eventual-consistency',
  title: 'Strong eventual consistency',
  description: 'Once faults end, connected replicas hold equal states, equal to the type’s value computed from every update (a sum, add-wins, the latest write).',
  source: 'Shapiro et al. 2011 (INRIA RR-7506), Def. 2.3 and §2.2; Spec. 6, 7, 8, 15',
  check: checkSec,
};
