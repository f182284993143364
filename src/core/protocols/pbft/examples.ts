/**
 * Named PBFT example scenarios, each telling one story of Castro & Liskov 1999; the tests check that
 * each story really happens under its seed. Raw scenarios, validated by {@link pbftExample}. Not yet
 * in the app's examples menu (src/core/scenario/examples.ts), which can list them as they are.
 * Not re-exported from index.ts: this module needs the scenario schema, which needs the registry,
 * which needs index.ts.
 */
import { parseScenario } from '../../scenario/schema';
import type { Scenario } from '../../scenario/types';

const put = (at: number, client: string, key: string, value: string, node?: string) => ({ at, action: 'request', client, op: { f: 'put', key, value }, ...(node ? { node } : {}) });
const append = (at: number, client: string, key: string, value: string, node?: string) => ({ at, action: 'request', client, op: { f: 'append', key, value }, ...(node ? { node } : {}) });
const get = (at: number, client: string, key: string, node?: string) => ({ at, action: 'request', client, op: { f: 'get', key }, ...(node ? { node } : {}) });

/** PBFT_EXAMPLES maps an id to a raw scenario. */
export const PBFT_EXAMPLES: Record<string, Record<string, unknown>> = {
  'pbft-normal-case': {
    name: 'PBFT: the three phases',
    description: 'Four replicas tolerate one fault (n = 3f + 1). A client writes through n2, which relays the request; primary n1 pre-prepares it, the backups prepare, everyone commits and executes, and n2 answers once f + 1 = 2 replies match (§4.2).',
    version: 1, protocol: 'pbft', seed: 1, nodes: 4, until: 3000,
    timeline: [put(100, 'c1', 'x', '1', 'n2'), append(600, 'c2', 'x', '2', 'n3'), get(1200, 'c1', 'x', 'n4')],
  },
  'pbft-silent-primary': {
    name: 'PBFT: a silent primary',
    description: 'Primary n1 is Byzantine and silent. The backups wait for the request to execute, time out, and change to view 1; its primary n2 re-issues what prepared and finishes the pending requests (§4.4).',
    version: 1, protocol: 'pbft', seed: 2, nodes: 4, until: 4000,
    config: { byzantine: { n1: 'silent' } },
    timeline: [put(100, 'c1', 'x', '1', 'n2'), put(150, 'c2', 'y', '2', 'n3'), get(2000, 'c1', 'x', 'n4')],
  },
  'pbft-equivocating-primary': {
    name: 'PBFT: an equivocating primary',
    description: 'Primary n1 sends the request to n2 and n4 but a null request for the same sequence number to n3. Only one of them can prepare; n3 sees f + 1 prepares for the other digest and suspects n1 (§4.2).',
    version: 1, protocol: 'pbft', seed: 3, nodes: 4, until: 4000,
    config: { byzantine: { n1: 'equivocate' } },
    timeline: [put(100, 'c1', 'x', '1', 'n2'), put(700, 'c2', 'y', '2', 'n2')],
  },
  'pbft-forger': {
    name: 'PBFT: a forger',
    description: 'Backup n3 forges pre-prepares, prepares and commits in the other replicas’ names. It can sign only with its own key, so every forgery fails verification, and every honest replica suspects it (§2).',
    version: 1, protocol: 'pbft', seed: 4, nodes: 4, until: 3000,
    config: { byzantine: { n3: 'forge' } },
    timeline: [put(100, 'c1', 'x', '1', 'n2'), put(600, 'c2', 'y', '2', 'n4')],
  },
  'pbft-f-plus-one-colluders': {
    name: 'PBFT: f + 1 colluders break Agreement',
    description: 'With n = 4, PBFT tolerates f = 1 fault. Here two replicas collude: primary n1 and backup n2 tell n4 one story (the request) and n3 another (a null request), with matching prepares and commits for each. n3 and n4, both honest, execute different requests at the same sequence number: Agreement breaks.',
    version: 1, protocol: 'pbft', seed: 5, nodes: 4, until: 3000,
    config: { byzantine: { n1: 'equivocate', n2: 'equivocate' } },
    timeline: [put(100, 'c1', 'x', '1', 'n4')],
  },
};

/** pbftExample gives the validated PBFT example scenario `id`. @throws Error if unknown; ScenarioError if invalid. */
export function pbftExample(id: string): Scenario {
  const raw = PBFT_EXAMPLES[id];
  if (!raw) throw new Error(`unknown PBFT example "${id}" (known: ${Object.keys(PBFT_EXAMPLES).join(', ')})`);
  return parseScenario(raw);
}
