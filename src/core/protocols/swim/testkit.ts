/**
 * Test helpers for SWIM: a one-node harness with SWIM's config, and a checked headless run of a
 * raw scenario (parsed by the scenario schema) with its records, monitor, completeness and metrics.
 */
import { CheckedRun } from '../../check/checked-run';
import { Rng } from '../../prng';
import type { Input } from '../../protocol';
import { parseScenario } from '../../scenario/schema';
import { stepWith, type Effects, type HarnessNode } from '../../testing/step-harness';
import type { NodeId } from '../../types';
import { swimConfig, type SwimConfig } from './config';
import type { SwimMessage } from './messages';
import { initState, type SwimState } from './state';
import { swim } from '.';

/** member makes a harness node `id` of cluster n1…n`size` with `config`. */
export function member(id: NodeId, size: number, config: Partial<SwimConfig> = {}, seed = 1): HarnessNode<SwimState> {
  const nodes = Array.from({ length: size }, (_, i) => `n${i + 1}`);
  return { id, state: initState(id, nodes, swimConfig(config)), rng: Rng.derive(seed, `node:${id}`), now: 0, timers: new Map() };
}

/** stepMember runs one input on `node`. */
export const stepMember = (node: HarnessNode<SwimState>, input: Input<SwimMessage>): Effects<SwimMessage> => stepWith(swim, node, input);

/** deliver hands `msg` from `from` to `node`. */
export const deliver = (node: HarnessNode<SwimState>, from: NodeId, msg: SwimMessage) => stepMember(node, { kind: 'message', from, msg });

/** runSwim runs raw scenario `raw` to its end under the safety monitor (not stopping at a violation). */
export function runSwim(raw: Record<string, unknown>): CheckedRun {
  return new CheckedRun(parseScenario(raw)).runToEnd(false);
}

/** stateOf gives node `id`'s live state at the end of `run`. */
export const stateOf = (run: CheckedRun, id: NodeId): SwimState => run.hosts.state(id) as SwimState;

/** listed gives how `run`'s live members (all but `except`) hold `member` at the end: state → count. */
export function listed(run: CheckedRun, nodes: number, memberId: NodeId, except: readonly NodeId[] = [memberId]): Record<string, number> {
  const out: Record<string, number> = {};
  for (let i = 1; i <= nodes; i++) {
    const id = `n${i}`;
    if (except.includes(id)) continue;
    const m = stateOf(run, id).members.get(memberId);
    const key = m ? m.state : 'unknown';
    out[key] = (out[key] ?? 0) + 1;
  }
  return out;
}
