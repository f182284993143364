/**
 * Snapshot builders: read the Simulation's views and produce store values, reusing the previous
 * objects when nothing changed so that memoized components do not re-render.
 */
import type { PauseView } from '../../core/sim/pause';
import type { Simulation } from '../../core/sim/simulation';
import type { NodeId, NodeSummary } from '../../core/types';
import { lookOfProtocol } from '../protocols/registry';
import { linkId } from '../store/store';
import type { ElectionTimer, LinkView } from '../store/types';
import { groupsSignature } from '../topology/geometry';

/** sameFields compares two summaries' protocol fields (NodeSummary.fields, what a look's nodeLine shows), key by key. */
function sameFields(a: NodeSummary['fields'], b: NodeSummary['fields']): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  for (const k of keys) if (a[k] !== b[k]) return false;
  return true;
}

const sameSummary = (a: NodeSummary | undefined, b: NodeSummary) =>
  !!a &&
  a.role === b.role &&
  a.term === b.term &&
  a.votedFor === b.votedFor &&
  a.commitIndex === b.commitIndex &&
  a.lastLogIndex === b.lastLogIndex &&
  a.lastApplied === b.lastApplied &&
  sameFields(a.fields, b.fields);

/** summariesOf gives every node's summary; `prev` itself when none changed. */
export function summariesOf(sim: Simulation, prev: Record<NodeId, NodeSummary>): Record<NodeId, NodeSummary> {
  let changed = false;
  const out: Record<NodeId, NodeSummary> = {};
  for (const id of sim.scenario.nodes) {
    const s = sim.summary(id);
    const p = prev[id];
    if (sameSummary(p, s)) out[id] = p!;
    else {
      out[id] = { ...s };
      changed = true;
    }
  }
  return changed ? out : prev;
}

/** armedTimer gives the first of `names` armed in `timers` (the look's order), or undefined. */
function armedTimer<T extends { name: string }>(timers: readonly T[], names: readonly string[]): T | undefined {
  for (const name of names) {
    const t = timers.find((x) => x.name === name);
    if (t) return t;
  }
  return undefined;
}

/**
 * timersOf gives each node's drawn timer: the first armed of the timers the protocol's look draws
 * (Raft: election; PBFT: view-change; none for a look that draws none); `prev` itself when none changed.
 */
export function timersOf(sim: Simulation, prev: Record<NodeId, ElectionTimer | null>): Record<NodeId, ElectionTimer | null> {
  let changed = false;
  const out: Record<NodeId, ElectionTimer | null> = {};
  const names = lookOfProtocol(sim.protocol).timers.map((t) => t.name);
  for (const id of sim.scenario.nodes) {
    const t = names.length ? armedTimer(sim.nodeTimers(id), names) : undefined;
    const p = prev[id];
    if (!t) {
      out[id] = null;
      if (p) changed = true;
    } else if (p && p.setAt === t.setAt && p.deadline === t.deadline) out[id] = p;
    else {
      out[id] = { setAt: t.setAt, deadline: t.deadline };
      changed = true;
    }
  }
  return changed || Object.keys(prev).length !== sim.scenario.nodes.length ? out : prev;
}

/**
 * pausedOf gives every paused node's pause (since, until, and what waits for it); `prev` itself
 * when no pause changed, so a node's badge re-renders only when its own pause does.
 */
export function pausedOf(sim: Simulation, prev: Record<NodeId, PauseView>): Record<NodeId, PauseView> {
  const out: Record<NodeId, PauseView> = {};
  let changed = false;
  for (const id of sim.scenario.nodes) {
    const p = sim.paused(id);
    if (!p) {
      if (prev[id]) changed = true;
      continue;
    }
    const q = prev[id];
    if (q && q.since === p.since && q.until === p.until && q.messages === p.messages && q.timers === p.timers && q.requests === p.requests) out[id] = q;
    else {
      out[id] = p;
      changed = true;
    }
  }
  return changed ? out : prev;
}

/** groupsOfBus gives the bus's partition groups; `prev` when the partition is the same. */
export function groupsOfBus(sim: Simulation, prev: NodeId[][]): NodeId[][] {
  const g = sim.bus.groups();
  return groupsSignature(g) === groupsSignature(prev) ? prev : g;
}

function rangeText(l: [number, number]): string {
  return l[0] === l[1] ? `${l[0]} ms` : `${l[0]}–${l[1]} ms`;
}

/** linksOf gives a view of every unordered pair's links; reuses unchanged views from `prev`. */
export function linksOf(sim: Simulation, prev: Record<string, LinkView>): Record<string, LinkView> {
  const ids = sim.scenario.nodes;
  const net = sim.scenario.network;
  const group = new Map<NodeId, number>();
  sim.bus.groups().forEach((g, k) => g.forEach((id) => group.set(id, k)));
  const out: Record<string, LinkView> = {};
  const dirLabel = (from: NodeId, to: NodeId): string | null => {
    const l = sim.bus.link(from, to);
    const parts: string[] = [];
    if (l.latencyMs[0] !== net.latencyMs[0] || l.latencyMs[1] !== net.latencyMs[1]) parts.push(rangeText(l.latencyMs));
    if (l.loss !== net.loss) parts.push(`loss ${l.loss}`);
    if (l.duplicate !== net.duplicate) parts.push(`dup ${l.duplicate}`);
    return parts.length ? parts.join(', ') : null;
  };
  for (let i = 0; i < ids.length; i++) {
    for (let j = i + 1; j < ids.length; j++) {
      const a = ids[i]!;
      const b = ids[j]!;
      const ab = sim.bus.link(a, b).cut;
      const ba = sim.bus.link(b, a).cut;
      const la = dirLabel(a, b);
      const lb = dirLabel(b, a);
      const degraded = la === null && lb === null ? null : la === lb ? la : [la && `${a}→${b} ${la}`, lb && `${b}→${a} ${lb}`].filter(Boolean).join('; ');
      const view: LinkView = {
        a,
        b,
        cut: ab && ba ? 'both' : ab ? 'ab' : ba ? 'ba' : 'none',
        cross: group.get(a) !== group.get(b),
        degraded,
      };
      const id = linkId(a, b);
      const p = prev[id];
      out[id] = p && p.cut === view.cut && p.cross === view.cross && p.degraded === view.degraded ? p : view;
    }
  }
  return out;
}
