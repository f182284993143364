/**
 * The quorum protocol's consistency model: its gets and puts must be linearizable (the existing
 * key-value checker, as Raft and PBFT use it: a read returns the latest completed write, Gifford
 * 1979's serial consistency). Proposals are judged by the safety lamps instead (invariants.ts).
 * Also the run's own measures for `npm run sim -- --report` (`metrics`).
 */
import type { ClientRecord } from '../../check/checked-run';
import { LINEARIZABLE_KV } from '../../check/linearizability/spec';
import type { ConsistencyInput, ConsistencySpec } from '../plugin';

/** isKv tells whether a client record is a get or a put (what the linearizability checker reads). */
const isKv = (r: ClientRecord): boolean => r.op.f === 'get' || r.op.f === 'put';

/** QUORUM_LINEARIZABLE is LINEARIZABLE_KV over the history's gets and puts. */
export const QUORUM_LINEARIZABLE: ConsistencySpec = {
  ...LINEARIZABLE_KV,
  description: `${LINEARIZABLE_KV.description}. Gets and puts only: proposals are checked by the lamps`,
  check: (input) => LINEARIZABLE_KV.check({ ...input, history: input.history.filter(isKv) }),
};

/** Interval is one completed op of the history: when it was called and when it returned (virtual ms). */
interface Interval {
  call: number;
  ret: number;
  key: string;
  value: string | null;
}

/**
 * staleReads counts completed gets that returned a value already overwritten before the get began:
 * some put of the key completed before the get's call, after the put that wrote the value returned
 * (or any completed put, when the get read nothing). Values are assumed unique per put, as the
 * workload and the examples make them. A quick witness count for reports; the checker decides.
 */
export function staleReads(history: readonly ClientRecord[]): number {
  const open = new Map<string, ClientRecord>();
  const puts: Interval[] = [];
  const gets: Interval[] = [];
  for (const r of history) {
    if (!isKv(r)) continue;
    if (r.phase === 'invoke') open.set(r.client, r);
    else {
      const inv = open.get(r.client);
      open.delete(r.client);
      if (!inv || r.phase !== 'ok') continue;
      const key = String(r.op.key);
      if (r.op.f === 'put') puts.push({ call: inv.t, ret: r.t, key, value: String(r.op.value) });
      else gets.push({ call: inv.t, ret: r.t, key, value: (r.result as string | null | undefined) ?? null });
    }
  }
  let stale = 0;
  for (const g of gets) {
    const writer = g.value === null ? null : puts.find((p) => p.key === g.key && p.value === g.value);
    if (puts.some((p) => p.key === g.key && p.ret < g.call && (writer === null || (writer !== undefined && writer.ret < p.call)))) stale++;
  }
  return stale;
}

/**
 * quorumMetrics gives the run's own measures: proposals decided and undecided (by their first
 * honest-or-not tally's decision records), reads completed, stale reads found, and how many
 * quorums of each size (replicas) formed, by phase.
 */
export function quorumMetrics(input: ConsistencyInput): Record<string, unknown> {
  const proposed = new Set<string>();
  for (const r of input.history) if (r.phase === 'invoke' && r.op.f === 'propose') proposed.add(String(r.op.id));
  const outcomes = new Map<string, string>();
  const sizes: Record<string, Record<string, number>> = { read: {}, write: {} };
  for (const r of input.records) {
    if (r.kind === 'decide' && !outcomes.has(String(r.proposal))) outcomes.set(String(r.proposal), String(r.outcome));
    if (r.kind === 'quorum') {
      const bySize = sizes[String(r.phase)]!;
      const n = String((r.members as unknown[]).length);
      bySize[n] = (bySize[n] ?? 0) + 1;
    }
  }
  const decided = [...proposed].filter((p) => outcomes.has(p));
  return {
    proposals: {
      proposed: proposed.size,
      approved: decided.filter((p) => outcomes.get(p) === 'approved').length,
      rejected: decided.filter((p) => outcomes.get(p) === 'rejected').length,
      undecided: proposed.size - decided.length,
    },
    reads: input.history.filter((r) => r.phase === 'ok' && r.op.f === 'get').length,
    staleReads: staleReads(input.history),
    quorumSizes: sizes,
  };
}
