/**
 * The report of a comparison (issue 20 §2): each side's run report (run-report.ts) and the
 * measures that set two protocols side by side, read from trace records alone, so they hold for
 * every protocol: messages per operation, latency percentiles of ok operations, leaderships and
 * epochs (Protocol.leaderRole, Protocol.epochName).
 */
import { epochNameOf, leaderRoleOf } from '../protocol';
import { getProtocol } from '../protocols/registry';
import { sideRuns, type CompareScenario, type SkippedAction } from '../scenario/compare';
import type { TraceRecord } from '../trace';
import type { VirtualMs } from '../types';
import { runReport, type RunReport } from './run-report';

/** Percentiles are the p50, p95 and p99 of a set of virtual-ms durations (nearest rank). */
export interface Percentiles {
  p50: VirtualMs;
  p95: VirtualMs;
  p99: VirtualMs;
}

/**
 * Leadership counts who led: `leaders` distinct (node, epoch) pairs seen in the protocol's leader
 * role (a Raft election won, a PBFT view's primary), `epochs` the distinct epochs they led in,
 * `maxEpoch` the highest epoch any node reached, in the protocol's word `epochName` (`term`,
 * `view`; null for a protocol without epochs, Protocol.epochName null: then `leaders` counts nodes).
 */
export interface Leadership {
  role: string;
  epochName: string | null;
  leaders: number;
  epochs: number;
  maxEpoch: number;
}

/** CompareMeasures are one side's measures beyond its run report. */
export interface CompareMeasures {
  /** Messages sent by nodes (duplicates by the network not counted) per ok operation; null when none succeeded. */
  messagesPerOp: number | null;
  messages: number;
  /** Latency from invoke to ok of the operations that succeeded (virtual ms); null when none did. */
  latencyMs: Percentiles | null;
  /** Null for a leader-free protocol. */
  leadership: Leadership | null;
}

/** CompareSideReport is one side's label, report, measures and the shared actions it skipped. */
export interface CompareSideReport {
  label: string;
  report: RunReport;
  measures: CompareMeasures;
  skipped: SkippedAction[];
}

/** CompareReport is what `npm run sim -- --compare … --json` prints. */
export interface CompareReport {
  format: 'consensus-playground compare report';
  version: 1;
  seed: number;
  nodes: string[];
  untilMs: VirtualMs;
  sides: [CompareSideReport, CompareSideReport];
}

/** percentile gives the nearest-rank `q`-quantile (0 < q ≤ 1) of ascending `sorted`, which is not empty. */
export function percentile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length, Math.max(1, Math.ceil(q * sorted.length))) - 1]!;
}

/** MeasureCollector reads one run's trace records into its {@link CompareMeasures}. */
export class MeasureCollector {
  private messages = 0;
  private readonly invoked = new Map<string, VirtualMs>();
  private readonly latencies: number[] = [];
  private readonly leaders = new Set<string>();
  private readonly leaderEpochs = new Set<number>();
  private maxEpoch = 0;
  private readonly role: string | null;
  private readonly epochName: string | null;

  constructor(protocol: string) {
    const p = getProtocol(protocol).protocol;
    this.role = leaderRoleOf(p);
    this.epochName = p.epochName === null ? null : epochNameOf(p);
  }

  /** observe takes the next record, in trace order. */
  readonly observe = (r: TraceRecord): void => {
    if (r.type === 'send') {
      if (!r.dup) this.messages++;
    } else if (r.type === 'client') {
      // A client has one operation outstanding at a time (Jepsen's model), so its next outcome ends it.
      if (r.phase === 'invoke') this.invoked.set(r.client, r.t);
      else {
        const from = this.invoked.get(r.client);
        this.invoked.delete(r.client);
        if (r.phase === 'ok' && from !== undefined) this.latencies.push(r.t - from);
      }
    } else if (r.type === 'state') {
      this.maxEpoch = Math.max(this.maxEpoch, r.term);
      if (this.role !== null && r.role === this.role) {
        this.leaders.add(`${r.node}@${r.term}`);
        this.leaderEpochs.add(r.term);
      }
    }
  };

  /** measures gives the measures so far; `ok` is the run report's count of ok operations. */
  measures(ok: number): CompareMeasures {
    const sorted = [...this.latencies].sort((a, b) => a - b);
    return {
      messagesPerOp: ok > 0 ? Math.round((this.messages / ok) * 10) / 10 : null,
      messages: this.messages,
      latencyMs: sorted.length ? { p50: percentile(sorted, 0.5), p95: percentile(sorted, 0.95), p99: percentile(sorted, 0.99) } : null,
      leadership:
        this.role === null
          ? null
          : { role: this.role, epochName: this.epochName, leaders: this.leaders.size, epochs: this.leaderEpochs.size, maxEpoch: this.maxEpoch },
    };
  }
}

/**
 * compareReport runs both sides of `c` to its end, one after the other, each deterministically from
 * the same seed, and reports them. `newDeadline` gives each side's consistency check its own
 * deadline (the caller's wall clock; the verdict is `unknown` when it passes).
 */
export function compareReport(c: CompareScenario, opts: { newDeadline?: () => () => boolean } = {}): CompareReport {
  const sides = sideRuns(c).map((side): CompareSideReport => {
    const collector = new MeasureCollector(side.scenario.protocol);
    const report = runReport(side.scenario, { ...(opts.newDeadline ? { deadline: opts.newDeadline() } : {}), trace: collector.observe });
    return { label: side.label, report, measures: collector.measures(report.operations.ok), skipped: side.skipped };
  }) as [CompareSideReport, CompareSideReport];
  return { format: 'consensus-playground compare report', version: 1, seed: c.seed, nodes: c.nodes, untilMs: c.until, sides };
}
