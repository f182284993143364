/**
 * A gossip site's state (Demers et al. 1987): the values it holds, each with how it first arrived,
 * and its hot rumours, each with its count of unneeded sends (§1.4). The values are the replicated
 * database and survive a crash; the rumours are volatile, so a restarted site spreads nothing until
 * anti-entropy or a partner brings it something new.
 */
import type { NodeDetail } from '../../protocol';
import type { NodeId, NodeSummary, VirtualMs } from '../../types';
import type { GossipConfig } from './config';

/** Held is how a site first received a value. */
export interface Held {
  /** Hops from the site a client told (0 there). */
  hops: number;
  /** The partner it came from, or the client's id at the first site. */
  from: string;
  /** When it arrived (virtual ms). */
  at: VirtualMs;
}

/**
 * GossipRole is a site's place in the epidemic (Demers et al. §1.4, after Bailey's SIR model),
 * judged from the values it holds: `susceptible` holds none yet, `infective` spreads at least one
 * hot rumour, `removed` holds values but has lost interest in all of them. For one value, the
 * panel's infection wave applies the same words to the site's view of that value.
 */
export type GossipRole = 'susceptible' | 'infective' | 'removed';

/** GOSSIP_ROLES lists every role, for menus. */
export const GOSSIP_ROLES: readonly GossipRole[] = ['susceptible', 'infective', 'removed'];

/** GossipState is one site's whole state. */
export interface GossipState {
  id: NodeId;
  /** Every other site: the partners a cycle picks from. */
  peers: NodeId[];
  config: GossipConfig;
  /** Every value held, in the order received. Persistent. */
  values: Map<string, Held>;
  /** Hot rumours: value → unneeded sends so far (< k). Volatile. */
  hot: Map<string, number>;
  /** Messages this site has sent since the run began (kept across restarts), for messages per broadcast. */
  sent: number;
}

/** GossipPersistent is what survives a crash: the values held, as [value, held] pairs in order of receipt. */
export interface GossipPersistent {
  values: [string, Held][];
  /** The message count, which a restart keeps so the panel's messages per broadcast stay whole. */
  sent: number;
}

/** initState gives a fresh site `id` in cluster `nodes`. */
export function initState(id: NodeId, nodes: readonly NodeId[], config: GossipConfig): GossipState {
  return { id, peers: nodes.filter((n) => n !== id), config, values: new Map(), hot: new Map(), sent: 0 };
}

/** persistentOf copies what survives a crash. */
export const persistentOf = (s: GossipState): GossipPersistent => ({ values: [...s.values].map(([v, h]) => [v, { ...h }]), sent: s.sent });

/** recoverState rebuilds a site from its saved values; it has no hot rumours. */
export function recoverState(saved: GossipPersistent, id: NodeId, nodes: readonly NodeId[], config: GossipConfig): GossipState {
  const s = initState(id, nodes, config);
  for (const [v, h] of saved.values) s.values.set(v, { ...h });
  s.sent = saved.sent;
  return s;
}

/** cloneState copies a site for checkpoints: Held records are never mutated, so they are shared. */
export const cloneState = (s: GossipState): GossipState => ({ ...s, values: new Map(s.values), hot: new Map(s.hot) });

/** roleOf gives a site's role (see {@link GossipRole}). */
export const roleOf = (s: GossipState): GossipRole => (s.hot.size > 0 ? 'infective' : s.values.size > 0 ? 'removed' : 'susceptible');

/** summaryOf gives the trace's summary: no epoch, vote or log; fields `values` held and `hot` rumours. */
export const summaryOf = (s: GossipState): NodeSummary => ({
  role: roleOf(s),
  term: 0,
  votedFor: null,
  commitIndex: 0,
  lastLogIndex: 0,
  lastApplied: 0,
  fields: { values: s.values.size, hot: s.hot.size },
});

/** ValueView is one held value as the gossip panel shows it. */
export interface ValueView extends Held {
  value: string;
  /** Still a hot rumour at this site. */
  hot: boolean;
  /** Unneeded sends so far while hot (0 once removed). */
  unneeded: number;
}

/** GossipDetail is a site's structured view for the gossip panel (NodeDetail.protocolDetail). */
export interface GossipDetail {
  values: ValueView[];
  /** Messages the site has sent (see {@link GossipState.sent}). */
  sent: number;
  /** The site's config, for the panel's expected curve. */
  config: GossipConfig;
}

/** inspectNode gives the node panel's view: values as the key-value rows, and the gossip detail. */
export function inspectNode(s: GossipState): NodeDetail {
  const values: ValueView[] = [...s.values].map(([value, h]) => ({ value, ...h, hot: s.hot.has(value), unneeded: s.hot.get(value) ?? 0 }));
  const kv: Record<string, string> = {};
  for (const x of values) kv[x.value] = `${x.hops} hop${x.hops === 1 ? '' : 's'} from ${x.from}${x.hot ? ', hot' : ''}`;
  return {
    summary: summaryOf(s),
    log: [],
    kv,
    extra: { mode: s.config.mode, fanout: s.config.fanout, 'values held': s.values.size, 'hot rumours': s.hot.size },
    protocolDetail: { values, sent: s.sent, config: s.config } satisfies GossipDetail,
  };
}
