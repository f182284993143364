/**
 * Bully's run measures (issue 14 "Trace"): elections, coordinator announcements, and the failure
 * detector's shared measures (src/core/detectors/measures.ts): time to detect each crash, false
 * suspicions, and both replayed against other thresholds. Read from the run's records and its
 * scenario's timeline; printed by `npm run sim -- --report` as `metrics`, drawn by the panel.
 */
import { defaultThresholds, detectorMeasures, thresholdSweep, type DetectorMeasures, type DetectorRecord, type SweepPoint } from '../../detectors/measures';
import { downtimesFromFaults, type Downtime } from '../../detectors/downtime';
import type { DetectorConfig } from '../../detectors/detector';
import { detectorConfigOf } from '../../detectors/schema';
import type { ConsistencyInput } from '../plugin';
import type { NodeId, VirtualMs } from '../../types';
import { bullyConfig, type BullyConfig } from './config';

/** DetectorView is what the panel's detector plot and the report need: the detector, its measures and the sweep. */
export interface DetectorView {
  detector: DetectorConfig;
  measures: DetectorMeasures;
  sweep: SweepPoint[];
  downtimes: Downtime[];
}

/** configOf reads bully's config from a scenario (defaults filled in). */
export const configOf = (input: Pick<ConsistencyInput, 'scenario'>): BullyConfig => bullyConfig(input.scenario.config as Partial<BullyConfig>);

/** detectorView measures the run's detector (see {@link DetectorView}). */
export function detectorView(input: Pick<ConsistencyInput, 'scenario' | 'records' | 'faults' | 'now'>): DetectorView {
  const config = configOf(input);
  const detector = detectorConfigOf(config, config.heartbeatMs);
  const records = input.records as readonly DetectorRecord[];
  const downtimes = downtimesFromFaults(input.faults);
  return {
    detector,
    measures: detectorMeasures(records, downtimes, input.now),
    sweep: thresholdSweep(records, downtimes, detector, defaultThresholds(detector), input.now),
    downtimes,
  };
}

/** bullyMetrics gives `--report`'s metrics: elections, announcements, detection times, false suspicions and the threshold sweep. */
export function bullyMetrics(input: ConsistencyInput): Record<string, unknown> {
  const v = detectorView(input);
  const count = (kind: string) => input.records.filter((r) => r.kind === kind).length;
  const round = (x: number) => Math.round(x * 100) / 100;
  return {
    elections: count('election'),
    coordinatorAnnouncements: count('coordinator'),
    detector: v.detector,
    detectionMs: v.measures.detections.map((d) => d.ms),
    detections: v.measures.detections,
    suspicions: v.measures.suspicions,
    falseSuspicions: v.measures.falseSuspicions.length,
    falseSuspicionsPerWatchedMinute: round(v.measures.falsePerMinute),
    sweep: v.sweep.map((p) => ({ ...p, falsePerMinute: round(p.falsePerMinute), meanDetectionMs: p.meanDetectionMs === null ? null : round(p.meanDetectionMs) })),
  };
}
