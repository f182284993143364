/**
 * Named example scenarios for the menu, the docs and the tests: each registered protocol's own
 * (ProtocolEntry.examples), in registry order. Each tells one story of its paper; the tests check
 * that each story really happens under its seed.
 */
import { DEFAULT_PROTOCOL, PROTOCOLS, getProtocol } from '../protocols/registry';
import { parseScenario } from './schema';
import type { Scenario } from './types';

/** SOURCES maps every example id to its raw scenario or builder, from every protocol's entry. */
function sources(): Map<string, Record<string, unknown> | (() => Scenario)> {
  const out = new Map<string, Record<string, unknown> | (() => Scenario)>();
  for (const [name, entry] of Object.entries(PROTOCOLS)) {
    for (const set of entry.examples()) {
      for (const [id, src] of Object.entries(set.examples)) {
        if (out.has(id)) throw new Error(`example id "${id}" of ${name} is taken by another protocol's example`);
        out.set(id, src);
      }
    }
  }
  return out;
}

/** ExampleGroup is a heading of the examples menu and its example ids, in order. */
export interface ExampleGroup {
  title: string;
  ids: string[];
}

/** exampleGroups gives the examples menu: each protocol's example sets, in registry order. */
export const exampleGroups = (): ExampleGroup[] =>
  Object.values(PROTOCOLS).flatMap((entry) => entry.examples().map((set) => ({ title: set.title, ids: Object.keys(set.examples) })));

/** exampleIds lists every example in menu order. */
export const exampleIds = (): string[] => exampleGroups().flatMap((g) => g.ids);

/** example gives the normalised example `id`. @throws Error if there is no such example. */
export function example(id: string): Scenario {
  const src = sources().get(id);
  if (!src) throw new Error(`unknown example "${id}" (known: ${exampleIds().join(', ')})`);
  return typeof src === 'function' ? src() : parseScenario(src);
}

/** DEFAULT_EXAMPLE is what the playground opens with. */
export const DEFAULT_EXAMPLE = 'election';

/** DEFAULT_UNTIL is how long a default scenario runs headless (virtual ms). */
const DEFAULT_UNTIL = 10_000;

/**
 * defaultScenario gives a default cluster of `nodes` nodes (default: the protocol's registry entry's
 * `defaultNodes`) of `protocol` with `seed` (runs DEFAULT_UNTIL = 10 000 virtual ms), for Reset, the
 * node-count control and switching protocols. Its timeline is the entry's `defaultWorkload`, drawn
 * from `seed`, or empty: Raft's leader election is the show; PBFT's three phases need clients.
 * @throws Error if `protocol` is unknown; ScenarioError if `nodes` is out of range.
 */
export function defaultScenario(nodes: number | undefined = undefined, seed = 7, protocol = DEFAULT_PROTOCOL): Scenario {
  const entry = getProtocol(protocol);
  nodes ??= entry.defaultNodes;
  const timeline = entry.defaultWorkload ? entry.ops.workload(seed, { ...entry.defaultWorkload, endMs: DEFAULT_UNTIL }) : [];
  return parseScenario({ version: 1, protocol, seed, nodes, until: DEFAULT_UNTIL, timeline });
}
