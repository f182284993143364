/**
 * The Paxos panel's model, built from the nodes' details (PaxosDetail): per slot, each acceptor's
 * accepted (ballot, value) and whether it is chosen; each acceptor's promise; the quorums forming;
 * and the values chosen (more than one in a slot breaks Agreement).
 */
import type { NodeDetail } from '../../../core/protocol';
import type { PaxosDetail } from '../../../core/protocols/paxos';
import type { NodeId } from '../../../core/types';

/** AcceptorRow is one acceptor: its promise and, per slot shown, its accepted proposal. */
export interface AcceptorRow {
  id: NodeId;
  promised: string;
  crashed: boolean;
  cells: Record<number, { ballot: string; value: string } | null>;
}

/** PaxosModel is what the panel draws. */
export interface PaxosModel {
  mode: 'single' | 'multi' | null;
  q1: number;
  q2: number;
  warning: string | null;
  slots: number[];
  acceptors: AcceptorRow[];
  /** slot → the distinct values chosen there: known to a learner, or held by |Q2| acceptors in one ballot. */
  chosen: Record<number, string[]>;
  /** The proposers in a round now: node, ballot, phase, promises held. */
  proposers: { id: NodeId; ballot: string; phase: string; leading: boolean; promises: NodeId[] }[];
}

const detailOf = (d: NodeDetail | undefined): PaxosDetail | null => (d?.protocolDetail as PaxosDetail | undefined) ?? null;

/** buildPaxosModel gathers the model from `details` (node → NodeDetail), showing at most `maxSlots` newest slots. */
export function buildPaxosModel(nodeIds: readonly NodeId[], details: Readonly<Record<NodeId, NodeDetail>>, crashed: ReadonlySet<NodeId>, maxSlots = 8): PaxosModel {
  const first = nodeIds.map((id) => detailOf(details[id])).find((d) => d !== null) ?? null;
  const slotSet = new Set<number>();
  const chosen: Record<number, string[]> = {};
  for (const id of nodeIds) {
    for (const s of detailOf(details[id])?.slots ?? []) {
      slotSet.add(s.slot);
      if (s.chosen) {
        const list = (chosen[s.slot] ??= []);
        if (!list.includes(s.chosen)) list.push(s.chosen);
      }
    }
  }
  const slots = [...slotSet].sort((a, b) => a - b).slice(-maxSlots);
  const acceptorIds = first?.acceptors ?? [];
  const acceptors = acceptorIds.map((id) => {
    const d = detailOf(details[id]);
    const cells: AcceptorRow['cells'] = {};
    for (const slot of slots) cells[slot] = d?.slots.find((s) => s.slot === slot)?.accepted ?? null;
    return { id, promised: d?.promised ?? '0', crashed: crashed.has(id), cells };
  });
  // A value held by |Q2| acceptors in one ballot is chosen, whether or not a learner heard of it.
  for (const slot of slots) {
    const counts = new Map<string, { value: string; n: number }>();
    for (const a of acceptors) {
      const c = a.cells[slot];
      if (!c) continue;
      const key = `${c.ballot} ${c.value}`;
      counts.set(key, { value: c.value, n: (counts.get(key)?.n ?? 0) + 1 });
    }
    for (const { value, n } of counts.values()) {
      const list = (chosen[slot] ??= []);
      if (first && n >= first.q2 && !list.includes(value)) list.push(value);
    }
    if (chosen[slot]?.length === 0) delete chosen[slot];
  }
  const proposers = nodeIds
    .map((id) => ({ id, d: detailOf(details[id]) }))
    .filter((x) => x.d !== null && x.d.ballot !== null && x.d.phase !== 'idle' && !crashed.has(x.id))
    .map(({ id, d }) => ({ id, ballot: d!.ballot!, phase: d!.phase, leading: d!.leading, promises: d!.promisesFrom }));
  return { mode: first?.mode ?? null, q1: first?.q1 ?? 0, q2: first?.q2 ?? 0, warning: first?.warning ?? null, slots, acceptors, chosen, proposers };
}
