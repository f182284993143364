/**
 * The detector's knobs as flat fields of a protocol's scenario `config`, with a valibot schema to
 * spread into the protocol's own (`v.strictObject({...DETECTOR_CONFIG_ENTRIES, ...})`) and
 * {@link detectorConfigOf} to build the {@link DetectorConfig}. Messages are worded for people
 * (`{field}`, `{got}`: src/core/scenario/issues.ts).
 */
import * as v from 'valibot';
import { type DetectorConfig, type DetectorKind, DETECTOR_KINDS, PHI_DEFAULTS } from './detector';

/** DetectorFields are the detector's fields of a protocol's config. Times are virtual ms. */
export interface DetectorFields {
  /** Which detector: `fixed` (a timeout) or `phi` (φ accrual). */
  detector: DetectorKind;
  /** fixed: suspect after this much silence (virtual ms). */
  detectorTimeoutMs: number;
  /** phi: Φ, the φ at which a peer is suspected. */
  phiThreshold: number;
  /** phi: the acceptable pause added to the mean inter-arrival time (virtual ms). */
  phiAcceptablePauseMs: number;
  /** phi: the floor on the standard deviation (virtual ms). */
  phiMinStdDeviationMs: number;
  /** phi: how many recent inter-arrival times the window keeps. */
  phiWindow: number;
}

/**
 * DETECTOR_FIELD_DEFAULTS: a fixed timeout of 1 s; for φ, Akka's threshold 8 and σ floor 100 ms,
 * with an acceptable pause of 500 ms (Akka's 3 s suits its 1 s heartbeats; the playground beats
 * faster) and a window of 100 samples.
 */
export const DETECTOR_FIELD_DEFAULTS: DetectorFields = {
  detector: 'fixed',
  detectorTimeoutMs: 1000,
  phiThreshold: PHI_DEFAULTS.threshold,
  phiAcceptablePauseMs: 500,
  phiMinStdDeviationMs: PHI_DEFAULTS.minStdDeviationMs,
  phiWindow: 100,
};

const num = (lo: number, hi: number, unit: string, integer: boolean) => {
  const words = `{field} must be a ${integer ? 'whole ' : ''}number${unit} from ${lo} to ${hi} (got {got})`;
  return integer
    ? v.pipe(v.number(words), v.integer(words), v.minValue(lo, words), v.maxValue(hi, words))
    : v.pipe(v.number(words), v.minValue(lo, words), v.maxValue(hi, words));
};

/** DETECTOR_CONFIG_ENTRIES are the valibot entries of {@link DetectorFields}, with defaults. */
export const DETECTOR_CONFIG_ENTRIES = {
  detector: v.optional(v.picklist(DETECTOR_KINDS, `{field} must be one of ${DETECTOR_KINDS.join(', ')} (got {got})`), DETECTOR_FIELD_DEFAULTS.detector),
  detectorTimeoutMs: v.optional(num(1, 600_000, ' of virtual ms', true), DETECTOR_FIELD_DEFAULTS.detectorTimeoutMs),
  phiThreshold: v.optional(num(0.1, 100, '', false), DETECTOR_FIELD_DEFAULTS.phiThreshold),
  phiAcceptablePauseMs: v.optional(num(0, 600_000, ' of virtual ms', true), DETECTOR_FIELD_DEFAULTS.phiAcceptablePauseMs),
  phiMinStdDeviationMs: v.optional(num(1, 60_000, ' of virtual ms', true), DETECTOR_FIELD_DEFAULTS.phiMinStdDeviationMs),
  phiWindow: v.optional(num(1, 1000, ' of samples', true), DETECTOR_FIELD_DEFAULTS.phiWindow),
};

/**
 * detectorConfigOf builds the detector a config's fields describe; `heartbeatIntervalMs` (virtual
 * ms, how often the watched peers send heartbeats) seeds φ's first estimate.
 */
export function detectorConfigOf(f: DetectorFields, heartbeatIntervalMs: number): DetectorConfig {
  if (f.detector === 'fixed') return { kind: 'fixed', timeoutMs: f.detectorTimeoutMs };
  return {
    kind: 'phi',
    threshold: f.phiThreshold,
    acceptablePauseMs: f.phiAcceptablePauseMs,
    minStdDeviationMs: f.phiMinStdDeviationMs,
    maxSampleSize: f.phiWindow,
    firstHeartbeatEstimateMs: heartbeatIntervalMs,
  };
}
