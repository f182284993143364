/**
 * Delegation's run measures for `npm run sim -- --report` (ProtocolEntry.metrics): tasks submitted,
 * accepted, completed and duplicated (applied more than once); retries, reassignments and shed
 * requests; and the failure detector's shared measures (src/core/detectors/measures.ts): the time
 * to detect each crash (by each watching node) and false suspicions (a node suspected while it was
 * up: a partition, a slow link or a pause).
 */
import { downtimesFromFaults } from '../../detectors/downtime';
import { detectorMeasures, type DetectorRecord } from '../../detectors/measures';
import type { NodeId, VirtualMs } from '../../types';
import type { ConsistencyInput } from '../plugin';

/** delegationMetrics measures a run (see the module comment). */
export function delegationMetrics(input: ConsistencyInput): Record<string, unknown> {
  const submitted = new Set<string>();
  const accepted = new Set<string>();
  for (const r of input.history) {
    if (r.op.f !== 'submit') continue;
    if (r.phase === 'invoke') submitted.add(String(r.op.id));
    else if (r.phase === 'ok') accepted.add(String(r.op.id));
  }
  const applies = new Map<string, number>();
  const count = (kind: string): number => input.records.filter((r) => r.kind === kind).length;
  for (const r of input.records) if (r.kind === 'complete') applies.set(String(r.task), (applies.get(String(r.task)) ?? 0) + 1);
  const downtimes = downtimesFromFaults(input.faults);
  const m = detectorMeasures(input.records as readonly DetectorRecord[], downtimes, input.now);
  return {
    tasks: { submitted: submitted.size, accepted: accepted.size, completed: applies.size, duplicated: [...applies.values()].filter((n) => n > 1).length },
    retries: count('retry'),
    reassigns: count('reassign'),
    shed: count('shed'),
    coordinatorAnnouncements: count('announce'),
    detectionMs: m.detections.map((d) => d.ms),
    suspicions: m.suspicions,
    falseSuspicions: m.falseSuspicions.length,
    falseSuspicionsPerWatchedMinute: Math.round(m.falsePerMinute * 100) / 100,
  };
}
