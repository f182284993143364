/**
 * Test helpers for gossip: a one-node harness with gossip's config, and a headless run that keeps
 * the receipts and client history and builds the ConsistencyInput the eventual-delivery check reads.
 */
import { Rng } from '../../prng';
import type { Input } from '../../protocol';
import { runScenario } from '../../sim/run';
import type { Scenario } from '../../scenario/types';
import { stepWith, type Effects, type HarnessNode } from '../../testing/step-harness';
import type { TraceRecord } from '../../trace';
import type { ConsistencyInput, ConsistencyResult } from '../plugin';
import type { NodeId } from '../../types';
import { gossipConfig, type GossipConfig } from './config';
import { checkEventualDelivery } from './consistency';
import { GossipSafetyMonitor } from './invariants';
import type { GossipMessage } from './messages';
import { initState, type GossipState } from './state';
import { gossip } from '.';

/** site makes a harness node `id` of cluster n1…n`size` with `config`. */
export function site(id: NodeId, size: number, config: Partial<GossipConfig> = {}, seed = 1): HarnessNode<GossipState> {
  const nodes = Array.from({ length: size }, (_, i) => `n${i + 1}`);
  return { id, state: initState(id, nodes, gossipConfig(config)), rng: Rng.derive(seed, `node:${id}`), now: 0, timers: new Map() };
}

/** stepSite runs one input on `node`. */
export const stepSite = (node: HarnessNode<GossipState>, input: Input<GossipMessage>): Effects<GossipMessage> => stepWith(gossip, node, input);

/** deliver hands `msg` from `from` to `node`. */
export const deliver = (node: HarnessNode<GossipState>, from: NodeId, msg: GossipMessage) => stepSite(node, { kind: 'message', from, msg });

/** GossipRun is a finished headless run with what the checks read. */
export interface GossipRun {
  scenario: Scenario;
  records: Extract<TraceRecord, { type: 'record' }>[];
  history: Extract<TraceRecord, { type: 'client' }>[];
  monitor: GossipSafetyMonitor;
  /** messages sent between nodes */
  messages: number;
  /** The nodes' live states at the end. */
  states: Map<NodeId, GossipState>;
  /** check runs eventual delivery on the run's end (`final` false: as if paused). */
  check(final?: boolean): ConsistencyResult;
}

/** runGossip runs `scenario` headless to its end, with the safety monitor watching every record. */
export function runGossip(scenario: Scenario): GossipRun {
  const records: GossipRun['records'] = [];
  const faults: Extract<TraceRecord, { type: 'fault' | 'resume' }>[] = [];
  const history: GossipRun['history'] = [];
  const monitor = new GossipSafetyMonitor();
  let messages = 0;
  const trace = (r: TraceRecord): void => {
    monitor.observe(r);
    if (r.type === 'record') records.push(r);
    else if (r.type === 'client') history.push(r);
    else if (r.type === 'fault' || r.type === 'resume') faults.push(r);
    else if (r.type === 'send' && !r.dup) messages++;
  };
  const { sim, hosts } = runScenario(scenario, { trace });
  const states = new Map(scenario.nodes.map((id) => [id, hosts.state(id) as GossipState]));
  const live = scenario.nodes.filter((id) => sim.summary(id).role !== 'crashed');
  const input = (final: boolean): ConsistencyInput => ({
    scenario,
    history,
    records,
    faults,
    view: { inspect: (id) => hosts.inspect(id), state: (id) => hosts.state(id) },
    live,
    connected: (a, b) => sim.bus.blocked(a, b) === null,
    now: sim.now,
    final,
  });
  return { scenario, records, history, monitor, messages, states, check: (final = true) => checkEventualDelivery(input(final)) };
}

/** informed counts the nodes holding `value` at the end of `run`. */
export const informed = (run: GossipRun, value: string): number => [...run.states.values()].filter((s) => s.values.has(value)).length;
