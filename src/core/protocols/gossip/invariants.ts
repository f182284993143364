/**
 * Gossip's safety properties, checked while a run goes on from the trace's `client` and `record`
 * records. Demers et al. 1987 spread only updates that some site accepted from a client (§0: "an
 * update is injected at a single site"), and each site's database changes once per update:
 * - No invention: every value a site receives was broadcast by some client.
 * - Once only: a site records its first receipt of a value once (a duplicate or a replayed message
 *   must not look new, and a restart must not forget what the site held).
 */
import type { SafetyMonitor, SafetyProperty, SafetySpec, Violation } from '../../protocol';
import type { TraceRecord } from '../../trace';
import type { NodeId, VirtualMs } from '../../types';

/** GossipProperty names one of gossip's safety properties. */
export type GossipProperty = 'No invention' | 'Once only';

/** GOSSIP_PROPERTIES are the properties, for the lamps. */
export const GOSSIP_PROPERTIES: readonly (SafetyProperty & { name: GossipProperty })[] = [
  {
    name: 'No invention',
    description: 'Every value a node receives was broadcast by some client.',
    source: 'Demers et al. 1987, §0 (updates are injected at a site by a client)',
  },
  {
    name: 'Once only',
    description: 'A node receives each value for the first time once: duplicates, replays and restarts never make an old value new.',
    source: 'Demers et al. 1987, §1 (a site applies each update once)',
  },
];

/** GossipSafetyMonitor checks No invention and Once only; feed it every trace record, in order. */
export class GossipSafetyMonitor implements SafetyMonitor {
  readonly violations: Violation[] = [];
  /** Every value a client has broadcast so far. */
  private readonly broadcast = new Set<string>();
  /** node → values it has received. */
  private readonly received = new Map<NodeId, Set<string>>();

  /** check has nothing costlier to do: both properties are checked as records arrive. */
  check(_t: VirtualMs): void {}

  observe(r: TraceRecord): void {
    if (r.type === 'client' && r.phase === 'invoke' && r.op.f === 'broadcast') this.broadcast.add(String(r.op.value));
    else if (r.type === 'record' && r.kind === 'receipt') this.onReceipt(r.t, r.node, String(r.value), String(r.from));
  }

  private onReceipt(t: VirtualMs, node: NodeId, value: string, from: string): void {
    if (!this.broadcast.has(value)) {
      this.violations.push({ property: 'No invention', t, nodes: [node], indexes: [], text: `${node} received ${value} from ${from}, but no client broadcast ${value}` });
    }
    let mine = this.received.get(node);
    if (!mine) this.received.set(node, (mine = new Set()));
    if (mine.has(value)) {
      this.violations.push({ property: 'Once only', t, nodes: [node], indexes: [], text: `${node} received ${value} for the first time twice (again from ${from})` });
    }
    mine.add(value);
  }
}

/** gossipSafety declares the properties and makes a monitor per run. */
export const gossipSafety: SafetySpec = {
  properties: GOSSIP_PROPERTIES,
  monitor: () => new GossipSafetyMonitor(),
};
