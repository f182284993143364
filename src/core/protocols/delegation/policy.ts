/**
 * Assignment policies: which follower gets a task, among the eligible ones (they offer the task's
 * capability, are not suspected, and their breaker admits work). See {@link Policy}. Pure.
 */
import type { NodeId } from '../../types';
import type { Policy } from './config';

/** Candidate is one eligible follower with what the policies weigh. */
export interface Candidate {
  id: NodeId;
  /** Tasks it holds now. */
  load: number;
  /** Tasks it was given over the run (second tie-break, so idle followers share the work). */
  given: number;
  /** How many capabilities it offers (capability match prefers the fewest: the best fit). */
  capabilities: number;
}

/**
 * fnv1a hashes a string to an unsigned 32-bit point on the ring: FNV-1a, then MurmurHash3's
 * finaliser, since FNV alone leaves names that differ in their last character (n3#0, n3#1, …)
 * bunched together on the ring.
 */
export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** ringOf places `virtualNodes` points per node on the ring, sorted by position (Dynamo §4.2). */
export function ringOf(nodes: readonly NodeId[], virtualNodes: number): { at: number; node: NodeId }[] {
  const ring: { at: number; node: NodeId }[] = [];
  for (const node of nodes) for (let i = 0; i < virtualNodes; i++) ring.push({ at: fnv1a(`${node}#${i}`), node });
  return ring.sort((a, b) => a.at - b.at || (a.node < b.node ? -1 : 1));
}

/**
 * hashPick walks the ring of `all` (every follower, so a follower's failure moves only its own
 * tasks: monotonicity, Karger §4) clockwise from `task`'s point and gives the first eligible node.
 */
export function hashPick(task: string, all: readonly NodeId[], eligible: ReadonlySet<NodeId>, virtualNodes: number): NodeId | null {
  const ring = ringOf(all, virtualNodes);
  if (ring.length === 0) return null;
  const at = fnv1a(task);
  let i = ring.findIndex((p) => p.at >= at);
  if (i < 0) i = 0;
  for (let k = 0; k < ring.length; k++) {
    const p = ring[(i + k) % ring.length]!;
    if (eligible.has(p.node)) return p.node;
  }
  return null;
}

/** byLoad orders candidates by load, then tasks given, then rank (their order in the list). */
const byLoad = (a: Candidate, b: Candidate): number => a.load - b.load || a.given - b.given;

/**
 * pick chooses a follower for `task` by `policy` among `candidates` (eligible, in rank order), or
 * null when there is none. `cursor` is round robin's last pick; `all` every follower, for the ring.
 */
export function pick(policy: Policy, task: string, candidates: readonly Candidate[], opts: { cursor: NodeId | null; all: readonly NodeId[]; virtualNodes: number }): NodeId | null {
  if (candidates.length === 0) return null;
  switch (policy) {
    case 'round-robin': {
      const at = opts.cursor === null ? -1 : opts.all.indexOf(opts.cursor);
      const after = candidates.filter((c) => opts.all.indexOf(c.id) > at);
      return (after[0] ?? candidates[0]!).id;
    }
    case 'least-loaded':
      return [...candidates].sort(byLoad)[0]!.id;
    case 'consistent-hash':
      return hashPick(task, opts.all, new Set(candidates.map((c) => c.id)), opts.virtualNodes);
    case 'capability':
      return [...candidates].sort((a, b) => a.capabilities - b.capabilities || byLoad(a, b))[0]!.id;
    default: {
      const never: never = policy;
      throw new Error(`unknown policy ${String(never)}`);
    }
  }
}

/**
 * backoffMs gives the wait before retry `k` (1-based): base·2^(k−1), capped at `max`, times a jitter
 * drawn in [½, 1] ("equal jitter"), so retries from many tasks do not fall in step.
 */
export function backoffMs(k: number, base: number, max: number, jitter: number): number {
  const full = Math.min(max, base * 2 ** (k - 1));
  return Math.max(1, Math.round(full * (0.5 + jitter / 2)));
}
