/**
 * The SWIM panel's model, built from the nodes' details (NodeDetail.protocolDetail is a
 * SwimDetail): one node's membership list, the changes the group's lists hold, and for one change
 * how far it has spread (the fraction of live members whose list holds it, against virtual time
 * since the first did; Das et al. 2002 §4.1: infection-style, in O(log n) periods). Pure.
 */
import type { NodeDetail } from '../../../core/protocol';
import type { MemberState, MemberView, SwimConfig, SwimDetail } from '../../../core/protocols/swim';
import type { NodeId, VirtualMs } from '../../../core/types';

/** Change is one membership change, `member` `state` at incarnation `inc`, as lists hold it. */
export interface Change {
  key: string;
  member: NodeId;
  state: MemberState;
  inc: number;
  /** When the first list took it (virtual ms). */
  firstAt: VirtualMs;
  /** Live members whose list holds it now. */
  holders: number;
}

/** SwimModel is everything the panel draws. */
export interface SwimModel {
  /** The node whose list is shown, and its list (null when it has no SWIM detail). */
  node: NodeId | null;
  inc: number;
  role: string;
  members: MemberView[];
  /** Changes beyond the initial "everyone alive at 0", newest first. */
  changes: Change[];
  /** The change plotted: the chosen one if still held, else the newest. */
  change: Change | null;
  /** [virtual ms since firstAt, fraction of live members holding it], a step per member. */
  spread: [number, number][];
  /** Live members with a list (not crashed, not joining or left). */
  live: number;
  config: SwimConfig | null;
}

const detailOf = (d: NodeDetail | undefined): SwimDetail | null => {
  const p = d?.protocolDetail as SwimDetail | undefined;
  return p && Array.isArray(p.members) ? p : null;
};

/**
 * buildSwimModel builds the panel's model from the store's details. `crashed` nodes count as
 * neither holders nor live. `selected` picks the list shown (else the first live node), `chosen`
 * the change plotted (a Change key).
 */
export function buildSwimModel(o: { nodeIds: readonly NodeId[]; details: Readonly<Record<NodeId, NodeDetail>>; crashed: ReadonlySet<NodeId>; selected: NodeId | null; chosen: string | null }): SwimModel {
  const lists = new Map<NodeId, SwimDetail>();
  for (const id of o.nodeIds) {
    const d = detailOf(o.details[id]);
    if (d && !o.crashed.has(id) && d.role === 'member') lists.set(id, d);
  }
  const byKey = new Map<string, Change & { times: VirtualMs[] }>();
  for (const d of lists.values()) {
    for (const m of d.members) {
      if (m.state === 'alive' && m.inc === 0 && m.since === 0) continue;
      const key = `${m.member} ${m.state}@${m.inc}`;
      let c = byKey.get(key);
      if (!c) byKey.set(key, (c = { key, member: m.member, state: m.state, inc: m.inc, firstAt: m.since, holders: 0, times: [] }));
      c.holders++;
      c.firstAt = Math.min(c.firstAt, m.since);
      c.times.push(m.since);
    }
  }
  const all = [...byKey.values()].sort((a, b) => b.firstAt - a.firstAt || a.key.localeCompare(b.key));
  const picked = all.find((c) => c.key === o.chosen) ?? all[0] ?? null;
  const live = lists.size;
  const spread: [number, number][] = picked
    ? [...picked.times].sort((a, b) => a - b).map((t, i) => [t - picked.firstAt, (i + 1) / Math.max(1, live)])
    : [];
  const shownId = o.selected && detailOf(o.details[o.selected]) ? o.selected : ([...lists.keys()][0] ?? null);
  const shown = shownId ? detailOf(o.details[shownId]) : null;
  const strip = ({ times: _t, ...c }: Change & { times: VirtualMs[] }): Change => c;
  return {
    node: shownId,
    inc: shown?.inc ?? 0,
    role: shown?.role ?? '',
    members: shown?.members ?? [],
    changes: all.map(strip),
    change: picked ? strip(picked) : null,
    spread,
    live,
    config: shown?.config ?? [...lists.values()][0]?.config ?? null,
  };
}
