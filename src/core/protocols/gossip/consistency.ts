/**
 * Gossip's consistency model, eventual delivery. (Its run reports use the default recovery of a
 * leader-free protocol: every node up and reachable, since a value then spreads to all.)
 * Demers et al. 1987 promise that an update reaches every site eventually (anti-entropy: "with
 * probability 1", §1.2); rumour mongering alone may leave a residue (§1.4). So the check asks, of
 * the finished run: does every live node hold every value held by a live node it is connected to?
 */
import type { ConsistencyInput, ConsistencyResult, ConsistencySpec } from '../plugin';
import type { NodeId, VirtualMs } from '../../types';
import { gossipConfig, type GossipConfig } from './config';
import type { GossipDetail, GossipState } from './state';
import { connectedGroups } from '../../check/groups';

/**
 * graceMs is how long (virtual ms) after a value's first receipt, or after the last fault or repair,
 * a missing value is not yet a failure: 20 cycles and 5 anti-entropy rounds, each with a round
 * trip at the slowest latency. For 100 nodes push-pull needs about log₃ n + ln ln n ≈ 6 cycles (§1.3).
 */
export function graceMs(config: GossipConfig, maxLatencyMs: number): number {
  return 20 * (config.periodMs + 2 * maxLatencyMs) + (config.antiEntropyMs > 0 ? 5 * (config.antiEntropyMs + 2 * maxLatencyMs) : 0);
}

/** heldBy gives the values node `id` holds, with each one's arrival time (virtual ms). */
function heldBy(input: ConsistencyInput, id: NodeId): ReadonlyMap<string, { at: VirtualMs }> {
  const s = input.view.state(id) as GossipState | undefined;
  if (s && s.values instanceof Map) return s.values;
  const detail = input.view.inspect(id).protocolDetail as GossipDetail;
  return new Map(detail.values.map((x) => [x.value, x]));
}

/** Missing is one value a live node lacks though a node it reaches holds it. */
interface Missing {
  node: NodeId;
  value: string;
  /** Virtual ms since the value's first receipt or the last fault or repair, whichever is later. */
  quietMs: number;
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** words lists up to three misses, e.g. `n7 lacks v5 (8.2 s after it arrived), n9 lacks v5 …`. */
const words = (ms: readonly Missing[]): string =>
  ms
    .slice(0, 3)
    .map((m) => `${m.node} lacks ${m.value} (${(m.quietMs / 1000).toFixed(1)} s quiet)`)
    .join(', ') + (ms.length > 3 ? ` and ${ms.length - 3} more` : '');

/**
 * checkEventualDelivery judges a run: `unknown` before the run is final, or while a missing value is
 * younger than {@link graceMs}; `fail` when a live node lacks a value held in its group beyond that.
 */
export function checkEventualDelivery(input: ConsistencyInput): ConsistencyResult {
  const broadcast = new Set<string>();
  for (const r of input.history) if (r.phase === 'invoke' && r.op.f === 'broadcast') broadcast.add(String(r.op.value));
  const operations = broadcast.size;
  if (!input.final) return { verdict: 'unknown', reason: 'eventual delivery is judged on the finished run: before then a value may still be on its way', operations };
  const config = gossipConfig(input.scenario.config as Partial<GossipConfig>);
  const grace = graceMs(config, input.scenario.network.latencyMs[1]);
  let disturbed = 0;
  for (const a of input.scenario.timeline) if (a.at <= input.now && a.action !== 'request') disturbed = Math.max(disturbed, a.at);
  const missing: Missing[] = [];
  let holders = 0;
  for (const group of connectedGroups(input)) {
    if (input.deadline?.()) return { verdict: 'unknown', reason: 'the check ran out of time', operations };
    const held = new Map(group.map((id) => [id, heldBy(input, id)]));
    const firstAt = new Map<string, VirtualMs>();
    for (const values of held.values()) for (const [v, h] of values) firstAt.set(v, Math.min(firstAt.get(v) ?? Infinity, h.at));
    for (const id of group) {
      const mine = held.get(id)!;
      if (mine.size === firstAt.size) holders++;
      for (const [v, at] of firstAt) if (!mine.has(v)) missing.push({ node: id, value: v, quietMs: input.now - Math.max(at, disturbed) });
    }
  }
  const late = missing.filter((m) => m.quietMs >= grace);
  const nodes = [...new Set(late.map((m) => m.node))];
  if (late.length) {
    return {
      verdict: 'fail',
      reason: `${plural(nodes.length, 'live node')} never received values held by nodes they reach: ${words(late)}`,
      operations,
      nodes,
      detail: `${plural(late.length, 'missing value')} at ${plural(nodes.length, 'node')}`,
    };
  }
  if (missing.length) {
    return {
      verdict: 'unknown',
      reason: `values still spreading less than ${(grace / 1000).toFixed(1)} s after they arrived or faults ended: ${words(missing)}`,
      operations,
    };
  }
  return { verdict: 'ok', operations, detail: `${plural(holders, 'live node')} hold every value of their group (${plural(operations, 'broadcast')})` };
}

/** EVENTUAL_DELIVERY is gossip's consistency spec. */
export const EVENTUAL_DELIVERY: ConsistencySpec = {
  id: 'eventual-delivery',
  title: 'Eventual delivery',
  description: 'Once faults end, every live node receives every value held by a live node it can reach.',
  source: 'Demers et al. 1987, §1.2 (anti-entropy delivers every update with probability 1) and §1.4 (residue)',
  check: checkEventualDelivery,
};
