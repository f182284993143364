/**
 * When nodes were down (crashed) or paused, for the detector measures: a suspicion of a crashed
 * node is a detection, a suspicion of any other node (up, or merely paused, as by a GC pause) is a
 * false suspicion. Built from the trace's `fault` records (resolved node ids) or from a scenario's
 * timeline (node refs resolved by the caller).
 */
import type { TimelineAction } from '../scenario/types';
import type { NodeId, VirtualMs } from '../types';

/** Downtime is one stretch [fromMs, toMs) in which `node` was crashed or paused (toMs null: to the end). */
export interface Downtime {
  node: NodeId;
  fromMs: VirtualMs;
  toMs: VirtualMs | null;
  cause: 'crash' | 'pause';
}

/** FaultLike is the part of a `fault` trace record (or a timeline action with `t`) read here. */
export interface FaultLike {
  t: VirtualMs;
  action: string;
  node?: unknown;
  nodes?: unknown;
  ms?: unknown;
  skipped?: unknown;
}

/**
 * downtimesFromFaults gives the downtimes that `faults` (trace `fault` records, in time order)
 * describe: `crash` until the `restart` that names the node (a restart's resolved `nodes`), and
 * `pause` {node, ms} for ms virtual ms (a crash ends a pause; pausing a paused node extends it).
 * Skipped actions count for nothing.
 */
export function downtimesFromFaults(faults: readonly FaultLike[]): Downtime[] {
  const out: Downtime[] = [];
  const open = new Map<NodeId, Downtime>();
  const paused = new Map<NodeId, Downtime>();
  for (const f of faults) {
    if (f.skipped) continue;
    if (f.action === 'crash' && typeof f.node === 'string' && !open.has(f.node)) {
      const p = paused.get(f.node);
      if (p && p.toMs !== null && p.toMs > f.t) p.toMs = f.t; // a crash ends a pause
      const d: Downtime = { node: f.node, fromMs: f.t, toMs: null, cause: 'crash' };
      open.set(f.node, d);
      out.push(d);
    } else if (f.action === 'restart') {
      const ids = Array.isArray(f.nodes) ? (f.nodes as NodeId[]) : typeof f.node === 'string' ? [f.node] : [...open.keys()];
      for (const id of ids) {
        const d = open.get(id);
        if (d) d.toMs = f.t;
        open.delete(id);
      }
    } else if (f.action === 'pause' && typeof f.node === 'string' && typeof f.ms === 'number' && !open.has(f.node)) {
      const p = paused.get(f.node);
      if (p && p.toMs !== null && p.toMs > f.t) p.toMs = Math.max(p.toMs, f.t + f.ms); // pausing a paused node extends it
      else {
        const d: Downtime = { node: f.node, fromMs: f.t, toMs: f.t + f.ms, cause: 'pause' };
        paused.set(f.node, d);
        out.push(d);
      }
    }
  }
  return out;
}

/**
 * downtimesFromTimeline is {@link downtimesFromFaults} over a scenario's timeline, for checks that
 * see the scenario but not the trace's fault records. `resolve` names the node a ref (`leader`,
 * `role:R`) meant at that time, or null if unknown (the action is then left out); plain ids are
 * taken as they are. A restart without a node restarts every node down.
 */
export function downtimesFromTimeline(timeline: readonly TimelineAction[], resolve: (ref: string, atMs: VirtualMs) => NodeId | null = () => null): Downtime[] {
  const id = (ref: string, at: VirtualMs): NodeId | null => (ref === 'leader' || ref.startsWith('role:') ? resolve(ref, at) : ref);
  const faults: FaultLike[] = [];
  for (const a of [...timeline].sort((x, y) => x.at - y.at)) {
    if (a.action === 'crash') {
      const node = id(a.node, a.at);
      if (node) faults.push({ t: a.at, action: 'crash', node });
    } else if (a.action === 'restart') {
      const node = a.node === undefined ? undefined : id(a.node, a.at);
      if (node !== null) faults.push({ t: a.at, action: 'restart', node });
    } else if (a.action === 'pause') {
      const node = id(a.node, a.at);
      if (node) faults.push({ t: a.at, action: 'pause', node, ms: a.ms });
    }
  }
  return downtimesFromFaults(faults);
}

/** downAt gives the downtime of `node` that covers `t` (fromMs ≤ t < toMs), or null when it was up then. */
export function downAt(downtimes: readonly Downtime[], node: NodeId, t: VirtualMs): Downtime | null {
  for (const d of downtimes) if (d.node === node && d.fromMs <= t && (d.toMs === null || t < d.toMs)) return d;
  return null;
}

/** crashedAt tells whether `node` was crashed (not merely paused) at `t`. */
export const crashedAt = (downtimes: readonly Downtime[], node: NodeId, t: VirtualMs): boolean => downAt(downtimes, node, t)?.cause === 'crash';
