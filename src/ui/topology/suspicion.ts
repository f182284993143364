/**
 * Suspicion: which nodes the honest replicas have caught misbehaving, aggregated from every node's
 * NodeDetail.suspects. A Byzantine node's own accusations are ignored: the adversary may accuse
 * anyone, so only honest evidence marks a node on the canvas.
 */
import type { NodeDetail } from '../../core/protocol';
import type { NodeId } from '../../core/types';

/** Suspicion is what the honest nodes hold against one node. */
export interface Suspicion {
  /** The honest nodes suspecting it, in cluster order. */
  by: NodeId[];
  /** Each suspecter's first evidence, in words, in the order of `by`. */
  reasons: string[];
}

/** isByzantine says whether `d` reports a Byzantine behaviour (absent details count as honest). */
export const isByzantine = (d: NodeDetail | undefined): boolean => typeof d?.behaviour === 'string' && d.behaviour !== '';

/**
 * suspicionOf gives what the honest nodes among `nodeIds` hold against node `id` (never `id`
 * itself, which may not suspect itself). Empty `by` when no honest node suspects it.
 */
export function suspicionOf(details: Readonly<Record<NodeId, NodeDetail>>, nodeIds: readonly NodeId[], id: NodeId): Suspicion {
  const out: Suspicion = { by: [], reasons: [] };
  for (const n of nodeIds) {
    if (n === id) continue;
    const d = details[n];
    if (!d || isByzantine(d)) continue;
    const reason = d.suspects?.[id];
    if (reason === undefined) continue;
    out.by.push(n);
    out.reasons.push(reason);
  }
  return out;
}

/** suspectersText gives the suspecters as the marker shows them: ids up to `max`, else a count. */
export function suspectersText(by: readonly NodeId[], max = 3): string {
  if (by.length === 0) return '';
  return by.length <= max ? `suspected by ${by.join(' ')}` : `suspected by ${by.length} replicas`;
}
