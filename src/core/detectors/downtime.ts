/**
 * When nodes were down (crashed) or paused, for the detector measures: a suspicion of a crashed
 * node is a detection, a suspicion of any other node (up, or merely paused, as by a GC pause) is a
 * false suspicion. Built from the run's own `fault` and `resume` records (resolved node ids), so
 * it agrees with what the simulator did.
 */
import type { NodeId, VirtualMs } from '../types';

/** Downtime is one stretch [fromMs, toMs) in which `node` was crashed or paused (toMs null: to the end). */
export interface Downtime {
  node: NodeId;
  fromMs: VirtualMs;
  toMs: VirtualMs | null;
  cause: 'crash' | 'pause';
}

/**
 * FaultLike is the part of a trace record read here: a `fault` record (its `action`, the resolved
 * `node` or, for a restart, `nodes`) or a `resume` record (the end of a node's pause).
 */
export interface FaultLike {
  t: VirtualMs;
  type?: string;
  action?: string;
  node?: unknown;
  nodes?: unknown;
  skipped?: unknown;
}

/**
 * downtimesFromFaults gives the downtimes that the run's `fault` and `resume` records (in trace
 * order, {@link ConsistencyInput.faults}) describe: a `crash` until the `restart` that names the
 * node, a `pause` until the node's `resume` record (the simulator's own end of it: a crash ends a
 * pause, pausing a paused node extends it). Skipped actions count for nothing.
 */
export function downtimesFromFaults(faults: readonly FaultLike[]): Downtime[] {
  const out: Downtime[] = [];
  const crashed = new Map<NodeId, Downtime>();
  const paused = new Map<NodeId, Downtime>();
  const endPause = (node: NodeId, t: VirtualMs) => {
    const p = paused.get(node);
    if (p) p.toMs = t;
    paused.delete(node);
  };
  for (const f of faults) {
    if (f.skipped) continue;
    if (f.type === 'resume' && typeof f.node === 'string') endPause(f.node, f.t);
    else if (f.action === 'crash' && typeof f.node === 'string' && !crashed.has(f.node)) {
      endPause(f.node, f.t);
      const d: Downtime = { node: f.node, fromMs: f.t, toMs: null, cause: 'crash' };
      crashed.set(f.node, d);
      out.push(d);
    } else if (f.action === 'restart') {
      const ids = Array.isArray(f.nodes) ? (f.nodes as NodeId[]) : typeof f.node === 'string' ? [f.node] : [...crashed.keys()];
      for (const id of ids) {
        const d = crashed.get(id);
        if (d) d.toMs = f.t;
        crashed.delete(id);
      }
    } else if (f.action === 'pause' && typeof f.node === 'string' && !crashed.has(f.node) && !paused.has(f.node)) {
      const d: Downtime = { node: f.node, fromMs: f.t, toMs: null, cause: 'pause' };
      paused.set(f.node, d);
      out.push(d);
    }
  }
  return out;
}

/** downAt gives the downtime of `node` that covers `t` (fromMs ≤ t < toMs), or null when it was up then. */
export function downAt(downtimes: readonly Downtime[], node: NodeId, t: VirtualMs): Downtime | null {
  for (const d of downtimes) if (d.node === node && d.fromMs <= t && (d.toMs === null || t < d.toMs)) return d;
  return null;
}

/** crashedAt tells whether `node` was crashed (not merely paused) at `t`. */
export const crashedAt = (downtimes: readonly Downtime[], node: NodeId, t: VirtualMs): boolean => downAt(downtimes, node, t)?.cause === 'crash';
