/**
 * Delegation's safety properties, checked while a run goes on from the trace's records:
 * - Effect once: no task's effect is applied twice, on one node or on two. Completion is idempotent
 *   by task id at each node; across nodes, only the fencing check (one committed attempt per task)
 *   keeps a reassigned task's stale attempt from applying its effect too (Kleppmann's fencing tokens;
 *   more-protocols.md §5).
 * - Backoff: the k-th retry of an attempt waits at least the ack timeout plus half of
 *   backoffMs·2^(k−1) (capped at maxBackoffMs) after the previous send: exponential backoff with
 *   jitter in [½, 1], so that a failing follower is not hammered by a retry storm.
 */
import type { ClusterView, SafetyMonitor, SafetyProperty, SafetySpec, Violation } from '../../protocol';
import type { TraceRecord } from '../../trace';
import type { NodeId, VirtualMs } from '../../types';
import { delegationConfig, type DelegationConfig } from './config';
import type { DelegationState } from './state';

/** DelegationProperty names one of delegation's safety properties. */
export type DelegationProperty = 'Effect once' | 'Backoff';

/** DELEGATION_PROPERTIES are the properties, for the lamps. */
export const DELEGATION_PROPERTIES: readonly (SafetyProperty & { name: DelegationProperty })[] = [
  {
    name: 'Effect once',
    description: 'No task’s effect is applied twice: a reassigned task’s stale attempt is fenced off.',
    source: 'Idempotent completion by task id; fencing tokens (Chubby §2.3 sequencers; Kleppmann 2016)',
  },
  {
    name: 'Backoff',
    description: 'Each retry of an assignment waits longer than the last: exponential backoff with jitter, no retry storm.',
    source: 'Exponential backoff with jitter (AWS Architecture Blog, Brooker 2015); Nygard, Release It! ch. 5',
  },
];

/** DelegationSafetyMonitor checks Effect once and Backoff; feed it every trace record, in order. */
export class DelegationSafetyMonitor implements SafetyMonitor {
  readonly violations: Violation[] = [];
  /** task → the node and attempt that applied its effect. */
  private readonly applied = new Map<string, { node: NodeId; attempt: number }>();
  /** `task#attempt` → when the Assign was last sent and how many retries so far. */
  private readonly sends = new Map<string, { at: VirtualMs; retries: number }>();
  private config: DelegationConfig | null = null;

  constructor(private readonly nodes: readonly NodeId[], private readonly view?: ClusterView) {}

  /** check has nothing costlier to do: both properties are checked as records arrive. */
  check(_t: VirtualMs): void {}

  private configOf(): DelegationConfig {
    if (!this.config) {
      const s = this.view?.state(this.nodes[0]!) as DelegationState | undefined;
      this.config = s?.config ?? delegationConfig();
    }
    return this.config;
  }

  observe(r: TraceRecord): void {
    if (r.type !== 'record') return;
    const task = String(r.task);
    const attempt = Number(r.attempt);
    if (r.kind === 'complete') {
      const first = this.applied.get(task);
      if (first) {
        this.violations.push({
          property: 'Effect once',
          t: r.t,
          nodes: [...new Set([first.node, r.node])],
          indexes: [],
          text: `${r.node} applied ${task} (attempt ${attempt}), whose effect ${first.node} already applied (attempt ${first.attempt})`,
        });
      } else this.applied.set(task, { node: r.node, attempt });
    } else if (r.kind === 'assign' || r.kind === 'reassign') {
      this.sends.set(`${task}#${attempt}@${r.epoch}`, { at: r.t, retries: 0 });
    } else if (r.kind === 'retry') {
      const key = `${task}#${attempt}@${r.epoch}`;
      const last = this.sends.get(key);
      const k = Number(r.retry);
      if (last) {
        const c = this.configOf();
        const least = c.ackTimeoutMs + Math.floor(Math.min(c.maxBackoffMs, c.backoffMs * 2 ** (k - 1)) / 2);
        if (r.t - last.at < least) {
          this.violations.push({
            property: 'Backoff',
            t: r.t,
            nodes: [r.node, String(r.worker)],
            indexes: [],
            text: `${r.node} retried ${task} (attempt ${attempt}) at ${r.worker} for the ${ordinal(k)} time ${r.t - last.at} ms after the last send; backoff asks for at least ${least} ms`,
          });
        }
      }
      this.sends.set(key, { at: r.t, retries: k });
    }
  }
}

const ordinal = (k: number): string => `${k}${k % 10 === 1 && k % 100 !== 11 ? 'st' : k % 10 === 2 && k % 100 !== 12 ? 'nd' : k % 10 === 3 && k % 100 !== 13 ? 'rd' : 'th'}`;

/** delegationSafety declares the properties and makes a monitor per run. */
export const delegationSafety: SafetySpec = {
  properties: DELEGATION_PROPERTIES,
  monitor: (nodes, view) => new DelegationSafetyMonitor(nodes, view),
};
