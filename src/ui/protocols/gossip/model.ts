/**
 * The gossip panel's model, built from the nodes' details (NodeDetail.protocolDetail is a
 * GossipDetail): the values the cluster holds, for one chosen value each node's place in the
 * epidemic (the infection wave), its fraction informed against virtual time beside the curve
 * Demers et al. 1987 predict, and the messages sent per broadcast. Pure: no React, no DOM.
 */
import type { NodeDetail } from '../../../core/protocol';
import type { GossipConfig, GossipDetail, Mode } from '../../../core/protocols/gossip';
import type { NodeId, VirtualMs } from '../../../core/types';

/** WaveState is a node's place in the epidemic of one value: it lacks it, spreads it, holds it quietly, or is down. */
export type WaveState = 'susceptible' | 'infective' | 'removed' | 'crashed';

/** WaveNode is one node in the infection wave of the chosen value. */
export interface WaveNode {
  id: NodeId;
  state: WaveState;
  /** Hops the value took to reach the node; null when it has not. */
  hops: number | null;
  /** When it arrived (virtual ms), null when it has not. */
  at: VirtualMs | null;
}

/** GossipModel is everything the panel draws. */
export interface GossipModel {
  /** Every value some node holds, newest first arrival last. */
  values: string[];
  /** The value shown: the chosen one if any node holds it, else the newest. */
  value: string | null;
  wave: WaveNode[];
  /** Fraction of live nodes informed over time: [virtual ms since the first receipt, fraction], a step per receipt. */
  informed: [number, number][];
  /** The curve the paper's recurrence expects, same axes: one point per cycle. */
  expected: [number, number][];
  /** Messages sent by all nodes over values broadcast; null before the first value. */
  msgsPerBroadcast: number | null;
  messages: number;
  config: GossipConfig | null;
  /** Live nodes (not crashed). */
  live: number;
}

/**
 * expectedSusceptible gives the susceptible fraction cycle by cycle, from one informed site of `n`,
 * by the recurrences of Demers et al. §1.3 with `fanout` contacts a cycle: a susceptible site stays
 * so under push when no informed site picks it (p·e^(−f(1−p))), under pull when every site it picks
 * is susceptible (p·p^f), under push-pull when both. Until under 1/(2n) or `maxCycles`.
 */
export function expectedSusceptible(mode: Mode, fanout: number, n: number, maxCycles = 60): number[] {
  let p = 1 - 1 / n;
  const out = [p];
  while (p > 1 / (2 * n) && out.length <= maxCycles) {
    const push = Math.exp(-fanout * (1 - p));
    const pull = Math.pow(p, fanout);
    p = p * (mode === 'push' ? push : mode === 'pull' ? pull : push * pull);
    out.push(p);
  }
  return out;
}

const detailOf = (d: NodeDetail | undefined): GossipDetail | null => (d?.protocolDetail as GossipDetail | undefined) ?? null;

/** GossipModelInput is what the model reads of the store. */
export interface GossipModelInput {
  nodeIds: readonly NodeId[];
  details: Readonly<Record<NodeId, NodeDetail>>;
  crashed: ReadonlySet<NodeId>;
  /** The value the user chose, if any. */
  chosen: string | null;
}

/** buildGossipModel builds the panel's model (see {@link GossipModel}). */
export function buildGossipModel({ nodeIds, details, crashed, chosen }: GossipModelInput): GossipModel {
  const firstAt = new Map<string, number>();
  let messages = 0;
  let config: GossipConfig | null = null;
  for (const id of nodeIds) {
    const d = detailOf(details[id]);
    if (!d) continue;
    config ??= d.config;
    messages += d.sent;
    for (const x of d.values) firstAt.set(x.value, Math.min(firstAt.get(x.value) ?? Infinity, x.at));
  }
  const values = [...firstAt.keys()].sort((a, b) => firstAt.get(a)! - firstAt.get(b)! || (a < b ? -1 : 1));
  const value = chosen !== null && firstAt.has(chosen) ? chosen : (values.at(-1) ?? null);
  const live = nodeIds.filter((id) => !crashed.has(id)).length;
  const wave: WaveNode[] = nodeIds.map((id) => {
    const held = value === null ? undefined : detailOf(details[id])?.values.find((x) => x.value === value);
    const state: WaveState = crashed.has(id) ? 'crashed' : !held ? 'susceptible' : held.hot ? 'infective' : 'removed';
    return { id, state, hops: held?.hops ?? null, at: held?.at ?? null };
  });
  const informed: [number, number][] = [];
  const expected: [number, number][] = [];
  if (value !== null && live > 0) {
    const t0 = firstAt.get(value)!;
    const times = wave.filter((w) => w.state !== 'crashed' && w.at !== null).map((w) => w.at! - t0).sort((a, b) => a - b);
    times.forEach((t, i) => informed.push([t, (i + 1) / live]));
    if (config) {
      expectedSusceptible(config.mode, config.fanout, live).forEach((p, c) => expected.push([c * config!.periodMs, 1 - p]));
    }
  }
  return { values, value, wave, informed, expected, msgsPerBroadcast: values.length ? messages / values.length : null, messages, config, live };
}
