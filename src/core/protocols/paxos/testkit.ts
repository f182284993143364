/**
 * Test helpers for Paxos: a node stepped by hand (the shared step harness) and a whole example run
 * with its records, client outcomes, safety violations and linearizability verdict.
 */
import { CheckedRun } from '../../check/checked-run';
import { Rng } from '../../prng';
import type { Input } from '../../protocol';
import { parseScenario } from '../../scenario/schema';
import { stepWith, type Effects, type HarnessNode } from '../../testing/step-harness';
import type { TraceRecord } from '../../trace';
import { paxosConfig, type PaxosConfig } from './config';
import type { PaxosMessage } from './messages';
import type { PaxosState } from './state';
import { paxos } from '.';

/** node gives a fresh harness node `id` of cluster n1…n`size` at virtual time 0. */
export function node(id: string, size: number, config: Partial<PaxosConfig> = {}, seed = 1): HarnessNode<PaxosState> {
  const nodes = Array.from({ length: size }, (_, i) => `n${i + 1}`);
  return { id, state: paxos.init(id, nodes, paxosConfig(config)), rng: Rng.derive(seed, id), now: 0, timers: new Map() };
}

/** step runs one input on `n`. */
export const step = (n: HarnessNode<PaxosState>, input: Input<PaxosMessage>): Effects<PaxosMessage> => stepWith(paxos, n, input);

/** deliver hands `msg` from `from` to `n`. */
export const deliver = (n: HarnessNode<PaxosState>, from: string, msg: PaxosMessage) => step(n, { kind: 'message', from, msg });

/** ExampleRun is a finished run with its records and client records. */
export interface ExampleRun {
  run: CheckedRun;
  records: Extract<TraceRecord, { type: 'record' }>[];
  clients: Extract<TraceRecord, { type: 'client' }>[];
  notes: string[];
}

/** runRaw parses `raw` and runs it to its end. */
export function runRaw(raw: Record<string, unknown>): ExampleRun {
  const records: ExampleRun['records'] = [];
  const clients: ExampleRun['clients'] = [];
  const notes: string[] = [];
  const run = new CheckedRun(parseScenario(raw), {
    trace: (r) => {
      if (r.type === 'record') records.push(r);
      if (r.type === 'client') clients.push(r);
      if (r.type === 'note') notes.push(r.text);
    },
  }).runToEnd();
  return { run, records, clients, notes };
}

/** chosenBySlot gives slot → the distinct values learners recorded chosen there. */
export function chosenBySlot(r: ExampleRun): Record<number, string[]> {
  const out: Record<number, string[]> = {};
  for (const x of r.records.filter((x) => x.kind === 'chosen')) {
    const list = (out[Number(x.slot)] ??= []);
    if (!list.includes(String(x.value))) list.push(String(x.value));
  }
  return out;
}
