/**
 * Gossip's registry entry: what the playground needs of gossip beyond its step function (config
 * schema, default cluster and workload, client ops, eventual delivery, recovery, examples, chaos).
 * Registered in ../registry.ts.
 */
import { Rng } from '../../prng';
import type { ProtocolEntry } from '../plugin';
import { gossipConfigSchema, MODES } from './config';
import { EVENTUAL_DELIVERY } from './consistency';
import { GOSSIP_EXAMPLES } from './examples';
import { GOSSIP_OPS } from './ops';
import { gossip } from '.';

/**
 * gossipKnobs varies the configuration by seed: the mode (§1.3), fanout, a short or long cycle, k
 * (a small k leaves a residue, §1.4) and anti-entropy, which is always on in chaos runs, since only
 * anti-entropy promises eventual delivery (§1.2).
 */
function gossipKnobs(seed: number): Record<string, unknown> {
  const knobs = Rng.derive(seed, 'chaos-config');
  return {
    mode: knobs.pick(MODES),
    fanout: knobs.pick([1, 2, 3]),
    periodMs: knobs.pick([50, 100, 200]),
    k: knobs.pick([1, 2, 4]),
    antiEntropyMs: knobs.pick([500, 1000, 2000]),
  };
}

/**
 * gossipEntry is gossip's registry entry: 30 nodes by default, with a light stream of broadcasts
 * (2 a second from 200 ms) so that Play shows rumours spreading.
 */
export const gossipEntry: ProtocolEntry = {
  protocol: gossip,
  title: 'Gossip',
  description: 'Leader-free epidemic broadcast: rumour mongering with anti-entropy (Demers et al. 1987).',
  configSchema: gossipConfigSchema,
  defaultNodes: 30,
  nodeRange: [2, 100],
  defaultWorkload: { ratePerSecond: 2, startMs: 200, clients: ['c1'], keys: ['-'] },
  ops: GOSSIP_OPS,
  consistency: EVENTUAL_DELIVERY,
  examples: () => [{ title: 'Gossip', examples: GOSSIP_EXAMPLES }],
  chaos: {
    sizes: [20, 30],
    knobs: gossipKnobs,
    nemesis: ['crash', 'bounce', 'partition', 'bridge', 'one-way', 'loss', 'duplicate', 'reorder', 'latency-spike', 'skew'],
    ratePerSecond: 10,
  },
};
