/**
 * PBFT's safety properties (Castro & Liskov 1999, §4.5.1 and §3), checked while a run goes on from
 * the trace's `apply` and `client` records. Only honest replicas (no behaviour in config.byzantine,
 * read live through the cluster view) are held to them: the paper promises nothing of faulty ones.
 *
 * - Agreement: no two honest replicas execute different requests at the same sequence number
 *   (§4.5.1: "non-faulty replicas agree on the sequence numbers of requests that commit locally").
 * - Validity: every request an honest replica executes was issued by a client (§3: replicas
 *   execute only requests clients signed). Checked against the `client` invoke records: the
 *   simulated clients (src/core/sim/clients.ts) number their requests 1, 2, 3, … in invoke order, so
 *   request `requestId` of client c must be c's requestId-th invoke, with the same op. Null
 *   requests are not client requests and are not checked.
 */
import type { SafetyMonitor, SafetyProperty, SafetySpec, Violation as AnyViolation, ClusterView } from '../../protocol';
import type { TraceRecord } from '../../trace';
import type { NodeId, KvOp, VirtualMs } from '../../types';
import { canonical } from './auth';
import type { PbftState } from './state';

/** PbftProperty names one of PBFT's safety properties. */
export type PbftProperty = 'Agreement' | 'Validity';

/** PBFT_PROPERTIES are the properties, for the lamps. */
export const PBFT_PROPERTIES: readonly (SafetyProperty & { name: PbftProperty })[] = [
  {
    name: 'Agreement',
    description: 'No two honest replicas execute different requests at the same sequence number.',
    source: 'Castro & Liskov 1999, §4.5.1',
  },
  {
    name: 'Validity',
    description: 'Every request an honest replica executes was issued by a client, exactly as the client sent it.',
    source: 'Castro & Liskov 1999, §3',
  },
];

/** Violation is one broken PBFT property. */
export interface Violation extends AnyViolation {
  property: PbftProperty;
}

/** PbftSafetyMonitor checks Agreement and Validity on a run; feed it every trace record, in order. */
export class PbftSafetyMonitor implements SafetyMonitor {
  readonly violations: Violation[] = [];
  private readonly honest: (id: NodeId) => boolean;
  /** The first honest execution at each sequence number. */
  private readonly executed = new Map<number, { node: NodeId; key: string; text: string }>();
  /** Each client's invoked ops, in order: request id k is entry k − 1 (canonical JSON). */
  private readonly invoked = new Map<string, string[]>();
  private readonly seen = new Set<string>();

  /** @param honest tells whether a replica is honest (not Byzantine) now. */
  constructor(honest: (id: NodeId) => boolean) {
    this.honest = honest;
  }

  /** check has nothing costlier to do: every property is checked as records arrive. */
  check(_t: VirtualMs): void {}

  observe(r: TraceRecord): void {
    if (r.type === 'client' && r.phase === 'invoke') {
      let ops = this.invoked.get(r.client);
      if (!ops) this.invoked.set(r.client, (ops = []));
      ops.push(canonical(r.op));
    } else if (r.type === 'apply' && this.honest(r.node)) this.onApply(r.t, r.node, r.index, r.command);
  }

  private report(v: Violation): void {
    const key = `${v.property}|${v.nodes.join(',')}|${v.indexes.join(',')}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.violations.push(v);
  }

  private onApply(t: VirtualMs, node: NodeId, seq: number, command: unknown): void {
    const key = canonical(command);
    const text = describe(command);
    const first = this.executed.get(seq);
    if (!first) this.executed.set(seq, { node, key, text });
    else if (first.key !== key) {
      this.report({ property: 'Agreement', t, nodes: [first.node, node], indexes: [seq], text: `honest replicas ${first.node} and ${node} executed different requests at seq ${seq}: ${first.text} and ${text}` });
    }
    const c = command as { kind?: string; client?: string; requestId?: number; op?: KvOp };
    if (c?.kind !== 'op') return;
    const issued = this.invoked.get(String(c.client))?.[Number(c.requestId) - 1];
    if (issued !== canonical(c.op)) {
      this.report({ property: 'Validity', t, nodes: [node], indexes: [seq], text: `honest replica ${node} executed ${text} at seq ${seq}, which client ${String(c.client)} never issued` });
    }
  }
}

function describe(command: unknown): string {
  const c = command as { kind?: string; client?: string; requestId?: number; op?: KvOp };
  if (c?.kind === 'noop') return 'the null request';
  if (c?.kind === 'op' && c.op) return `${c.client}#${c.requestId} ${c.op.f} ${c.op.key}`;
  return JSON.stringify(command);
}

/** pbftSafety declares PBFT's properties through the protocol interface; honesty is read from each replica's live state. */
export const pbftSafety: SafetySpec = {
  properties: PBFT_PROPERTIES,
  monitor: (_nodes: readonly NodeId[], view: ClusterView) => new PbftSafetyMonitor((id) => (view.state(id) as PbftState).behaviour === null),
};
