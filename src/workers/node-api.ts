/**
 * The API one node worker exposes over comlink: it hosts a single {@link LocalNode}, exactly the
 * code the in-thread driver runs. Shared by the browser's Web Worker and Node's worker_threads entry.
 */
import { getProtocol } from '../core/protocols/registry';
import type { NodeDetail } from '../core/protocol';
import { LocalNode, type NodeBoot, type NodeSnapshot, type StepCall, type StepResult } from '../core/sim/host';

let node: LocalNode | null = null;

function host(): LocalNode {
  if (!node) throw new Error('node worker: boot() was not called');
  return node;
}

/** nodeApi is what a node worker exposes. */
export const nodeApi = {
  /** boot creates (or re-creates) the hosted node. @throws Error for an unknown protocol. */
  boot(boot: NodeBoot): void {
    node = new LocalNode(getProtocol(boot.protocol).protocol, boot);
  },
  /** step answers calls in order (all for this node). */
  step(calls: StepCall[]): StepResult[] {
    const n = host();
    return calls.map((c) => n.step(c));
  },
  inspect(): NodeDetail {
    return host().inspect();
  },
  snapshot(): NodeSnapshot {
    return host().snapshot();
  },
  restore(s: NodeSnapshot): void {
    host().restore(s);
  },
};

/** NodeApi is the type a comlink Remote wraps. */
export type NodeApi = typeof nodeApi;
